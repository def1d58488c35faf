"""``build`` and ``update``: sources -> clean -> tag -> filter -> dedup -> package.

The card is the commit point of a run (the protocol is in :mod:`curator.package.manifest`).
Everything before it (shards, reports) is written under new, journaled names; everything
after it (dedup index, seen pages) is derived state that the next run repairs or re-derives,
so a run killed at any moment leaves one complete release loadable and a re-run finishes the
work without duplicates.

Memory is bounded by batch sizes, not by the corpus: the run is one stream, and nothing
holds all of it. Per stage, at most:

* executor: ``workers x 8`` chunks of 32 pages in flight (raw HTML, parsed trees in workers);
* learned boilerplate: one batch of 2,000 cleaned documents;
* dedup: one batch of :data:`DEDUP_BATCH` (20,000) documents with their texts. Each batch is
  deduplicated against the published index *and* the earlier batches of this run (their
  index segments are written at once under names the index manifest does not list, see
  :mod:`curator.dedup.index`), so the result matches one big batch except that an earlier
  batch's kept row wins over a later copy the way a published row does;
* packaging: kept records go to the version's transaction
  (:class:`~curator.package.dataset.VersionTransaction`) as each dedup batch ends; its shard
  writer holds one shard (``shard_size`` rows) and writes full shards under temporary names,
  renamed to ``train-XXXXX-of-YYYYY`` at the commit; rejects and duplicates are appended to
  the version's report files a thousand lines at a time.

What grows with the corpus, per document: the dedup index (memory-mapped segments: ~40 bytes
per document plus ~600 per kept row on disk, a few pages touched per lookup), the seen-page
digests and the latest version's ids (8 bytes each, as sorted ``uint64`` arrays).
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .clean import BoilerplateModel, CleanStep, LearnedBoilerplate
from .denylist import DenyList
from .errors import UsageError, disk_full, is_disk_full
from .executors import chunked, make_executor
from .faults import crash_point
from .keys import find_sorted, hex_key
from .layout import Layout
from .log import progress
from .owner import claim_output
from .package.dataset import Dataset, ReleaseSettings
from .package.runs import new_run_folder, write_run
from .pipeline import Document, Step
from .sources import CrawlSummary, RunContext, read_sources
from .spec import Spec, load_spec
from .urls import host_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from .dedup import Deduplicator
    from .executors import Executor
    from .package.corrections import CorrectionFinder
    from .package.dataset import VersionTransaction
    from .package.manifest import Manifest

    Show = Callable[..., Iterator[Document]]

# Documents deduplicated together in memory (with their texts): the bound on a run's memory.
# ~20,000 news articles are ~200-300 MB of Python objects; see the module doc.
DEDUP_BATCH = 20_000
# Rejections that mean a page could not be had at all (not that it was not an article)
FETCH_FAILURES = ("fetch failed", "robots.txt unreachable", "sitemap unreadable", "feed unreadable")


@dataclass
class BuildResult:
    dataset: Path
    version: str | None
    counts: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    message: str = ""
    hosts: str = ""  # per-host fetch table, when the sources were fetched
    by_host: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)  # per host: count, first URL
    run_report: str | None = None  # the run's report folder

    @property
    def failed(self) -> bool:
        """The work failed: pages could not be fetched and nothing at all was read."""
        return bool(self.failures) and not self.version and not self._read_any()

    def _read_any(self) -> bool:
        c = self.counts
        got = sum(c.get(k, 0) for k in ("added", "duplicates", "unchanged", "already_published"))
        return got > 0 or c.get("rejected", 0) > sum(f["count"] for f in self.failures)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": str(self.dataset), "version": self.version, "counts": self.counts,
            "reject_reasons": self.reject_reasons, "message": self.message,
            "by_host": self.by_host, "failures": self.failures, "failed": self.failed,
            "run_report": self.run_report,
        }  # fmt: skip

    def failure_lines(self) -> list[str]:
        """One line per host whose pages could not be fetched: count, first URL, error."""
        return [
            f"{f['host']}: {f['count']} page(s) could not be fetched, first {f['first_url']}: {f['error']}"
            for f in self.failures
        ]

    def summary(self) -> str:
        c = self.counts
        lines = [
            self.message,
            f"  read {c.get('read', 0)}, unchanged {c.get('unchanged', 0)}, kept {c.get('added', 0)}, "
            f"rejected {c.get('rejected', 0)}, duplicates dropped {c.get('duplicates', 0)}",
        ]
        lines += [
            f"  rejected {n:>4} x {reason}"
            for reason, n in sorted(self.reject_reasons.items(), key=lambda x: -x[1])
        ]
        if self.failures:
            lines += ["", "failed:", *(f"  {line}" for line in self.failure_lines())]
        if self.hosts:
            lines += ["", "fetched, by host:", self.hosts]
        if self.run_report:
            lines += ["", f"run report: {self.run_report}"]
        return "\n".join(lines)


def raw_digest(doc: Document) -> str:
    raw = doc.raw.encode("utf-8") if isinstance(doc.raw, str) else (doc.raw or b"")
    return hashlib.sha256(raw + (doc.record.get("url") or "").encode()).hexdigest()


class SkipSeen(Step):
    """Drops pages whose bytes an earlier version already processed: an update cleans and
    tags only what is new or changed. Earlier digests are held as a sorted array of their
    first 64 bits (8 bytes a page); this run's new ones are spooled to ``pending``."""

    name = "new"

    def __init__(self, seen: np.ndarray, pending: Path):
        self.seen = seen
        self.unchanged = 0
        self.pending = pending

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        with self.pending.open("w") as fh:
            for doc in docs:
                digest = raw_digest(doc)
                if find_sorted(self.seen, hex_key(digest)) is not None:
                    self.unchanged += 1
                    continue
                try:
                    fh.write(digest + "\n")
                except OSError as exc:
                    raise (disk_full(self.pending) if is_disk_full(exc) else exc) from exc
                yield doc


