"""Repairs after a crash: what the manifest does not name was never published."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from ..keys import hex_key
from .files import STATE_DIR
from .manifest import Manifest, load_manifest


def _orphans(dataset: Path, manifest: Manifest | None) -> list[Path]:
    data = dataset / "data"
    if not data.exists():
        return []
    named = set(manifest.shards) if manifest else set()
    return [
        p for p in data.rglob("*") if p.is_file() and p.relative_to(dataset).as_posix() not in named
    ]


def recover(dataset: Path) -> Manifest | None:
    """Delete files a killed run left behind and return the manifest of the last good version."""
    manifest = load_manifest(dataset)
    for path in _orphans(dataset, manifest):
        path.unlink()
    for folder in (
        sorted((dataset / "data").glob("*"), reverse=True) if (dataset / "data").exists() else []
    ):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    for tmp in dataset.glob(".*.tmp"):
        tmp.unlink()
    if manifest is None and (dataset / "README.md").exists():
        (dataset / "README.md").unlink()  # a card without a manifest describes nothing
    if manifest is not None and not _card_current(dataset, manifest):
        from .writer import write_card

        write_card(dataset, manifest, manifest_meta(manifest), kept=manifest_kept(manifest))
    reports = dataset / STATE_DIR / "reports"
    if reports.exists():
        published = {v["version"] for v in manifest.versions} if manifest else set()
        for folder in reports.iterdir():
            if folder.name not in published:
                shutil.rmtree(folder)
    return manifest


def manifest_meta(manifest: Manifest) -> dict:
    return manifest.latest.get("meta", {})


def manifest_kept(manifest: Manifest) -> int:
    return manifest.latest.get("versions_kept", 30)


def _card_current(dataset: Path, manifest: Manifest) -> bool:
    card = dataset / "README.md"
    if not card.exists():
        return False
    head = card.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return all(shard in head for shard in manifest.latest["shards"])


def published_ids(dataset: Path, manifest: Manifest | None) -> np.ndarray:
    """Keys of every row id of the latest version as a sorted ``uint64`` array (8 bytes a row),
    read from the id column only."""
    if manifest is None:
        return np.zeros(0, dtype=np.uint64)
    parts = [
        np.array(
            [
                hex_key(i)
                for i in pq.read_table(dataset / shard, columns=["id"]).column("id").to_pylist()
            ],
            dtype=np.uint64,
        )
        for shard in manifest.latest["shards"]
    ]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)
