"""``curator remove``: take an article down from every version, on request.

Order of work:

1. the deny-list gets the article's id, URL and canonical URL (idempotent) before anything
   else is written, so no later run brings it back, even after a crash;
2. a patch version is committed through the dataset's transaction (:mod:`.dataset`): each
   shard holding the article is written again under a new name without it
   (``train-00000-of-00001.parquet`` -> ``train-00000-of-00001.r1.parquet``), every
   version's shard list is repointed, the card lands before ``manifest.json`` (the commit
   protocol), and the old shard files are deleted only after both name the new ones;
3. the removal log, the dedup index, the raw-response archive and the run reports are
   cleaned. All of step 3 is idempotent: re-running the same removal finishes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_target, write_atomic
from ..denylist import DenyList
from ..errors import UsageError
from ..spec import Spec, load_spec
from ..urls import canonicalise
from .commit import card_settings
from .dataset import Dataset, ReleaseSettings
from .files import append_jsonl
from .manifest import Manifest
from .takedown import find_rows
from .writer import now

if TYPE_CHECKING:
    from ..dedup import Deduplicator

Hit = Callable[[str | None], bool]  # does a WARC record's target URI name the article?


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


def remove(
    spec: Spec | str | Path, *, url: str | None = None, id_: str | None = None, reason: str
) -> RemoveResult:
    """Take the article with ``id_`` or ``url`` out of every version of the spec's dataset."""
    if not (url or id_):
        raise UsageError("remove: give the article's URL or its id")
    if not reason or not reason.strip():
        raise UsageError("remove: give a reason (it goes in the removal log)")
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    dataset = Dataset.claim(spec.output, spec.name)  # its deny-list is written even before a build
    with dataset.lock():
        manifest = dataset.recover()
        return _remove_locked(spec, dataset, manifest, url, id_, reason.strip())


def _remove_locked(
    spec: Spec,
    dataset: Dataset,
    manifest: Manifest | None,
    url: str | None,
    id_: str | None,
    reason: str,
) -> RemoveResult:
    deny = DenyList.load(dataset.root, spec.mirrors)
    keys = {k for k in [deny.key(url)] if k}
    found = find_rows(dataset.root, manifest, id_, keys) if manifest else {}
    rows = {r["id"]: r for rs in found.values() for r in rs}
    ids = set(rows) | ({id_} if id_ else set())
    ids |= _index_ids(spec, dataset, url)  # also when a killed removal already rewrote the shards
    urls = {u for r in rows.values() for u in (r["url"], r["canonical_url"]) if u}
    urls |= {url} if url else set()
    _deny(deny, dataset, ids, urls)  # first: a crash from here on still keeps the article out
    result = RemoveResult(dataset.root, None, sorted(ids))
    if manifest is not None and rows:  # rows are found only in a published version
        _commit_takedown(dataset, manifest, rows, reason, result)
    else:
        _log_unpublished(dataset, ids, url, reason)
        result.message = (
            "no published article matches: deny-listed it so no later run adds it; "
            f"{dataset.root} unchanged"
        )
    _clean_state(spec, dataset, ids, urls, deny, result)
    return result


def _deny(deny: DenyList, dataset: Dataset, ids: set[str], urls: set[str]) -> None:
    for i in ids:
        deny.add(i)
    deny.add(None, *urls)
    deny.save(dataset.root)


def _commit_takedown(
    dataset: Dataset,
    manifest: Manifest,
    rows: dict[str, dict[str, Any]],
    reason: str,
    result: RemoveResult,
) -> None:
    # a takedown keeps the latest version's settings: the spec may have moved on since
    meta, kept = card_settings(manifest)
    settings = ReleaseSettings(
        name=manifest.name, kept=kept, spec_sha256=manifest.head["spec_sha256"], meta=meta
    )
    date = now()
    removals = [
        {"id": i, "url": r["url"] or r["canonical_url"], "reason": reason, "date": date}
        for i, r in sorted(rows.items())
    ]
    with dataset.begin(settings) as version:
        version.remove(set(rows), removals)
        version.note = f"Removed {len(rows)} article(s) on request"
        version.counts.update(read=0, unchanged=0, added=0, updated=0, removed=len(rows))
        version.counts.update(duplicates=0, rejected=0)
    result.version, result.shards_rewritten = version.name, version.renamed
    result.message = (
        f"removed {len(rows)} article(s) from every version of {dataset.root}: "
        f"new version {version.name}"
    )


