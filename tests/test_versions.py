"""Issue 7: updates, version kinds, per-version configs, export and diff, on real parquet
and real ``datasets.load_dataset``."""

from __future__ import annotations

import json

import pytest
import yaml
from versions_helpers import article, cli, load_ids, make_spec, write_pages

from curator.builder import build, update
from curator.package import load_manifest
from curator.package.diff import diff
from curator.package.export import ExportError, export
from curator.package.validate import validate


@pytest.fixture(autouse=True)
def _hf_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))


def _card_configs(dataset) -> dict:
    text = (dataset / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    return {c["config_name"]: c["data_files"][0]["path"] for c in meta["configs"]}


def test_update_adds_a_minor_version_and_every_version_stays_loadable(tmp_path):
    write_pages(tmp_path / "pages", range(6))
    spec = make_spec(tmp_path)
    first = build(spec, progress=False)
    assert first.version == "v1.0.0" and first.counts["added"] == 6
    dataset = first.dataset
    v1_shards = {rel: meta["sha256"] for rel, meta in load_manifest(dataset).shards.items()}

    write_pages(tmp_path / "pages", range(6, 9))
    (tmp_path / "pages" / "copy.txt").write_text(
        article(2) + "\n\n", encoding="utf-8"
    )  # same text as a v1.0.0 page
    second = update(spec, progress=False)
    assert second.version == "v1.1.0"
    # only the 4 new pages were cleaned and tagged; the copy was dropped against v1.0.0
    assert second.counts["unchanged"] == 6 and second.counts["read"] == 10
    assert second.counts["added"] == 3 and second.counts["duplicates"] == 1

    manifest = load_manifest(dataset)
    for rel, sha in v1_shards.items():  # shards are write-once
        assert manifest.shards[rel]["sha256"] == sha
    assert [s for s in manifest.latest["shards"] if s.startswith("data/v1.1.0/")]
    assert validate(dataset) == []

    cache = tmp_path / "cache"
    v1, v11, latest = (load_ids(dataset, c, cache) for c in ("v1.0.0", "v1.1.0", "default"))
    assert len(v1) == 6 and len(v11) == 9 and latest == v11 and set(v1) < set(v11)
    configs = _card_configs(dataset)
    assert set(configs) == {"default", "v1.0.0", "v1.1.0"}
    assert all(not any(ch in p for ch in "*?") for paths in configs.values() for p in paths)

    card = (dataset / "README.md").read_text(encoding="utf-8")
    assert (
        "**v1.1.0**" in card
        and "3 added, 0 updated, 0 removed, 1 duplicates dropped, 0 rejected" in card
    )

    d = diff(dataset, "v1.0.0", "v1.1.0")
    assert len(d.added) == 3 and d.removed == [] and d.changed == [] and d.unchanged == 6
    assert set(d.added) == set(v11) - set(v1)

    third = update(spec, progress=False)
    assert third.version is None and "no new articles" in third.message
    assert [v["version"] for v in load_manifest(dataset).versions] == ["v1.0.0", "v1.1.0"]


def test_schema_change_makes_a_major_version_with_every_row_rewritten(tmp_path, monkeypatch):
    write_pages(tmp_path / "pages", range(5))
    spec = make_spec(tmp_path)
    dataset = build(spec, progress=False).dataset
    old_ids = load_ids(dataset, "default", tmp_path / "cache")

    import curator.package.writer as writer

    monkeypatch.setattr(writer, "schema_sha256", lambda: "f" * 64)
    write_pages(tmp_path / "pages", [5])
    result = update(spec, progress=False)
    assert result.version == "v2.0.0"
    manifest = load_manifest(dataset)
    latest = manifest.latest
    assert latest["schema_sha256"] == "f" * 64 and latest["stats"]["rows"] == 6
    assert all(s.startswith("data/v2.0.0/") for s in latest["shards"])  # no mixing of schemas
    assert validate(dataset) == []
    cache = tmp_path / "cache2"
    assert load_ids(dataset, "v1.0.0", cache) == old_ids
    import datasets

    rows = datasets.load_dataset(str(dataset), "v2.0.0", split="train", cache_dir=str(cache))
    assert len(rows) == 6
    added = {r["id"]: r["version_added"] for r in rows}
    assert {added[i] for i in old_ids} == {
        "v1.0.0"
    }  # rows keep the version that first published them


def test_export_writes_a_version_without_config_as_its_own_dataset(tmp_path):
    write_pages(tmp_path / "pages", range(4))
    spec = make_spec(tmp_path, extra="versions_kept = 1")
    dataset = build(spec, progress=False).dataset
    for batch in (range(4, 6), range(6, 8)):
        write_pages(tmp_path / "pages", batch)
        update(spec, progress=False)
    assert set(_card_configs(dataset)) == {"default", "v1.2.0"}  # v1.0.0 lost its config

    out = tmp_path / "exported"
    proc = cli("export", str(dataset), "v1.0.0", str(out))
    assert proc.returncode == 0, proc.stderr
    assert validate(out) == []
    cache = tmp_path / "cache"
    ids = load_ids(out, "default", cache)
    assert len(ids) == 4 and ids == load_ids(out, "v1.0.0", cache)
    assert set(ids) < set(load_ids(dataset, "default", cache))

    with pytest.raises(ExportError, match="not empty"):
        export(dataset, "v1.1.0", out)
    proc = cli("export", str(dataset), "v9.9.9", str(tmp_path / "nope"))
    assert proc.returncode == 2 and "no version 'v9.9.9'" in proc.stderr
    assert not (tmp_path / "nope").exists()


def test_diff_cli_lists_ids_as_json(tmp_path):
    write_pages(tmp_path / "pages", range(3))
    spec = make_spec(tmp_path)
    dataset = build(spec, progress=False).dataset
    write_pages(tmp_path / "pages", range(3, 5))
    update(spec, progress=False)
    proc = cli("diff", str(dataset), "v1.0.0", "v1.1.0", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["counts"] == {"added": 2, "removed": 0, "changed": 0, "unchanged": 3}
    assert len(data["added"]) == 2