def _load_seen(layout: Layout) -> np.ndarray:
    path = layout.seen
    keys: list[int] = []
    if path.exists():
        with path.open() as fh:
            keys = [hex_key(line) for line in fh if line.strip()]
    return np.unique(np.array(keys, dtype=np.uint64))


def _document_steps() -> list[Step]:
    """Steps that look at one document at a time: these run in the executor's workers."""
    from .clean.learned import LineKeys
    from .tag import Tagger

    return [CleanStep(), Tagger(), LineKeys()]


def _batch_steps(spec: Spec, learned: Step) -> list[Step]:
    """Steps that see many documents (or are cheap): these run in the driver, in order; the
    deduplicator follows them, one bounded batch at a time (see :class:`_Packer`)."""
    from .tag import QualityFilter, RefreshText

    steps = [learned] if spec.section("clean").get("learn_boilerplate", True) else []
    return [*steps, RefreshText(), QualityFilter(spec.section("filters"))]


def _boilerplate_model(spec: Spec, layout: Layout) -> BoilerplateModel:
    clean = spec.section("clean")
    thresholds = {"min_pages": "boilerplate_min_pages", "min_share": "boilerplate_min_fraction"}
    given = {arg: clean[key] for arg, key in thresholds.items() if key in clean}
    return BoilerplateModel.load(layout.boilerplate, **given)


def _executor_options(spec: Spec, options: dict[str, Any] | None) -> dict[str, Any]:
    """The caller's executor options; the spec's ``[clean] timeout_seconds`` as the per-page
    deadline unless the caller set one."""
    options = {k: v for k, v in (options or {}).items() if v is not None}
    timeout = spec.section("clean").get("timeout_seconds")
    if timeout is not None:
        options.setdefault("doc_timeout", timeout)
    return options


def _run_pipeline(
    docs: Iterable[Document], steps: _Run, executor: Executor, progress: bool
) -> Iterator[Document]:
    """The whole run as one lazy stream: nothing here holds more than a step's own batch.
    Progress is shown for each real stage: read (and fetch), clean+tag, filter (learned
    boilerplate, text refresh, quality filters); dedup+package counts in :class:`_Packer`."""
    show = progress_for(progress)
    stream: Iterable[Document] = show(docs, "read", steps.expected, 0)
    stream = show(executor.run(_document_steps(), stream), "clean+tag", None, 1)
    for step in steps.driver_steps:
        stream = step.run(stream)
    yield from show(stream, "filter", None, 2)


