"""Per-host politeness: at most N requests in flight and a minimum gap between request starts.

The gap is ``1 / requests_per_second`` (the host's own rate under ``[fetch.hosts]``, or a
longer robots.txt Crawl-delay). With ``[fetch] adaptive_throttle = true`` it follows the
host instead, as Scrapy's AutoThrottle does: it starts at ``throttle_start_delay``; after
each response it moves halfway towards ``latency / throttle_target_concurrency`` (and jumps
to that target when it is longer); an error page never shortens it; a 429 or 503 doubles
it (or waits the Retry-After, if longer); it never goes below the fixed gap, nor above
``throttle_max_delay``.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlsplit

from ..interrupt import sleep
from .models import FetchResult, Handler, Request
from .retry import RETRY_AFTER_STATUSES, retry_after_seconds


def host_key(url: str) -> str:
    return (urlsplit(url).netloc or "").lower()


class Adaptive:
    """The delay policy of the adaptive throttle (one delay per host)."""

    def __init__(self, start_delay: float, max_delay: float, target_concurrency: float) -> None:
        self.start_delay = start_delay
        self.max_delay = max_delay
        self.target_concurrency = target_concurrency

    def next_delay(self, delay: float, floor: float, result: FetchResult) -> float:
        """The host's delay after ``result``, from its delay before (``floor``: never less)."""
        if result.status in RETRY_AFTER_STATUSES:  # the server says it is overloaded
            wanted = retry_after_seconds(result.headers.get("retry-after")) or 0.0
            new = max(delay * 2, wanted, floor)
            return min(max(new, floor), max(self.max_delay, floor))
        if result.latency is None or result.from_archive:
            return delay  # nothing measured: no connection, or a replay
        target = result.latency / self.target_concurrency
        new = max(target, (delay + target) / 2)
        new = min(max(floor, new), max(self.max_delay, floor))
        # error pages and redirects are small and fast: they must not speed the crawl up
        if result.status != 200 and new <= delay:
            return delay
        return new


class Throttle:
    def __init__(
        self,
        requests_per_second: float,
        concurrency_per_host: int,
        *,
        per_host: Callable[[str], tuple[float, int]] | None = None,
        adaptive: Adaptive | None = None,
    ) -> None:
        self.interval = 1.0 / requests_per_second
        self.concurrency = concurrency_per_host
        self.per_host = per_host  # host -> (requests_per_second, concurrency) of [fetch.hosts]
        self.adaptive = adaptive
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = defaultdict(float)
        self._min_interval: dict[str, float] = {}  # e.g. a robots.txt Crawl-delay
        self._delay: dict[str, float] = {}  # the adaptive delay per host
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._min_interval[host] = seconds

    def _settings(self, host: str) -> tuple[float, int]:
        if self.per_host is None:
            return self.interval, self.concurrency
        rate, concurrency = self.per_host(host)
        return 1.0 / rate, concurrency

    def floor(self, host: str) -> float:
        """The shortest gap between two request starts to ``host``."""
        return max(self._settings(host)[0], self._min_interval.get(host, 0.0))

    def delay(self, host: str) -> float:
        """The gap used now between two request starts to ``host`` (``host:port``)."""
        with self._lock:
            return self._gap(host)

    def _gap(self, host: str) -> float:
        floor = self.floor(host)
        if self.adaptive is None:
            return floor
        return max(floor, self._delay.setdefault(host, max(floor, self.adaptive.start_delay)))

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = threading.BoundedSemaphore(self._settings(host)[1])
            return slot

    def _reserve(self, host: str) -> float:
        """Book the next start time for ``host``; returns how long to wait for it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start[host])
            self._next_start[host] = start + self._gap(host)
            return start - now

    def _learn(self, host: str, result: FetchResult) -> None:
        if self.adaptive is None:
            return
        with self._lock:
            floor = self.floor(host)
            delay = self._gap(host)
            self._delay[host] = new = self.adaptive.next_delay(delay, floor, result)
            if new > delay:  # a back-off starts now: the next request waits all of it
                self._next_start[host] = max(self._next_start[host], time.monotonic() + new)

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        host = host_key(request.url)
        with self._slot(host):
            sleep(self._reserve(host))  # an interrupt wakes it
            result = call_next(request)
        self._learn(host, result)
        return result
