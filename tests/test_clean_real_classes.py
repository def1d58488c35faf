"""Classes of failure seen on real pages (issue 13), each on a page we wrote ourselves."""

from __future__ import annotations

from curator.clean import clean_html, clean_text
from curator.clean.html import unwrap
from curator.clean.rules import bylines, repeated, span
from curator.clean.rules.base import Page, count_words

PROSE = (
    "The council met on Tuesday evening to discuss the new plans for the harbour front, "
    "and several residents spoke against the proposed car park near the old fish market."
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_an_article_wrapped_in_a_newsletter_or_paywall_container_is_kept():
    article = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(6))
    for label in ("newsletter-post post", "paywall article-body"):
        html = _page(
            f'<nav><a href="/">Home</a></nav><div class="{label}"><h1>Plans</h1>{article}</div>'
        )
        cleaned = clean_html(html)
        assert cleaned.rejected is None, label
        assert "Paragraph 5." in cleaned.text


def test_a_small_newsletter_box_is_still_chrome():
    article = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(6))
    box = '<div class="newsletter-signup"><p>Get our free newsletter every morning.</p></div>'
    cleaned = clean_html(_page(f"<article>{article}{box}</article>"))
    assert "free newsletter" not in cleaned.text


def test_words_of_unspaced_scripts_are_counted():
    assert count_words("今天下午市议会讨论了港口的新计划") >= 7
    assert count_words("plain English words here") == 4
    chinese = "".join(
        f"<p>市议会周二晚上开会讨论港口的新计划，几位居民反对在旧鱼市场附近修建停车场。第{i}段。</p>"
        for i in range(5)
    )
    cleaned = clean_html(_page(f"<article>{chinese}</article>"))
    assert cleaned.rejected is None and "第4段" in cleaned.text


def test_hard_wrapped_lines_are_joined():
    assert unwrap(["Life-threatening allergies have mysteriously been", "on the rise."]) == [
        "Life-threatening allergies have mysteriously been on the rise."
    ]
    assert unwrap(["A heading", "Another line"]) == ["A heading", "Another line"]
    assert unwrap(["A sentence ends here.", "then lower case"]) == [
        "A sentence ends here.",
        "then lower case",
    ]


def test_dates_inside_the_article_are_not_datelines():
    lines = [PROSE, PROSE, PROSE, "- Harbour Fair - June 17-20, 2026, Porthaven", "| 1/1/2013 | +13.1% |",
             "Riverside Open, October 2, 2025 – February 15, 2026", PROSE]  # fmt: skip
    page = Page(paragraphs=lines, form="html")
    bylines.rule(page)
    assert page.removed_by == {}
    top = Page(paragraphs=["Published: July 7, 2017 04:46PM", PROSE, PROSE], form="html")
    bylines.rule(top)
    assert top.removed_by == {0: "byline"}


def test_a_label_opens_a_byline_only_with_a_colon():
    assert not bylines.is_byline("Text Animation in After Effects")
    assert bylines.is_byline("Text: Anna Weber")
    assert bylines.is_byline("By Jane Doe and John Roe")


def test_lines_may_repeat_in_an_html_article():
    lines = ["- Plan to spend: $10–$40 on the day", PROSE, "How could a planner use this trend?",
             "- Plan to spend: $10–$40 on the day", "How could a planner use this trend?", PROSE]  # fmt: skip
    page = Page(paragraphs=lines, form="html")
    repeated.paragraph_rule(page)
    assert page.removed_by == {}  # list items, subheadings, pull quotes: the article's own
    text = Page(paragraphs=lines, form="text")
    repeated.paragraph_rule(text)
    assert 5 in text.removed_by  # a rendered page prints its chrome twice (menus, teasers)


def test_a_caption_that_says_something_stays_and_its_credit_goes():
    article = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(4))
    figure = (
        '<figure><img src="a.jpg"><figcaption>The new ferry terminal was 14% cheaper to build than'
        ' planned. <span class="credit">Photo: Jane Roe/Reuters</span></figcaption></figure>'
    )
    only_credit = (
        '<figure><img src="b.jpg"><figcaption>Credit Jane Roe/Getty Images</figcaption></figure>'
    )
    cleaned = clean_html(
        _page(f"<article>{article}{figure}{only_credit}<p>{PROSE} End.</p></article>")
    )
    assert "14% cheaper to build than planned." in cleaned.text
    assert "Jane Roe" not in cleaned.text and "Getty" not in cleaned.text
    assert any("Jane Roe" in c for c in cleaned.metadata.get("image_credits", []))


def test_plain_text_keeps_the_densest_run_of_prose():
    blurbs = "\n".join(f"Teaser headline number {i}" for i in range(8))
    prose_chrome = "This paper is one of a family of local titles across the county and the coast."
    body = "\n\n".join(f"{PROSE} Paragraph {i}." for i in range(4))
    text = f"{prose_chrome}\n\n{blurbs}\n\n{body}\n\n{blurbs}\n\n{prose_chrome}"
    cleaned = clean_text(text)
    assert cleaned.rejected is None
    assert "family of local titles" not in cleaned.text and "Teaser" not in cleaned.text
    assert cleaned.text.count("harbour front") == 4
    page = Page(
        paragraphs=["Menu", PROSE, "A subheading", PROSE, "Home", "About", "Contact", prose_chrome]
    )
    span.rule(page)
    assert sorted(page.removed_by) == [0, 4, 5, 6, 7]


def test_a_section_heading_above_the_first_sentence_is_the_articles():
    article = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(4))
    html = _page(
        f"<article><h1>Harbour plans</h1><p>5 min read</p><h2>Key takeaways</h2>{article}</article>"
    )
    cleaned = clean_html(html)
    assert "Key takeaways" in cleaned.text
    assert "5 min read" not in cleaned.text


def test_unspaced_clauses_separated_by_spaces_are_prose():
    from curator.clean.rules.base import is_sentence_like

    assert is_sentence_like("一波波接續的低溫寒流報到 已將山區一帶層層山巒披上彩衣")
    assert not is_sentence_like("首页 新闻 体育 娱乐 财经")  # a menu: words of two characters
