"""``build`` and ``update``: sources -> clean -> tag -> filter -> dedup -> package.

The manifest is the commit point of a run. Everything before it (shards, reports) is written
under new names; everything after it (card, dedup index, seen pages) is derived state that
the next run repairs or re-derives, so a run killed at any moment leaves the last good
version loadable and a re-run finishes the work without duplicates.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .clean import BoilerplateModel, CleanStep, LearnedBoilerplate
from .executors import make_executor
from .faults import crash_point
from .lock import dataset_lock
from .package import publish_version
from .package.denylist import DenyFilter, DenyList
from .package.files import append_jsonl, state_dir, write_json
from .package.recover import published_ids, recover
from .pipeline import Document, Step
from .sources import SourceContext, read_sources
from .spec import Spec, load_spec

BOILERPLATE_STATE = "boilerplate.json"  # learned site boilerplate, in the state folder


@dataclass
class BuildResult:
    dataset: Path
    version: str | None
    counts: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": str(self.dataset), "version": self.version, "counts": self.counts,
            "reject_reasons": self.reject_reasons, "message": self.message,
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
        return "\n".join(lines)


def raw_digest(doc: Document) -> str:
    raw = doc.raw.encode("utf-8") if isinstance(doc.raw, str) else (doc.raw or b"")
    return hashlib.sha256(raw + (doc.record.get("url") or "").encode()).hexdigest()


class SkipSeen(Step):
    """Drops pages whose bytes an earlier version already processed: an update cleans and
    tags only what is new or changed."""

    name = "new"

    def __init__(self, seen: set[str]):
        self.seen = seen
        self.unchanged = 0
        self.new_digests: list[str] = []

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            digest = raw_digest(doc)
            if digest in self.seen:
                self.unchanged += 1
                continue
            self.new_digests.append(digest)
            yield doc


def _load_seen(state: Path) -> set[str]:
    path = state / "seen.txt"
    return set(path.read_text().split()) if path.exists() else set()


def _document_steps() -> list[Step]:
    """Steps that look at one document at a time: these run in the executor's workers."""
    from .tag import Tagger

    return [CleanStep(), Tagger()]


def _batch_steps(spec: Spec, learned: Step, dedup: Step) -> list[Step]:
    """Steps that see many documents (or are cheap): these run in the driver, in order."""
    from .tag import QualityFilter, RefreshText

    return [learned, RefreshText(), QualityFilter(spec.section("filters")), dedup]


def _progress(
    stream: Iterable[Document], name: str, position: int, enabled: bool
) -> Iterable[Document]:
    return tqdm(
        stream, desc=f"{name:>16}", unit="doc", position=position, leave=True, disable=not enabled
    )


def _run_pipeline(
    docs: Iterable[Document], driver_steps: list[Step], executor, progress: bool
) -> list[Document]:
    stream: Iterable[Document] = _progress(docs, "read", 0, progress)
    stream = _progress(executor.run(_document_steps(), stream), "clean+tag", 1, progress)
    for position, step in enumerate(driver_steps, 2):
        stream = _progress(step.run(stream), step.name, position, progress)
    return list(stream)


def _source_context(spec: Spec, refresh: bool) -> SourceContext:
    """An update re-checks archived pages with conditional GETs; a build reuses the archive."""
    if not refresh:
        return SourceContext()
    from .fetch import Fetcher

    return SourceContext(fetcher=Fetcher.from_spec(spec, refresh=True))


def _reports(state: Path, version: str, docs: list[Document], dedup_report: list[dict]) -> None:
    folder = state / "reports" / version
    rejects = [
        {"origin": d.origin, "url": d.record.get("url"), "reason": d.rejected}
        for d in docs
        if d.rejected
    ]
    for name, rows in (("rejects.jsonl", rejects), ("duplicates.jsonl", dedup_report)):
        (folder / name).unlink(missing_ok=True)
        append_jsonl(folder / name, rows)


def _meta(spec: Spec) -> dict[str, Any]:
    keys = ("pretty_name", "license", "languages", "description")
    return {k: spec.data[k] for k in keys if k in spec.data}


def run(
    spec: Spec | str | Path,
    *,
    progress: bool = True,
    fresh: bool = False,
    executor: dict[str, Any] | None = None,
) -> BuildResult:
    """Read, clean, tag, deduplicate and publish; ``executor`` is ``make_executor``'s options."""
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    dataset = spec.output
    state = state_dir(dataset)
    with dataset_lock(state):
        manifest = recover(dataset)
        if fresh and manifest is not None:
            return BuildResult(dataset, manifest.latest["version"], message=(
                f"{dataset} already holds version {manifest.latest['version']}: "
                "use `curator update SPEC` to add new articles"))  # fmt: skip
        return _run_locked(spec, dataset, state, manifest, progress, executor)


