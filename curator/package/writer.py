"""Writing a version's shards as records stream in, and the manifest entry that names them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import version as pkg_version
from pathlib import Path
from typing import Any

from ..atomic import fsync_dir
from ..layout import Layout
from ..record import ARTICLE_SCHEMA_PATH, Record, empty_record
from . import journal
from .files import sha256_file
from .manifest import Manifest
from .parquet import read_shard_records, shard_names, write_shard
from .stats import StatsCounter


def schema_sha256() -> str:
    """Hash of ``schemas/article.schema.json``: a change of it is a new major version."""
    return hashlib.sha256(ARTICLE_SCHEMA_PATH.read_bytes()).hexdigest()


def iter_carried_rows(dataset: Path, manifest: Manifest) -> Iterator[Record]:
    """Every row of the latest version, fitted to the current schema (new fields empty,
    dropped fields gone), for a major version that rewrites all shards; one shard in memory."""
    for rel in manifest.head["shards"]:
        for row in read_shard_records(dataset, rel):
            record = empty_record()
            record.update({k: v for k, v in row.items() if k in record})
            yield record


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shard_entry(path: Path, rows: int, version: str, **extra: Any) -> dict[str, Any]:
    """A shard's manifest entry, from the file as written."""
    return {
        "sha256": sha256_file(path),
        "num_rows": rows,
        "num_bytes": path.stat().st_size,
        "added_in": version,
        **extra,
    }


def version_entry(version: str, shards: list[str], stats: dict, **fields: Any) -> dict[str, Any]:
    """A version's manifest entry: ``fields`` are counts, note, meta, spec_sha256 and
    versions_kept; the tool versions and the schema hash are recorded here."""
    return {
        "version": version,
        "date": now(),
        "note": fields.pop("note", ""),
        "shards": shards,
        "counts": fields.pop("counts", {}),
        "stats": stats,
        "spec_sha256": fields.pop("spec_sha256", ""),
        "schema_sha256": schema_sha256(),
        "curator_version": pkg_version("curator"),
        "trafilatura_version": pkg_version("trafilatura"),
        **fields,
    }


class ShardWriter:
    """Writes a version's records to parquet as they come, ``shard_size`` rows per shard, so
    memory holds one shard however many records there are.

    Final names (``train-XXXXX-of-YYYYY``) need the shard count, so each full shard is
    written as ``data/<version>/.part-XXXXX.parquet`` and :meth:`finish` renames them all.
    Nothing here is published: each file is journaled before it is created, and until a
    committed manifest names it, recovery deletes it.
    """

    def __init__(self, dataset: Path, version: str, shard_size: int) -> None:
        self.dataset, self.version, self.shard_size = dataset, version, shard_size
        self.layout = Layout(dataset)
        self.stats = StatsCounter()
        self._buffer: list[Record] = []
        self._parts: list[tuple[Path, int]] = []
        self._written: dict[str, dict[str, Any]] | None = None

    @property
    def rows(self) -> int:
        return self.stats.rows

    def add(self, record: Record) -> None:
        record["version_added"] = record.get("version_added") or self.version
        self.stats.add(record)
        self._buffer.append(record)
        if len(self._buffer) >= self.shard_size:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        path = self.layout.version_data(self.version) / f".part-{len(self._parts):05d}.parquet"
        journal.note_path(self.dataset, path)  # before the file exists: recovery's to delete
        write_shard(path, self._buffer)
        self._parts.append((path, len(self._buffer)))
        self._buffer = []

    def finish(self) -> dict[str, dict[str, Any]]:
        """Rename the parts to their final shard names; their manifest entries, in order."""
        if self._written is not None:
            return self._written
        self._flush()
        self._written = {}
        for name, (part, rows) in zip(shard_names(len(self._parts)), self._parts, strict=True):
            path = self.layout.version_data(self.version) / name
            journal.note_path(self.dataset, path)
            os.replace(part, path)
            self._written[self.layout.relative(path)] = shard_entry(path, rows, self.version)
        if self._parts:
            fsync_dir(self.layout.version_data(self.version))  # the renames survive a power cut
        return self._written
