"""Shared by the remote readers: the run's fetcher and scope, and fetch results as Documents."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..pipeline import Document
from ..record import format_datetime, parse_datetime
from ..spec import Spec
from ..urls import canonicalise
from .config import FetchConfig
from .fetcher import Fetcher
from .models import HTML_TYPES, FetchResult
from .robots import REFUSED
from .scope import Scope
from .wishes import read_wishes, refusal

Listing = tuple[str, dict[str, Any]]  # a discovered URL and what the listing said of it


def iso_datetime(text: str | None) -> str | None:
    """A listing's date (ISO 8601 or the RFC 822 of RSS) as ISO text: UTC with 'Z' when it has
    a time, a bare date when it has none; None when unreadable."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).date().isoformat()
        return format_datetime(parse_datetime(text))
    except ValueError:
        pass
    try:
        return format_datetime(parse_datetime(parsedate_to_datetime(text)))
    except (TypeError, ValueError, IndexError):
        return None


def fetcher_of(spec: Spec, context: Any) -> Fetcher:
    """The run's fetcher; made from the spec when the caller gave none (and kept for the
    other sources, so they share rate limits and robots.txt)."""
    if context.fetcher is None:
        context.fetcher = Fetcher.from_spec(spec)
    return context.fetcher


def scope_of(spec: Spec, context: Any) -> Scope:
    """One scope per run, so page caps count across every source."""
    return context.options.setdefault("scope", Scope.from_spec(spec))


def config_of(spec: Spec, context: Any) -> FetchConfig:
    fetcher = context.fetcher
    return (
        fetcher.config
        if isinstance(fetcher, Fetcher)
        else FetchConfig.from_section(spec.section("fetch"))
    )


def to_document(
    result: FetchResult, config: FetchConfig, hints: dict[str, Any] | None = None
) -> Document:
    """A fetched page as a Document; failures and publishers' refusals are rejections."""
    doc = Document(
        raw=result.body,
        form="html",
        headers=dict(result.headers),
        origin=result.requested_url,
        hints=dict(hints or {}),
    )
    doc.record["url"] = result.url
    doc.record["fetched_at"] = result.fetched_at
    if result.redirects:
        doc.hints["requested_url"] = result.requested_url
    if result.refused_by_robots:  # disallowed, or unreachable (which RFC 9309 reads the same)
        return doc.reject("robots.txt disallows" if result.error == REFUSED else result.error)
    if result.error:
        return doc.reject(f"fetch failed: {result.error}")
    doc.hints["encoding"] = result.encoding  # the charset the bytes really use
    wishes = read_wishes(result.headers, result.text)
    doc.record["license"] = wishes.license
    if wishes.directives:
        doc.hints["robots"] = sorted(wishes.directives)
    reason = refusal(wishes, config)
    return doc.reject(reason) if reason else doc


def _new(url: str, context: Any) -> bool:
    """False for a URL already listed by this run (a sitemap and a feed often overlap)."""
    seen: set[str] = context.options.setdefault("seen_urls", set())
    key = canonicalise(url) or url
    if key in seen:
        return False
    seen.add(key)
    return True


def fetch_documents(listings: Iterable[Listing], spec: Spec, context: Any) -> Iterator[Document]:
    """Fetch the in-scope, not yet seen listed pages concurrently, as Documents in listing order."""
    fetcher, scope = fetcher_of(spec, context), scope_of(spec, context)
    hints_in_flight: deque[dict[str, Any]] = deque()

    def admitted() -> Iterator[str]:
        for url, hints in listings:
            # a page last modified before [scope] since was also published before it
            if _new(url, context) and scope.admit(
                url, hints.get("published") or hints.get("modified")
            ):
                hints_in_flight.append(hints)
                yield url

    # fetch_many yields in the order it consumes, so the hints queue stays aligned with results
    for result in fetcher.fetch_many(admitted(), accept=HTML_TYPES):
        yield to_document(result, fetcher.config, hints_in_flight.popleft())


def source_urls(source: dict[str, Any]) -> list[str]:
    """The URLs a ``[[sources]]`` entry names with ``url`` and/or ``urls``."""
    return [u.strip() for u in [source.get("url"), *source.get("urls", [])] if u and u.strip()]


def failed_listing(origin: str, reason: str) -> Document:
    """A listing (sitemap, feed, homepage) that could not be fetched or read, as a rejection the
    build records; the fetcher's per-host counts have it already (see Fetcher.count_unreadable)."""
    doc = Document(origin=origin, hints={"listing": True})
    doc.record["url"] = origin
    return doc.reject(reason)