def _run_locked(
    spec: Spec, dataset: Path, state: Path, manifest, progress: bool, executor_options: dict | None
) -> BuildResult:
    from .dedup import Deduplicator
    from .package.manifest import next_version
    from .package.writer import carried_rows, schema_sha256

    kind = (
        "major"
        if manifest and manifest.latest.get("schema_sha256", schema_sha256()) != schema_sha256()
        else "minor"
    )
    version = next_version(manifest, kind)
    skip = SkipSeen(_load_seen(state))
    deny = DenyList.load(dataset, spec.mirrors)
    denied = DenyFilter(deny)  # taken-down pages are dropped before cleaning
    dedup = Deduplicator(state / "index", spec.section("dedup"), spec.mirrors, version)
    boilerplate = BoilerplateModel.load(state / BOILERPLATE_STATE)
    driver_steps = _batch_steps(spec, LearnedBoilerplate(model=boilerplate), dedup)
    executor = make_executor(**(executor_options or {}))
    sources = read_sources(spec, _source_context(spec, refresh=manifest is not None))
    try:
        docs = _run_pipeline(skip.run(denied.run(sources)), driver_steps, executor, progress)
    finally:
        executor.close()
    already = published_ids(dataset, manifest)
    late_denied = sum(1 for d in docs if d.alive and deny.denies(d.record))
    kept = [
        d.record
        for d in docs
        if d.alive and d.record["id"] not in already and not deny.denies(d.record)
    ]
    counts = {
        "read": len(docs) + skip.unchanged + denied.dropped, "unchanged": skip.unchanged, "added": len(kept),
        "denied": denied.dropped + late_denied,
        "duplicates": sum(1 for d in docs if d.duplicate_of), "rejected": sum(1 for d in docs if d.rejected),
        "already_published": sum(1 for d in docs if d.alive and d.record["id"] in already),
    }  # fmt: skip
    reasons = dict(Counter(_reason_class(d.rejected) for d in docs if d.rejected))
    if not kept and kind != "major":
        if counts["already_published"]:
            dedup.commit()  # a run killed after its manifest: bring the index up to date
        _save_seen(state, skip.new_digests)
        return BuildResult(dataset, None, counts, reasons, _nothing_new(manifest, dataset))
    _reports(state, version, docs, dedup.report)
    if kind == "major":  # a new record schema: every row is rewritten into the new shards
        kept = carried_rows(dataset, manifest) + kept
    entry = publish_version(
        dataset, manifest, spec.name, kept, counts, _meta(spec), shard_size=spec.shard_size,
        kept=spec.versions_kept, spec_sha256=spec.sha256, kind=kind,
    )  # fmt: skip
    dedup.commit()
    crash_point("index")
    boilerplate.save(state / BOILERPLATE_STATE)  # only what published versions saw is learned
    _save_seen(state, skip.new_digests)
    return BuildResult(
        dataset, entry["version"], counts, reasons, f"wrote {entry['version']} of {dataset}"
    )


def _nothing_new(manifest, dataset: Path) -> str:
    if manifest is None:
        return f"no articles found in the sources: nothing written to {dataset}"
    return f"no new articles in the sources: {dataset} stays at {manifest.latest['version']}"


def _reason_class(reason: str) -> str:
    """Group reasons for the summary: the part before the first colon."""
    return reason.split(":", 1)[0]


def _save_seen(state: Path, digests: list[str]) -> None:
    if digests:
        with (state / "seen.txt").open("a") as fh:
            fh.write("\n".join(digests) + "\n")


def build(
    spec: Spec | str | Path, *, progress: bool = True, executor: dict[str, Any] | None = None
) -> BuildResult:
    """Build the first version of a dataset; refuses to touch an existing one."""
    return run(spec, progress=progress, fresh=True, executor=executor)


def update(
    spec: Spec | str | Path, *, progress: bool = True, executor: dict[str, Any] | None = None
) -> BuildResult:
    """Add what is new in the sources as a new version (the first one if there is none)."""
    return run(spec, progress=progress, executor=executor)


def summary_json(result: BuildResult) -> str:
    return json.dumps(result.to_json(), indent=2)


__all__ = ["BuildResult", "build", "update", "write_json"]
