"""``crawl``: fetch and archive every remote source of a spec, and say how it went per host.

Pages on the dataset's deny-list (taken down with ``curator remove``) are never requested:
the run context refuses them before any request (see :mod:`.context`), and they are counted
per host as "denied".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..denylist import DenyList
from ..fetch import HostStats
from ..log import progress as show_progress
from ..owner import claim_output
from ..pipeline import Document
from ..spec import Spec
from ..urls import host_of
from .context import RunContext
from .registry import SOURCE_TYPES

_COLUMNS = (
    "fetched",
    "not modified",
    "from archive",
    "robots.txt",
    "out of scope",
    "denied",
    "refused",
    "failed",
)


@dataclass
class CrawlSummary:
    by_host: dict[str, HostStats] = field(default_factory=dict)
    refused: dict[str, dict[str, int]] = field(
        default_factory=dict
    )  # host -> publisher/page reason -> n

    @property
    def denied(self) -> dict[str, int]:
        """host -> deny-listed URLs not requested."""
        return {host: s.denied for host, s in self.by_host.items() if s.denied}

    def _row(self, host: str, s: HostStats) -> list[str]:
        refused = sum(self.refused.get(host, {}).values())
        failed = ", ".join(f"{reason} x{n}" for reason, n in sorted(s.failed.items())) or "0"
        counts = (
            s.fetched,
            s.not_modified,
            s.from_archive,
            s.robots_refused,
            s.out_of_scope,
            s.denied,
            refused,
        )
        return [host, *map(str, counts), failed]

    def table(self) -> str:
        """A plain-text table, one row per host."""
        rows = [["host", *_COLUMNS]] + [self._row(h, s) for h, s in sorted(self.by_host.items())]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def _refusal(doc: Document) -> str | None:
    """Why a fetched page was left out (publisher wishes, paywall), not fetch failures nor
    unreadable sitemaps and feeds, which the fetcher counts already."""
    reason = doc.rejected
    if not reason or doc.hints.get("listing") or reason.startswith(("fetch failed", "robots.txt")):
        return None
    return reason.split(":", 1)[0] if not reason.startswith("publisher") else reason


def _remote_pages(spec: Spec, context: RunContext) -> Iterator[Document]:
    for source in spec.data["sources"]:
        kind = SOURCE_TYPES[source["type"]]
        if kind.remote:
            yield from kind.read(source, spec, context)


def _shown(docs: Iterator[Document], enabled: bool) -> Iterator[Document]:
    return show_progress(docs, "crawl") if enabled else docs


def crawl(
    spec: Spec,
    state_dir: str | Path | None = None,
    progress: bool = True,
    *,
    refresh: bool = True,
    denylist: DenyList | None = None,
) -> CrawlSummary:
    """Fetch and archive the pages of every remote source in ``spec`` (``state_dir`` defaults to
    ``<output>/.curator``). ``refresh`` revalidates archived pages with conditional GETs.
    Pages on ``denylist`` (default: the dataset's deny-list) are not requested, counted as denied."""
    refused: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if state_dir is None:
        claim_output(spec)  # the archive goes into the dataset folder: it must be ours
    context = RunContext.from_spec(spec, state_dir, refresh=refresh, denylist=denylist)
    with context:
        for doc in _shown(_remote_pages(spec, context), progress):
            reason = _refusal(doc)
            if reason:
                refused[host_of(doc.record.get("url") or doc.origin) or "(none)"][reason] += 1
    by_host = context.host_stats()
    for host in refused:
        by_host.setdefault(host, HostStats())
    return CrawlSummary(by_host=by_host, refused={h: dict(r) for h, r in refused.items()})
