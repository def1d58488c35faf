"""Corrections: a published article whose page changed upstream is carried, corrected, by the
next version (a patch when nothing is added) while pinned versions keep the old text. Every
update here is a real ``curator.update``; what it did is read back from the manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow.parquet as pq
import pytest
from versions_helpers import article, make_spec

from curator.builder import build, update
from curator.package import load_manifest
from curator.package.corrections import (
    CorrectionFinder,
    Corrections,
    apply_corrections,
    merge_corrections,
)
from curator.package.diff import diff
from curator.package.parquet import read_shard_records
from curator.package.validate import validate
from curator.pipeline import Document

OLD_FETCH, NEW_FETCH = "2026-11-20T10:00:00Z", "2026-12-01T08:30:00Z"


@pytest.fixture(autouse=True)
def _hf_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))


def _write_pages(path, indices, edits: dict[int, int] | None = None) -> None:
    edits = edits or {}
    with path.open("w", encoding="utf-8") as fh:
        for i in indices:
            row = {
                "text": article(i, edits.get(i, 0)),
                "url": f"https://news.example/story/{i}",
                "fetched_at": NEW_FETCH if i in edits else OLD_FETCH,
            }
            fh.write(json.dumps(row) + "\n")


def _body(i: int, edit: int = 0) -> str:
    """The article's last paragraph: the cleaner takes the first line for the title."""
    return article(i, edit).split("\n\n")[-1].strip()


def _built(tmp_path, n: int = 5, extra: str = ""):
    _write_pages(tmp_path / "pages.jsonl", range(n))
    spec = make_spec(tmp_path, "jsonl", extra)
    result = build(spec, progress=False)
    assert result.version == "v1.0.0"
    return spec, result.dataset


def _rows(dataset, config: str, cache) -> dict[str, dict]:
    import datasets

    datasets.disable_progress_bars()
    ds = datasets.load_dataset(str(dataset), config, split="train", cache_dir=str(cache))
    return {r["id"]: r for r in ds}


def _id_of(dataset, url: str) -> str:
    from curator.dedup import Deduplicator

    return Deduplicator(dataset / ".curator" / "index").lookup(url)


@dataclass
class _Plan:
    """What an update's corrections did, read back from the manifest."""

    ids: list[str]
    dropped_shards: list[str]
    new_shards: dict[str, dict]


def _update(spec_path, dataset):
    """``curator.update``, then the version it wrote and the corrections it made."""
    before = load_manifest(dataset)
    result = update(spec_path, progress=False)
    manifest = load_manifest(dataset)
    entry = manifest.latest
    assert result.version == entry["version"]
    new = {
        rel: manifest.shards[rel]
        for rel in entry["shards"]
        if manifest.shards[rel].get("replaces")
        and manifest.shards[rel]["added_in"] == entry["version"]
    }
    dropped = [s for s in before.latest["shards"] if s not in entry["shards"]]
    old_ids = _ids_in(dataset, before.latest["shards"])
    changed = diff(dataset, before.latest["version"], entry["version"]).changed
    return entry, _Plan(sorted(set(changed) & old_ids), dropped, new)


def _ids_in(dataset, shards) -> set[str]:
    return {r["id"] for s in shards for r in read_shard_records(dataset, s)}


