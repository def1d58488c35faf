"""Corrections: an article whose page changed upstream after it was published.

An update that reads a page whose canonical URL is already published (so the dedup index
gives it the published row's id, and drops it as a ``"url"`` duplicate of that row) but
whose normalised text hash differs has found a correction. The next version carries the
corrected row instead of the old one; the version is a patch when the run only corrects
(no additions), minor otherwise.

Published shards never change. For the new version only, each shard of the latest version
that holds a corrected article is replaced by a new file in the new version's folder,
without that row (``data/<new>/train-carried-00000-of-00001.parquet``; its manifest entry
names the shard it ``replaces``). The corrected rows are written with the new version's
own new rows. Older versions keep their shard lists, so a pinned config still returns the
text as it was first published. The new version's shard list is therefore::

    previous shards - replaced shards + replacement shards + new shards

A corrected row keeps the published row's ``id``, ``canonical_url``, ``version_added`` and
duplicate cluster, and records when it changed in ``modified``.

The builder finds them (:class:`CorrectionFinder`, after dedup) and hands them to the
version's transaction (``version.correct(records)``, :mod:`.dataset`), whose commit calls
:func:`apply_corrections` once it knows the version's number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..denylist import DenyList
from ..keys import find_sorted, hex_key
from ..pipeline import Document, Step
from ..record import Record, empty_record
from . import journal
from .manifest import Manifest
from .parquet import read_shard, read_shard_records, write_shard
from .stats import subtract as subtract_stats  # the same arithmetic as a takedown
from .writer import shard_entry

# kept from the published row: what identifies the article and when it first appeared
KEPT_FIELDS = ("id", "canonical_url", "version_added", "dup_cluster_id", "dup_cluster_size")


@dataclass
class Corrections:
    """What :func:`apply_corrections` wrote for ``version``, for the commit."""

    version: str
    rows: list[Record] = field(default_factory=list)  # corrected rows, new in ``version``
    replaced: list[Record] = field(default_factory=list)  # the published rows they replace
    dropped_shards: list[str] = field(default_factory=list)  # latest shards left out
    new_shards: dict[str, dict[str, Any]] = field(default_factory=dict)  # replacement -> entry

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def ids(self) -> list[str]:
        return [r["id"] for r in self.rows]

    def shard_list(self, previous: list[str]) -> list[str]:
        """``previous`` with each dropped shard swapped, in place, for its replacement (or
        left out when none of its rows remain)."""
        by_old = {entry["replaces"]: rel for rel, entry in self.new_shards.items()}
        dropped = set(self.dropped_shards)
        return [by_old.get(s, s) for s in previous if s in by_old or s not in dropped]

    def stats_without_replaced(self, stats: dict[str, Any]) -> dict[str, Any]:
        """The previous version's stats less the replaced rows (the corrected ones are then
        added back with the new rows)."""
        return subtract_stats(stats, self.replaced) if self.replaced else stats


def _newer(a: Record, b: Record) -> bool:
    """Of two fetches of one article in a run, the later one (then by hash: deterministic)."""
    return (a.get("fetched_at") or "", a["content_sha256"]) > (
        b.get("fetched_at") or "",
        b["content_sha256"],
    )


class PublishedHashes:
    """id -> text hash of every row of a version, as two sorted uint64 arrays (16 bytes a
    row, read from two columns), for deciding whether a re-read page changed."""

    def __init__(self, dataset: Path, manifest: Manifest, version: str | None = None) -> None:
        ids: list[int] = []
        hashes: list[int] = []
        for rel in manifest.version(version or manifest.head["version"])["shards"]:
            table = read_shard(dataset, rel, columns=["id", "content_sha256"])
            ids += [hex_key(i) for i in table.column("id").to_pylist()]
            hashes += [hex_key(h) for h in table.column("content_sha256").to_pylist()]
        order = np.argsort(np.array(ids, dtype=np.uint64), kind="stable")
        self.ids = np.array(ids, dtype=np.uint64)[order]
        self.hashes = np.array(hashes, dtype=np.uint64)[order]

    def get(self, id_: str) -> int | None:
        """The published text hash key of ``id_``, None when the version has no such row."""
        pos = find_sorted(self.ids, hex_key(id_))
        return None if pos is None else int(self.hashes[pos])


class CorrectionFinder(Step):
    """After dedup: passes every document through and keeps those that correct a row of the
    latest version, i.e. dropped as a ``"url"`` duplicate of the published row whose id they
    carry (same canonical URL) with a different ``content_sha256``. Holds only corrections
    (one per id, the latest fetch), so it can watch a streamed run batch by batch."""

    name = "corrections"

    def __init__(
        self, dataset: Path, manifest: Manifest | None, denylist: DenyList | None = None
    ) -> None:
        self.dataset, self.manifest, self.denylist = dataset, manifest, denylist
        self._published: PublishedHashes | None = None
        self._found: dict[str, Record] = {}

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            self.see(doc)
            yield doc

    def see(self, doc: Document) -> bool:
        """Keep ``doc``'s record if it is a correction; says whether it is one."""
        rec = doc.record
        if self.manifest is None or self.manifest.latest is None:
            return False
        if doc.rejected or doc.duplicate_reason != "url" or not doc.duplicate_of:
            return False
        if rec.get("id") != doc.duplicate_of:  # a changed page that was a copy of another one
            return False
        if self.denylist and self.denylist.denies(rec):
            return False
        if self._published is None:  # read once, and only when a run re-reads a known page
            self._published = PublishedHashes(self.dataset, self.manifest)
        before = self._published.get(rec["id"])
        if before is None or before == hex_key(rec["content_sha256"]):
            return False
        if rec["id"] not in self._found or _newer(rec, self._found[rec["id"]]):
            self._found[rec["id"]] = dict(rec)
        return True

    def records(self) -> list[Record]:
        """The corrected records, sorted by id: give them to :func:`apply_corrections`."""
        return [self._found[i] for i in sorted(self._found)]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def corrected_row(old: Record, new: Record) -> Record:
    """The row to publish: ``new`` (fields of the current schema), with the published row's
    identity kept; ``published`` from the old row when the new page has none; ``modified``
    the page's own date when it moved past the old one, else when the change was fetched."""
    row = empty_record()
    row.update({k: v for k, v in new.items() if k in row})
    row.update({k: old[k] for k in KEPT_FIELDS if k in old})
    row["published"] = new.get("published") or old.get("published")
    declared, before = new.get("modified"), old.get("modified")
    if declared and (before is None or declared > before):
        row["modified"] = declared
    else:
        row["modified"] = new.get("fetched_at") or _now()
    return row


