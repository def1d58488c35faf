"""``curator export PATH vX.Y.Z OUT``: any version, also one whose config the card no longer
keeps, as a dataset folder of its own (one version, its shards, manifest and card).

OUT follows the rule every write of curator's follows: it is a new or empty folder, outside
the dataset, and it becomes a folder curator owns. The copy is made in a fresh temporary
folder beside OUT and renamed into place, so OUT is either whole or absent, and nothing that
was there before is ever deleted."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path

from ..atomic import PUBLIC_MODE
from ..errors import NotADataset, UsageError
from . import journal
from .commit import write_card
from .files import inside, sha256_file
from .manifest import Manifest, load_manifest
from .owner import claim
from .parquet import shard_path


class ExportError(UsageError):
    pass


def _check_out(dataset: Path, out: Path) -> None:
    root = dataset.resolve()
    if out == root or root in out.parents or out in root.parents:
        raise ExportError(f"{out}: overlaps the dataset {root}; export into a folder outside it")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: exists and is not empty; export writes a new folder")


def _copy_shards(dataset: Path, manifest: Manifest, entry: dict, staging: Path) -> dict:
    shards = {}
    for rel in entry["shards"]:
        target = inside(staging, rel, "manifest.json: shard")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shard_path(dataset, rel), target)
        os.chmod(target, PUBLIC_MODE)
        if sha256_file(target) != manifest.shards[rel]["sha256"]:
            raise ExportError(
                f"{rel}: sha256 does not match the manifest; run `curator validate {dataset}`"
            )
        shards[rel] = manifest.shards[rel]
    return shards


def export(dataset: Path, version: str, out: Path) -> Path:
    """Copy ``version``'s shards to ``out`` (same relative paths) with a manifest holding only
    that version and a card whose default config is it; checksums are verified on the way."""
    manifest = load_manifest(dataset)
    if manifest is None:
        raise NotADataset(dataset)
    entry = copy.deepcopy(manifest.version(version))
    out = Path(out).absolute()
    _check_out(dataset, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".curator-export", dir=out.parent)
    )
    try:
        claim(staging, manifest.name)
        shards = _copy_shards(dataset, manifest, entry, staging)
        entry["note"] = (entry.get("note") or "") + f" Exported from {manifest.name} {version}."
        single = Manifest(name=manifest.name, versions=[entry], shards=shards)
        single.save(staging)
        write_card(staging, single, entry.get("meta", {}), kept=1)
        journal.clear(staging)  # the export is whole: nothing in it is a leftover
        if out.exists():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # our own fresh folder, nothing else
        raise
    return out
