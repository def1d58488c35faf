"""Page type (issue 13): listings and collections are rejected, articles are not; on pages we
wrote ourselves."""

from __future__ import annotations

import json

from curator.clean import clean_html
from curator.clean.html import parse
from curator.clean.pagetype import is_section_address, listing_reason

PROSE = (
    "The council met on Tuesday evening to discuss the new plans for the harbour front, "
    "and several residents spoke against the proposed car park near the old fish market."
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Harbour news</title>{head}</head><body>{body}</body></html>"


def _ld(kind: str) -> str:
    data = {"@context": "https://schema.org", "@type": kind, "headline": "Harbour plans"}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _cards(n: int, long_teaser: bool = True) -> str:
    """n teaser cards, each a headline link and a summary sentence long enough to pass for prose."""
    summary = PROSE if long_teaser else "A short summary."
    return "".join(
        f'<article class="card"><h3><a href="/news/story-{i}">Harbour story number {i} makes'
        f" the news today</a></h3><p>{summary} Story {i}.</p></article>"
        for i in range(n)
    )


def test_a_listing_page_with_20_teaser_cards_is_rejected():
    cleaned = clean_html(_page(f"<main><h1>Latest news</h1>{_cards(20)}</main>"))
    assert cleaned.rejected and "listing" in cleaned.rejected
    assert cleaned.text == ""


def test_a_listing_of_cards_in_divs_on_a_section_address_is_rejected():
    cards = "".join(
        f'<div class="teaser"><a href="/news/s-{i}"><img src="{i}.jpg"></a>'
        f"<p>{PROSE} Item {i}.</p></div>"
        for i in range(12)
    )
    html = _page(f"<main><h1>Courses</h1><div class='grid'>{cards}</div></main>")
    assert listing_reason(parse(html), "https://college.example/courses/") is not None
    cleaned = clean_html(html, "https://college.example/courses/")
    assert cleaned.rejected and "teaser cards" in cleaned.rejected
    # the same page on an article's address has one signal only: kept
    assert listing_reason(parse(html), "https://college.example/news/2026/harbour-plans") is None


def test_a_collection_page_marked_up_as_one_is_rejected():
    body = "".join(f"<p>{PROSE} Product {i}.</p>" for i in range(6))
    for head in (
        _ld("CollectionPage"),
        _ld("ItemList"),
        '<meta property="og:type" content="product.group">',
    ):
        cleaned = clean_html(_page(f"<main><h1>Sneakers</h1>{body}</main>", head))
        assert cleaned.rejected and "listing or product" in cleaned.rejected, head


def test_an_article_with_a_related_links_box_is_kept():
    article = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(8))
    related = "<aside class='more-from-us'>" + _cards(12, long_teaser=False) + "</aside>"
    html = _page(f"<article><h1>Harbour plans</h1>{article}</article>{related}")
    # two teaser signals but article markup: the page says it is an article
    for head in (_ld("NewsArticle"), '<meta property="og:type" content="article">'):
        cleaned = clean_html(
            _page(f"<article><h1>Harbour plans</h1>{article}</article>{related}", head)
        )
        assert cleaned.rejected is None, head
        assert "Paragraph 7." in cleaned.text
    # without markup: the rail of cards is chrome (an aside), so its links and cards are not
    # counted as the page's own teasers, on an article's address or a section's
    for url in ("https://news.example/local/harbour-plans-approved", "https://news.example/local"):
        cleaned = clean_html(html, url)
        assert cleaned.rejected is None, url
        assert "Paragraph 7." in cleaned.text


def test_a_listicle_marked_up_as_an_article_is_kept_even_with_an_item_list():
    items = "".join(f"<h2>Tip {i}</h2><p>{PROSE} Tip {i}.</p>" for i in range(6))
    head = _ld("Article") + _ld("ItemList")
    cleaned = clean_html(_page(f"<article><h1>Ten tips</h1>{items}</article>", head))
    assert cleaned.rejected is None


def test_section_addresses():
    assert is_section_address("https://news.example/")
    assert is_section_address("https://news.example/news")
    assert is_section_address("https://news.example/sport/football/")
    assert not is_section_address("https://news.example/sport/harbour-united-sign-striker")
    assert not is_section_address("https://news.example/detail/2026/03/14/771204/fares")
    assert not is_section_address(None)
