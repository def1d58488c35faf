"""A dataset folder and the one way a version of it is written.

::

    dataset = Dataset.claim(path, name)          # or Dataset(path) for one that exists
    with dataset.lock():
        dataset.recover()                        # settle what a killed run left
        with dataset.begin(settings) as version:
            version.add(record)                  # a new row
            version.reject(origin, url, reason)  # the rejects report
            version.duplicate(report_row)        # the duplicates report
            version.correct(records)             # rows corrected upstream
            version.remove(ids, reason)          # a takedown
            version.counts.update(read=...)
        version.entry                            # the manifest entry written, or None

Leaving the ``with`` block commits: it decides the version number (major for a new record
schema, minor when rows were added, patch for corrections or removals alone, nothing when
there is nothing), writes the shards, reports, card and manifest in the order of the commit
protocol (:mod:`.manifest`), and deletes what the release retired. An exception aborts:
the files the transaction made are deleted and the last good version stays as it was."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..faults import crash_point
from ..keys import hex_key
from ..layout import RUNS, Layout
from ..lock import dataset_lock
from ..owner import claim
from ..record import Record
from . import writer
from .commit import commit_release, finish, settle
from .corrections import Corrections, apply_corrections, merge_corrections
from .files import append_jsonl
from .manifest import Manifest, load_manifest, next_version
from .parquet import read_shard
from .takedown import repoint, rewrite_shards
from .writer import ShardWriter, iter_carried_rows, now, version_entry

REPORT_BATCH = 1000  # report lines buffered before they are appended


@dataclass
class ReleaseSettings:
    """What a version records about how it was made (from the spec)."""

    name: str
    shard_size: int = 5000
    kept: int = 30
    spec_sha256: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


class Dataset:
    """A dataset folder curator owns: its layout, its manifest, its versions."""

    def __init__(self, root: Path) -> None:
        self.layout = Layout(Path(root))
        self.root = self.layout.root

    @classmethod
    def claim(cls, root: Path, name: str) -> Dataset:
        """The dataset at ``root``, made curator's if it is new (see :mod:`.owner`)."""
        claim(Path(root), name)
        return cls(root)

    @contextmanager
    def lock(self) -> Iterator[None]:
        with dataset_lock(self.layout.state):
            yield

    @property
    def manifest(self) -> Manifest | None:
        return load_manifest(self.root)

    def published_ids(self, manifest: Manifest | None) -> np.ndarray:
        """Keys of every row id of ``manifest``'s latest version as a sorted ``uint64`` array
        (8 bytes a row), read from the id column only."""
        if manifest is None:
            return np.zeros(0, dtype=np.uint64)
        parts = [
            np.array(
                [hex_key(i) for i in read_shard(self.root, rel, ["id"]).column("id").to_pylist()],
                dtype=np.uint64,
            )
            for rel in manifest.head["shards"]
        ]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)

    def recover(self) -> Manifest | None:
        """Finish or undo what a killed run left; drop reports of versions never published."""
        manifest = settle(self.root)
        published = {v["version"] for v in manifest.versions} if manifest else set()
        if self.layout.reports.exists():
            for folder in self.layout.reports.iterdir():
                if folder.is_dir() and folder.name not in published | {RUNS}:
                    shutil.rmtree(folder)
        return manifest

    @contextmanager
    def begin(self, settings: ReleaseSettings) -> Iterator[VersionTransaction]:
        txn = VersionTransaction(self, settings)
        try:
            yield txn
        except BaseException:
            txn.abort()
            raise
        txn.commit()


