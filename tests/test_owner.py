"""curator writes and deletes only inside dataset folders it owns: sentinel files beside (and
under) a refused output survive byte for byte, and recovery deletes only journaled files."""

from __future__ import annotations

import hashlib
import json
import signal
from pathlib import Path

import pytest
from versions_helpers import cli, load_ids, make_spec, write_jsonl

from curator.builder import build
from curator.package import load_manifest
from curator.package.validate import validate

SENTINELS = {
    "data/raw/corpus.txt": b"the user's corpus\n",
    "data/db.sqlite": b"SQLite format 3\x00 not really",
    "README.md": b"# my project\n",
    ".draft.tmp": b"half a thought",
    "data/2026/.notes.tmp": b"more",
}


def _plant(folder: Path) -> dict[str, str]:
    for rel, data in SENTINELS.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return _digests(folder)


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _spec(folder: Path, output: str, source: str = "pages.jsonl", kind: str = "jsonl") -> Path:
    spec = folder / "spec.toml"
    spec.write_text(
        f'name = "tiny"\noutput = "{output}"\n[[sources]]\ntype = "{kind}"\npath = "{source}"\n'
    )
    return spec


def test_output_dot_next_to_a_corpus_is_refused_and_nothing_is_touched(tmp_path):
    before = _plant(tmp_path)
    write_jsonl(tmp_path / "elsewhere" / "pages.jsonl", range(3))
    spec = _spec(tmp_path, ".", "elsewhere/pages.jsonl")
    before = _digests(tmp_path)
    proc = cli("build", str(spec), "--quiet")
    assert proc.returncode == 2, proc.stderr
    assert str(tmp_path) in proc.stderr and "set `output`" in proc.stderr
    assert _digests(tmp_path) == before
    assert not (tmp_path / ".curator").exists()


def test_a_non_empty_folder_without_the_marker_is_refused_by_build_update_and_remove(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    target = tmp_path / "target"
    target.mkdir()
    before = _plant(target)
    spec = _spec(tmp_path, "target")
    for args in (
        ("build",),
        ("update",),
        ("remove", "--url", "https://x.example/a", "--reason", "r"),
    ):
        proc = cli(args[0], str(spec), *args[1:])
        assert proc.returncode == 2, (args, proc.stderr)
        assert "not" in proc.stderr and str(target) in proc.stderr
    assert _digests(target) == before


@pytest.mark.parametrize(
    "output,source,kind",
    [
        ("pages/out", "pages", "folder"),  # the dataset inside a folder source
        ("corpus", "corpus/pages", "folder"),  # a source inside the dataset
        ("jsonl", "jsonl/pages.jsonl", "jsonl"),  # a source file inside the dataset
    ],
)
def test_output_overlapping_a_source_is_refused(tmp_path, output, source, kind):
    src = tmp_path / source
    if kind == "folder":
        src.mkdir(parents=True)
        (src / "a.txt").write_text("A page of text. " * 30)
    else:
        write_jsonl(src, range(2))
    spec = _spec(tmp_path, output, source, kind)
    before = _digests(tmp_path)
    proc = cli("build", str(spec), "--quiet")
    assert proc.returncode == 2 and "overlaps the source path" in proc.stderr, proc.stderr
    assert _digests(tmp_path) == before


def test_output_holding_the_spec_file_is_refused(tmp_path):
    write_jsonl(tmp_path / "in" / "pages.jsonl", range(2))
    spec_dir = tmp_path / "specs"
    spec_dir.mkdir()
    spec = _spec(spec_dir, "..", "../in/pages.jsonl")
    proc = cli("build", str(spec), "--quiet")
    assert proc.returncode == 2 and "holds the spec file" in proc.stderr, proc.stderr


def test_a_folder_curator_made_but_never_committed_is_resumed(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    crashed = cli("build", str(spec), "--quiet", env={"CURATOR_TEST_CRASH_AT": "shards"})
    assert crashed.returncode == -signal.SIGKILL
    dataset = tmp_path / "out"
    assert (dataset / ".curator" / "owner.json").exists() and load_manifest(dataset) is None
    proc = cli("build", str(spec), "--quiet", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["version"] == "v1.0.0"
    assert validate(dataset) == []


def test_recovery_deletes_only_what_the_killed_run_journaled(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    mine = {"data/notes.txt": b"mine", "data/v1.1.0/keep.parquet": b"also mine", ".x.tmp": b"!"}
    for rel, data in mine.items():
        (dataset / rel).parent.mkdir(parents=True, exist_ok=True)
        (dataset / rel).write_bytes(data)
    write_jsonl(tmp_path / "pages.jsonl", range(6))
    crashed = cli("update", str(spec), "--quiet", env={"CURATOR_TEST_CRASH_AT": "shards"})
    assert crashed.returncode == -signal.SIGKILL
    made = {p.relative_to(dataset).as_posix() for p in (dataset / "data" / "v1.1.0").iterdir()}
    assert made - {"keep.parquet"}, "the killed run wrote shards of its own"
    assert cli("update", str(spec), "--quiet").returncode == 0
    for rel, data in mine.items():
        assert (dataset / rel).read_bytes() == data
    manifest = load_manifest(dataset)
    on_disk = {p.relative_to(dataset).as_posix() for p in (dataset / "data").rglob("*.parquet")}
    assert on_disk == set(manifest.shards) | {"data/v1.1.0/keep.parquet"}


def test_a_dataset_from_before_the_marker_is_adopted(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    (dataset / ".curator" / "owner.json").unlink()
    write_jsonl(tmp_path / "pages.jsonl", range(5))
    proc = cli("update", str(spec), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (dataset / ".curator" / "owner.json").exists()
    assert len(load_ids(dataset, "default", tmp_path / "cache")) == 5


def test_export_refuses_a_non_empty_or_overlapping_out_and_keeps_what_is_there(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    dataset = build(make_spec(tmp_path, "jsonl"), progress=False).dataset
    full = tmp_path / "full"
    full.mkdir()
    before = _plant(full)
    assert cli("export", str(dataset), "v1.0.0", str(full)).returncode == 2
    assert _digests(full) == before
    inner = cli("export", str(dataset), "v1.0.0", str(dataset / "data" / "copy"))
    assert inner.returncode == 2 and "overlaps the dataset" in inner.stderr
    # the old staging name held a user's folder once: it is never removed now
    squatter = tmp_path / ".fresh.export-tmp"
    squatter.mkdir()
    (squatter / "keep.txt").write_text("keep")
    out = tmp_path / "fresh"
    assert cli("export", str(dataset), "v1.0.0", str(out)).returncode == 0
    assert (squatter / "keep.txt").read_text() == "keep"
    assert (out / ".curator" / "owner.json").exists() and validate(out) == []
    assert not list(tmp_path.glob(".fresh.*.curator-export"))
