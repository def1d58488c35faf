"""Old datasets stay readable: the sample as an earlier curator built it (before the ownership
marker, the journal and the card-first commit) is validated, loaded and updated by this one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SAMPLE_RAW, write_spec
from versions_helpers import article, cli, load_ids

from curator.package import load_manifest
from curator.package.validate import validate

LEGACY = Path(__file__).resolve().parent / "data" / "legacy" / "news-sample-v1"


def _copy(tmp_path) -> Path:
    dataset = tmp_path / "old"
    shutil.copytree(LEGACY, dataset)
    return dataset


def test_an_old_dataset_validates_and_loads(tmp_path):
    dataset = _copy(tmp_path)
    assert not (dataset / ".curator" / "owner.json").exists()  # it really is the old format
    assert validate(dataset) == []
    assert cli("validate", str(dataset)).returncode == 0
    manifest = load_manifest(dataset)
    ids = load_ids(dataset, "default", tmp_path / "cache")
    assert len(ids) == manifest.latest["stats"]["rows"] == len(set(ids)) > 0


def test_an_old_dataset_is_updated_by_this_curator(tmp_path):
    dataset = _copy(tmp_path)
    before = set(load_ids(dataset, "v1.0.0", tmp_path / "cache0"))
    new = tmp_path / "new.jsonl"
    row = {"text": article(901), "url": "https://news.example/story/901"}
    new.write_text(json.dumps(row) + "\n", encoding="utf-8")
    spec = write_spec(
        tmp_path,
        f'name = "news-sample"\noutput = "old"\n[[sources]]\ntype = "manifest"\n'
        f'path = "{SAMPLE_RAW / "manifest.json"}"\n[[sources]]\ntype = "jsonl"\npath = "new.jsonl"\n',
    )
    proc = cli("update", str(spec), "--quiet", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["version"] == "v1.1.0"
    assert json.loads(proc.stdout)["counts"]["added"] == 1  # the sample's pages were seen
    assert (dataset / ".curator" / "owner.json").exists()  # adopted
    assert validate(dataset) == []
    after = set(load_ids(dataset, "default", tmp_path / "cache1"))
    assert before < after and len(after - before) == 1
    assert set(load_ids(dataset, "v1.0.0", tmp_path / "cache2")) == before