def test_a_corrected_page_makes_a_patch_version_and_pinned_versions_keep_the_old_text(tmp_path):
    spec, dataset = _built(tmp_path, extra="shard_size = 2")  # 3 shards: 2 + 2 + 1 rows
    before = load_manifest(dataset)
    v1_shards = list(before.latest["shards"])
    v1_sha = {rel: before.shards[rel]["sha256"] for rel in v1_shards}
    fixed_id = _id_of(dataset, "https://news.example/story/1")

    _write_pages(tmp_path / "pages.jsonl", range(5), edits={1: 1})  # the publisher corrected it
    entry, plan = _update(spec, dataset)
    assert entry["version"] == "v1.0.1"  # corrections only: a patch
    assert plan.ids == [fixed_id] and len(plan.dropped_shards) == 1
    assert entry["counts"]["updated"] == 1 and entry["counts"]["added"] == 0

    manifest = load_manifest(dataset)
    old_shard = plan.dropped_shards[0]
    (replacement,) = plan.new_shards
    assert replacement.startswith("data/v1.0.1/train-carried-")
    assert manifest.shards[replacement]["replaces"] == old_shard
    assert manifest.versions[0]["shards"] == v1_shards  # the pinned version is untouched
    for rel, sha in v1_sha.items():  # published files never change and stay listed
        assert manifest.shards[rel]["sha256"] == sha and (dataset / rel).exists()
    latest = manifest.latest["shards"]
    assert old_shard not in latest and replacement in latest
    assert [s for s in latest if s in v1_shards] == [s for s in v1_shards if s != old_shard]
    assert [v["stats"]["rows"] for v in manifest.versions] == [5, 5]
    assert validate(dataset) == []

    cache = tmp_path / "cache"
    old, new, default = (_rows(dataset, c, cache) for c in ("v1.0.0", "v1.0.1", "default"))
    assert len(old) == len(new) == len(default) == 5 and set(old) == set(new)
    assert _body(1) in old[fixed_id]["text"] and _body(1, 1) not in old[fixed_id]["text"]
    assert _body(1, 1) in new[fixed_id]["text"] and _body(1) not in new[fixed_id]["text"]
    assert default[fixed_id]["text"] == new[fixed_id]["text"]
    assert new[fixed_id]["version_added"] == "v1.0.0"  # the article keeps its identity
    assert new[fixed_id]["modified"].strftime("%Y-%m-%dT%H:%M:%SZ") == NEW_FETCH
    assert old[fixed_id]["modified"] is None
    assert all(new[i]["text"] == old[i]["text"] for i in old if i != fixed_id)

    d = diff(dataset, "v1.0.0", "v1.0.1")
    assert d.changed == [fixed_id] and d.added == d.removed == [] and d.unchanged == 4
    card = (dataset / "README.md").read_text(encoding="utf-8")
    assert "**v1.0.1**" in card and "0 added, 1 updated, 0 removed" in card


def test_corrections_with_additions_make_a_minor_version(tmp_path):
    spec, dataset = _built(tmp_path, n=4)
    fixed_id = _id_of(dataset, "https://news.example/story/2")
    _write_pages(tmp_path / "pages.jsonl", range(6), edits={2: 3})
    entry, plan = _update(spec, dataset)
    assert entry["version"] == "v1.1.0"
    assert entry["counts"]["added"] == 2 and entry["counts"]["updated"] == 1
    assert plan.ids == [fixed_id] and entry["stats"]["rows"] == 6
    # one shard held every v1.0.0 row: its replacement holds the three unchanged ones
    ((replacement, meta),), (old,) = plan.new_shards.items(), plan.dropped_shards
    assert meta["num_rows"] == 3 and meta["replaces"] == old and replacement in entry["shards"]
    assert validate(dataset) == []
    new_rows = {r["id"]: r for s in entry["shards"] for r in read_shard_records(dataset, s)}
    assert len(new_rows) == 6 and new_rows[fixed_id]["version_added"] == "v1.0.0"
    assert {r["version_added"] for i, r in new_rows.items()} == {"v1.0.0", "v1.1.0"}
    assert diff(dataset, "v1.0.0", "v1.1.0").changed == [fixed_id]

    # the same page again, unchanged since the correction: nothing to correct
    again = update(spec, progress=False)
    assert again.version is None and again.counts["updated"] == 0


def test_a_row_corrected_twice_and_a_shard_left_empty(tmp_path):
    spec, dataset = _built(tmp_path, n=3, extra="shard_size = 1")
    fixed_id = _id_of(dataset, "https://news.example/story/0")
    for edit, version in ((1, "v1.0.1"), (2, "v1.0.2")):
        _write_pages(tmp_path / "pages.jsonl", range(3), edits={0: edit})
        entry, plan = _update(spec, dataset)
        assert entry["version"] == version and plan.ids == [fixed_id]
        assert plan.new_shards == {}  # the shard held only that row: no replacement needed
        assert validate(dataset) == []
    manifest = load_manifest(dataset)
    assert [len(v["shards"]) for v in manifest.versions] == [3, 3, 3]
    assert [v["stats"]["rows"] for v in manifest.versions] == [3, 3, 3]
    texts = {}
    for v in manifest.versions:
        rows = {r["id"]: r for s in v["shards"] for r in read_shard_records(dataset, s)}
        texts[v["version"]] = rows[fixed_id]["text"]
    for edit, version in enumerate(texts):
        assert _body(0, edit) in texts[version], version
    assert diff(dataset, "v1.0.1", "v1.0.2").changed == [fixed_id]