def merge_corrections(rows: Iterable[Record], corrected: list[Record]) -> Iterator[Record]:
    """``rows`` (all rows of the latest version, for a major version that rewrites them) with
    each row that ``corrected`` corrects swapped for its corrected row."""
    fixed = {r["id"]: r for r in corrected}
    for row in rows:
        new = fixed.get(row["id"])
        yield (
            corrected_row(row, new)
            if new and new["content_sha256"] != row["content_sha256"]
            else row
        )


def replacement_names(version: str, count: int) -> list[str]:
    return [f"data/{version}/train-carried-{i:05d}-of-{count:05d}.parquet" for i in range(count)]


def apply_corrections(
    dataset: Path, manifest: Manifest, corrected: list[Record], version: str
) -> Corrections:
    """Write, for the new ``version`` only, a replacement of each latest shard that holds a
    row of ``corrected`` (same ids), without those rows; return the plan for
    the commit. Nothing published is touched and the manifest is not saved: until the
    release commits, the new files are journaled orphans that recovery deletes.
    Records whose text did not change are ignored; an id not in the latest version is an
    error (the caller picks corrections from published ids)."""
    plan = Corrections(version)
    if manifest is None or manifest.latest is None:
        if corrected:
            raise ValueError("corrections need a published version")
        return plan
    by_id = {r["id"]: r for r in corrected}
    if not by_id:
        return plan
    kept: dict[str, list[Record]] = {}
    found: set[str] = set()
    for rel in manifest.latest["shards"]:
        ids = set(read_shard(dataset, rel, columns=["id"]).column("id").to_pylist())
        hits = ids & by_id.keys()
        if not hits:
            continue
        found |= hits
        rows = read_shard_records(dataset, rel)
        changed = []
        for row in rows:
            if row["id"] in hits and row["content_sha256"] != by_id[row["id"]]["content_sha256"]:
                changed.append(row)
        if not changed:
            continue
        gone = {r["id"] for r in changed}
        plan.dropped_shards.append(rel)
        plan.replaced += changed
        plan.rows += [corrected_row(old, by_id[old["id"]]) for old in changed]
        rest = [r for r in rows if r["id"] not in gone]
        if rest:
            kept[rel] = rest
    missing = sorted(by_id.keys() - found)
    if missing:
        raise ValueError(
            f"corrections for ids not in {manifest.latest['version']}: {', '.join(missing)}"
        )
    for name, (old, rows) in zip(
        replacement_names(version, len(kept)), sorted(kept.items()), strict=True
    ):
        journal.note(dataset, name)  # until the release commits, recovery's to delete
        write_shard(dataset / name, rows)
        plan.new_shards[name] = shard_entry(dataset / name, len(rows), version, replaces=old)
    return plan
