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
  :mod:`curator.dedup`), so the result matches one big batch except that an earlier batch's
  kept row wins over a later copy the way a published row does;
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
from typing import Any

import numpy as np
from tqdm import tqdm

from .clean import BoilerplateModel, CleanStep, LearnedBoilerplate
from .errors import disk_full, is_disk_full
from .executors import chunked, make_executor
from .faults import crash_point
from .keys import find_sorted, hex_key
from .layout import Layout
from .package.dataset import Dataset, ReleaseSettings
from .package.denylist import DenyFilter, DenyList
from .package.owner import check_separate
from .pipeline import Document, Step
from .sources import CrawlSummary, RunContext, read_sources
from .spec import Spec, load_spec

# Documents deduplicated together in memory (with their texts): the bound on a run's memory.
# ~20,000 news articles are ~200-300 MB of Python objects; see the module doc.
DEDUP_BATCH = 20_000


@dataclass
class BuildResult:
    dataset: Path
    version: str | None
    counts: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    message: str = ""
    hosts: str = ""  # per-host fetch table, when the sources were fetched
    by_host: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": str(self.dataset), "version": self.version, "counts": self.counts,
            "reject_reasons": self.reject_reasons, "message": self.message,
            "by_host": self.by_host,
        }  # fmt: skip

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
        if self.hosts:
            lines += ["", "fetched, by host:", self.hosts]
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
    from .tag import Tagger

    return [CleanStep(), Tagger()]


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


def _progress(
    stream: Iterable[Document], name: str, position: int, enabled: bool
) -> Iterable[Document]:
    return tqdm(
        stream, desc=f"{name:>16}", unit="doc", position=position, leave=True, disable=not enabled
    )


def _run_pipeline(
    docs: Iterable[Document], driver_steps: list[Step], executor, progress: bool
) -> Iterator[Document]:
    """The whole run as one lazy stream: nothing here holds more than a step's own batch."""
    stream: Iterable[Document] = _progress(docs, "read", 0, progress)
    stream = _progress(executor.run(_document_steps(), stream), "clean+tag", 1, progress)
    for position, step in enumerate(driver_steps, 2):
        stream = _progress(step.run(stream), step.name, position, progress)
    yield from stream


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
    by_host = {host: _plain_stats(s) for host, s in sorted(stats.items())}
    return {"hosts": CrawlSummary(by_host=stats).table(), "by_host": by_host}


def _plain_stats(stats) -> dict[str, Any]:
    """A host's counts as JSON-ready values. Not ``dataclasses.asdict``: it rebuilds the
    ``failed`` Counter from (reason, n) pairs, which counts the pairs as keys."""
    from dataclasses import fields

    out = {f.name: getattr(stats, f.name) for f in fields(stats)}
    return {k: dict(v) if isinstance(v, dict) else v for k, v in out.items()}


class _Packer:
    """Consumes the stream in dedup batches: counts verdicts and puts each document into the
    version's transaction (a row, a reject, a duplicate) as each batch completes."""

    def __init__(self, version, deny: DenyList, already: np.ndarray, corrections) -> None:
        self.version, self.deny, self.already = version, deny, already
        self.corrections = corrections  # a CorrectionFinder: keeps pages corrected upstream
        self.counts: Counter = Counter()
        self.reasons: Counter = Counter()

    def consume(self, stream: Iterable[Document], dedup, batch_size: int) -> None:
        for batch in chunked(stream, batch_size):
            for doc in dedup.run(batch):
                self._pack(doc)
            for row in dedup.report:
                self.version.duplicate(row)

    def _pack(self, d: Document) -> None:
        c = self.counts
        c["seen"] += 1
        if d.rejected:
            c["rejected"] += 1
            self.reasons[_reason_class(d.rejected)] += 1
            self.version.reject(d.origin, d.record.get("url"), d.rejected)
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

    def result_counts(self, skip: SkipSeen, denied: DenyFilter, corrected: int) -> dict[str, int]:
        c = self.counts
        return {
            "read": c["seen"] + skip.unchanged + denied.dropped, "unchanged": skip.unchanged,
            "added": c["added"], "denied": denied.dropped + c["late_denied"],
            "duplicates": c["duplicates"] - corrected,  # a correction is not a dropped duplicate
            "rejected": c["rejected"], "already_published": c["already_published"],
            "updated": corrected,
        }  # fmt: skip


def _meta(spec: Spec) -> dict[str, Any]:
    keys = ("pretty_name", "license", "languages", "description")
    return {k: spec.data[k] for k in keys if k in spec.data}


