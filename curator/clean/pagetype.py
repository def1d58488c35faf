"""Page type: is an HTML page an article, or a listing (a section front, a home page, a
collection of products or courses) whose teasers the extractor would keep as a "body"?

A hand-set rule over a few signals read from the page's one parse (no per-site rule, nothing
learned). Measured on ``../shared/realpages`` with ``scripts/eval_real.py``: listing and
collection pages rejected 0.28 -> 0.63 -> 0.75, no article of the articles or readability
sets newly rejected (see the README's cleaner section).

JSON-LD ``Article``/``NewsArticle``/``BlogPosting``/``Review``... wins over everything: a
listicle or a live blog marked up as an article stays. Otherwise the page is not an article
when

- its JSON-LD says it is a listing or a product (``CollectionPage``, ``ItemList``,
  ``SearchResultsPage``, ``Product``, ``ProductGroup``, ``OfferCatalog``), even with an
  ``og:type`` of article: many site templates print that on every page, section fronts
  included, so it is a weak claim that only JSON-LD listing types and two teaser signals
  (below) outweigh;
- it has no article markup at all and
  - its ``og:type`` is ``product...``, or
  - it shows two of the teaser signals: at least :data:`MIN_HEADLINE_LINKS` headline links
    (a link of four words or more in or around an h2-h4), at least :data:`MIN_ARTICLE_CARDS`
    ``<article>`` elements, or :data:`MIN_CARD_SHARE` of its words in runs of repeated card
    blocks (five or more siblings of one tag and class, each holding a link and a few words),
    or
  - one teaser signal and either an address whose last path segments are single words or
    nothing (``/``, ``/news``, ``/gaming/``: a home or section page; article addresses carry
    a slug or an id) or a kept text without one paragraph of :data:`LONG_PARAGRAPH_WORDS`
    words (blurbs, not an article's connected prose), or
  - it is a shop page: at least :data:`MIN_CART_BUTTONS` "Add to cart" / "Buy now" buttons,
    or at least :data:`MIN_PRICE_TAGS` price tags (an element whose whole text is a price)
    beside at most :data:`MAX_SHOP_LONG_PARAGRAPHS` long paragraphs (an article about prices
    states them inside its sentences, a shop prints one per product card), or
  - it is a page of links: :data:`MIN_LINK_SHARE` of its words are link text and its kept
    text has no long paragraph (a directory, a category page, a list of lists).

The teaser, shop and link signals are counted on the page with its chrome blocks removed (a
"Related" rail of cards or a shop widget in an aside beside an article is gone); the long
paragraphs on the text the cleaner kept.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .rules.base import count_words

MIN_HEADLINE_LINKS = 10
MIN_ARTICLE_CARDS = 5
MIN_CARD_SHARE = 0.3
MIN_CARDS = 5  # siblings of one tag and class that make a run of cards
CARD_WORDS = (4, 80)
HEADLINE_LINK_WORDS = 4
LONG_PARAGRAPH_WORDS = 40  # a paragraph of connected prose; teaser blurbs are shorter
MIN_CART_BUTTONS = 2
MAX_BUTTON_CHARS = 40  # a button's label is a few words; a product card's text is longer
MIN_PRICE_TAGS = 5
MAX_SHOP_LONG_PARAGRAPHS = 2
MIN_LINK_SHARE = 0.3

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
# Shop buttons, as whole labels (a button or link whose text is only this), in the languages
# the real pages have most; a sentence about "adding to cart" is not a button.
_CART_LABEL = re.compile(
    r"^\W*(add to (cart|bag|basket|trolley)|buy (it )?now|in den warenkorb|ajouter au panier"
    r"|añadir al carrito|aggiungi al carrello|in winkelwagen|do koszyka)\W*$",
    re.IGNORECASE,
)
_BUTTONS = etree.XPath("//a|//button|//input[@type='submit' or @type='button']")
# A price tag: a text node that is a price and nothing else ("$12.99", "From €40", "£5-£9").
_PRICE_TAG = re.compile(
    r"^(?:(?:from|ab|dès|desde|now|sale|only)\s*:?\s*)?"
    r"(?:[$€£¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|£|\$|USD|EUR|GBP|zł|Kč|kr))"
    r"(?:\s*[-–]\s*[$€£¥]?\s?\d[\d,.]*\s?(?:€|£|\$)?)?$",
    re.IGNORECASE,
)
_TEXT_NODES = etree.XPath("//text()[not(ancestor::script or ancestor::style)]")
# The link share leaves out the site's header: its menu is chrome even when it is no <nav>.
_LINKS = etree.XPath("//a[not(ancestor::header)]")
_HEADERS = etree.XPath("//header[not(ancestor::header)]")


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


def _cart_buttons(tree: Any) -> int:
    count = 0
    for el in _BUTTONS(tree):
        label = el.get("value", "") if el.tag == "input" else el.text_content()
        label = " ".join(label.split())
        if len(label) <= MAX_BUTTON_CHARS and _CART_LABEL.match(label):
            count += 1
    return count


def _price_tags(tree: Any) -> int:
    return sum(1 for t in _TEXT_NODES(tree) if len(t) < 40 and _PRICE_TAG.match(t.strip()))


def _link_share(tree: Any) -> float:
    body = tree.find("body")
    words = len((body if body is not None else tree).text_content().split())
    words -= sum(len(h.text_content().split()) for h in _HEADERS(tree))
    linked = sum(len(a.text_content().split()) for a in _LINKS(tree))
    return linked / max(words, 1)


def long_paragraphs(text: str) -> int:
    """Paragraphs of connected prose (:data:`LONG_PARAGRAPH_WORDS` words or more) in a text."""
    return sum(1 for line in text.splitlines() if count_words(line) >= LONG_PARAGRAPH_WORDS)


def _teaser_signals(tree: Any, page_words: int) -> list[str]:
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
        share = _card_words(tree) / max(page_words, 1)
        if share >= MIN_CARD_SHARE:
            signals.append(f"{share:.0%} of its words in repeated teaser cards")
    return signals


def _shop_or_links(tree: Any, long: int | None) -> str | None:
    """The shop and link-page signals (see the module docstring), or None."""
    buttons = _cart_buttons(tree)
    if buttons >= MIN_CART_BUTTONS:
        return f"a shop page ({buttons} add-to-cart buttons)"
    if long is None:  # the kept text is not known: the signals below need it
        return None
    if long <= MAX_SHOP_LONG_PARAGRAPHS:
        prices = _price_tags(tree)
        if prices >= MIN_PRICE_TAGS:
            return f"a shop page ({prices} price tags, {long} long paragraphs)"
    if long == 0:
        share = _link_share(tree)
        if share >= MIN_LINK_SHARE:
            return f"a page of links ({share:.0%} of its words in links, no long paragraph)"
    return None


def listing_reason(
    tree: Any, url: str | None, content: Any = None, text: str | None = None
) -> str | None:
    """Why the page is a listing and not an article, or None (see the module docstring).

    ``tree`` is the page as served (its markup is read there); the teaser, shop and link
    signals are counted on ``content``, the page with its chrome blocks removed, when given;
    ``text`` is the body text the cleaner kept (paragraphs one a line), when known."""
    types = ld_types(tree)
    if any(_ARTICLE_TYPE.search(t) for t in types):
        return None
    listing = sorted(types & LISTING_TYPES)
    if listing:
        return f"not an article: the page's markup says it is a listing or product ({listing[0]})"
    og = _og_type(tree)
    if og.startswith("product"):
        return f"not an article: the page's markup says it is a listing or product (og:type {og})"
    body = tree.find("body")
    words = (
        len(body.text_content().split()) if body is not None else 0
    )  # the page's, chrome included
    tree = tree if content is None else content
    signals = _teaser_signals(tree, words)
    if og.startswith("article"):  # a weak claim (see the module docstring)
        if len(signals) >= 2:
            return f"not an article: a listing page ({', '.join(signals)}, og:type {og} only)"
        return None
    if len(signals) >= 2:
        return f"not an article: a listing page ({', '.join(signals)})"
    long = long_paragraphs(text) if text is not None else None
    if signals and is_section_address(url):
        return f"not an article: a listing page ({signals[0]} on a section address)"
    if signals and long == 0:
        return f"not an article: a listing page ({signals[0]}, no long paragraph)"
    found = _shop_or_links(tree, long)
    return f"not an article: {found}" if found else None
