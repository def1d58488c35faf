"""Per-host politeness: at most N requests in flight and a minimum gap between request starts."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

from ..interrupt import sleep
from .models import FetchResult, Handler, Request


def host_key(url: str) -> str:
    return (urlsplit(url).netloc or "").lower()


class Throttle:
    def __init__(self, requests_per_second: float, concurrency_per_host: int) -> None:
        self.interval = 1.0 / requests_per_second
        self.concurrency = concurrency_per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = defaultdict(float)
        self._min_interval: dict[str, float] = {}  # e.g. a robots.txt Crawl-delay
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._min_interval[host] = seconds

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))

    def _reserve(self, host: str) -> float:
        """Book the next start time for ``host``; returns how long to wait for it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start[host])
            self._next_start[host] = start + max(self.interval, self._min_interval.get(host, 0.0))
            return start - now

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        host = host_key(request.url)
        with self._slot(host):
            sleep(self._reserve(host))  # an interrupt wakes it
            return call_next(request)
