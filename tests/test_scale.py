"""Streaming: a run split into small dedup batches and shards gives the same dataset as one
batch, finds copies across batches, and leaves only final, named shards."""

from __future__ import annotations

import json

from versions_helpers import article, make_spec

from curator.builder import build, update
from curator.package import load_manifest
from curator.package.parquet import read_shard_records
from curator.package.validate import validate


def _write(path, rows) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for url, i in rows:
            fh.write(
                json.dumps({"text": article(i), "url": url, "fetched_at": "2026-11-20T10:00:00Z"})
                + "\n"
            )


def _rows(n: int) -> list[tuple[str, int]]:
    rows = [(f"https://news.example/story/{i}", i) for i in range(n)]
    # copies that land in later batches: same URL (a re-listing) and same text elsewhere
    rows += [(f"https://news.example/story/{i}", i) for i in range(0, n, 5)]
    rows += [(f"https://mirror.example/copy/{i}", i) for i in range(1, n, 7)]
    return rows


def _kept(dataset) -> list[dict]:
    manifest = load_manifest(dataset)
    return [r for rel in manifest.latest["shards"] for r in read_shard_records(dataset, rel)]


def _build(tmp_path, name: str, rows, batch: int):
    folder = tmp_path / name
    folder.mkdir()
    _write(folder / "pages.jsonl", rows)
    spec = make_spec(folder, "jsonl", extra="shard_size = 7")
    return spec, build(spec, progress=False, executor={"workers": 1}, dedup_batch=batch)


def test_small_batches_match_one_batch_and_catch_copies_across_batches(tmp_path):
    rows = _rows(30)
    _, one = _build(tmp_path, "one", rows, batch=10_000)
    _, many = _build(tmp_path, "many", rows, batch=6)
    assert many.counts == one.counts and one.counts["added"] == 30
    assert one.counts["duplicates"] == len(rows) - 30
    kept = _kept(many.dataset)
    assert len({r["content_sha256"] for r in kept}) == len(kept) == 30
    assert {r["content_sha256"] for r in kept} == {r["content_sha256"] for r in _kept(one.dataset)}
    # across batches the copy seen first wins, the way a published row does
    assert all(r["url"].startswith("https://news.example/") for r in kept)
    assert validate(many.dataset) == []
    names = sorted(p.name for p in (many.dataset / "data" / "v1.0.0").iterdir())
    assert names == [f"train-{i:05d}-of-00005.parquet" for i in range(5)]  # 30 rows / 7
    dups = (many.dataset / ".curator" / "reports" / "v1.0.0" / "duplicates.jsonl").read_text()
    assert len(dups.splitlines()) == len(rows) - 30


def test_update_in_small_batches_finds_copies_of_published_and_earlier_batches(tmp_path):
    spec, first = _build(tmp_path, "up", _rows(12), batch=4)
    assert first.counts["added"] == 12
    _write(spec.parent / "pages.jsonl", _rows(24))
    second = update(spec, progress=False, executor={"workers": 1}, dedup_batch=5)
    assert second.counts["added"] == 12 and second.counts["unchanged"] == len(_rows(12))
    kept = _kept(second.dataset)
    assert len(kept) == len({r["id"] for r in kept}) == len({r["content_sha256"] for r in kept})
    assert validate(second.dataset) == []
    index = json.loads((second.dataset / ".curator" / "index" / "dedup" / "index.json").read_text())
    segments = {p.name for p in (second.dataset / ".curator" / "index" / "dedup").iterdir()}
    assert set(index["segments"]) == segments - {"index.json"}  # no unlisted batch left over
    assert not (second.dataset / ".curator" / "seen.pending").exists()
