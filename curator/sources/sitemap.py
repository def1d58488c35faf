"""Reader of sitemaps: XML urlsets and sitemap indexes (plain or gzip), Google News sitemaps
with publication dates, plain-text sitemaps, and discovery through robots.txt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..fetch import Fetcher, FetchResult
from ..fetch.decompress import TooLarge, gunzip
from ..fetch.xmlsafe import child_text, local_name, parse_xml
from ..pipeline import Document, Hints
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

MAX_DEPTH = 3  # index -> index -> urlset is already unusual
SITEMAP_TYPES = (
    None  # servers label sitemaps text/xml, application/xml, application/gzip, text/plain...
)


def _start_urls(url: str, fetcher: Fetcher) -> list[str]:
    """A sitemap URL as given; a site root or robots.txt: the sitemaps robots.txt declares."""
    parts = urlsplit(url)
    if parts.path not in ("", "/", "/robots.txt"):
        return [url]
    return fetcher.sitemaps(url) or [f"{parts.scheme}://{parts.netloc}/sitemap.xml"]


def _children(element: Any, name: str) -> Iterator[Any]:
    return (c for c in element if local_name(c) == name)


def _url_entry(element: Any) -> Listing | None:
    """A ``<url>`` entry: its page, last-modified date and, in a Google News sitemap, the
    publication date, headline and publication name."""
    loc = child_text(element, "loc")
    if not loc:
        return None
    hints = listing_hints(modified=iso_datetime(child_text(element, "lastmod")))
    for news in _children(element, "news"):
        published = iso_datetime(child_text(news, "publication_date"))
        hints |= listing_hints(published=published, title=child_text(news, "title"))
        for publication in _children(news, "publication"):
            hints |= listing_hints(site_name=child_text(publication, "name"))
    return loc, hints


class _Walk:
    """Depth-first over a sitemap tree, collecting unreadable sitemaps as it goes."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.seen: set[str] = set()
        self.problems: list[Document] = []

    def _unreadable(self, result: FetchResult, detail: str) -> None:
        """Downloaded but not a sitemap: a failure in the per-host table and in the rejects."""
        reason = f"sitemap unreadable: {detail}"
        self.fetcher.count_unreadable(result, reason)
        self.problems.append(failed_listing(result.requested_url, reason))

    def _body(self, url: str) -> tuple[FetchResult, bytes | None]:
        result = self.fetcher.fetch(url, accept=SITEMAP_TYPES)
        if result.error:
            self.problems.append(failed_listing(url, f"sitemap fetch failed: {result.error}"))
            return result, None
        try:
            # .xml.gz files arrive still gzipped (no Content-Encoding); the bomb limit holds here too
            return result, (
                gunzip(result.body, self.fetcher.config.max_bytes)
                if result.body[:2] == b"\x1f\x8b"
                else result.body
            )
        except (TooLarge, ValueError) as exc:
            self._unreadable(result, f"{url}: {exc}")
            return result, None

    def listings(self, url: str, depth: int = 0) -> Iterator[Listing]:
        if url in self.seen or depth > MAX_DEPTH:
            return
        self.seen.add(url)
        result, body = self._body(url)
        if body is None:
            return
        if not body.lstrip()[:1] == b"<":
            yield from (
                (line, Hints())
                for line in body.decode("utf-8", "replace").split()
                if line.startswith(("http://", "https://"))
            )
            return
        try:
            root = parse_xml(body, url)
        except ValueError as exc:
            self._unreadable(result, str(exc))
            return
        yield from self._elements(result, root, depth)

    def _elements(self, result: FetchResult, root: Any, depth: int) -> Iterator[Listing]:
        kind = local_name(root)
        if kind == "sitemapindex":
            for child in root:
                loc = child_text(child, "loc")
                if loc:
                    yield from self.listings(loc, depth + 1)
        elif kind == "urlset":
            yield from filter(
                None, (_url_entry(child) for child in root if local_name(child) == "url")
            )
        else:
            self._unreadable(
                result, f"{result.requested_url}: root element <{kind}> is not a sitemap"
            )


@register("sitemap", remote=True, keys={"url", "urls"})
def read_sitemap(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """Pages listed in the sitemaps at ``url``/``urls`` (a site root means: ask robots.txt)."""
    walk = _Walk(context.fetcher)

    def listings() -> Iterator[Listing]:
        for url in source_urls(source):
            for start in _start_urls(url, walk.fetcher):
                yield from walk.listings(start)

    yield from fetch_documents(listings(), context)
    yield from walk.problems