def _log_unpublished(dataset: Dataset, ids: set[str], url: str | None, reason: str) -> None:
    date = now()
    logged: list[str | None] = [*sorted(ids)] or [None]  # a URL never published has no id
    append_jsonl(
        dataset.layout.removals,
        [{"id": i, "url": url, "reason": reason, "date": date, "version": None} for i in logged],
    )


def _clean_state(
    spec: Spec,
    dataset: Dataset,
    ids: set[str],
    urls: set[str],
    deny: DenyList,
    result: RemoveResult,
) -> None:
    """Step 3: the log, the index, the archive and the reports (idempotent)."""
    manifest = dataset.manifest
    _sync_log(dataset, manifest)
    if ids:
        current = manifest.latest["version"] if manifest and manifest.latest else "v1.0.0"
        _forget_in_index(spec, dataset, ids, current)
    result.archive_records = purge_archive(
        dataset.layout.archive, {deny.key(u) or u for u in urls} | urls, spec.mirrors
    )
    _scrub_reports(dataset, ids | urls)


def _sync_log(dataset: Dataset, manifest: Manifest | None) -> None:
    """Make the removal log hold every removal the manifest records (after a crash, too)."""
    path = dataset.layout.removals
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


def _deduplicator(spec: Spec, dataset: Dataset, version: str = "v1.0.0") -> Deduplicator:
    from ..dedup import Deduplicator  # the dedup stage: imported when a takedown needs it

    return Deduplicator(dataset.layout.index, spec.section("dedup"), spec.mirrors, version)


def _forget_in_index(spec: Spec, dataset: Dataset, ids: set[str], version: str) -> None:
    dedup = _deduplicator(spec, dataset, version)
    dedup.remove(ids)
    dedup.commit()


def _index_ids(spec: Spec, dataset: Dataset, url: str | None) -> set[str]:
    found = _deduplicator(spec, dataset).lookup(url) if url else None
    return {found} if found else set()


def _scrub_reports(dataset: Dataset, needles: set[str]) -> None:
    """Drop report lines (rejects, duplicates) that name the article."""
    reports = dataset.layout.reports
    for path in reports.rglob("*.jsonl") if reports.exists() else []:  # versions' and runs'
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not any(n in line for n in needles)]
        if len(kept) != len(lines):
            write_atomic(path, "".join(kept))


def purge_archive(folder: Path, urls: set[str], mirrors: dict[str, str] | None = None) -> int:
    """Rewrite each WARC file of the archive that holds a record of ``urls`` without those
    records (atomically), and drop their lines from the archive's index. Returns how many
    records were removed."""
    files = sorted(folder.glob("*.warc.gz")) if folder.exists() and urls else []

    def hit(uri: str | None) -> bool:
        return bool(uri) and (uri in urls or canonicalise(uri, mirrors) in urls)

    removed, offsets = 0, {}
    for path in files:
        if _holds(path, hit):
            n, offsets[path.name] = _rewrite_warc(path, hit)
            removed += n
    if offsets:
        _reindex(folder, offsets, hit)
    return removed


def _holds(path: Path, hit: Hit) -> bool:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        return any(hit(r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh))


def _rewrite_warc(path: Path, hit: Hit) -> tuple[int, list[int]]:
    """``path`` without the records ``hit`` matches; returns their count and the new
    offsets of the response records kept, in order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    removed, offsets = 0, []
    with atomic_target(path) as tmp, path.open("rb") as src, tmp.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for record in ArchiveIterator(src, arc2warc=True, verify_http=False):
            if hit(record.rec_headers.get_header("WARC-Target-URI")):
                removed += 1
                continue
            if record.rec_type == "response":
                offsets.append(out.tell())
            writer.write_record(record)
    return removed, offsets


def _reindex(folder: Path, offsets: dict[str, list[int]], hit: Hit) -> None:
    from ..fetch.archive import INDEX_NAME

    index = folder / INDEX_NAME
    if not index.exists():
        return
    lines = index.read_text(encoding="utf-8").splitlines()
    entries = [
        e for e in (json.loads(line) for line in lines if line.strip()) if not hit(e.get("url"))
    ]
    for name, new in offsets.items():
        mine = sorted((e for e in entries if e.get("file") == name), key=lambda e: e["offset"])
        for entry, offset in zip(mine, new, strict=False):
            entry["offset"] = offset
    write_atomic(index, "".join(json.dumps(e) + "\n" for e in entries))
