"""Page type (issue 13): the signals beyond teaser cards, on pages we wrote ourselves. Shop
pages (add-to-cart buttons, price tags beside no prose), pages of links, a single teaser
signal over blurbs, and ``og:type`` article as a weak claim. Each rejection comes with an
article that shows the same surface feature and must stay."""

from __future__ import annotations

import json

from curator.clean import clean_html
from curator.clean.html import parse
from curator.clean.pagetype import listing_reason, long_paragraphs

PROSE = (
    "The council met on Tuesday evening to discuss the new plans for the harbour front, and "
    "several residents spoke against the proposed car park near the old fish market, saying "
    "that the quay had been a place for walking and for the Saturday stalls for as long as "
    "anyone in the town could remember."
)  # 55 words: a long paragraph
ARTICLE_URL = "https://news.example/local/2026/harbour-council-rejects-car-park"
SHOP_URL = "https://shop.example/catalogue/garden-tools-and-supplies-for-spring"


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Harbour</title>{head}</head><body>{body}</body></html>"


def _ld(kind: str) -> str:
    data = {"@context": "https://schema.org", "@type": kind, "name": "Harbour"}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


OG_ARTICLE = '<meta property="og:type" content="article">'


def _product_cards(n: int, button: str = "Add to cart") -> str:
    return "".join(
        f'<div class="product-tile"><img src="p{i}.jpg" alt=""><h3>Garden trowel model {i}</h3>'
        f"<p>A sturdy steel trowel with an ash handle for planting bulbs and seedlings in beds"
        f" and pots, size {i}.</p><span class='price'>${10 + i}.99</span>"
        + (f"<button type='button'>{button}</button>" if button else "")
        + "</div>"
        for i in range(n)
    )


def _article(paragraphs: int = 6) -> str:
    return "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(paragraphs))


def test_a_shop_grid_with_add_to_cart_buttons_is_rejected():
    html = _page(f"<main><h1>Garden tools</h1>{_article(3)}{_product_cards(8)}</main>")
    cleaned = clean_html(html, SHOP_URL)
    assert cleaned.rejected and "add-to-cart buttons" in cleaned.rejected
    # other languages' labels, and an <input> button's value, are buttons too
    for button in ("In den Warenkorb", "Ajouter au panier", "Buy now"):
        html = _page(f"<main><h1>Garden tools</h1>{_product_cards(8, button)}</main>")
        assert "add-to-cart" in (listing_reason(parse(html), SHOP_URL) or ""), button
    inputs = "".join("<form><input type='submit' value='Add to basket'></form>" for _ in range(3))
    assert "add-to-cart" in (listing_reason(parse(_page(inputs)), SHOP_URL) or "")


def test_an_article_with_one_buy_button_and_cart_talk_in_its_prose_is_kept():
    talk = (
        "<p>Shoppers who add to cart and then leave the site were the subject of the study, "
        "which followed two thousand buyers over a year. Add to cart buttons were moved.</p>"
    )
    html = _page(
        f"<article><h1>Why shoppers leave</h1>{_article()}{talk}"
        "<p><a class='btn' href='/book'>Buy now</a></p></article>"
    )
    cleaned = clean_html(html, ARTICLE_URL)
    assert cleaned.rejected is None
    assert "Paragraph 5." in cleaned.text


def test_price_tags_beside_no_prose_are_a_shop_and_beside_an_article_are_not():
    grid = _product_cards(8, button="")
    shop = clean_html(_page(f"<main><h1>Garden tools</h1>{grid}</main>"), SHOP_URL)
    assert shop.rejected and "price tags" in shop.rejected
    # a buyer's guide: the same tags after five paragraphs of connected prose stay
    guide = clean_html(_page(f"<article><h1>Trowels</h1>{_article(5)}{grid}</article>"), SHOP_URL)
    assert guide.rejected is None
    # prices inside sentences are not tags
    prose_prices = "".join(
        f"<p>The trowel cost $1{i}.99 last spring and costs $2{i}.49 now, the shop said.</p>"
        for i in range(8)
    )
    assert "price tags" not in (
        listing_reason(parse(_page(prose_prices)), SHOP_URL, text="short line") or ""
    )


