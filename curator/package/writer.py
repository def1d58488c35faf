"""Publishing a version: new shards, then the manifest (the commit point), then the card."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from importlib.metadata import version as pkg_version
from pathlib import Path
from typing import Any

from ..record import Record
from .card import render_card
from .files import sha256_file, write_atomic
from .manifest import Manifest, next_version
from .parquet import shard_names, write_shard


def _chunks(records: list[Record], size: int) -> list[list[Record]]:
    return [records[i : i + size] for i in range(0, len(records), size)] or []


def _stats(previous: dict[str, Any] | None, records: list[Record]) -> dict[str, Any]:
    stats = previous or {"rows": 0, "by_source": {}, "by_language": {}, "by_year": {}}
    by_source = Counter(stats["by_source"]) + Counter(r["source"] or "unknown" for r in records)
    by_language = Counter(stats["by_language"]) + Counter(
        r["language"] or "unknown" for r in records
    )
    by_year = Counter(stats["by_year"]) + Counter(
        (r["published"] or "unknown")[:4] for r in records
    )
    return {
        "rows": stats["rows"] + len(records),
        "by_source": dict(sorted(by_source.items())),
        "by_language": dict(sorted(by_language.items())),
        "by_year": dict(sorted(by_year.items())),
    }


def write_shards(
    dataset: Path, version: str, records: list[Record], shard_size: int
) -> dict[str, dict[str, Any]]:
    chunks = _chunks(records, shard_size)
    written = {}
    for name, chunk in zip(shard_names(len(chunks)), chunks, strict=True):
        rel = f"data/{version}/{name}"
        write_shard(dataset / rel, chunk)
        path = dataset / rel
        written[rel] = {
            "sha256": sha256_file(path),
            "num_rows": len(chunk),
            "num_bytes": path.stat().st_size,
            "added_in": version,
        }
    return written


def publish_version(
    dataset: Path,
    manifest: Manifest | None,
    name: str,
    records: list[Record],
    counts: dict[str, int],
    meta: dict[str, Any],
    *,
    shard_size: int,
    kept: int,
    spec_sha256: str,
    kind: str = "minor",
    note: str = "",
) -> dict[str, Any]:
    """Write ``records`` as a new version of the dataset at ``dataset`` and return its entry."""
    manifest = manifest or Manifest(name=name)
    version = next_version(manifest, kind)
    for r in records:
        r["version_added"] = version
    new_shards = write_shards(dataset, version, records, shard_size)
    previous = manifest.latest
    entry = {
        "version": version,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "note": note,
        "shards": (previous["shards"] if previous else []) + list(new_shards),
        "counts": counts,
        "stats": _stats(previous["stats"] if previous else None, records),
        "spec_sha256": spec_sha256,
        "curator_version": pkg_version("curator"),
        "trafilatura_version": pkg_version("trafilatura"),
        "meta": meta,
        "versions_kept": kept,
    }
    manifest.shards.update(new_shards)
    manifest.versions.append(entry)
    manifest.save(dataset)  # the commit point
    write_card(dataset, manifest, meta, kept)
    return entry


def write_card(dataset: Path, manifest: Manifest, meta: dict[str, Any], kept: int) -> None:
    write_atomic(dataset / "README.md", render_card(manifest, meta, str(dataset), kept))
