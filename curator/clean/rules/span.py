"""Plain text: the article is the densest run of prose on the page.

A page rendered to text keeps its whole layout: menus, teasers, sidebars and footers around
(and sometimes prose-like chrome: a cookie text, a sidebar's blurbs). Scored line by line (a
prose paragraph gains its words, any other line loses its words and a little more, as a menu
of short links does), the run of lines with the highest total is the article body, in the
way of Finn et al.'s body-text extraction; everything outside it goes as ``outside-body``.
Subheadings and lists inside the article cost less than the prose around them brings.
HTML needs none of this: the extractor has already found the main content."""

from __future__ import annotations

from .base import Page, count_words, is_sentence_like

LINE_COST = 5  # what a non-prose line costs beyond its words


def _score(line: str) -> int:
    n = count_words(line)
    return n if is_sentence_like(line) else -(n + LINE_COST)


def rule(page: Page) -> None:
    if page.form != "text":
        return
    live = page.live()
    if not live:
        return
    best, best_span = 0, None
    run, start = 0, 0
    for pos, i in enumerate(live):
        if run <= 0:
            run, start = 0, pos
        run += _score(page.paragraphs[i])
        if run > best:
            best, best_span = run, (start, pos)
    if best_span is None:
        return
    first, last = best_span
    for pos, i in enumerate(live):
        if pos < first or pos > last:
            page.remove(i, "outside-body")


rule.__name__ = "outside-body"
