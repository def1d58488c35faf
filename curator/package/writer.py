"""Publishing a version: new shards, then the manifest (the commit point), then the card."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime
from importlib.metadata import version as pkg_version
from pathlib import Path
from typing import Any

from ..faults import crash_point
from ..record import ARTICLE_SCHEMA_PATH, Record, empty_record
from .card import render_card
from .files import sha256_file, write_atomic
from .manifest import Manifest, next_version
from .parquet import read_records, shard_names, write_shard


def schema_sha256() -> str:
    """Hash of ``schemas/article.schema.json``: a change of it is a new major version."""
    return hashlib.sha256(ARTICLE_SCHEMA_PATH.read_bytes()).hexdigest()


def carried_rows(dataset: Path, manifest: Manifest) -> list[Record]:
    """Every row of the latest version, fitted to the current schema (new fields empty,
    dropped fields gone), for a major version that rewrites all shards."""
    rows = []
    for rel in manifest.latest["shards"]:
        for row in read_records(dataset / rel):
            record = empty_record()
            record.update({k: v for k, v in row.items() if k in record})
            rows.append(record)
    return rows


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
        r["version_added"] = r.get("version_added") or version
    new_shards = write_shards(dataset, version, records, shard_size)
    crash_point("shards")
    previous = manifest.latest
    carried = previous if previous and kind != "major" else None
    entry = {
        "version": version,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "note": note,
        "shards": (carried["shards"] if carried else []) + list(new_shards),
        "counts": counts,
        "stats": _stats(carried["stats"] if carried else None, records),
        "spec_sha256": spec_sha256,
        "schema_sha256": schema_sha256(),
        "curator_version": pkg_version("curator"),
        "trafilatura_version": pkg_version("trafilatura"),
        "meta": meta,
        "versions_kept": kept,
    }
    manifest.shards.update(new_shards)
    manifest.versions.append(entry)
    manifest.save(dataset)  # the commit point
    crash_point("manifest")
    write_card(dataset, manifest, meta, kept)
    crash_point("card")
    return entry


def write_card(dataset: Path, manifest: Manifest, meta: dict[str, Any], kept: int) -> None:
    write_atomic(dataset / "README.md", render_card(manifest, meta, str(dataset), kept))
