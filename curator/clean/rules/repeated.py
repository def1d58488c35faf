"""A title repeated at the top of the body, and a paragraph repeated within a page."""

from __future__ import annotations

import re

from .base import Page, named

TOP_REGION = 4
MIN_REPEAT_WORDS = 5  # short lines (a "Photo" label, a subheading) may repeat legitimately


def line_key(text: str) -> str:
    """What two lines share when one repeats the other: words, case and punctuation aside."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


@named("repeated-title")
def title_rule(page: Page) -> None:
    if not page.title:
        return
    title = line_key(page.title)
    for i in page.live()[:TOP_REGION]:
        if line_key(page.paragraphs[i]) == title:
            page.remove(i, "repeated-title")


@named("repeated-paragraph")
def paragraph_rule(page: Page) -> None:
    """Plain text only. In HTML, measured on real pages, what repeats inside the extracted
    article is mostly the article's: list items, subheadings, pull quotes (removal precision
    0.43, and 0.89 even when narrowed to prose paragraphs of 12 words or more)."""
    if page.form == "html":
        return
    seen: set[str] = set()
    for i in page.live():
        line = page.paragraphs[i]
        key = line_key(line)
        if len(key.split()) < MIN_REPEAT_WORDS:
            continue
        if key in seen:
            page.remove(i, "repeated-paragraph")
        seen.add(key)
