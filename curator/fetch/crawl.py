"""``crawl``: fetch and archive every remote source of a spec, and say how it went per host.

Pages on the dataset's deny-list (taken down with ``curator remove``) are never fetched: the
run's scope refuses them before any request, and they are counted per host as "denied".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from ..package.denylist import DenyList
from ..pipeline import Document
from ..spec import Spec
from ..urls import host_of
from .fetcher import Fetcher
from .models import HostStats
from .scope import Scope

REMOTE_TYPES = ("urls", "sitemap", "feed", "homepage")
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
    denied: dict[str, int] = field(default_factory=dict)  # host -> deny-listed URLs not fetched

    def _row(self, host: str, s: HostStats) -> list[str]:
        refused = sum(self.refused.get(host, {}).values())
        failed = ", ".join(f"{reason} x{n}" for reason, n in sorted(s.failed.items())) or "0"
        return [
            host,
            *map(
                str,
                (
                    s.fetched,
                    s.not_modified,
                    s.from_archive,
                    s.robots_refused,
                    s.out_of_scope,
                    self.denied.get(host, 0),
                    refused,
                ),
            ),
            failed,
        ]

    def table(self) -> str:
        """A plain-text table, one row per host."""
        rows = [["host", *_COLUMNS]] + [self._row(h, s) for h, s in sorted(self.by_host.items())]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


@dataclass
class DenyingScope(Scope):
    """The ``[scope]`` section plus the deny-list: a denied URL is refused before the scope
    rules (so it neither counts against a host's page cap nor as out of scope)."""

    denylist: DenyList | None = None
    denied: Counter[str] = field(default_factory=Counter)  # host -> n

    def admit(self, url: str, published: date | str | None = None) -> bool:
        if self.denylist and self.denylist.denies_url(url):
            with self._lock:
                self.denied[host_of(url) or "(none)"] += 1
            return False
        return super().admit(url, published)


def denying_scope(spec: Spec, denylist: DenyList | None = None) -> DenyingScope:
    """The run's scope for ``spec`` honouring ``denylist`` (default: the dataset's own);
    give it to readers as ``SourceContext(options={"scope": ...})``."""
    scope = DenyingScope.from_spec(spec)
    scope.denylist = denylist if denylist is not None else DenyList.load(spec.output, spec.mirrors)
    return scope


def _refusal(doc: Document) -> str | None:
    """Why a fetched page was left out (publisher wishes, paywall), not fetch failures nor
    unreadable sitemaps and feeds, which the fetcher counts already."""
    reason = doc.rejected
    if not reason or doc.hints.get("listing") or reason.startswith(("fetch failed", "robots.txt")):
        return None
    return reason.split(":", 1)[0] if not reason.startswith("publisher") else reason


def crawl(
    spec: Spec,
    state_dir: str | Path | None,
    progress: bool = True,
    *,
    refresh: bool = True,
    denylist: DenyList | None = None,
) -> CrawlSummary:
    """Fetch and archive the pages of every remote source in ``spec`` (``state_dir`` defaults to
    ``<output>/.curator``). ``refresh`` revalidates archived pages with conditional GETs.
    Pages on ``denylist`` (default: the dataset's deny-list) are skipped, counted as denied."""
    from ..sources import READERS, SourceContext  # the readers import this package

    fetcher = Fetcher.from_spec(spec, state_dir, refresh=refresh)
    scope = denying_scope(spec, denylist)
    context = SourceContext(fetcher=fetcher, options={"scope": scope})
    refused: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with fetcher, tqdm(disable=not progress, unit="page", desc="crawl") as bar:
        for source in (s for s in spec.data["sources"] if s["type"] in REMOTE_TYPES):
            for doc in READERS[source["type"]](source, spec, context):
                bar.update()
                final = doc.record.get("url")
                if doc.alive and scope.denylist and scope.denylist.denies_url(final):
                    scope.denied[host_of(final) or "(none)"] += 1  # redirected to a denied page
                    continue
                reason = _refusal(doc)
                if reason:
                    refused[host_of(doc.record.get("url") or doc.origin) or "(none)"][reason] += 1
    return _summary(fetcher, context.options.get("scope"), refused)


def _summary(fetcher: Fetcher, scope, refused: dict[str, dict[str, int]]) -> CrawlSummary:
    by_host = dict(fetcher.stats)
    for host, reasons in scope.skipped.items() if scope else []:
        by_host.setdefault(host, HostStats()).out_of_scope += sum(reasons.values())
    denied = dict(getattr(scope, "denied", {}))
    for host in [*refused, *denied]:
        by_host.setdefault(host, HostStats())
    return CrawlSummary(
        by_host=by_host, refused={h: dict(r) for h, r in refused.items()}, denied=denied
    )
