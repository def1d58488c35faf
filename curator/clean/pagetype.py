"""Page type: is an HTML page an article, or a listing (a section front, a home page, a
collection of products or courses) whose teasers the extractor would keep as a "body"?

A hand-set rule over a few signals read from the page's one parse (no per-site rule, nothing
learned). Measured on ``../shared/realpages`` with ``scripts/eval_real.py``: listing and
collection pages rejected 0.28 -> 0.61, no article of the articles or readability sets
newly rejected (see the README's cleaner section).

A page is not an article when it has no article markup (``og:type`` article, JSON-LD
``Article``/``NewsArticle``/``BlogPosting``/``Review``...) and

- its markup says it is a listing or a product (JSON-LD ``CollectionPage``, ``ItemList``,
  ``SearchResultsPage``, ``Product``, ``ProductGroup``, ``OfferCatalog``; ``og:type``
  ``product...``), or
- it shows two of the teaser signals: at least :data:`MIN_HEADLINE_LINKS` headline links
  (a link of four words or more in or around an h2-h4), at least :data:`MIN_ARTICLE_CARDS`
  ``<article>`` elements, or :data:`MIN_CARD_SHARE` of its words in runs of repeated card
  blocks (five or more siblings of one tag and class, each holding a link and a few words), or
- one teaser signal and an address whose last path segments are single words or nothing
  (``/``, ``/news``, ``/gaming/``: a home or section page; article addresses carry a slug
  or an id).

Article markup wins over everything: a listicle or a live blog marked up as an article stays.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

MIN_HEADLINE_LINKS = 10
MIN_ARTICLE_CARDS = 5
MIN_CARD_SHARE = 0.3
MIN_CARDS = 5  # siblings of one tag and class that make a run of cards
CARD_WORDS = (4, 80)
HEADLINE_LINK_WORDS = 4

_ARTICLE_TYPE = re.compile(
    r"(News|Blog|Scholarly|Tech|Report|Opinion|Analysis)?Article$|BlogPosting|Review$"
)
LISTING_TYPES = {
    "CollectionPage", "ItemList", "SearchResultsPage", "Product", "ProductGroup", "OfferCatalog",
}  # fmt: skip
_LD_TYPE = re.compile(r'"@type"\s*:\s*"([^"]+)"')
_LD_TYPES = re.compile(r'"@type"\s*:\s*\[([^\]]*)\]')
_QUOTED = re.compile(r'"([^"]+)"')
_JSON_LD = etree.XPath('//script[@type="application/ld+json"]')
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
_HEADLINE_LINKS = etree.XPath("//h2//a|//h3//a|//h4//a|//a[.//h2 or .//h3 or .//h4]")
# Tags whose runs are a page's ordinary structure (paragraphs, list items, table rows), not cards.
_NOT_CARDS = {"p", "br", "li", "tr", "td", "option", "span", "a"}
_ID_IN_PATH = re.compile(r"\d{4,}")
_PAGE_SUFFIX = re.compile(r"\.(s?html?|php|aspx?)$")


def ld_types(tree: Any) -> set[str]:
    """The ``@type`` values of the page's JSON-LD blocks (read as text: broken JSON is common)."""
    out: set[str] = set()
    for script in _JSON_LD(tree):
        text = script.text or ""
        out.update(_LD_TYPE.findall(text))
        for group in _LD_TYPES.findall(text):
            out.update(_QUOTED.findall(group))
    return out


def _og_type(tree: Any) -> str:
    found = _OG_TYPE(tree)
    return found[0].strip().lower() if found else ""


def is_section_address(url: str | None) -> bool:
    """A home or section page's address: the last two path segments are one word or none."""
    if not url:
        return False
    path = urlsplit(url).path
    if _ID_IN_PATH.search(path):
        return False
    segments = [_PAGE_SUFFIX.sub("", s) for s in path.split("/") if s]
    return all(len([w for w in re.split(r"[-_+]", s) if w]) <= 1 for s in segments[-2:])


def _card_words(tree: Any) -> int:
    """Words in runs of repeated card blocks (see the module docstring)."""
    words = 0
    for parent in tree.iter():
        if len(parent) < MIN_CARDS:
            continue
        groups: dict[tuple[str, str | None], list[Any]] = {}
        for kid in parent:
            if isinstance(kid.tag, str) and kid.tag not in _NOT_CARDS:
                groups.setdefault((kid.tag, kid.get("class")), []).append(kid)
        for group in groups.values():
            if len(group) < MIN_CARDS:
                continue
            counts = [len(k.text_content().split()) for k in group if k.find(".//a") is not None]
            cards = [n for n in counts if CARD_WORDS[0] <= n <= CARD_WORDS[1]]
            if len(cards) >= MIN_CARDS and len(cards) >= 0.8 * len(group):
                words += sum(cards)
    return words


def listing_reason(tree: Any, url: str | None, content: Any = None) -> str | None:
    """Why the page is a listing and not an article, or None (see the module docstring).

    ``tree`` is the page as served (its markup is read there); the teaser signals are counted
    on ``content``, the page with its chrome blocks removed (a "Related" or "Most read" rail
    of cards beside an article is gone), when given."""
    types = ld_types(tree)
    og = _og_type(tree)
    if og.startswith("article") or any(_ARTICLE_TYPE.search(t) for t in types):
        return None
    listing = sorted(types & LISTING_TYPES)
    if listing or og.startswith("product"):
        what = listing[0] if listing else f"og:type {og}"
        return f"not an article: the page's markup says it is a listing or product ({what})"
    body = tree.find("body")
    words = (
        len(body.text_content().split()) if body is not None else 0
    )  # the page's, chrome included
    tree = tree if content is None else content
    headline_links = sum(
        1 for a in _HEADLINE_LINKS(tree) if len(a.text_content().split()) >= HEADLINE_LINK_WORDS
    )
    cards = len(tree.findall(".//article"))
    signals = []
    if headline_links >= MIN_HEADLINE_LINKS:
        signals.append(f"{headline_links} headline links")
    if cards >= MIN_ARTICLE_CARDS:
        signals.append(f"{cards} <article> cards")
    if len(signals) < 2:
        share = _card_words(tree) / max(words, 1)
        if share >= MIN_CARD_SHARE:
            signals.append(f"{share:.0%} of its words in repeated teaser cards")
    if len(signals) >= 2 or (signals and is_section_address(url)):
        where = "" if len(signals) >= 2 else " on a section address"
        return f"not an article: a listing page ({', '.join(signals)}{where})"
    return None
