"""Paths read from a manifest stay inside the dataset; a shard that is not parquet is a clear
error, never a traceback; every command refuses, naming the entry, and touches nothing."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from versions_helpers import cli, make_spec, write_jsonl

from curator.builder import build


@pytest.fixture
def dataset(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    return spec, build(spec, progress=False).dataset


def _point_shard_at(dataset, target: str) -> None:
    """Rewrite the manifest so its one shard is named ``target`` (checksum kept valid)."""
    manifest = json.loads((dataset / "manifest.json").read_text())
    [(old, entry)] = manifest["shards"].items()
    manifest["shards"] = {target: entry}
    for v in manifest["versions"]:
        v["shards"] = [target if s == old else s for s in v["shards"]]
    (dataset / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_a_manifest_path_leaving_the_dataset_is_refused_by_every_command(tmp_path, dataset, where):
    spec, folder = dataset
    shard = next((folder / "data").rglob("*.parquet"))
    outside = tmp_path / "victim.parquet"
    shutil.copyfile(shard, outside)  # same bytes: a checksum alone would pass it
    target = "../victim.parquet" if where == "relative" else str(outside)
    _point_shard_at(folder, target)
    before = hashlib.sha256(outside.read_bytes()).hexdigest()
    calls = {
        "validate": ("validate", str(folder)),
        "export": ("export", str(folder), "v1.0.0", str(tmp_path / "exported")),
        "remove": ("remove", str(spec), "--url", "https://news.example/story/1", "--reason", "r"),
        "push": ("push", str(folder), "--repo", "me/tiny", "--dry-run"),
        "diff": ("diff", str(folder), "v1.0.0", "v1.0.0"),
        "update": ("update", str(spec), "--quiet"),
        "info": ("info", str(folder)),
    }
    for name, args in calls.items():
        proc = cli(*args)
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, (name, proc.stderr)
        assert "victim.parquet" in proc.stdout + proc.stderr, (name, proc.stderr)
    assert hashlib.sha256(outside.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "victim" in p.name) == ["victim.parquet"]
    assert not (tmp_path / "exported").exists()


def test_a_shard_that_is_not_parquet_is_an_error_not_a_traceback(tmp_path, dataset):
    spec, folder = dataset
    shard = next((folder / "data").rglob("*.parquet"))
    shard.write_bytes(b"this is not parquet at all\n" * 10)
    manifest = json.loads((folder / "manifest.json").read_text())
    rel = shard.relative_to(folder).as_posix()
    manifest["shards"][rel]["sha256"] = hashlib.sha256(shard.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    write_jsonl(tmp_path / "pages.jsonl", range(5))  # an update with new pages has work to do
    calls = {
        "validate": ("validate", str(folder)),
        "diff": ("diff", str(folder), "v1.0.0", "v1.0.0"),
        "remove": ("remove", str(spec), "--url", "https://news.example/story/1", "--reason", "r"),
        "update": ("update", str(spec), "--quiet"),
    }
    for name, args in calls.items():
        proc = cli(*args)
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, (name, proc.stderr)
        assert rel in proc.stdout + proc.stderr and "parquet" in proc.stdout + proc.stderr, name
