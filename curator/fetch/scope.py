"""The ``[scope]`` section: which discovered URLs are worth fetching at all."""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..spec import Spec
from ..urls import host_of


def as_date(value: date | str | None) -> date | None:
    """A date from a date, datetime or ISO 8601 text; None when unknown or unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


@dataclass
class Scope:
    include: list[re.Pattern[str]] = field(default_factory=list)
    exclude: list[re.Pattern[str]] = field(default_factory=list)
    since: date | None = None
    max_pages_per_host: int | None = None
    follow_links: bool = True
    skipped: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )  # host -> reason -> n
    _taken: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> Scope:
        return cls(
            include=[re.compile(p) for p in section.get("include", [])],
            exclude=[re.compile(p) for p in section.get("exclude", [])],
            since=as_date(section.get("since")),
            max_pages_per_host=section.get("max_pages_per_host"),
            follow_links=section.get("follow_links", True),
        )

    @classmethod
    def from_spec(cls, spec: Spec) -> Scope:
        return cls.from_section(spec.section("scope"))

    def _reason(self, url: str, host: str, published: date | str | None) -> str | None:
        if self.include and not any(p.search(url) for p in self.include):
            return "not included"
        if any(p.search(url) for p in self.exclude):
            return "excluded"
        day = as_date(published)
        # an unknown date is let through: the tagger finds dates the listing did not give
        if self.since and day and day < self.since:
            return "before since"
        if self.max_pages_per_host and self._taken[host] >= self.max_pages_per_host:
            return "host page cap"
        return None

    def admit(self, url: str, published: date | str | None = None) -> bool:
        """Whether to fetch ``url``; an admitted URL counts against its host's page cap."""
        host = host_of(url) or "(none)"
        with self._lock:
            reason = self._reason(url, host, published)
            if reason:
                self.skipped[host][reason] += 1
                return False
            self._taken[host] += 1
            return True
