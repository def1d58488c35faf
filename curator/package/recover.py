"""Repairs after a crash: what the manifest does not name was never published; what the
run journal does not name was never curator's to delete."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from ..keys import hex_key
from .commit import settle
from .files import STATE_DIR
from .manifest import Manifest
from .parquet import read_shard


def recover(dataset: Path) -> Manifest | None:
    """Finish or undo what a killed run left (see :func:`.commit.settle`: only files the run
    journaled are deleted) and return the manifest of the last good version."""
    manifest = settle(dataset)
    reports = dataset / STATE_DIR / "reports"
    if reports.exists():
        published = {v["version"] for v in manifest.versions} if manifest else set()
        for folder in reports.iterdir():
            if folder.is_dir() and folder.name not in published:
                shutil.rmtree(folder)
    return manifest


def manifest_meta(manifest: Manifest) -> dict:
    return manifest.latest.get("meta", {})


def manifest_kept(manifest: Manifest) -> int:
    return manifest.latest.get("versions_kept", 30)


def published_ids(dataset: Path, manifest: Manifest | None) -> np.ndarray:
    """Keys of every row id of the latest version as a sorted ``uint64`` array (8 bytes a row),
    read from the id column only."""
    if manifest is None:
        return np.zeros(0, dtype=np.uint64)
    parts = [
        np.array(
            [
                hex_key(i)
                for i in read_shard(dataset, shard, columns=["id"]).column("id").to_pylist()
            ],
            dtype=np.uint64,
        )
        for shard in manifest.latest["shards"]
    ]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)
