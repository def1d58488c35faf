"""``curator remove``: take an article down from every version, on request.

Order of work (the card is the commit point, as in a build):

1. the deny-list gets the id and canonical URL (idempotent), so no later run brings it back;
2. each shard holding the article is rewritten under a new name without it
   (``train-00000-of-00001.parquet`` -> ``train-00000-of-00001.r1.parquet``);
3. the release is committed as a build's is (:func:`.commit.commit_release`): every
   version's shard list points at the new files, the per-version row counts shrink, a new
   patch version records the removal; the card lands before ``manifest.json``, and the old
   shard files are deleted only after both name the new ones (a crash before that leaves
   them journaled, and the next run's recovery deletes them);
5. the removal log, the dedup index, the raw-response archive and the run reports are
   cleaned. All of step 5 is idempotent: re-running the same removal finishes it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..faults import crash_point
from ..lock import dataset_lock
from ..record import Record
from ..spec import Spec, load_spec
from ..urls import canonicalise
from . import journal
from .commit import commit_release
from .denylist import DenyList
from .files import append_jsonl, sha256_file, state_dir
from .manifest import Manifest, next_version
from .owner import require_owned
from .parquet import read_shard, read_shard_records, write_shard
from .recover import recover
from .writer import stat_keys

REMOVALS = "removals.jsonl"
_REVISION = re.compile(r"^(?P<stem>.*?)(?:\.r(?P<n>\d+))?\.parquet$")


@dataclass
class RemoveResult:
    dataset: Path
    version: str | None
    ids: list[str] = field(default_factory=list)
    shards_rewritten: dict[str, str] = field(default_factory=dict)
    archive_records: int = 0
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": str(self.dataset), "version": self.version, "removed_ids": self.ids,
            "shards_rewritten": self.shards_rewritten, "archive_records_removed": self.archive_records,
            "message": self.message,
        }  # fmt: skip

    def summary(self) -> str:
        lines = [self.message]
        lines += [f"  {old} -> {new}" for old, new in self.shards_rewritten.items()]
        if self.archive_records:
            lines.append(f"  {self.archive_records} archived response(s) removed")
        return "\n".join(lines)


def revised_name(rel: str, taken: set[str]) -> str:
    """The next revision of a shard's name: ``x.parquet`` -> ``x.r1.parquet`` -> ``x.r2.parquet``."""
    m = _REVISION.match(rel)
    if not m:
        raise ValueError(f"not a parquet shard: {rel}")
    n = int(m["n"] or 0) + 1
    while f"{m['stem']}.r{n}.parquet" in taken:
        n += 1
    return f"{m['stem']}.r{n}.parquet"


def _matches(
    dataset: Path, manifest: Manifest, id_: str | None, keys: set[str]
) -> dict[str, set[str]]:
    """Shard -> ids of the rows to remove (by id, or by URL/canonical URL)."""
    found: dict[str, set[str]] = {}
    for rel in manifest.shards:
        table = read_shard(dataset, rel, columns=["id", "url", "canonical_url"])
        table = table.to_pylist()
        for row in table:
            urls = {canonicalise(row["url"]), canonicalise(row["canonical_url"])} - {None}
            if row["id"] == id_ or urls & keys:
                found.setdefault(rel, set()).add(row["id"])
    return found


def _subtract(stats: dict[str, Any], gone: list[Record]) -> dict[str, Any]:
    def minus(counter: dict[str, int], values: list[str]) -> dict[str, int]:
        left = Counter(counter)
        left.subtract(values)
        return {k: v for k, v in sorted(left.items()) if v > 0}

    return {
        **stats,
        "rows": stats["rows"] - len(gone),
        **{
            table: minus(stats[table], [stat_keys(r)[table] for r in gone])
            for table in ("by_source", "by_language", "by_year")
        },
    }


