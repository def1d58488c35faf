"""End to end: the bundled sample builds, loads with `datasets`, and validates."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLE_RAW, sample_spec

import curator
from curator.errors import UsageError
from curator.package.validate import validate


def _expected_articles() -> int:
    manifest = json.loads((SAMPLE_RAW / "manifest.json").read_text())
    return sum(
        1
        for p in manifest["pages"]
        if json.loads((SAMPLE_RAW / p["expected"]).read_text())["is_article"]
    )


def test_sample_builds_with_articles_kept_and_non_articles_rejected(built_sample):
    manifest = json.loads((built_sample / "manifest.json").read_text())
    v1 = manifest["versions"][0]
    assert v1["version"] == "v1.0.0"
    counts = v1["counts"]
    assert counts["rejected"] >= 3  # the index page, the empty page and the chrome-only text page
    assert (
        counts["duplicates"] >= 2
    )  # mirror copy, tracking-parameter copy, text forms of HTML pages
    assert 0 < counts["added"] < _expected_articles()
    rejects = (
        (built_sample / ".curator" / "reports" / "v1.0.0" / "rejects.jsonl")
        .read_text()
        .splitlines()
    )
    assert all(json.loads(line)["reason"] for line in rejects)


def test_load_dataset_default_and_version_config(built_sample, hf_cache):
    from datasets import load_dataset

    latest = load_dataset(str(built_sample), split="train", cache_dir=str(hf_cache))
    pinned = load_dataset(str(built_sample), "v1.0.0", split="train", cache_dir=str(hf_cache))
    assert latest.num_rows == pinned.num_rows > 0
    assert str(latest.features["published"].dtype) == "timestamp[us, tz=UTC]"
    assert latest.features["authors"].feature.dtype == "string"
    assert set(latest.features["provenance"]) >= {"published", "authors", "title"}
    row = latest[0]
    assert row["text"] and row["id"] and row["content_sha256"]
    assert row["version_added"] == "v1.0.0"


def test_every_row_is_unique_and_has_no_empty_strings(built_sample):
    table = pq.read_table(next((built_sample / "data" / "v1.0.0").glob("*.parquet")))
    rows = table.to_pylist()
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["content_sha256"] for r in rows}) == len(rows)
    for r in rows:
        assert all(v != "" for v in r.values()), r["id"]


def test_validate_passes_on_a_fresh_build(built_sample):
    assert validate(built_sample) == []


def test_validate_names_a_tampered_shard(sample_copy):
    shard = next((sample_copy / "data" / "v1.0.0").glob("*.parquet"))
    table = pq.read_table(shard)
    pq.write_table(table.slice(1), shard)  # drop a row behind the manifest's back
    problems = validate(sample_copy)
    assert any(shard.name in p and "sha256" in p for p in problems)


def test_validate_names_the_bad_row(sample_copy):
    from curator.package.files import sha256_file

    shard = next((sample_copy / "data" / "v1.0.0").glob("*.parquet"))
    rows = pq.read_table(shard).to_pylist()
    rows[2]["language_probability"] = 7.5  # out of [0, 1]
    pq.write_table(pq.read_table(shard).from_pylist(rows, schema=pq.read_schema(shard)), shard)
    manifest_path = sample_copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    rel = shard.relative_to(sample_copy).as_posix()
    manifest["shards"][rel]["sha256"] = sha256_file(shard)  # checksum fixed: only the row is wrong
    manifest_path.write_text(json.dumps(manifest))
    problems = validate(sample_copy)
    assert problems and all("row 2" in p and "language_probability" in p for p in problems)


def test_cli_validate_exit_codes(sample_copy):
    ok = subprocess.run(
        [sys.executable, "-m", "curator", "validate", str(sample_copy)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (sample_copy / "manifest.json").write_text("{}")
    bad = subprocess.run(
        [sys.executable, "-m", "curator", "validate", str(sample_copy)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0


def test_second_build_refuses_and_update_with_no_change_writes_no_version(tmp_path):
    spec = sample_spec(tmp_path)
    first = curator.build(spec, progress=False)
    assert first.version == "v1.0.0"
    with pytest.raises(UsageError, match="curator update"):
        curator.build(spec, progress=False)
    again = subprocess.run(
        [sys.executable, "-m", "curator", "build", str(spec), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2 and "curator update" in again.stderr  # a script sees the refusal
    nothing = curator.update(spec, progress=False)
    assert nothing.version is None and "no new articles" in nothing.message
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [v["version"] for v in manifest["versions"]] == ["v1.0.0"]


def test_bad_spec_names_the_key(tmp_path):
    from curator.spec import SpecError, load_spec

    spec = tmp_path / "bad.toml"
    spec.write_text(
        'name = "x"\nshard_size = "big"\nouptut = "o"\n[[sources]]\ntype = "manifest"\npath = "m.json"\n'
    )
    with pytest.raises(SpecError) as err:
        load_spec(spec)
    assert "shard_size" in str(err.value) and "ouptut" in str(err.value)


def test_demo_script_runs_twice_and_prints_a_working_snippet(tmp_path, hf_cache):
    spec = sample_spec(tmp_path)
    cmd = [sys.executable, str(ROOT / "scripts" / "build_dataset.py"), str(spec)]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert second.returncode == 0 and "no new articles" in second.stdout
    snippet = [
        line
        for line in first.stdout.splitlines()
        if line.startswith(("from datasets", "ds =", "print("))
    ]
    assert len(snippet) == 3 and str(tmp_path / "out") in snippet[1]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", "\n".join(snippet)], capture_output=True, text=True, cwd=elsewhere
    )
    assert run.returncode == 0, run.stderr


def test_a_build_does_not_import_datasets(tmp_path):
    """``datasets`` (with pandas) costs about a second to import, and plotting more: the
    shards' Features are written without them, and the card with huggingface_hub's
    ``DatasetCardData`` alone (about 0.13 s); charts are drawn only by report and push."""
    spec = sample_spec(tmp_path)
    code = (
        "import json, sys, curator\n"
        f"result = curator.build({str(spec)!r}, progress=False)\n"
        "assert result.version == 'v1.0.0', result.summary()\n"
        "print(json.dumps([m for m in ('datasets', 'matplotlib', 'huggingface_hub.hf_api') if m in sys.modules]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) == []
    assert "\nlanguage:" in (tmp_path / "out" / "README.md").read_text().split("\n---\n")[0]


def test_a_missing_source_path_is_a_usage_error_not_an_empty_build(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text('name = "x"\noutput = "out"\n[[sources]]\ntype = "folder"\npath = "nope"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "curator", "build", str(spec), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "folder source path 'nope' does not exist" in proc.stderr
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_ctrl_c_exits_130_and_leaves_no_partial_version(tmp_path):
    spec = sample_spec(tmp_path)
    cmd = [sys.executable, "-m", "curator", "build", str(spec), "--quiet", "--workers", "1"]
    # A real SIGINT, sent by the process to itself once its shards are written (crash point).
    env = {**os.environ, "CURATOR_TEST_CRASH_AT": "shards", "CURATOR_TEST_SIGNAL": "INT"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert proc.returncode == 130, proc.stderr
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "manifest.json").exists()
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 0 and "wrote v1.0.0" in again.stdout
    assert validate(tmp_path / "out") == []


def test_card_tables_count_rows_without_a_date_as_unknown(built_sample):
    from curator.package.stats import stat_keys

    assert stat_keys({"source": None, "language": None, "published": None})["by_year"] == "unknown"
    assert stat_keys({"source": "a.example", "language": "fr", "published": "2026-03-12T09:14:00Z"}) == {
        "by_source": "a.example", "by_language": "fr", "by_year": "2026",
    }  # fmt: skip
    card = (built_sample / "README.md").read_text()
    assert "| unkn |" not in card and "| year published | rows |" in card