def _settings(spec: Spec) -> ReleaseSettings:
    return ReleaseSettings(
        name=spec.name, shard_size=spec.shard_size, kept=spec.versions_kept,
        spec_sha256=spec.sha256, meta=_meta(spec),
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
    check_separate(spec.output, spec.path, local_source_paths(spec))
    dataset = Dataset.claim(spec.output, spec.name)  # before anything is written: ours
    with dataset.lock():
        manifest = dataset.recover()
        if fresh and manifest is not None:
            return BuildResult(dataset.root, manifest.latest["version"], message=(
                f"{dataset.root} already holds version {manifest.latest['version']}: "
                "use `curator update SPEC` to add new articles"))  # fmt: skip
        try:
            return _run_locked(spec, dataset, manifest, progress, executor, dedup_batch)
        except OSError as exc:  # numpy and pyarrow report a full disk without the file
            if is_disk_full(exc) and not exc.filename:
                raise disk_full(dataset.root) from exc
            raise


def local_source_paths(spec: Spec) -> list[Path]:
    """The files and folders the spec's local sources read (a ``manifest`` source reads the
    pages in its file's folder), which the dataset folder must stay out of."""
    paths = []
    for source in spec.data.get("sources", []):
        if "path" in source:
            path = spec.resolve(source["path"])
            paths.append(path.parent if source.get("type") == "manifest" else path)
    return paths


@dataclass
class _Run:
    """The steps and state of one run, made from the spec and the dataset."""

    skip: SkipSeen
    denied: DenyFilter
    dedup: Any
    boilerplate: BoilerplateModel
    driver_steps: list[Step]
    finder: Any

    @classmethod
    def make(cls, spec: Spec, dataset: Dataset, manifest, version: str) -> _Run:
        from .dedup import Deduplicator
        from .package.corrections import CorrectionFinder

        layout = dataset.layout
        deny = DenyList.load(dataset.root, spec.mirrors)
        boilerplate = _boilerplate_model(spec, layout)
        return cls(
            skip=SkipSeen(_load_seen(layout), pending=layout.seen_pending),
            denied=DenyFilter(deny),  # taken-down pages are dropped before cleaning
            dedup=Deduplicator(layout.index, spec.section("dedup"), spec.mirrors, version),
            boilerplate=boilerplate,
            driver_steps=_batch_steps(spec, LearnedBoilerplate(model=boilerplate)),
            finder=CorrectionFinder(dataset.root, manifest, deny),
        )


def _run_locked(
    spec: Spec, dataset: Dataset, manifest, progress: bool, executor_options, dedup_batch: int
) -> BuildResult:
    with dataset.begin(_settings(spec)) as version:
        steps = _Run.make(spec, dataset, manifest, version.name)
        already = dataset.published_ids(manifest)
        packer = _Packer(version, steps.denied.denylist, already, steps.finder)
        refresh = manifest is not None
        hosts = _stream(spec, steps, packer, refresh, progress, executor_options, dedup_batch)
        corrected = steps.finder.records()
        version.correct(corrected)
        version.counts.update(packer.result_counts(steps.skip, steps.denied, len(corrected)))
    counts, reasons = version.counts, dict(packer.reasons)
    if version.entry is None:
        if counts["already_published"]:
            steps.dedup.commit()  # a run killed after its manifest: bring the index up to date
        _save_seen(dataset.layout)
        message = _nothing_new(manifest, dataset.root)
        return BuildResult(dataset.root, None, counts, reasons, message, **hosts)
    message = f"wrote {version.name} of {dataset.root}"
    try:
        _save_derived_state(steps, dataset.layout, version.name)
    except OSError as exc:  # the version is published: a full disk now costs only re-derivation
        if not is_disk_full(exc):
            raise
        message += (
            f"; but no space was left to save {exc.filename or 'its derived state'} "
            "(dedup index, learned boilerplate, seen pages): the next run re-derives it"
        )
    return BuildResult(dataset.root, version.name, counts, reasons, message, **hosts)


def _stream(spec, steps: _Run, packer: _Packer, refresh: bool, progress, options, batch) -> dict:
    """Run the pipeline into ``packer``; returns the per-host fetch summary."""
    from .tag import SinceScope

    executor = make_executor(**_executor_options(spec, options))
    context = _fetcher(spec, refresh, steps.denied.denylist)
    sources = read_sources(context)
    try:
        docs = steps.skip.run(steps.denied.run(sources))
        stream = _run_pipeline(docs, steps.driver_steps, executor, progress)
        stream = SinceScope(context.scope).run(stream)  # pages no listing dated (homepages)
        packer.consume(stream, steps.dedup, batch)
    finally:
        executor.close()
        context.close()
    steps.denied.dropped += context.denied_count()  # denied before any request
    return _host_summary(context)


def _save_derived_state(steps: _Run, layout: Layout, version: str) -> None:
    """What follows a commit; all of it the next run repairs if this is cut short."""
    steps.dedup.commit(version)
    crash_point("index")
    steps.boilerplate.save(layout.boilerplate)  # only what published versions saw is learned
    _save_seen(layout)


def _nothing_new(manifest, dataset: Path) -> str:
    if manifest is None:
        return f"no articles found in the sources: nothing written to {dataset}"
    return f"no new articles in the sources: {dataset} stays at {manifest.latest['version']}"


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