def test_finder_keeps_only_url_duplicates_of_their_own_published_row(tmp_path):
    _, dataset = _built(tmp_path, n=2)
    manifest = load_manifest(dataset)
    published = read_shard_records(dataset, manifest.latest["shards"][0])
    row = published[0]

    def doc(reason="url", of=row["id"], id_=row["id"], sha="f" * 64, fetched=NEW_FETCH):
        d = Document()
        d.record.update(id=id_, content_sha256=sha, fetched_at=fetched, url=row["url"])
        d.duplicate_of, d.duplicate_reason = of, reason
        return d

    finder = CorrectionFinder(dataset, manifest)
    assert not finder.see(doc(sha=row["content_sha256"]))  # the same text: no correction
    assert not finder.see(doc(reason="exact"))
    assert not finder.see(doc(of=published[1]["id"]))  # a copy of another article
    assert not finder.see(doc(id_="0" * 16, of="0" * 16))  # not published
    rejected = doc()
    rejected.rejected = "filter: too short"
    assert not finder.see(rejected)
    assert finder.see(doc(sha="e" * 64, fetched="2026-12-02T00:00:00Z"))
    assert finder.see(doc(sha="d" * 64))  # an older fetch of the same page loses
    assert [r["content_sha256"] for r in finder.records()] == ["e" * 64]

    from curator.denylist import DenyList

    deny = DenyList(urls=[row["canonical_url"]])
    assert not CorrectionFinder(dataset, manifest, deny).see(doc())
    assert CorrectionFinder(dataset, None).records() == []


def test_apply_corrections_guards(tmp_path):
    _, dataset = _built(tmp_path, n=2)
    manifest = load_manifest(dataset)
    row = read_shard_records(dataset, manifest.latest["shards"][0])[0]
    assert not apply_corrections(dataset, manifest, [], "v1.0.1")
    same = apply_corrections(dataset, manifest, [dict(row)], "v1.0.1")
    assert not same and same.dropped_shards == [] and same.new_shards == {}
    with pytest.raises(ValueError, match="not in v1.0.0"):
        apply_corrections(dataset, manifest, [{**row, "id": "0" * 16}], "v1.0.1")
    assert Corrections("v1.0.1").shard_list(["a", "b"]) == ["a", "b"]
    # a major version rewrites every row: the corrected one replaces its old row in place
    corrected = {**row, "content_sha256": "f" * 64, "text": "new", "version_added": None}
    merged = list(merge_corrections([row], [corrected]))
    assert merged[0]["text"] == "new" and merged[0]["version_added"] == "v1.0.0"
    assert pq.read_table(dataset / manifest.latest["shards"][0]).num_rows == 2  # untouched


def test_update_publishes_a_correction_as_a_patch(tmp_path):
    spec, dataset = _built(tmp_path)
    fixed_id = _id_of(dataset, "https://news.example/story/1")
    _write_pages(tmp_path / "pages.jsonl", range(5), edits={1: 1})
    result = update(spec, progress=False)
    assert result.version == "v1.0.1" and result.counts["updated"] == 1
    assert result.counts["added"] == 0 and result.counts["duplicates"] == 0
    assert validate(dataset) == []
    cache = tmp_path / "cache"
    old, new = _rows(dataset, "v1.0.0", cache), _rows(dataset, "default", cache)
    assert len(old) == len(new) == 5
    assert _body(1) in old[fixed_id]["text"] and _body(1, 1) in new[fixed_id]["text"]
    assert diff(dataset, "v1.0.0", "v1.0.1").changed == [fixed_id]
    again = update(spec, progress=False)  # nothing new upstream: no version
    assert again.version is None
