"""The shard work of a takedown: find the rows, write each shard that held one again under a
new name without them, and repoint every version at the new files. The transaction
(:mod:`.dataset`) commits the result; :mod:`.remove` is the command around it."""

from __future__ import annotations

import re
from pathlib import Path

from ..record import Record
from ..urls import canonicalise
from . import journal
from .manifest import Manifest
from .parquet import read_shard, read_shard_records, write_shard
from .stats import subtract
from .writer import shard_entry

_REVISION = re.compile(r"^(?P<stem>.*?)(?:\.r(?P<n>\d+))?\.parquet$")


def revised_name(rel: str, taken: set[str]) -> str:
    """The next revision of a shard's name: ``x.parquet`` -> ``x.r1.parquet`` -> ``x.r2.parquet``."""
    m = _REVISION.match(rel)
    if not m:
        raise ValueError(f"not a parquet shard: {rel}")
    n = int(m["n"] or 0) + 1
    while f"{m['stem']}.r{n}.parquet" in taken:
        n += 1
    return f"{m['stem']}.r{n}.parquet"


def find_rows(
    dataset: Path, manifest: Manifest, id_: str | None, keys: set[str]
) -> dict[str, list[dict]]:
    """Shard -> the rows to remove (their id, url, canonical_url), by id or by URL key."""
    found: dict[str, list[dict]] = {}
    for rel in manifest.shards:
        rows = read_shard(dataset, rel, columns=["id", "url", "canonical_url"]).to_pylist()
        for row in rows:
            urls = {canonicalise(row["url"]), canonicalise(row["canonical_url"])} - {None}
            if row["id"] == id_ or urls & keys:
                found.setdefault(rel, []).append(row)
    return found


def rewrite_shards(
    dataset: Path, manifest: Manifest, ids: set[str]
) -> tuple[dict[str, str], dict[str, list[Record]]]:
    """Write each shard holding one of ``ids`` again without those rows (journaled first);
    returns old -> new name and the rows gone from each."""
    renamed, gone = {}, {}
    taken = set(manifest.shards)
    for rel in sorted(manifest.shards):
        ids_here = set(read_shard(dataset, rel, columns=["id"]).column("id").to_pylist()) & ids
        if not ids_here:
            continue
        rows = read_shard_records(dataset, rel)
        new = revised_name(rel, taken)
        taken.add(new)
        journal.note(dataset, new)
        write_shard(dataset / new, [r for r in rows if r["id"] not in ids_here])
        renamed[rel], gone[rel] = new, [r for r in rows if r["id"] in ids_here]
    return renamed, gone


def repoint(
    dataset: Path, manifest: Manifest, renamed: dict[str, str], gone: dict[str, list[Record]]
) -> None:
    """Every version's shard list and stats without the rows gone (in ``manifest``)."""
    for old, new in renamed.items():
        entry = manifest.shards.pop(old)
        rows = entry["num_rows"] - len(gone[old])
        manifest.shards[new] = {
            **entry,
            **shard_entry(dataset / new, rows, entry.get("added_in", "")),
            "replaces": old,
        }
    for version in manifest.versions:
        lost = [r for old in version["shards"] if old in renamed for r in gone[old]]
        if lost:
            version["shards"] = [renamed.get(s, s) for s in version["shards"]]
            version["stats"] = subtract(version["stats"], lost)