class VersionTransaction:
    """One version in the making; see the module doc."""

    def __init__(self, dataset: Dataset, settings: ReleaseSettings) -> None:
        self.dataset, self.settings = dataset, settings
        self.manifest = dataset.manifest
        self.kind = "major" if _schema_changed(self.manifest) else "minor"
        self.name = next_version(self.manifest, self.kind)  # until the commit decides
        self.counts: dict[str, int] = {}
        self.note = ""
        self.entry: dict[str, Any] | None = None
        self.renamed: dict[str, str] = {}  # a takedown's old shard -> its rewritten file
        self.keep_reports: Path | None = None  # where rejects/duplicates go if nothing commits
        self._writer: ShardWriter | None = None
        self._corrected: list[Record] = []
        self._removal: tuple[set[str], list[dict]] | None = None
        self._reports: dict[str, list[dict]] = {"rejects": [], "duplicates": []}
        shutil.rmtree(self._reports_folder, ignore_errors=True)  # a killed attempt's
        self._flush_reports()  # the files exist even when they stay empty

    # -- what a run puts in ----------------------------------------------------------------
    def add(self, record: Record) -> None:
        self._shards().add(record)

    @property
    def added(self) -> int:
        return self._writer.rows if self._writer else 0

    def reject(self, origin: str | None, url: str | None, reason: str) -> None:
        self._report("rejects", {"origin": origin, "url": url, "reason": reason})

    def duplicate(self, row: dict[str, Any]) -> None:
        self._report("duplicates", row)

    def correct(self, records: list[Record]) -> None:
        self._corrected = list(records)

    def remove(self, ids: set[str], removals: list[dict]) -> None:
        """Take the rows with ``ids`` out of every version; ``removals`` (id, url, reason,
        date) are recorded in the new version's entry."""
        self._removal = (set(ids), removals)

    # -- the end -----------------------------------------------------------------------------
    def commit(self) -> None:
        self._flush_reports()
        kind = self._decide()
        if kind is None:
            self.abort()
            return
        if kind == "patch" and self.kind != "patch":
            self._become_patch()
        if self._removal:
            self.entry = self._commit_removal()
        else:
            self.entry = self._commit_rows()

    def abort(self) -> None:
        """Delete what this transaction made; the last good version stays as it was. Its
        reports go to ``keep_reports`` when the run asked for them (a run's own report)."""
        if self.keep_reports is not None and self._reports_folder.exists():
            self.keep_reports.mkdir(parents=True, exist_ok=True)
            for path in self._reports_folder.iterdir():
                path.replace(self.keep_reports / path.name)
        shutil.rmtree(self._reports_folder, ignore_errors=True)
        finish(self.dataset.root, self.dataset.manifest)

    # -- inside --------------------------------------------------------------------------------
    @property
    def _reports_folder(self) -> Path:
        return self.dataset.layout.version_reports(self.name)

    def _shards(self) -> ShardWriter:
        if self._writer is None:
            self._writer = ShardWriter(self.dataset.root, self.name, self.settings.shard_size)
        return self._writer

    def _report(self, kind: str, row: dict[str, Any]) -> None:
        self._reports[kind].append(row)
        if len(self._reports[kind]) >= REPORT_BATCH:
            self._flush_reports()

    def _flush_reports(self) -> None:
        for kind, rows in self._reports.items():
            append_jsonl(self._reports_folder / f"{kind}.jsonl", rows)  # creates when empty
            rows.clear()

    def _decide(self) -> str | None:
        if self._removal is not None:
            if self.added or self._corrected:
                raise ValueError("a takedown is a version of its own: add nothing with it")
            return "patch" if self._removal[0] else None
        if self.kind == "major" or self.added:
            return self.kind
        return "patch" if self._corrected else None

    def _become_patch(self) -> None:
        """No row was added: the version is a patch; its reports move with it."""
        old = self._reports_folder
        self.kind, self.name = "patch", next_version(self.manifest, "patch")
        shutil.rmtree(self._reports_folder, ignore_errors=True)
        if old.exists():
            old.rename(self._reports_folder)

    def _commit_rows(self) -> dict[str, Any]:
        manifest = self.manifest or Manifest(name=self.settings.name)
        shards = self._shards()
        plan = None
        if self.kind == "major":  # a new record schema: every row is rewritten
            for record in merge_corrections(
                iter_carried_rows(self.dataset.root, manifest), self._corrected
            ):
                shards.add(record)
        elif self._corrected:
            plan = apply_corrections(self.dataset.root, manifest, self._corrected, self.name)
            for record in plan.rows:
                shards.add(record)  # corrected rows keep their version_added
        new_shards = shards.finish()
        crash_point("shards")
        entry = self._rows_entry(manifest, shards, plan, new_shards)
        manifest.shards.update(plan.new_shards if plan else {})
        manifest.shards.update(new_shards)
        manifest.versions.append(entry)
        commit_release(self.dataset.root, manifest)
        return entry

    def _rows_entry(
        self, manifest: Manifest, shards_written: ShardWriter, plan: Corrections | None, new: dict
    ) -> dict[str, Any]:
        previous = manifest.latest if self.kind != "major" else None
        shards = previous["shards"] if previous else []
        stats = previous["stats"] if previous else None
        counts, note = dict(self.counts), self.note
        if plan and stats is not None:  # corrections always follow a published version
            shards, stats = plan.shard_list(shards), plan.stats_without_replaced(stats)
            counts["updated"] = counts.get("updated") or len(plan.rows)
            note = note or f"Corrected {len(plan.rows)} article(s) changed at the source"
        return self._entry(shards + list(new), shards_written.stats.merged(stats), counts, note)

    def _commit_removal(self) -> dict[str, Any]:
        assert self._removal is not None and self.manifest is not None  # _decide made sure
        ids, removals = self._removal
        manifest = self.manifest
        renamed, gone = rewrite_shards(self.dataset.root, manifest, ids)
        crash_point("remove-shards")
        repoint(self.dataset.root, manifest, renamed, gone)
        latest = manifest.head
        entry = {
            **latest,
            **self._entry(latest["shards"], latest["stats"], self.counts, self.note),
            "removals": removals,
        }
        manifest.versions.append(entry)
        commit_release(self.dataset.root, manifest, retired=renamed, point="remove-")
        self.renamed = renamed
        return entry

    def _entry(self, shards: list[str], stats: dict, counts: dict, note: str) -> dict[str, Any]:
        s = self.settings
        return version_entry(
            self.name, shards, stats, counts=counts, note=note, spec_sha256=s.spec_sha256,
            meta=s.meta, versions_kept=s.kept,
        )  # fmt: skip


def _schema_changed(manifest: Manifest | None) -> bool:
    if manifest is None or manifest.latest is None:
        return False
    current = writer.schema_sha256()  # looked up on the module: tests stand in a new schema
    return manifest.latest.get("schema_sha256", current) != current


__all__ = ["Dataset", "ReleaseSettings", "VersionTransaction", "now"]
