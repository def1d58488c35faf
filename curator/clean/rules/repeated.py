"""A title repeated at the top of the body, and a paragraph repeated within a page."""

from __future__ import annotations

import re

from . import Page

TOP_REGION = 4
MIN_REPEAT_WORDS = 5  # short lines (a "Photo" label, a subheading) may repeat legitimately
# An article repeats its own list items ("- Cost: $20"), table rows and subheadings (the same
# "How to adapt:" under each trend, the same instruction each day of a plan): only a
# paragraph of prose repeated is a copy of chrome (a teaser or standfirst printed twice).
MIN_REPEAT_PROSE_WORDS = 12
_LIST_OR_TABLE = re.compile(r"^(?:[-*•|+]\s|\d{1,3}[.)]\s)")


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
        line = page.paragraphs[i]
        key = _key(line)
        if len(key.split()) < MIN_REPEAT_WORDS:
            continue
        if page.form == "html" and (
            len(key.split()) < MIN_REPEAT_PROSE_WORDS or _LIST_OR_TABLE.match(line)
        ):
            continue
        if key in seen:
            page.remove(i, "repeated-paragraph")
        seen.add(key)
