"""Byline and dateline blocks found by their class names, as the cleaner would pass them:
raw lines (``bylines``, ``datelines``, and the page header's ``masthead``) that the
:mod:`.datelines` reader parses. Outermost match only."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...normalise import normalise_line
from .base import LINE_FIELDS, MASTHEAD, Candidates, ReadContext, Reader, in_masthead, in_others

_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|author-?name|article-?author|author|authors|contributor|writer|autor|auteur)(?:$|[\s_-])",
    re.I,
)
_DATELINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:dateline|timestamp|date|pubdate|published|updated|article-?date|post-?date|meta-?date)(?:$|[\s_-])",
    re.I,
)
_NOT_BYLINE = re.compile(
    r"bio|avatar|img|image|photo|more|link|social|follow|email|box|card|list|info", re.I
)
MAX_LINE_CHARS = 200
_NOT_LINES = {"meta", "link", "script", "style", "time", "body", "html"}


def lines_text(el: Any) -> str:
    """Text of ``el`` with <br> and block children turned into " | ", so that "By X<br>Staff
    Writer" stays two parts for the byline splitter."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        if node.tag in {"br", "p", "div", "li"} and node is not el:
            parts.append(" | ")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            parts.append(child.tail or "")

    visit(el)
    return normalise_line(re.sub(r"(?:\s*\|\s*)+", " | ", "".join(parts))).strip(" |")


@lru_cache(maxsize=4096)
def _line_kind(label: str, is_header: bool) -> str | None:
    """Which kind of line an element with this class/id label holds, if any (labels repeat
    across a page's menus and teasers, so the answer is cached)."""
    if _BYLINE_CLASS.search(label) and not _NOT_BYLINE.search(label):
        return "bylines"
    if MASTHEAD.search(label) and not is_header:
        return "masthead"
    if _DATELINE_CLASS.search(label):
        return "datelines"
    return None


def read(ctx: ReadContext, out: Candidates) -> None:
    seen: set[Any] = set()
    for el, label in ctx.labelled:
        if el.tag in _NOT_LINES:
            continue
        # The label decides which kind of line this could be; the text (a walk of the
        # subtree) is only read for the few elements whose label matches.
        kind = _line_kind(label, el.tag == "header")
        if kind is None or (kind == "bylines" and in_others(el)):
            continue
        if seen and any(a in seen for a in el.iterancestors()):
            continue
        text = lines_text(el)
        if not text or len(text) > MAX_LINE_CHARS:
            continue
        if kind == "datelines" and in_masthead(el):
            continue
        out[kind].append(("html", text))
        seen.add(el)


READER = Reader("lines", {}, read, lines=LINE_FIELDS)