def _rewrite_shards(
    dataset: Path, manifest: Manifest, found: dict[str, set[str]]
) -> tuple[dict[str, str], dict[str, list[Record]]]:
    """Write each affected shard again without the rows; returns old -> new and the rows gone."""
    renamed, gone = {}, {}
    taken = set(manifest.shards)
    for rel, ids in sorted(found.items()):
        rows = read_shard_records(dataset, rel)
        new = revised_name(rel, taken)
        taken.add(new)
        journal.note(dataset, new)
        write_shard(dataset / new, [r for r in rows if r["id"] not in ids])
        renamed[rel], gone[rel] = new, [r for r in rows if r["id"] in ids]
    return renamed, gone


def _repoint(
    dataset: Path, manifest: Manifest, renamed: dict[str, str], gone: dict[str, list[Record]]
) -> None:
    for old, new in renamed.items():
        entry = dict(manifest.shards.pop(old))
        path = dataset / new
        entry.update(
            sha256=sha256_file(path),
            num_rows=entry["num_rows"] - len(gone[old]),
            num_bytes=path.stat().st_size,
            replaces=old,
        )
        manifest.shards[new] = entry
    for version in manifest.versions:
        lost = [r for old in version["shards"] if old in renamed for r in gone[old]]
        if lost:
            version["shards"] = [renamed.get(s, s) for s in version["shards"]]
            version["stats"] = _subtract(version["stats"], lost)


def _sync_log(state: Path, manifest: Manifest | None) -> None:
    """Make the removal log hold every removal the manifest records (after a crash, too)."""
    path = state / REMOVALS
    logged = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                logged.add((row.get("version"), row.get("id")))
    missing = [
        {**r, "version": v["version"]}
        for v in (manifest.versions if manifest else [])
        for r in v.get("removals", [])
        if (v["version"], r["id"]) not in logged
    ]
    append_jsonl(path, missing)


def _forget_in_index(spec: Spec, state: Path, ids: set[str], version: str) -> None:
    try:
        from ..dedup import Deduplicator
    except ImportError:  # TODO(dedup): the deduplicator is not in this tree yet
        return
    dedup = Deduplicator(state / "index", spec.section("dedup"), spec.mirrors, version)
    dedup.remove(ids)
    dedup.commit()


def _index_ids(spec: Spec, state: Path, url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        from ..dedup import Deduplicator
    except ImportError:  # TODO(dedup): the deduplicator is not in this tree yet
        return set()
    found = Deduplicator(state / "index", spec.section("dedup"), spec.mirrors).lookup(url)
    return {found} if found else set()


def _scrub_reports(state: Path, needles: set[str]) -> None:
    """Drop report lines (rejects, duplicates) that name the article."""
    for path in (state / "reports").glob("*/*.jsonl") if (state / "reports").exists() else []:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not any(n in line for n in needles)]
        if len(kept) != len(lines):
            from .files import write_atomic

            write_atomic(path, "".join(kept))


def _archive_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.warc.gz")) if folder.exists() else []


