"""Chrome around the article: what comes before its first sentence and after its last.

Menus, headlines, bylines, "Most read" lists and footers are short lines without sentence
punctuation; an article body is made of sentences. Everything outside the first and last
sentence-like paragraph goes; inside, short lines (subheadings) stay. In plain text, the
headline is the longest heading-like line of the leading chrome.
"""

from __future__ import annotations

from . import Page, is_sentence_like

HEADLINE_WORDS = (3, 30)
# Bylines and datelines close the page header: a sentence above them (at most this many) is
# the standfirst, the summary under the headline, not the body's first paragraph.
MAX_STANDFIRST = 2
HEADER_RULES = {"byline"}


def _headline(page: Page, leading: list[int]) -> str | None:
    candidates = [
        page.paragraphs[i]
        for i in leading
        if HEADLINE_WORDS[0] <= len(page.paragraphs[i].split()) <= HEADLINE_WORDS[1]
        and not page.paragraphs[i].rstrip().endswith(".")
    ]
    return max(candidates, key=len) if candidates else None


def _standfirst(page: Page, body: list[int]) -> list[int]:
    """Sentence-like paragraphs above the last header byline/dateline near the top."""
    header = [i for i, rule in page.removed_by.items() if rule in HEADER_RULES]
    above = [i for i in body[: MAX_STANDFIRST + 1] if header and i < max(header)]
    return above if len(above) <= MAX_STANDFIRST and len(above) < len(body) else []


def rule(page: Page) -> None:
    live = page.live()
    body = [i for i in live if is_sentence_like(page.paragraphs[i])]
    if not body:
        return
    for i in _standfirst(page, body):
        page.remove(i, "standfirst")
        page.metadata.setdefault("description", page.paragraphs[i])
        body.remove(i)
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
