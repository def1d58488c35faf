"""``curator export PATH vX.Y.Z OUT``: any version, also one whose config the card no longer
keeps, as a dataset folder of its own (one version, its shards, manifest and card)."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

from ..errors import UsageError
from .files import PUBLIC_MODE, sha256_file
from .manifest import Manifest, load_manifest
from .writer import write_card


class ExportError(UsageError):
    pass


def export(dataset: Path, version: str, out: Path) -> Path:
    """Copy ``version``'s shards to ``out`` (same relative paths) with a manifest holding only
    that version and a card whose default config is it; checksums are verified on the way."""
    manifest = load_manifest(dataset)
    if manifest is None:
        raise FileNotFoundError(dataset / "manifest.json")
    try:
        entry = copy.deepcopy(manifest.version(version))
    except KeyError as exc:
        raise ExportError(exc.args[0]) from None
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ExportError(f"{out}: exists and is not empty; export writes a new folder")
    staging = out.with_name(f".{out.name}.export-tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shards = {}
    for rel in entry["shards"]:
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dataset / rel, target)
        os.chmod(target, PUBLIC_MODE)
        if sha256_file(target) != manifest.shards[rel]["sha256"]:
            shutil.rmtree(staging, ignore_errors=True)
            raise ExportError(
                f"{rel}: sha256 does not match the manifest; run `curator validate {dataset}`"
            )
        shards[rel] = manifest.shards[rel]
    entry["note"] = (entry.get("note") or "") + f" Exported from {manifest.name} {version}."
    single = Manifest(name=manifest.name, versions=[entry], shards=shards)
    single.save(staging)
    write_card(staging, single, entry.get("meta", {}), kept=1)
    if out.exists():
        out.rmdir()
    staging.rename(out)
    return out
