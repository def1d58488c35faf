"""robots.txt (RFC 9309, parsed by protego): refuses what the site disallows for curator,
passes Crawl-delay on to the throttle, and lists the sitemaps a site declares."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from .archive import OFFLINE_MISS
from .guard import PRIVATE_REFUSED
from .models import FetchResult, Handler, Request

ALLOW_ALL = ""
DENY_ALL = "User-agent: *\nDisallow: /\n"
REFUSED = "refused by robots.txt"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _is_robots(url: str) -> bool:
    return urlsplit(url).path == "/robots.txt"


class Robots:
    def __init__(
        self,
        fetch: Handler,
        token: str,
        enabled: bool = True,
        on_delay: Callable[[str, float], None] | None = None,
    ) -> None:
        self.fetch = fetch  # the inner chain: robots.txt is itself archived, retried and throttled
        self.token = token
        self.enabled = enabled
        self.on_delay = on_delay
        self._rules: dict[str, Protego] = {}
        self._unreachable: dict[str, str] = {}  # origin -> why its robots.txt could not be read
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _parse(self, origin: str, result: FetchResult) -> Protego:
        if result.ok:
            return Protego.parse(result.text)
        if result.status is not None and 400 <= result.status < 500:
            return Protego.parse(ALLOW_ALL)  # no robots.txt: no restrictions
        if result.error == OFFLINE_MISS:
            # archived pages came from elsewhere (an imported WARC) or were checked when fetched
            return Protego.parse(ALLOW_ALL)
        # RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is disallowed; kept
        # apart, so a refusal says the site was down, not that the publisher said no
        self._unreachable[origin] = result.error or f"HTTP {result.status}"
        return Protego.parse(DENY_ALL)

    def rules(self, url: str, refresh: bool = False) -> Protego:
        origin = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one download per site even when many workers ask at once
            if origin not in self._rules:
                self._rules[origin] = rules = self._parse(
                    origin, self.fetch(Request(origin, accept=None, refresh=refresh))
                )
                delay = rules.crawl_delay(self.token)
                if delay and self.on_delay:
                    self.on_delay(urlsplit(url).netloc.lower(), float(delay))
            return self._rules[origin]

    def sitemaps(self, url: str) -> list[str]:
        return list(self.rules(url).sitemaps)

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        if (
            self.enabled
            and not _is_robots(request.url)
            and not self.rules(request.url, request.refresh).can_fetch(request.url, self.token)
        ):
            why = self._unreachable.get(robots_url(request.url))
            if why and why.startswith(PRIVATE_REFUSED):  # the host is refused, not by its site
                return FetchResult(request.url, error=why)
            error = f"robots.txt unreachable: {why}" if why else REFUSED
            return FetchResult(request.url, error=error, refused_by_robots=True)
        return call_next(request)