def purge_archive(folder: Path, urls: set[str], mirrors: dict[str, str] | None = None) -> int:
    """Rewrite each WARC file of the archive that holds a record of ``urls`` without those
    records (new file under a temporary name, then renamed over the old one), and drop their
    lines from the archive's index. Returns how many records were removed."""
    files = _archive_files(folder)
    if not files or not urls:
        return 0
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    try:
        from ..fetch.archive import INDEX_NAME
    except ImportError:  # TODO(fetch): the archive module is not in this tree yet
        INDEX_NAME = "index.jsonl"

    def hit(uri: str | None) -> bool:
        return bool(uri) and (uri in urls or canonicalise(uri, mirrors) in urls)

    removed, offsets = 0, {}
    for path in files:
        with path.open("rb") as fh:
            if not any(
                hit(r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)
            ):
                continue
        tmp = path.with_name(f".{path.name}.tmp")
        new_offsets = []
        with path.open("rb") as src, tmp.open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for record in ArchiveIterator(src, arc2warc=True, verify_http=False):
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if hit(uri):
                    removed += 1
                    continue
                if record.rec_type == "response":
                    new_offsets.append(out.tell())
                writer.write_record(record)
            out.flush()
        tmp.replace(path)
        offsets[path.name] = new_offsets
    index = folder / INDEX_NAME
    if index.exists() and offsets:
        entries = [
            json.loads(line)
            for line in index.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        entries = [e for e in entries if not hit(e.get("url"))]
        for name, new in offsets.items():
            mine = sorted((e for e in entries if e.get("file") == name), key=lambda e: e["offset"])
            for entry, offset in zip(mine, new, strict=False):
                entry["offset"] = offset
        from .files import write_atomic

        write_atomic(index, "".join(json.dumps(e) + "\n" for e in entries))
    return removed


def remove(
    spec: Spec | str | Path, *, url: str | None = None, id_: str | None = None, reason: str
) -> RemoveResult:
    """Take the article with ``id_`` or ``url`` out of every version of the spec's dataset."""
    if not (url or id_):
        raise UsageError("remove: give the article's URL or its id")
    if not reason or not reason.strip():
        raise UsageError("remove: give a reason (it goes in the removal log)")
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    dataset, state = spec.output, state_dir(spec.output)
    require_owned(dataset)
    with dataset_lock(state):
        manifest = recover(dataset)
        return _remove_locked(spec, dataset, state, manifest, url, id_, reason.strip())


def _remove_locked(
    spec: Spec, dataset: Path, state: Path, manifest: Manifest | None, url, id_, reason
) -> RemoveResult:
    deny = DenyList.load(dataset, spec.mirrors)
    keys = {k for k in [deny.key(url)] if k}
    found = _matches(dataset, manifest, id_, keys) if manifest else {}
    ids = set().union(*found.values()) if found else set()
    ids |= {id_} if id_ else set()
    ids |= _index_ids(spec, state, url)  # also when a killed removal already rewrote the shards
    deny.add(None, url)
    for i in ids:
        deny.ids.add(i)
    result = RemoveResult(dataset, None, sorted(ids))
    date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    urls: set[str] = {url} if url else set()
    if found:
        renamed, gone = _rewrite_shards(dataset, manifest, found)
        crash_point("remove-shards")
        rows = {r["id"]: r for rs in gone.values() for r in rs}
        for r in rows.values():
            deny.add(r["id"], r["url"], r["canonical_url"])
            urls |= {u for u in (r["url"], r["canonical_url"]) if u}
        deny.save(dataset)  # before the manifest: a crash now still keeps the article out
        _repoint(dataset, manifest, renamed, gone)
        latest = manifest.latest
        version = next_version(manifest, "patch")
        removals = [
            {
                "id": i,
                "url": rows[i]["url"] or rows[i]["canonical_url"],
                "reason": reason,
                "date": date,
            }
            for i in sorted(rows)
        ]
        manifest.versions.append({
            **latest, "version": version, "date": date,
            "note": f"Removed {len(rows)} article(s) on request",
            "counts": {"read": 0, "unchanged": 0, "added": 0, "updated": 0, "removed": len(rows), "duplicates": 0, "rejected": 0},
            "removals": removals,
        })  # fmt: skip
        commit_release(dataset, manifest, retired=renamed, point="remove-")
        result.version, result.shards_rewritten = version, renamed
        result.message = (
            f"removed {len(rows)} article(s) from every version of {dataset}: new version {version}"
        )
    else:
        deny.save(dataset)
        append_jsonl(
            state / REMOVALS,
            [
                {"id": i, "url": url, "reason": reason, "date": date, "version": None}
                for i in sorted(ids) or [None]
            ],
        )
        result.message = f"no published article matches: deny-listed it so no later run adds it; {dataset} unchanged"
    _sync_log(state, manifest)
    if ids:
        current = manifest.latest["version"] if manifest else "v1.0.0"
        _forget_in_index(spec, state, ids, current)
    result.archive_records = purge_archive(
        state / "archive", {deny.key(u) or u for u in urls} | urls, spec.mirrors
    )
    _scrub_reports(state, ids | urls)
    return result
