"""Crash safety with real processes: SIGKILL at named points and at a random moment, then a
re-run; and the lock that refuses a second run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from versions_helpers import ROOT, cli, load_ids, make_spec, write_jsonl

from curator.builder import build
from curator.dedup import Deduplicator
from curator.lock import dataset_lock
from curator.package import load_manifest
from curator.package.validate import validate


@pytest.fixture(autouse=True)
def _hf_env(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))


def _base(tmp_path, n=4):
    write_jsonl(tmp_path / "pages.jsonl", range(n))
    spec = make_spec(tmp_path, "jsonl")
    return spec, build(spec, progress=False).dataset


def _files(dataset):
    return {p.relative_to(dataset).as_posix() for p in (dataset / "data").rglob("*") if p.is_file()}


def _finished(dataset, n, tmp_path, versions=("v1.0.0", "v1.1.0")):
    """After the re-run: one new version, every row once, no stray files, index complete."""
    manifest = load_manifest(dataset)
    assert [v["version"] for v in manifest.versions] == list(versions)
    assert validate(dataset) == []
    assert _files(dataset) == set(manifest.shards)
    ids = load_ids(dataset, "default", tmp_path / "cache-final")
    assert len(ids) == len(set(ids)) == n
    index = Deduplicator(dataset / ".curator" / "index")
    assert all(index.lookup(f"https://news.example/story/{i}") for i in range(n))


# The commit protocol (curator.package.manifest): shards, pending manifest, card (readers
# switch here), manifest.json, then the derived state. Before the card the old release is
# served; from the card on, the new one; never a mixture, and validate passes throughout.
POINTS = [("shards", 4), ("pending", 4), ("card", 7), ("manifest", 7), ("index", 7)]


@pytest.mark.parametrize("point,visible", POINTS)
def test_update_killed_at_a_named_point(tmp_path, point, visible):
    spec, dataset = _base(tmp_path)
    old = set(load_ids(dataset, "default", tmp_path / "cache-old"))
    write_jsonl(tmp_path / "pages.jsonl", range(7))
    crashed = cli("update", str(spec), "--quiet", env={"CURATOR_TEST_CRASH_AT": point})
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    # before any re-run: a valid dataset whose card serves one whole release
    assert validate(dataset) == []
    assert cli("validate", str(dataset)).returncode == 0
    ids = load_ids(dataset, "default", tmp_path / "cache")
    assert len(ids) == visible and (set(ids) == old) == (visible == 4)
    rerun = cli("update", str(spec), "--quiet", "--json")  # not locked out by the dead run
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["version"] == ("v1.1.0" if visible == 4 else None)
    _finished(dataset, 7, tmp_path)


def test_update_killed_at_random_moments_then_finished(tmp_path):
    spec, dataset = _base(tmp_path)
    old = set(load_ids(dataset, "default", tmp_path / "cache0"))
    write_jsonl(tmp_path / "pages.jsonl", range(40))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    rnd = random.Random(int(os.environ.get("CURATOR_CRASH_SEED", "7")))
    for attempt in range(2):
        proc = subprocess.Popen(
            [sys.executable, "-m", "curator", "update", str(spec), "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rnd.uniform(0.5, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ids = load_ids(dataset, "default", tmp_path / f"cache{attempt + 1}")
        assert (
            len(ids) == len(set(ids)) and set(ids) in (old, set(ids) | old) and len(ids) in (4, 40)
        )
    assert cli("update", str(spec), "--quiet").returncode == 0
    _finished(dataset, 40, tmp_path)


@pytest.mark.parametrize(
    "point,committed",
    [
        ("remove-shards", False),
        ("remove-pending", False),
        ("remove-card", True),
        ("remove-manifest", True),
    ],
)
def test_remove_killed_at_a_named_point_is_finished_by_a_rerun(tmp_path, point, committed):
    spec, dataset = _base(tmp_path)
    url = "https://news.example/story/2"
    args = ("remove", str(spec), "--url", url, "--reason", "r")
    crashed = cli(*args, env={"CURATOR_TEST_CRASH_AT": point})
    assert crashed.returncode == -signal.SIGKILL
    assert validate(dataset) == []  # before any re-run
    for config in ("default", "v1.0.0"):  # every config: the article is gone or all is as it was
        ids = load_ids(dataset, config, tmp_path / f"cache-{config}")
        assert len(ids) == (3 if committed else 4)
    assert cli(*args).returncode == 0
    manifest = load_manifest(dataset)
    assert [v["version"] for v in manifest.versions] == ["v1.0.0", "v1.0.1"]
    assert validate(dataset) == [] and _files(dataset) == set(manifest.shards)  # old shard gone
    assert len(load_ids(dataset, "v1.0.0", tmp_path / "cache")) == 3
    log = (dataset / ".curator" / "removals.jsonl").read_text()
    assert '"version": "v1.0.1"' in log
    assert Deduplicator(dataset / ".curator" / "index").lookup(url) is None


def test_a_second_run_is_refused_by_the_lock(tmp_path):
    spec, dataset = _base(tmp_path, n=2)
    with dataset_lock(dataset / ".curator"):
        proc = cli("update", str(spec), "--quiet")
    assert proc.returncode == 3
    assert "another curator run" in proc.stderr and str(os.getpid()) in proc.stderr
