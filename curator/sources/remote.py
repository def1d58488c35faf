"""The base of the remote readers (urls, sitemap, feed, homepage) and of warc: listed pages
fetched through the run context, and pages (fetched or archived) as Documents."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..fetch import HTML_TYPES, FetchConfig, FetchResult, read_wishes, refusal
from ..fetch.content import decode_body
from ..fetch.robots import REFUSED
from ..pipeline import Document, Hints
from ..record import format_datetime, parse_datetime
from .context import RunContext

Listing = tuple[str, Hints]  # a discovered URL and what the listing said of it


def listing_hints(
    *,
    published: str | None = None,
    modified: str | None = None,
    title: str | None = None,
    site_name: str | None = None,
) -> Hints:
    """What a listing said of a page, leaving out what it left empty."""
    hints = Hints()
    if published:
        hints["published"] = published
    if modified:
        hints["modified"] = modified
    if title:
        hints["title"] = title
    if site_name:
        hints["site_name"] = site_name
    return hints


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


def page_document(
    url: str,
    body: bytes,
    headers: dict[str, str],
    config: FetchConfig,
    *,
    origin: str,
    fetched_at: str | None = None,
    hints: Hints | None = None,
    decoded: tuple[str, str] | None = None,
) -> Document:
    """An HTML page (fetched, or read from a WARC file) as a Document; a page whose publisher
    asks not to be used (noindex, noai, TDM reservation, paywall) is a rejection.
    ``decoded`` is the body's (text, charset) when the caller decoded it already. The headers
    are read here (licence, publisher wishes, charset) and not kept: no later stage needs
    them, and every document travels to the workers."""
    doc = Document(raw=body, form="html", origin=origin, hints=(hints or Hints()).copy())
    doc.record["url"] = url
    doc.record["fetched_at"] = fetched_at
    text, encoding = decoded or decode_body(body, headers.get("content-type", ""))
    doc.hints["encoding"] = encoding  # the charset the bytes really use
    wishes = read_wishes(headers, text)
    doc.record["license"] = wishes.license
    reason = refusal(wishes, config)
    return doc.reject(reason) if reason else doc


def to_document(result: FetchResult, config: FetchConfig, hints: Hints | None = None) -> Document:
    """A fetch result as a Document; failures and publishers' refusals are rejections. The
    address asked for (before redirects) is the document's ``origin``."""
    if result.error:
        doc = Document(
            raw=result.body, origin=result.requested_url, hints=(hints or Hints()).copy()
        )
        doc.record["url"] = result.url
        doc.record["fetched_at"] = result.fetched_at
        if result.refused_by_robots:  # disallowed, or unreachable (RFC 9309 reads them the same)
            return doc.reject("robots.txt disallows" if result.error == REFUSED else result.error)
        if result.denied:
            return doc.reject(f"denied: {result.error}")
        return doc.reject(f"fetch failed: {result.error}")
    return page_document(
        result.url,
        result.body,
        result.headers,
        config,
        origin=result.requested_url,
        fetched_at=result.fetched_at,
        hints=hints,
        decoded=(result.text, result.encoding),
    )


def fetch_documents(listings: Iterable[Listing], context: RunContext) -> Iterator[Document]:
    """Fetch the admitted, not yet listed pages concurrently, as Documents in listing order.
    A page that redirects to a denied one is left out (the fetcher counts it as denied)."""
    hints_in_flight: deque[Hints] = deque()

    def admitted() -> Iterator[str]:
        for url, hints in listings:
            # a page last modified before [scope] since was also published before it
            if context.first_listing(url) and context.admit(
                url, hints.get("published") or hints.get("modified")
            ):
                hints_in_flight.append(hints)
                yield url

    # fetch_many yields in the order it consumes, so the hints queue stays aligned with results
    for result in context.fetcher.fetch_many(admitted(), accept=HTML_TYPES):
        hints = hints_in_flight.popleft()
        if not result.denied:
            yield to_document(result, context.config, hints)


def source_urls(source: dict[str, Any]) -> list[str]:
    """The URLs a ``[[sources]]`` entry names with ``url`` and/or ``urls``."""
    return [u.strip() for u in [source.get("url"), *source.get("urls", [])] if u and u.strip()]


def failed_listing(origin: str, reason: str) -> Document:
    """A listing (sitemap, feed, homepage) that could not be fetched or read, as a rejection the
    build records; the fetcher's per-host counts have it already (see Fetcher.count_unreadable)."""
    doc = Document(origin=origin, hints=Hints(listing=True))
    doc.record["url"] = origin
    return doc.reject(reason)
