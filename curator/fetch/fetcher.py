"""The Fetcher: the middlewares wired around the transport, plus per-host counts.

The middlewares and their order are one list, :data:`curator.fetch.middlewares.MIDDLEWARES`,
which ``[fetch] middlewares`` can change (see that module for the default order and why).
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from ..interrupt import reset as reset_interrupt
from ..layout import ARCHIVE, Layout
from ..spec import Spec
from ..urls import host_of
from .archive import Archive
from .config import ROBOTS_TOKEN, FetchConfig
from .deny import Deny
from .guard import PRIVATE_REFUSED, Guard
from .middlewares import MIDDLEWARES, ordered
from .models import HTML_TYPES, FetchResult, Handler, HostStats, Middleware, Request
from .robots import Robots
from .throttle import Adaptive, Throttle
from .transport import Transport, describe


def chain(middlewares: Iterable[Middleware], handler: Handler) -> Handler:
    """``[a, b]`` around ``h`` gives ``a(request, b(request, h))``."""
    for middleware in reversed(list(middlewares)):
        handler = (lambda mw, nxt: lambda request: mw(request, nxt))(middleware, handler)
    return handler


def state_dir_of(spec: Spec) -> Path:
    return Layout(spec.output).state


def _summary_reason(error: str) -> str:
    # "redirect loop: a -> b -> a" and "timeout: ..." count under their kind, not per URL;
    # split at ": " so "redirect to a non-http URL (file:)" keeps its scheme, and
    # "private network refused (10.0.0.5)" the host refused
    return error.split(": ", 1)[0] if not error.startswith(PRIVATE_REFUSED) else error.split(":")[0]


def _outcome(result: FetchResult) -> str:
    """The HostStats field a result counts in."""
    if result.denied:
        return "denied"
    if result.refused_by_robots:
        return "robots_refused"
    if result.error:
        return "failed"
    if result.not_modified:
        return "not_modified"
    if result.from_archive:
        return "from_archive"
    return "fetched"


def _throttle(config: FetchConfig) -> Throttle:
    def per_host(host: str) -> tuple[float, int]:
        settings = config.for_host(host)
        return settings.requests_per_second, settings.concurrency

    adaptive = (
        Adaptive(
            config.throttle_start_delay,
            config.throttle_max_delay,
            config.throttle_target_concurrency,
        )
        if config.adaptive_throttle
        else None
    )
    return Throttle(
        config.requests_per_second,
        config.concurrency_per_host,
        per_host=per_host if config.hosts else None,
        adaptive=adaptive,
    )


class Fetcher:
    """Fetches pages politely; ``fetch`` never raises: failures come back as ``result.error``.

    ``refresh=False`` (a rebuild) serves archived pages without asking the network;
    ``refresh=True`` (an update) revalidates them with conditional GETs.
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        state_dir: str | Path | None = None,
        *,
        refresh: bool = False,
        transport: Handler | None = None,
    ) -> None:
        reset_interrupt()  # a fetcher serves a new run, which starts uninterrupted
        self.config: FetchConfig = config or FetchConfig()
        self.refresh = refresh
        self.archive: Archive | None = (
            Archive(Path(state_dir) / ARCHIVE, self.config) if state_dir is not None else None
        )
        self.throttle: Throttle = _throttle(self.config)
        self.transport = transport or Transport(self.config)
        self.deny: Deny = Deny()  # the run context gives it the deny-list (RunContext.denies)
        # the run context tells it which hosts the spec names (RunContext.__post_init__)
        self.guard: Guard = Guard(self.config.allow_private_networks)
        self.robots: Robots = Robots(
            self.transport, ROBOTS_TOKEN, self.config.obey_robots, self.throttle.set_delay
        )
        made = [(name, MIDDLEWARES[name][1](self)) for name in ordered(self.config.middlewares)]
        self.middlewares: list[tuple[str, Middleware]] = [(n, m) for n, m in made if m is not None]
        self._handler = chain([m for _, m in self.middlewares], self.transport)
        # robots.txt itself goes through the rest of the chain: redirected, retried, archived
        self.robots.fetch = chain([m for n, m in self.middlewares if n != "robots"], self.transport)
        self.stats: dict[str, HostStats] = defaultdict(HostStats)
        self._stats_lock = threading.Lock()

    @classmethod
    def from_spec(
        cls, spec: Spec, state_dir: str | Path | None = None, *, refresh: bool = False
    ) -> Fetcher:
        """A fetcher for ``spec``'s ``[fetch]`` settings, archiving in ``<output>/.curator`` by default."""
        return cls(
            FetchConfig.from_section(spec.section("fetch")),
            state_dir if state_dir is not None else state_dir_of(spec),
            refresh=refresh,
        )

    def fetch(
        self, url: str, *, accept: tuple[str, ...] | None = HTML_TYPES, refresh: bool | None = None
    ) -> FetchResult:
        """GET ``url``; ``accept`` lists the media types wanted (None: any)."""
        request = Request(url, accept=accept, refresh=self.refresh if refresh is None else refresh)
        self.guard.named(url)
        try:
            result = self._fetch(request)
        except Exception as exc:  # a bug in one fetch must not end a crawl of thousands
            # the reader adds "fetch failed: "; the class alone would hide what went wrong
            result = FetchResult(url, error=describe(exc))
        self._count(result)
        return result

    def _fetch(self, request: Request) -> FetchResult:
        try:
            scheme = urlsplit(request.url).scheme
        except ValueError as exc:  # "http://[::1/": a bad IPv6 literal
            return FetchResult(request.url, error=f"invalid URL: {exc}")
        if scheme not in ("http", "https"):
            return FetchResult(request.url, error="not an http(s) URL")
        if self.config.offline and self.archive is None:
            return FetchResult(request.url, error="offline: no archive")
        result = self._handler(request)
        if result.error is None and not (result.status and 200 <= result.status < 300):
            result.error = f"HTTP {result.status}"
        return result

    def fetch_many(
        self, urls: Iterable[str], *, accept: tuple[str, ...] | None = HTML_TYPES
    ) -> Iterator[FetchResult]:
        """Fetch concurrently (bounded per host by the throttle), yielding in input order."""
        window = self.config.concurrency * 2  # enough queued to keep every worker busy
        with ThreadPoolExecutor(
            self.config.concurrency, thread_name_prefix="curator-fetch"
        ) as pool:
            pending: deque[Future[FetchResult]] = deque()
            for url in urls:
                pending.append(pool.submit(self.fetch, url, accept=accept))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap: lines of the robots.txt of ``url``'s site."""
        return self.robots.sitemaps(url)

    def _count(self, result: FetchResult) -> None:
        with self._stats_lock:
            stats = self.stats[host_of(result.requested_url) or "(none)"]
            outcome = _outcome(result)
            if outcome == "failed":
                stats.failed[_summary_reason(result.error or "")] += 1
            else:
                setattr(stats, outcome, getattr(stats, outcome) + 1)

    def count_denied(self, url: str) -> None:
        """Count a deny-listed URL that a reader dropped before asking for it."""
        with self._stats_lock:
            self.stats[host_of(url) or "(none)"].denied += 1

    def count_unreadable(self, result: FetchResult, reason: str) -> None:
        """Recount a listing (sitemap, feed) that downloaded but could not be read as failed
        with ``reason``: the per-host table would otherwise show it as fetched and fine."""
        if result.error:
            return  # counted as failed already
        with self._stats_lock:
            stats = self.stats[host_of(result.requested_url) or "(none)"]
            outcome = _outcome(result)
            setattr(stats, outcome, getattr(stats, outcome) - 1)
            stats.failed[_summary_reason(reason)] += 1

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
