"""Chrome around the article: what comes before its first sentence and after its last.

Menus, headlines, bylines, "Most read" lists and footers are short lines without sentence
punctuation; an article body is made of sentences. Everything outside the first and last
sentence-like paragraph goes; inside, short lines (subheadings) stay. In plain text, the
headline is the longest heading-like line of the leading chrome.
"""

from __future__ import annotations

import re

from . import Page

_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
MIN_SENTENCE_WORDS = 6
LONG_PARAGRAPH_WORDS = 25
HEADLINE_WORDS = (3, 30)


def is_sentence_like(line: str) -> bool:
    n = len(line.split())
    return n >= LONG_PARAGRAPH_WORDS or (n >= MIN_SENTENCE_WORDS and bool(_TERMINAL.search(line.strip())))


def _headline(page: Page, leading: list[int]) -> str | None:
    candidates = [
        page.paragraphs[i]
        for i in leading
        if HEADLINE_WORDS[0] <= len(page.paragraphs[i].split()) <= HEADLINE_WORDS[1]
        and not page.paragraphs[i].rstrip().endswith(".")
    ]
    return max(candidates, key=len) if candidates else None


def rule(page: Page) -> None:
    live = page.live()
    body = [i for i in live if is_sentence_like(page.paragraphs[i])]
    if not body:
        return
    first, last = body[0], body[-1]
    leading = [i for i in live if i < first]
    if page.form == "text" and not page.title:
        title = _headline(page, leading)
        if title:
            page.metadata["title"] = title
            page.title = title
    for i in leading:
        name = "headline" if page.paragraphs[i] == page.title else "leading-chrome"
        page.remove(i, name)
    for i in live:
        if i > last:
            page.remove(i, "trailing-chrome")
