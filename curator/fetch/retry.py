"""Retries with exponential backoff on timeouts, broken connections and 5xx; Retry-After on 429/503."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..interrupt import sleep as interruptible_sleep
from .models import FetchResult, Handler, Request

RETRY_AFTER_STATUSES = (429, 503)


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _transient(result: FetchResult) -> bool:
    return result.retryable or (
        result.status is not None and (result.status >= 500 or result.status == 429)
    )


def _reason(result: FetchResult) -> str:
    return result.error or f"HTTP {result.status}"


class Retry:
    def __init__(
        self,
        retries: int,
        backoff_seconds: float,
        max_retry_after: float,
        sleep: Callable[[float], None] = interruptible_sleep,
    ) -> None:
        self.retries = retries
        self.backoff = backoff_seconds
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    def _delay(self, result: FetchResult, attempt: int) -> float:
        wanted = (
            retry_after_seconds(result.headers.get("retry-after"))
            if result.status in RETRY_AFTER_STATUSES
            else None
        )
        return wanted if wanted is not None else self.backoff * 2 ** (attempt - 1)

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        attempt = 0
        while True:
            attempt += 1
            result = call_next(request)
            result.attempts = attempt
            # an archived answer is a record of the past: asking again cannot change it
            if result.from_archive or not _transient(result):
                return result
            delay = self._delay(result, attempt)
            if delay > self.max_retry_after:
                result.error = f"{_reason(result)}: Retry-After {delay:g}s is over the {self.max_retry_after:g}s limit"
                return result
            if attempt > self.retries:
                result.error = f"{_reason(result)} after {attempt} tries"
                return result
            self.sleep(delay)
