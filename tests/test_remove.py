"""``curator remove``: takedowns leave every version, the archive, the dedup index, and
stay out of later updates."""

from __future__ import annotations

import json

import pytest
from versions_helpers import article, cli, load_ids, make_spec, write_jsonl

from curator.builder import build, update
from curator.dedup import Deduplicator
from curator.denylist import DenyList
from curator.package import load_manifest
from curator.package.remove import remove
from curator.package.takedown import revised_name
from curator.package.validate import validate

URL = "https://news.example/story/1"


@pytest.fixture(autouse=True)
def _hf_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))


def _archive(dataset, urls):
    from curator.fetch.archive import Archive, read_record
    from curator.fetch.models import FetchResult

    archive = Archive(dataset / ".curator" / "archive")
    for url in urls:
        archive.write(
            FetchResult(
                url,
                status=200,
                headers={"content-type": "text/plain"},
                body=f"body of {url}".encode(),
                fetched_at="2026-11-20T10:00:00Z",
            )
        )
    archive.close()
    return Archive, read_record


def _two_versions(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(5))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    write_jsonl(tmp_path / "pages.jsonl", range(7))
    assert update(spec, progress=False).version == "v1.1.0"
    return spec, dataset


def test_revised_names():
    assert (
        revised_name("data/v1.0.0/train-00000-of-00001.parquet", set())
        == "data/v1.0.0/train-00000-of-00001.r1.parquet"
    )
    assert (
        revised_name("data/v1.0.0/train-00000-of-00001.r1.parquet", set())
        == "data/v1.0.0/train-00000-of-00001.r2.parquet"
    )


def test_remove_by_url_takes_the_article_out_of_every_version(tmp_path):
    spec, dataset = _two_versions(tmp_path)
    cache = tmp_path / "cache"
    before = {c: load_ids(dataset, c, cache) for c in ("v1.0.0", "v1.1.0")}
    dedup = Deduplicator(dataset / ".curator" / "index")
    gone_id = dedup.lookup(URL)
    assert gone_id in before["v1.0.0"]
    Archive, read_record = _archive(dataset, [URL, "https://news.example/story/2"])
    old_shard = load_manifest(dataset).versions[0]["shards"][0]

    # another form of the same address (tracking parameter, trailing slash) still finds it
    result = remove(spec, url=URL + "/?utm_source=feed", reason="takedown request #12")
    assert result.version == "v1.1.1" and result.ids == [gone_id]
    assert result.archive_records == 1

    manifest = load_manifest(dataset)
    new_shard = result.shards_rewritten[old_shard]
    assert new_shard.endswith(".r1.parquet") and not (dataset / old_shard).exists()
    assert old_shard not in manifest.shards and all(
        old_shard not in v["shards"] for v in manifest.versions
    )
    assert (
        manifest.latest["counts"]["removed"] == 1
        and manifest.latest["removals"][0]["reason"] == "takedown request #12"
    )
    assert [v["stats"]["rows"] for v in manifest.versions] == [4, 6, 6]
    assert validate(dataset) == []

    cache2 = tmp_path / "cache2"  # a fresh cache: every version is now without it
    for config, ids in before.items():
        assert load_ids(dataset, config, cache2) == sorted(set(ids) - {gone_id})
    assert load_ids(dataset, "default", cache2) == load_ids(dataset, "v1.1.1", cache2)
    card = (dataset / "README.md").read_text()
    assert "**v1.1.1**" in card and "1 removed" in card

    log = [
        json.loads(line)
        for line in (dataset / ".curator" / "removals.jsonl").read_text().splitlines()
    ]
    assert log == [
        {
            "id": gone_id,
            "url": URL,
            "reason": "takedown request #12",
            "date": log[0]["date"],
            "version": "v1.1.1",
        }
    ]
    deny = DenyList.load(dataset)
    assert gone_id in deny.ids and deny.denies_url(URL)

    assert Deduplicator(dataset / ".curator" / "index").lookup(URL) is None  # the index forgot it
    archive = Archive(dataset / ".curator" / "archive")
    assert archive.lookup(URL) is None
    other = archive.lookup("https://news.example/story/2")
    status, _, body, _ = read_record(
        dataset / ".curator" / "archive" / other.file, other.offset
    )  # offsets were rewritten
    assert (status, body) == (200, b"body of https://news.example/story/2")
    assert f'"{URL}"' not in (dataset / ".curator" / "archive" / "index.jsonl").read_text()


def test_a_removed_article_does_not_come_back(tmp_path):
    spec, dataset = _two_versions(tmp_path)
    proc = cli("remove", str(spec), "--url", URL, "--reason", "court order", "--json")
    assert proc.returncode == 0, proc.stderr
    gone = json.loads(proc.stdout)["removed_ids"]
    assert json.loads(proc.stdout)["version"] == "v1.1.1" and len(gone) == 1

    # the page changes upstream and shows up again with a new one: only the new one is added
    rows = [json.loads(line) for line in (tmp_path / "pages.jsonl").read_text().splitlines()]
    rows[1]["text"] = article(1, edit=1)
    rows.append({"text": article(20), "url": "https://news.example/story/20"})
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = update(spec, progress=False)
    assert (
        result.version == "v1.2.0" and result.counts["added"] == 1 and result.counts["denied"] == 1
    )
    assert gone[0] not in load_ids(dataset, "default", tmp_path / "cache")

    again = cli("remove", str(spec), "--url", URL, "--reason", "court order")  # idempotent
    assert again.returncode == 0 and "no published article matches" in again.stdout
    assert [v["version"] for v in load_manifest(dataset).versions][-1] == "v1.2.0"
    missing = cli("remove", str(spec), "--url", URL)
    assert missing.returncode == 2 and "--reason" in missing.stderr
