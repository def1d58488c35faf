"""`curator export --format parquet|jsonl|jsonl.gz --fields`: OUT is a dataset folder of its
own (a new folder, outside the dataset, claimed), with JSON lines shards whose timestamps are
ISO 8601, and `load_dataset(OUT)` reads the same rows as the parquet version."""

from __future__ import annotations

import gzip
import json

import pytest

from curator.cli import main
from curator.layout import Layout


def _rows(path):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl.gz"])
def test_jsonl_export_loads_with_the_same_rows(built_sample, tmp_path, hf_cache, fmt):
    from datasets import load_dataset

    out = tmp_path / "out"
    assert main(["export", str(built_sample), "v1.0.0", str(out), "--format", fmt, "-q"]) == 0
    shards = sorted((out / "data" / "v1.0.0").iterdir())
    assert [p.name for p in shards] == [f"train-00000-of-00001.{fmt}"]
    rows = _rows(shards[0])
    dated = next(r for r in rows if r["published"])
    assert dated["published"].endswith("+00:00") and "T" in dated["published"]  # ISO 8601
    assert Layout(out).owner.is_file()
    exported = load_dataset(str(out), split="train")
    original = load_dataset(str(built_sample), "v1.0.0", split="train")
    assert exported.features == original.features
    assert exported.to_list() == original.to_list()
    assert 'ds = load_dataset("out", split="train")' in (out / "README.md").read_text()


def test_fields_keep_only_the_columns_named(built_sample, tmp_path, hf_cache):
    from datasets import load_dataset

    for fmt in ("parquet", "jsonl.gz"):
        out = tmp_path / fmt
        args = ["export", str(built_sample), "v1.0.0", str(out), "--format", fmt, "--fields", "text,id,published", "-q"]  # fmt: skip
        assert main(args) == 0
        ds = load_dataset(str(out), split="train")
        assert ds.column_names == ["id", "text", "published"]  # the record's order
        assert len(ds) == 33
        if fmt == "parquet":
            from huggingface_hub import DatasetCard

            info = DatasetCard.load(out / "README.md").data.dataset_info
            info = info if isinstance(info, list) else [info]
            assert all(
                i["splits"][0]["num_bytes"] == ds.info.splits["train"].num_bytes for i in info
            )


def test_export_refuses_bad_fields_format_and_outputs(built_sample, tmp_path):
    out = tmp_path / "o"
    assert main(["export", str(built_sample), "v1.0.0", str(out), "--fields", "id,nope", "-q"]) == 2
    assert not out.exists()
    with pytest.raises(SystemExit):
        main(["export", str(built_sample), "v1.0.0", str(out), "--format", "csv"])
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["export", str(built_sample), "v1.0.0", str(out), "--format", "jsonl", "-q"]) == 2
    assert (out / "keep.txt").read_text() == "mine" and len(list(out.iterdir())) == 1
    inside = built_sample / "sub"
    assert (
        main(["export", str(built_sample), "v1.0.0", str(inside), "--format", "jsonl", "-q"]) == 2
    )
    assert not inside.exists()
    assert not [
        p for p in tmp_path.iterdir() if p.name.endswith(".curator-export")
    ]  # no staging left


def test_the_cli_offers_every_export_format():
    # the CLI lists the formats itself (building its parser imports no pyarrow)
    from curator.cli import parser
    from curator.package.export import FORMATS

    export_parser = parser()._subparsers._group_actions[0].choices["export"]
    offered = next(a.choices for a in export_parser._actions if a.dest == "format")
    assert list(offered) == list(FORMATS)
