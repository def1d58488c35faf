"""Plain text: the article is the densest run of prose on the page.

A page rendered to text keeps its whole layout: menus, teasers, sidebars and footers around
(and sometimes prose-like chrome: a cookie text, a sidebar's blurbs). Scored line by line (a
prose paragraph gains its words, any other line loses its words and a little more, as a menu
of short links does), the run of lines with the highest total is the article body, in the
way of Finn et al.'s body-text extraction; everything outside it goes as ``outside-body``.
Subheadings and lists inside the article cost less than the prose around them brings.
HTML needs none of this: the extractor has already found the main content.

Refinements, each measured on text renderings of real pages:

- A line an earlier rule removed (share buttons, a "Related" list, a newsletter box) still
  separates what is above it from what is below: it costs :data:`REMOVED_COST`, so the comments
  or teasers under a removed block do not join the article as if they followed it directly.
- A list item or table row written in running text (five words or more, mostly lower-case,
  with a comma, colon or bracket inside: "design principles, including colour and layout")
  is the article's more often than not: it costs a third of its words (and
  :data:`TEXT_LINE_COST`), where a headline or a short link costs its words. An article made
  of lists is not cut into its paragraphs.
- The items of a list that a line ending with a colon announces ("Many patches were sent for
  review:") cost at most :data:`ANNOUNCED_ITEM_COST` each: a changelog of short Title Case
  items is the article's when its introduction says so.
- A long line with almost no punctuation, with a comma every word or two, or with three words
  in four capitalised is a select box, a tag cloud or a list of names printed as one line (a
  list of countries, languages, topics, the readers who liked a post), not prose.
"""

from __future__ import annotations

import re

from . import threads
from .base import Page, count_words, is_sentence_like, named

LINE_COST = 5  # what a non-prose line costs beyond its words
REMOVED_COST = 3  # what a line an earlier rule removed costs
# Share buttons, comment forms and consent notices sit around the article, not inside it:
# removed, their non-prose lines still cost what they would as lines, so that the blog's bio
# or the comments under a share block do not join the article once the buttons are gone.
BLOCK_RULES = {"share-prompt", "comment-prompt", "cookie-notice"}
TEXT_LINE_COST = 2  # a non-prose line in running text (a list item, a table row), plus
TEXT_WORDS_PER_COST = 3  # one for every three of its words
MIN_TEXT_LINE_WORDS = 5
# A line of three words or more ending with a colon announces a list: its items (up to the
# next prose line) are the article's, whatever their case or length.
MIN_ANNOUNCING_WORDS = 3
MAX_ANNOUNCED_ITEMS = 25
ANNOUNCED_ITEM_COST = 1
# Prose has a punctuation mark every few words: a 25-word run of names has none, a list of
# names or tags separated by commas has one every word or two.
LONG_LINE_WORDS = 25
MAX_WORDS_PER_MARK = 50
MIN_WORDS_PER_MARK = 2.5
INNER_MARKS = re.compile(r"[,;:()（），；：]")
MARKS = re.compile(r"[.,;:!?。，、；！？]")


def is_prose(line: str) -> bool:
    """A sentence-like line, unless it is a long line nearly without punctuation."""
    if not is_sentence_like(line):
        return False
    n = count_words(line)
    if n < LONG_LINE_WORDS:
        return True
    marks = len(MARKS.findall(line))
    return (
        marks * MAX_WORDS_PER_MARK >= n
        and marks * MIN_WORDS_PER_MARK <= n
        and not _mostly_capitalised(line)
    )


def _mostly_capitalised(line: str) -> bool:
    """Three words in four or more capitalised: names, not prose, which even in German has
    more lower-case words than capitalised ones. Judged on lines mostly in a cased script: the
    Latin names in a Chinese paragraph say nothing."""
    words = [w for w in line.split() if w[:1].lower() != w[:1].upper()]
    upper = sum(w[0].isupper() for w in words)
    return 2 * len(words) >= count_words(line) and 4 * upper >= 3 * len(words)


def is_running_text(line: str) -> bool:
    """A phrase of at least five words, half of them or more starting lower-case, with a comma,
    a colon, a semicolon or a bracket inside: a list item or a table row of the article
    ("design principles, including colour and layout") rather than a headline or a menu item
    (Title Case, or a plain phrase). Judged on lines mostly in a cased script: scripts without
    case give no sign either way."""
    words = [w for w in line.split() if w[:1].lower() != w[:1].upper()]
    n = count_words(line)
    if not words or 2 * len(words) < n or n < MIN_TEXT_LINE_WORDS:
        return False
    lower = sum(w[0].islower() for w in words)
    # a time of day stamps a news feed's item or a comment ("14:44 Minister resigns, aides
    # say"), never an item of the article's own lists
    return (
        2 * lower >= len(words)
        and bool(INNER_MARKS.search(line))
        and not threads.has_time_of_day(line)
    )


def _score(line: str) -> int:
    n = count_words(line)
    if is_prose(line):
        return n
    if is_running_text(line):
        return -(TEXT_LINE_COST + n // TEXT_WORDS_PER_COST)
    return -(n + LINE_COST)


def line_scores(page: Page) -> list[int]:
    """Each line's score; a line an earlier rule removed costs :data:`REMOVED_COST`, and the
    items of a list a line announces cost at most :data:`ANNOUNCED_ITEM_COST`."""
    scores = [
        removed_score(page, i) if i in page.removed_by else _score(line)
        for i, line in enumerate(page.paragraphs)
    ]
    for i in announced_items(page):
        scores[i] = max(scores[i], -ANNOUNCED_ITEM_COST)
    return scores


def removed_score(page: Page, i: int) -> int:
    """What line ``i``, which an earlier rule removed, costs a run: :data:`REMOVED_COST`, or
    what it would cost as a line when a :data:`BLOCK_RULES` rule removed it."""
    line = page.paragraphs[i]
    if page.removed_by.get(i) in BLOCK_RULES and not is_prose(line):
        return -max(REMOVED_COST, count_words(line) + LINE_COST)
    return -REMOVED_COST


def announced_items(page: Page) -> list[int]:
    """The lines of lists that a line ending with a colon announces ("Many patches were sent
    for review:", "What you will learn:"): the lines after it up to the next prose line or
    removed line, at most :data:`MAX_ANNOUNCED_ITEMS` of them."""
    out: list[int] = []
    lines = page.paragraphs
    for i, line in enumerate(lines):
        if i in page.removed_by or count_words(line) < MIN_ANNOUNCING_WORDS:
            continue
        if not line.rstrip().endswith((":", "：")):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + MAX_ANNOUNCED_ITEMS)):
            if j in page.removed_by or is_prose(lines[j]):
                break
            out.append(j)
    return out


def best_run(scores: list[int] | list[float]) -> tuple[int, int] | None:
    """The first and last index of the highest-scoring run of lines, or None when no run
    scores above zero."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    for i, score in enumerate(scores):
        if run <= 0:
            run, start = 0.0, i
        run += score
        if run > best:
            best, best_span = run, (start, i)
    return best_span


@named("outside-body")
def rule(page: Page) -> None:
    """Keep the densest run; its lines are judged by the page's line model when it has one
    (:mod:`curator.clean.textmodel`), else scored by the hand-written scores above. Inside the
    run, a flagged line goes when the model agrees it is chrome."""
    if page.form != "text":
        return
    if page.line_model:
        span, chrome = page.line_model.decide(page)
    else:
        span, chrome = best_run(line_scores(page)), {}
    for i in page.live():
        if span is not None and not span[0] <= i <= span[1]:
            page.remove(i, "outside-body")
        elif i in chrome:
            page.confirm(i)
