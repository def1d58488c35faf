"""Reader that discovers articles from a homepage or section pages, one link deep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import courlan
import lxml.html
from lxml import etree

from ..pipeline import Document, Hints
from ..spec import Spec
from ..urls import host_of
from .context import RunContext
from .registry import register
from .remote import Listing, failed_listing, fetch_documents, source_urls

# Article URLs have a slug or an id in the last path segment: /world/2024/05/storm-hits-coast,
# /a/123456, /news/item.html; section and tag pages (/world, /tag/x) have neither.
_ARTICLE_SEGMENT = re.compile(r"(?:[a-z0-9]+-[a-z0-9]+.*-|\d{4,}|\.s?html?$)", re.I)


def looks_like_article(url: str) -> bool:
    path = urlsplit(url).path
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    return (
        bool(segment)
        and bool(_ARTICLE_SEGMENT.search(segment))
        and not courlan.is_navigation_page(url)
        and not courlan.is_not_crawlable(url)
    )


def article_links(html: bytes, page_url: str) -> list[str]:
    """Same-site links on the page that look like articles, in page order, without repeats."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    site = host_of(page_url)
    links: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        url = urldefrag(urljoin(page_url, href.strip()))[0]
        if (
            url.startswith(("http://", "https://"))
            and host_of(url) == site
            and url != page_url
            and looks_like_article(url)
        ):
            links.setdefault(url)
    return list(links)


@register("homepage", remote=True, keys={"url", "urls"})
def read_homepage(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """Articles linked from the pages at ``url``/``urls``. With ``[scope] follow_links = false``
    the listed pages themselves are read instead."""
    if not context.scope.follow_links:
        yield from fetch_documents(((url, Hints()) for url in source_urls(source)), context)
        return
    fetcher = context.fetcher
    problems: list[Document] = []

    def listings() -> Iterator[Listing]:
        for url in source_urls(source):
            result = fetcher.fetch(url)
            if result.error:
                problems.append(failed_listing(url, f"homepage fetch failed: {result.error}"))
                continue
            yield from ((link, Hints()) for link in article_links(result.body, result.url))

    yield from fetch_documents(listings(), context)
    yield from problems