def progress_for(enabled: bool) -> Show:
    """:func:`curator.log.progress`, or a pass-through when progress is off."""
    return progress if enabled else (lambda stream, *args: stream)


def expected_pages(spec: Spec) -> int | None:
    """How many pages the sources will give, when every source is local and says so cheaply
    (a manifest's entries, a folder's files, a JSON-lines file's lines); else None."""
    total = 0
    for source in spec.data.get("sources", []):
        count = _local_count(spec, source)
        if count is None:
            return None
        total += count
    return total


def _local_count(spec: Spec, source: dict[str, Any]) -> int | None:
    kind, path = source.get("type"), spec.resolve(source.get("path", "."))
    try:
        if kind == "manifest":
            import json

            data = json.loads(path.read_text(encoding="utf-8"))
            return len(data.get("pages", data) if isinstance(data, dict) else data)
        if kind == "folder":
            return sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        if kind == "jsonl":
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
    except (OSError, ValueError, TypeError):
        return None
    return None


def _fetcher(spec: Spec, refresh: bool, denylist: DenyList) -> RunContext:
    """The run context (one fetcher for every source, so its per-host counts can be reported,
    the scope and the deny-list, checked before any request). An update re-checks archived
    pages with conditional GETs; a build reuses the archive."""
    return RunContext.from_spec(spec, refresh=refresh, denylist=denylist)


def _host_summary(context: RunContext) -> dict[str, Any]:
    """The per-host fetch summary (fetched, not modified, refused by robots.txt, out of scope,
    denied, failed), as the ``hosts`` table and the ``by_host`` counts of a :class:`BuildResult`."""
    stats = context.host_stats()
    if not stats:
        return {}
    by_host = {host: s.to_json() for host, s in sorted(stats.items())}
    return {"hosts": CrawlSummary(by_host=stats).table(), "by_host": by_host}


class _Packer:
    """Consumes the stream in dedup batches: counts verdicts and puts each document into the
    version's transaction (a row, a reject, a duplicate) as each batch completes."""

    def __init__(
        self,
        version: VersionTransaction,
        deny: DenyList,
        already: np.ndarray,
        corrections: CorrectionFinder,
        show: Show | None = None,
    ) -> None:
        self.version, self.deny, self.already = version, deny, already
        self.corrections = corrections  # keeps the pages corrected upstream
        self.show = show or progress_for(False)
        self.counts: Counter = Counter()
        self.reasons: Counter = Counter()
        self.fetch_failures: dict[str, list] = {}  # host -> [count, first URL, first error]

    def consume(self, stream: Iterable[Document], dedup: Deduplicator, batch_size: int) -> None:
        for doc in self.show(
            self._deduplicated(stream, dedup, batch_size), "dedup+package", None, 3
        ):
            self._pack(doc)

    def _deduplicated(
        self, stream: Iterable[Document], dedup: Deduplicator, batch_size: int
    ) -> Iterator[Document]:
        for batch in chunked(stream, batch_size):
            yield from dedup.run(batch)
            for row in dedup.report:
                self.version.duplicate(row)

    def _pack(self, d: Document) -> None:
        c = self.counts
        c["seen"] += 1
        if d.rejected:
            c["rejected"] += 1
            self.reasons[_reason_class(d.rejected)] += 1
            self.version.reject(d.origin, d.record.get("url"), d.rejected)
            self._note_fetch_failure(d)
        elif d.duplicate_of:
            c["duplicates"] += 1  # corrections are taken out of this count at the end
            self.corrections.see(d)
        else:
            denied = self.deny.denies(d.record)
            published = find_sorted(self.already, hex_key(d.record["id"])) is not None
            c["late_denied"] += denied
            c["already_published"] += published
            if not denied and not published:
                c["added"] += 1
                self.version.add(d.record)

    def _note_fetch_failure(self, d: Document) -> None:
        """Per host: how many pages could not be fetched, the first one and why."""
        if not (d.rejected or "").startswith(FETCH_FAILURES):
            return
        url = d.record.get("url") or d.origin or ""
        entry = self.fetch_failures.setdefault(host_of(url) or "(none)", [0, url, d.rejected])
        entry[0] += 1

    def result_counts(self, skip: SkipSeen, denied: int, corrected: int) -> dict[str, int]:
        c = self.counts
        return {
            "read": c["seen"] + skip.unchanged + denied, "unchanged": skip.unchanged,
            "added": c["added"], "denied": denied + c["late_denied"],
            "duplicates": c["duplicates"] - corrected,  # a correction is not a dropped duplicate
            "rejected": c["rejected"], "already_published": c["already_published"],
            "updated": corrected,
        }  # fmt: skip