def test_a_page_of_links_without_long_paragraphs_is_rejected():
    # each entry a link and a sentence-like note: enough prose for the text rules to keep it
    entries = "".join(
        f"<p><a href='/category/topic-{i}'>Harbour topic number {i} and its history</a>, a note"
        f" on the {i} piers and quays of the old town.</p>"
        for i in range(40)
    )
    html = _page(f"<main><h1>Category: harbour topics</h1>{entries}</main>")
    cleaned = clean_html(html, "https://wiki.example/wiki/Category:Harbour_topics")
    assert cleaned.rejected and "a page of links" in cleaned.rejected


def test_an_article_dense_with_inline_links_is_kept():
    linked = "".join(
        f"<p><a href='/a{i}'>The council met on Tuesday evening to discuss the new plans</a> for"
        f" the harbour front, and {PROSE} Paragraph {i}.</p>"
        for i in range(6)
    )
    cleaned = clean_html(_page(f"<article><h1>Harbour</h1>{linked}</article>"), ARTICLE_URL)
    assert cleaned.rejected is None


def _headline_links(n: int) -> str:
    """n headline links in blocks of distinct classes: one teaser signal, not a run of cards."""
    return "".join(
        f"<div class='item-{i}'><h3><a href='/s/{i}'>Harbour story number {i} in the news</a>"
        f"</h3></div>"
        for i in range(n)
    )


def test_one_teaser_signal_over_blurbs_is_a_listing_over_prose_is_not():
    teasers = "".join(
        f"<div class='item-{i}'><h3><a href='/s/{i}'>Harbour story number {i} in the news</a></h3>"
        f"<p>A short blurb about story {i} and what happened at the quay.</p></div>"
        for i in range(12)
    )
    reason = listing_reason(parse(_page(f"<main>{teasers}</main>")), ARTICLE_URL, text="blurb")
    assert reason and "no long paragraph" in reason
    # the same headline links under an article's long paragraphs: one signal, kept
    long_text = "\n".join([PROSE] * 3)
    assert (
        listing_reason(parse(_page(f"<main>{teasers}</main>")), ARTICLE_URL, text=long_text) is None
    )


def test_og_type_article_alone_does_not_outweigh_listing_markup_or_two_teaser_signals():
    cards = "".join(
        f'<article class="card"><h3><a href="/news/story-{i}">Harbour story number {i} makes'
        f" the news today</a></h3><p>The council met on Tuesday to discuss story {i} and the"
        " plans for the harbour front and the old market hall.</p></article>"
        for i in range(20)
    )
    front = clean_html(_page(f"<main><h1>Latest</h1>{cards}</main>", OG_ARTICLE))
    assert front.rejected and "og:type article only" in front.rejected
    marked = _page(f"<main><h1>Economy</h1>{_article()}</main>", OG_ARTICLE + _ld("CollectionPage"))
    assert "CollectionPage" in (clean_html(marked).rejected or "")
    # JSON-LD Article still wins over a listing type and over cards
    for head in (_ld("NewsArticle") + _ld("ItemList"), _ld("BlogPosting") + OG_ARTICLE):
        assert (
            clean_html(_page(f"<main><h1>Latest</h1>{_article()}{cards}</main>", head)).rejected
            is None
        )


def test_og_type_article_with_one_teaser_signal_is_kept():
    html = _page(f"<main><h1>Harbour</h1>{_headline_links(12)}</main>", OG_ARTICLE)
    assert listing_reason(parse(html), "https://news.example/", text="blurb") is None


def test_long_paragraphs_counts_words_of_unspaced_scripts():
    assert long_paragraphs(f"{PROSE}\nshort line\n{PROSE}") == 2
    chinese = "港口议会周二晚上开会讨论港口前方的新计划" * 6  # 120 characters, no spaces
    assert long_paragraphs(chinese) == 1
    assert long_paragraphs("") == 0


def test_without_the_kept_text_the_prose_signals_stay_silent():
    grid = _product_cards(8, button="")
    assert listing_reason(parse(_page(f"<main>{grid}</main>")), SHOP_URL) is None
    assert "price tags" in (
        listing_reason(parse(_page(f"<main>{grid}</main>")), SHOP_URL, text="") or ""
    )
