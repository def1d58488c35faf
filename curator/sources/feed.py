"""Reader of RSS (0.9x/2.0 and 1.0/RDF) and Atom feeds: each entry's page, with the feed's date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from ..fetch.xmlsafe import child_text, local_name, parse_xml
from ..pipeline import Document
from ..spec import Spec
from .context import RunContext
from .registry import register
from .remote import (
    Listing,
    failed_listing,
    fetch_documents,
    iso_datetime,
    listing_hints,
    source_urls,
)

FEED_TYPES = None  # feeds come as application/rss+xml, atom+xml, text/xml, even text/html


def _atom_link(entry: Any) -> str | None:
    for link in (c for c in entry if local_name(c) == "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    return None


def _rss_link(item: Any) -> str | None:
    link = child_text(item, "link")
    if link:
        return link
    guid = next((c for c in item if local_name(c) == "guid"), None)
    # a guid is a URL only when it says so (the default) and looks like one
    if (
        guid is not None
        and guid.get("isPermaLink", "true") != "false"
        and (guid.text or "").strip().startswith("http")
    ):
        return guid.text.strip()
    return None


def _entry(element: Any, base: str) -> Listing | None:
    atom = local_name(element) == "entry"
    link = _atom_link(element) if atom else _rss_link(element)
    if not link:
        return None
    published = (
        child_text(element, "published", "issued")
        if atom
        else child_text(element, "pubdate", "date")
    )
    hints = listing_hints(
        published=iso_datetime(published),
        modified=iso_datetime(child_text(element, "updated", "modified")),
        title=child_text(element, "title"),
    )
    return urljoin(base, link), hints


def _items(root: Any) -> Iterator[Any]:
    """Atom entries, RSS 2.0 channel items, or RSS 1.0 items (siblings of the channel)."""
    for element in root.iter():
        if local_name(element) in ("entry", "item"):
            yield element


def feed_listings(body: bytes, url: str) -> list[Listing]:
    root = parse_xml(body, url)
    if local_name(root) not in ("rss", "feed", "rdf"):
        raise ValueError(f"{url}: root element <{local_name(root)}> is not RSS or Atom")
    return [entry for entry in (_entry(e, url) for e in _items(root)) if entry]


@register("feed", remote=True, keys={"url", "urls"})
def read_feed(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """Pages linked from the feeds at ``url``/``urls``; entry dates become ``hints["published"]``."""
    fetcher = context.fetcher
    problems: list[Document] = []

    def listings() -> Iterator[Listing]:
        for url in source_urls(source):
            result = fetcher.fetch(url, accept=FEED_TYPES)
            if result.error:
                problems.append(failed_listing(url, f"feed fetch failed: {result.error}"))
                continue
            try:
                yield from feed_listings(result.body, result.url)
            except ValueError as exc:
                # downloaded but no feed: a failure in the per-host table and in the rejects
                reason = f"feed unreadable: {exc}"
                fetcher.count_unreadable(result, reason)
                problems.append(failed_listing(url, reason))

    yield from fetch_documents(listings(), context)
    yield from problems
