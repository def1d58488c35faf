"""What a publisher asks of crawlers, read from headers and the page: robots directives
(X-Robots-Tag and <meta name="robots">, including noai/noimageai), the TDM reservation
protocol, a declared licence, and paywall markup (schema.org isAccessibleForFree)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from .config import ROBOTS_TOKEN, FetchConfig

# directives of the form "name: value" that are not "agent: directives"
_VALUED_DIRECTIVES = {"unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"}
_LINK_LICENSE = re.compile(r"<([^>]+)>\s*;[^,]*rel\s*=\s*\"?[^\",]*\blicense\b", re.I)
# Fewer words than this in the article body of a page marked not free is a teaser, not an article.
PAYWALL_MIN_WORDS = 200


@dataclass
class Wishes:
    directives: set[str] = field(default_factory=set)  # robots directives addressed to us
    tdm_reserved: bool = False
    license: str | None = None
    paywalled: bool = False


def robots_directives(value: str, token: str = ROBOTS_TOKEN) -> set[str]:
    """Directives in an X-Robots-Tag or meta robots value that apply to ``token``:
    unprefixed ones and those after ``token:``; ``googlebot: noindex`` is not for us."""
    out: set[str] = set()
    agent: str | None = None
    for part in value.split(","):
        part = part.strip().lower()
        head, sep, rest = part.partition(":")
        if sep and head.strip() not in _VALUED_DIRECTIVES:
            agent, part = head.strip(), rest.strip()
        if part and agent in (None, token, "*"):
            out.add("noindex" if part == "none" else part)  # "none" is noindex + nofollow
            if part == "none":
                out.add("nofollow")
    return out


def _parse(html: str) -> Any:
    try:
        return lxml.html.fromstring(
            html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError):
        return None


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:  # JSON-LD nests: lists, @graph, hasPart
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, dict | list))


def _not_free(item: dict[str, Any]) -> bool:
    return str(item.get("isAccessibleForFree", "")).strip().lower() == "false"


def _article_words(tree: Any) -> int:
    for xpath in ('//*[@itemprop="articleBody"]', "//article", "//body"):
        nodes = tree.xpath(xpath)
        if nodes:
            for bad in nodes[0].xpath(".//script|.//style|.//noscript"):
                bad.drop_tree()
            return len(" ".join(n.text_content() for n in nodes).split())
    return 0


def _license(headers: dict[str, str], tree: Any) -> str | None:
    match = _LINK_LICENSE.search(headers.get("link", ""))
    if match:
        return match.group(1).strip()
    if tree is not None:
        hrefs = tree.xpath(
            '//link[contains(concat(" ", normalize-space(@rel), " "), " license ")]/@href | //a[contains(concat(" ", normalize-space(@rel), " "), " license ")]/@href'
        )
        if hrefs and hrefs[0].strip():
            return hrefs[0].strip()
    return None


def _meta(tree: Any, name: str) -> list[str]:
    return tree.xpath(
        f'//meta[translate(@name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")="{name}"]/@content'
    )


def read_wishes(headers: dict[str, str], html: str | None) -> Wishes:
    tree = _parse(html) if html else None
    wishes = Wishes(
        directives=robots_directives(headers.get("x-robots-tag", "")),
        license=_license(headers, tree),
    )
    wishes.tdm_reserved = headers.get("tdm-reservation", "").strip() == "1"
    if tree is None:
        return wishes
    for name in ("robots", ROBOTS_TOKEN):
        for content in _meta(tree, name):
            # a meta named after us addresses us even without an "agent:" prefix
            wishes.directives |= robots_directives(content)
    wishes.tdm_reserved = wishes.tdm_reserved or any(
        v.strip() == "1" for v in _meta(tree, "tdm-reservation")
    )
    if any(_not_free(item) for item in _json_ld(tree)):
        wishes.paywalled = _article_words(tree) < PAYWALL_MIN_WORDS
    return wishes


def refusal(wishes: Wishes, config: FetchConfig) -> str | None:
    """The reason to leave the page out of the dataset, or None. noimageai alone does not
    refuse: curator keeps text, not images."""
    rules = [
        (config.respect_noindex, "noindex" in wishes.directives, "publisher: noindex"),
        (config.respect_noarchive, "noarchive" in wishes.directives, "publisher: noarchive"),
        (config.respect_noai, "noai" in wishes.directives, "publisher: noai"),
        (config.respect_tdm_reservation, wishes.tdm_reserved, "publisher: tdm-reservation"),
        (
            config.reject_paywalled,
            wishes.paywalled,
            "paywalled: isAccessibleForFree is false and the body is truncated",
        ),
    ]
    return next((reason for wanted, found, reason in rules if wanted and found), None)
