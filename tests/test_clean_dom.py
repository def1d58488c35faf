"""DOM pre-cleaning keeps article bodies that sit in chrome-labelled wrappers."""

from __future__ import annotations

from curator.clean import clean_html

SENTENCE = "The regional court heard evidence on Thursday about the collapsed bridge contract, {}."
ARTICLE = "".join(
    f"<p>{SENTENCE.format(f'and witness {i} described the missing inspection reports in detail')}</p>"
    for i in range(5)
)
MENU = "".join(
    f'<li><a href="/s{i}">Section number {i} with a long menu label</a></li>' for i in range(60)
)
COMMENTS = "".join(
    f"<p>Reader {i} wrote a long comment about the bridge, the contract, the court and the mayor's role in all of it.</p>"
    for i in range(8)
)


def _page(wrapper_class: str) -> str:
    # The menu and comments outweigh the article, so the "less than half the page" guard
    # alone would not save a body in a chrome-labelled wrapper.
    return (
        f"<html><body><header><ul>{MENU}</ul></header>"
        f'<div class="{wrapper_class}"><h1>Bridge contract in court</h1>{ARTICLE}</div>'
        f'<section class="comments">{COMMENTS}</section></body></html>'
    )


def test_body_in_a_share_labelled_wrapper_is_kept():
    result = clean_html(_page("article-body js-share-container"))
    assert result.rejected is None
    assert result.text.count("regional court heard evidence") == 5


def test_long_comment_threads_are_still_chrome():
    result = clean_html(_page("story"))
    assert "Reader 3 wrote" not in result.text
    assert any(r.rule == "dom-comments" for r in result.removed)


def test_captions_outside_figcaption_are_removed_and_credited():
    page = (
        "<html><body><article><h1>Bridge contract in court</h1>"
        '<div class="wp-caption"><img src="a.jpg">'
        '<p class="wp-caption-text">Protesters outside the court on Thursday. Jane Roe/Reuters</p></div>'
        f'{ARTICLE}<p class="image-caption">A view of the harbour at dawn before the hearing.</p>'
        "</article></body></html>"
    )
    result = clean_html(page)
    assert "Protesters outside" not in result.text and "view of the harbour" not in result.text
    assert result.metadata["image_credits"] == ["Jane Roe/Reuters"]
    assert result.text.count("regional court heard evidence") == 5


def test_a_short_lede_and_last_line_of_an_html_article_are_kept():
    page = (
        "<html><body><article><h1>Drones downed</h1><p>Ukraine shot down 40 drones.</p>"
        f"{ARTICLE}<p>Talks resume on Monday.</p><p>Most read</p></article></body></html>"
    )
    result = clean_html(page)
    assert result.text.startswith("Ukraine shot down 40 drones.")
    assert result.text.endswith("Talks resume on Monday.")