def _settings(spec: Spec) -> ReleaseSettings:
    return ReleaseSettings(
        name=spec.name, shard_size=spec.shard_size, kept=spec.versions_kept,
        spec_sha256=spec.sha256, meta=spec.card_meta(),
    )  # fmt: skip


def run(
    spec: Spec | str | Path,
    *,
    progress: bool = True,
    fresh: bool = False,
    executor: dict[str, Any] | None = None,
    dedup_batch: int = DEDUP_BATCH,
) -> BuildResult:
    """Read, clean, tag, deduplicate and publish; ``executor`` is ``make_executor``'s options,
    ``dedup_batch`` the most documents held in memory together (see the module doc)."""
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    claim_output(spec)  # before anything is written: the folder must be ours
    dataset = Dataset(spec.output)
    with dataset.lock():
        manifest = dataset.recover()
        if fresh and manifest is not None:
            raise UsageError(
                f"{dataset.root} already holds version {manifest.head['version']}: "
                "`curator build` makes a first version only; use `curator update SPEC`"
            )
        try:
            return _run_locked(spec, dataset, manifest, progress, executor, dedup_batch)
        except OSError as exc:  # numpy and pyarrow report a full disk without the file
            if is_disk_full(exc) and not exc.filename:
                raise disk_full(dataset.root) from exc
            raise


@dataclass
class _Run:
    """The steps and state of one run, made from the spec and the dataset."""

    skip: SkipSeen
    deny: DenyList  # checked by the run context before any request or read, once per page
    dedup: Deduplicator
    boilerplate: BoilerplateModel
    driver_steps: list[Step]
    finder: CorrectionFinder
    expected: int | None = None  # pages the sources will give, when known up front
    denied: int = 0  # pages the run context left out as taken down

    @classmethod
    def make(
        cls, spec: Spec, dataset: Dataset, manifest: Manifest | None, version: str, progress: bool
    ) -> _Run:
        from .dedup import Deduplicator
        from .package.corrections import CorrectionFinder

        layout = dataset.layout
        deny = DenyList.load(dataset.root, spec.mirrors)
        boilerplate = _boilerplate_model(spec, layout)
        return cls(
            skip=SkipSeen(_load_seen(layout), pending=layout.seen_pending),
            deny=deny,
            dedup=Deduplicator(layout.index, spec.section("dedup"), spec.mirrors, version),
            boilerplate=boilerplate,
            driver_steps=_batch_steps(spec, LearnedBoilerplate(model=boilerplate)),
            finder=CorrectionFinder(dataset.root, manifest, deny),
            expected=expected_pages(spec) if progress else None,  # a scan: only for a bar
        )


def _run_locked(
    spec: Spec,
    dataset: Dataset,
    manifest: Manifest | None,
    progress: bool,
    executor_options: dict[str, Any] | None,
    dedup_batch: int,
) -> BuildResult:
    run_folder = new_run_folder(dataset.layout)
    with dataset.begin(_settings(spec)) as version:
        version.keep_reports = run_folder  # a run that writes no version keeps what it dropped
        steps = _Run.make(spec, dataset, manifest, version.name, progress)
        already = dataset.published_ids(manifest)
        show = progress_for(progress)
        packer = _Packer(version, steps.deny, already, steps.finder, show)
        refresh = manifest is not None
        hosts = _stream(spec, steps, packer, refresh, progress, executor_options, dedup_batch)
        corrected = steps.finder.records()
        version.correct(corrected)
        version.counts.update(packer.result_counts(steps.skip, steps.denied, len(corrected)))
    result = BuildResult(dataset.root, version.name if version.entry else None, version.counts,
                         dict(packer.reasons), failures=_failures(packer), **hosts)  # fmt: skip
    if version.entry is None:
        if result.counts["already_published"]:
            steps.dedup.commit()  # a run killed after its manifest: bring the index up to date
        _save_seen(dataset.layout)
        result.message = _nothing_new(manifest, dataset.root)
    else:
        result.message = f"wrote {version.name} of {dataset.root}" + _after_commit(
            steps, dataset, version.name
        )
    try:
        result.run_report = str(write_run(dataset.layout, run_folder, result.to_json()))
    except OSError as exc:  # the run's outcome stands; only its report could not be kept
        if not is_disk_full(exc):
            raise
        result.message += f"; no space was left for the run report ({exc.filename})"
    return result


