"""Publishing a version: new shards, then the release commit (see :mod:`.commit`)."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from importlib.metadata import version as pkg_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..faults import crash_point
from ..record import ARTICLE_SCHEMA_PATH, Record, empty_record
from . import journal
from .commit import commit_release
from .files import sha256_file
from .manifest import Manifest, next_version
from .parquet import read_shard_records, shard_names, write_shard

if TYPE_CHECKING:
    from .corrections import Corrections


def schema_sha256() -> str:
    """Hash of ``schemas/article.schema.json``: a change of it is a new major version."""
    return hashlib.sha256(ARTICLE_SCHEMA_PATH.read_bytes()).hexdigest()


def iter_carried_rows(dataset: Path, manifest: Manifest) -> Iterator[Record]:
    """Every row of the latest version, fitted to the current schema (new fields empty,
    dropped fields gone), for a major version that rewrites all shards; one shard in memory."""
    for rel in manifest.latest["shards"]:
        for row in read_shard_records(dataset, rel):
            record = empty_record()
            record.update({k: v for k, v in row.items() if k in record})
            yield record


def stat_keys(r: Record) -> dict[str, str]:
    """Where a row counts in the card's tables: its source, language and year published."""
    return {
        "by_source": r["source"] or "unknown",
        "by_language": r["language"] or "unknown",
        "by_year": (r["published"] or "")[:4] or "unknown",
    }


class _StatsCounter:
    """The manifest's per-version stats, counted one record at a time."""

    def __init__(self) -> None:
        self.rows = 0
        self.by_source: Counter = Counter()
        self.by_language: Counter = Counter()
        self.by_year: Counter = Counter()

    def add(self, r: Record) -> None:
        self.rows += 1
        keys = stat_keys(r)
        self.by_source[keys["by_source"]] += 1
        self.by_language[keys["by_language"]] += 1
        self.by_year[keys["by_year"]] += 1

    def merged(self, previous: dict[str, Any] | None) -> dict[str, Any]:
        stats = previous or {"rows": 0, "by_source": {}, "by_language": {}, "by_year": {}}
        return {
            "rows": stats["rows"] + self.rows,
            "by_source": dict(sorted((Counter(stats["by_source"]) + self.by_source).items())),
            "by_language": dict(sorted((Counter(stats["by_language"]) + self.by_language).items())),
            "by_year": dict(sorted((Counter(stats["by_year"]) + self.by_year).items())),
        }


class ShardWriter:
    """Writes a version's records to parquet as they come, ``shard_size`` rows per shard, so
    memory holds one shard however many records there are.

    Final names (``train-XXXXX-of-YYYYY``) need the shard count, so each full shard is
    written as ``data/<version>/.part-XXXXX.parquet`` and :meth:`finish` renames them all.
    Nothing here is published: each file is journaled before it is created, and until a
    committed manifest names it, :func:`..recover.recover` deletes it.
    """

    def __init__(self, dataset: Path, version: str, shard_size: int) -> None:
        self.dataset, self.version, self.shard_size = dataset, version, shard_size
        self.stats = _StatsCounter()
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
        path = self.dataset / "data" / self.version / f".part-{len(self._parts):05d}.parquet"
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
            rel = f"data/{self.version}/{name}"
            journal.note(self.dataset, rel)
            os.replace(part, self.dataset / rel)
            path = self.dataset / rel
            self._written[rel] = {
                "sha256": sha256_file(path),
                "num_rows": rows,
                "num_bytes": path.stat().st_size,
                "added_in": self.version,
            }
        return self._written


def publish_version(
    dataset: Path,
    manifest: Manifest | None,
    name: str,
    records: Iterable[Record] | ShardWriter,
    counts: dict[str, int],
    meta: dict[str, Any],
    *,
    shard_size: int,
    kept: int,
    spec_sha256: str,
    kind: str = "minor",
    note: str = "",
    corrections: Corrections | None = None,
) -> dict[str, Any]:
    """Write ``records`` as a new version of the dataset at ``dataset`` and return its entry.

    ``records`` may be a :class:`ShardWriter` the caller already fed while streaming (for the
    same version): its shards are renamed into place here instead of written.

    ``corrections`` (:func:`curator.package.corrections.apply_corrections`, made for this
    same version) adds the corrected rows to the new rows and, in this version only, swaps
    each shard that held an old row for its replacement."""
    manifest = manifest or Manifest(name=name)
    version = next_version(manifest, kind)
    if corrections is not None and corrections.version != version:
        raise ValueError(f"corrections were made for {corrections.version}, publishing {version}")
    if corrections and kind == "major":
        raise ValueError("a major version rewrites every row: merge the corrections into them")
    if isinstance(records, ShardWriter):
        if records.version != version:
            raise ValueError(f"shards were written for {records.version}, publishing {version}")
        writer = records
    else:
        writer = ShardWriter(dataset, version, shard_size)
        for r in records:
            writer.add(r)
    for r in corrections.rows if corrections else []:
        writer.add(r)  # corrected rows keep their version_added
    new_shards = writer.finish()
    crash_point("shards")
    previous = manifest.latest
    carried = previous if previous and kind != "major" else None
    shards = carried["shards"] if carried else []
    stats = carried["stats"] if carried else None
    if corrections:
        shards, stats = corrections.shard_list(shards), corrections.stats_without_replaced(stats)
        counts = {**counts, "updated": counts.get("updated") or len(corrections.rows)}
        note = note or f"Corrected {len(corrections.rows)} article(s) changed at the source"
    entry = {
        "version": version,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "note": note,
        "shards": shards + list(new_shards),
        "counts": counts,
        "stats": writer.stats.merged(stats),
        "spec_sha256": spec_sha256,
        "schema_sha256": schema_sha256(),
        "curator_version": pkg_version("curator"),
        "trafilatura_version": pkg_version("trafilatura"),
        "meta": meta,
        "versions_kept": kept,
    }
    manifest.shards.update(corrections.new_shards if corrections else {})
    manifest.shards.update(new_shards)
    manifest.versions.append(entry)
    commit_release(dataset, manifest)
    return entry
