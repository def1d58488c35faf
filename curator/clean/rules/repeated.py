"""A title repeated at the top of the body, and a paragraph repeated within a page."""

from __future__ import annotations

import re

from . import Page

TOP_REGION = 4
MIN_REPEAT_WORDS = 5  # short lines (a "Photo" label, a subheading) may repeat legitimately


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def title_rule(page: Page) -> None:
    if not page.title:
        return
    title = _key(page.title)
    for i in page.live()[:TOP_REGION]:
        if _key(page.paragraphs[i]) == title:
            page.remove(i, "repeated-title")


def paragraph_rule(page: Page) -> None:
    seen: set[str] = set()
    for i in page.live():
        key = _key(page.paragraphs[i])
        if len(key.split()) < MIN_REPEAT_WORDS:
            continue
        if key in seen:
            page.remove(i, "repeated-paragraph")
        seen.add(key)