def _failures(packer: _Packer) -> list[dict[str, Any]]:
    return [
        {"host": host, "count": n, "first_url": url, "error": error}
        for host, (n, url, error) in sorted(packer.fetch_failures.items())
    ]


def _after_commit(steps: _Run, dataset: Dataset, version: str) -> str:
    """Save the derived state; what to add to the message if the disk filled meanwhile."""
    try:
        _save_derived_state(steps, dataset.layout, version)
    except OSError as exc:  # the version is published: a full disk now costs only re-derivation
        if not is_disk_full(exc):
            raise
        return (
            f"; but no space was left to save {exc.filename or 'its derived state'} "
            "(dedup index, learned boilerplate, seen pages): the next run re-derives it"
        )
    return ""


def _stream(
    spec: Spec,
    steps: _Run,
    packer: _Packer,
    refresh: bool,
    progress: bool,
    options: dict[str, Any] | None,
    batch: int,
) -> dict[str, Any]:
    """Run the pipeline into ``packer``; returns the per-host fetch summary."""
    from .tag import SinceScope

    executor = make_executor(**_executor_options(spec, options))
    context = _fetcher(spec, refresh, steps.deny)
    sources = read_sources(context)
    try:
        docs = steps.skip.run(sources)
        stream = _run_pipeline(docs, steps, executor, progress)
        stream = SinceScope(context.scope).run(stream)  # pages no listing dated (homepages)
        packer.consume(stream, steps.dedup, batch)
    finally:
        executor.close()
        context.close()
    steps.denied = context.denied_count()  # denied before any request or read
    return _host_summary(context)


def _save_derived_state(steps: _Run, layout: Layout, version: str) -> None:
    """What follows a commit; all of it the next run repairs if this is cut short."""
    steps.dedup.commit(version)
    crash_point("index")
    steps.boilerplate.save(layout.boilerplate)  # only what published versions saw is learned
    _save_seen(layout)


def _nothing_new(manifest: Manifest | None, dataset: Path) -> str:
    if manifest is None:
        return f"no articles found in the sources: nothing written to {dataset}"
    return f"no new articles in the sources: {dataset} stays at {manifest.head['version']}"


def _reason_class(reason: str) -> str:
    """Group reasons for the summary: the part before the first colon."""
    return reason.split(":", 1)[0]


def _save_seen(layout: Layout) -> None:
    """Append this run's new page digests (spooled to ``seen.pending``) to ``seen.txt``."""
    if not layout.seen_pending.exists():
        return
    with layout.seen_pending.open() as src, layout.seen.open("a") as dst:
        shutil.copyfileobj(src, dst)
    layout.seen_pending.unlink()


def build(
    spec: Spec | str | Path,
    *,
    progress: bool = True,
    executor: dict[str, Any] | None = None,
    dedup_batch: int = DEDUP_BATCH,
) -> BuildResult:
    """Build the first version of a dataset; refuses to touch an existing one."""
    return run(spec, progress=progress, fresh=True, executor=executor, dedup_batch=dedup_batch)


def update(
    spec: Spec | str | Path,
    *,
    progress: bool = True,
    executor: dict[str, Any] | None = None,
    dedup_batch: int = DEDUP_BATCH,
) -> BuildResult:
    """Add what is new in the sources as a new version (the first one if there is none)."""
    return run(spec, progress=progress, executor=executor, dedup_batch=dedup_batch)


__all__ = ["BuildResult", "build", "update"]
