"""Menus in plain text: a menu printed on one line ("Home | News | Sport | ...", "News Politics
Business Sport Culture Opinion") and menus printed one item per line, a run of several very
short lines without sentence punctuation ("Town centre" / "Heritage" / "Shopping"), removed as a
block wherever they sit, including between two body paragraphs.

A body's subheading is one short line between paragraphs, never three in a row."""

from __future__ import annotations

import re

from .base import Page, count_words, named

MENU_SEPARATORS = re.compile(r"\s(?:\||·|•)\s")
MIN_MENU_SEPARATORS = 3
MIN_MENU_WORDS = 5
MAX_ITEM_WORDS = 3  # "Local news", "What's on", "Arts and Culture"
MIN_RUN = 3
# Function words: a capitalised line holding one is a Title Case headline, not a menu.
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "at", "by", "with", "from", "is", "as",
    "after", "over", "into", "le", "la", "les", "des", "du", "de", "un", "une", "et", "à", "en",
    "au", "aux", "pour", "sur", "der", "die", "das", "und", "im", "mit", "von", "zu", "für", "den",
    "dem", "ein", "eine", "auf", "el", "los", "las", "del", "y", "con", "por", "para", "que", "se",
}  # fmt: skip
_END = re.compile(r"[.!?:;,…\"”»]$")


# A menu's items are a few words each and not figures: a line cut by separators with a cell
# of a sentence's length, or with figures in several cells, is a table row rendered as text.
MAX_MENU_ITEM_WORDS = 4
MAX_FIGURE_ITEMS = 1
_DIGIT = re.compile(r"\d")


def _separated_menu(line: str) -> bool:
    items = [p for p in MENU_SEPARATORS.split(line) if p.strip()]
    return (
        len(MENU_SEPARATORS.findall(line)) >= MIN_MENU_SEPARATORS
        and all(count_words(item) <= MAX_MENU_ITEM_WORDS for item in items)
        and sum(bool(_DIGIT.search(item)) for item in items) <= MAX_FIGURE_ITEMS
    )


def is_menu_line(line: str) -> bool:
    """A whole menu on one line: several separators between short items, or many capitalised
    words, not one function word and no comma (a list written out, "Key services: SEO,
    Design, Paid Social", is the article's)."""
    if _separated_menu(line):
        return True
    tokens = line.split()
    return (
        len(tokens) >= MIN_MENU_WORDS
        and "," not in line
        and all(t[:1].isupper() for t in tokens if t[:1].isalpha())
        and not any(t.lower() in _FUNCTION_WORDS for t in tokens)
        and not _END.search(line.strip())
    )


def menu_items(line: str) -> list[str]:
    """The items of a one-line menu (split at separators, else at spaces)."""
    if MENU_SEPARATORS.search(line):
        return [p.strip() for p in MENU_SEPARATORS.split(line) if p.strip()]
    return line.split()


def is_item(line: str) -> bool:
    """A menu item standing alone: one to three words, no sentence punctuation, not a number
    (the ranks of a "Most read" list are left to that list's rule). Words are counted as
    :func:`~.base.count_words` does, so a Chinese paragraph (one "word" between spaces) is
    never an item."""
    text = line.strip()
    return (
        0 < count_words(text) <= MAX_ITEM_WORDS
        and not _END.search(text)
        and not text.replace(".", "").isdigit()
    )


@named("navigation")
def rule(page: Page) -> None:
    if page.form != "text":  # HTML lists went through the extractor; only plain text has these
        return
    live = page.live()
    run: list[int] = []
    for i in [*live, None]:
        if i is not None and is_item(page.paragraphs[i]):
            run.append(i)
            continue
        if len(run) >= MIN_RUN:
            for j in run:
                page.remove(j, "navigation")
        run = []
        if i is not None and is_menu_line(page.paragraphs[i]):
            page.remove(i, "navigation")
