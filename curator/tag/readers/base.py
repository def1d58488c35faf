"""What every metadata reader shares: the candidates it fills, what it reads from
(:class:`ReadContext`), the reader type (:class:`Reader`, which declares its labels and the
fields it fills under each) and the helpers several readers use. A reader module imports
from here, never from the package, so the package can import every reader without a cycle.

A candidate is ``(label, value)`` in ``Candidates[field]``; the label is the record's
``provenance`` value when it wins, and :mod:`curator.tag.precedence` orders the labels per
field. Readers only collect; :mod:`curator.tag.metadata` chooses and checks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from lxml import etree

from ...normalise import fix_encoding, normalise_line

Candidates = dict[str, list[tuple[str, Any]]]

# Raw lines the page readers hand to the document readers (not record fields): byline and
# dateline blocks found by class name, and the page header's date line.
LINE_FIELDS = ("bylines", "datelines", "masthead")

# When a reader runs: "page" readers read the parsed page (read_page); "document" readers
# read what else is known about the document (the cleaner's chrome, hints, trafilatura, the
# URL, the fetch); "fallback" readers cost much and run only when the sources above them in
# the precedence gave nothing.
STAGES = ("page", "document", "fallback")


@dataclass
class ReadContext:
    """Everything a reader may read for one document."""

    tree: Any = None
    url: str | None = None
    cleaned: Any = None
    hints: Mapping[str, Any] = field(default_factory=dict)
    language: str | None = None
    fetched_at: datetime | None = None
    fetched_license: str | None = None

    @cached_property
    def labelled(self) -> list[tuple[Any, str]]:
        """The elements with a class or an id and their "class id" label, in document order
        (the tree itself included): the only ones a class-name reader can match, found
        without visiting every node, once for all the readers of a page."""
        if self.tree is None:
            return []
        return [
            (el, f"{el.get('class') or ''} {el.get('id') or ''}") for el in _LABELLED(self.tree)
        ]


_LABELLED = etree.XPath("descendant-or-self::*[@class or @id]")


@dataclass(frozen=True)
class Reader:
    """One metadata reader: its name, the fields it fills under each label it writes, when it
    runs, and the function that reads (appending to the candidates, never choosing)."""

    name: str
    produces: Mapping[str, tuple[str, ...]]
    read: Callable[[ReadContext, Candidates], None]
    stage: str = "page"
    # LINE_FIELDS it hands on as raw lines for another reader, not as record fields
    lines: tuple[str, ...] = ()


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def unescape(text: str) -> str:
    """HTML entities left in a value: JSON-LD strings are not HTML, yet CMSs write
    "Tips &#038; Tricks" into them, and some attributes hold entities escaped twice
    ("&amp;#8230;"). At most two rounds: a third would be a title about entities."""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def add(out: Candidates, field: str, source: str, value: Any) -> None:
    """Append a candidate; empty values are not candidates, strings are normalised."""
    if value is None or value == "" or value == []:
        return
    if isinstance(value, str):
        # pages with mojibake have it in <title> too
        value = normalise_line(fix_encoding(unescape(value)))
        if not value:
            return
    elif isinstance(value, list):  # names and tags from JSON-LD carry the same entities
        value = [unescape(v) if isinstance(v, str) else v for v in value]
    out[field].append((source, value))


def attr_text(el: Any) -> str | None:
    """An element's machine value (content, datetime, href) or else its text."""
    for attr in ("content", "datetime", "href"):
        value = el.get(attr)
        if value and value.strip():
            return value.strip()
    text = normalise_line(el.text_content()) if hasattr(el, "text_content") else ""
    return text or None


MASTHEAD = re.compile(
    r"masthead|topbar|top-bar|entete|en-tete|header|kopf|cabecera|site-date|today", re.I
)


def in_masthead(el: Any) -> bool:
    """Inside the page header ("Friday, March 20, 2026" above the logo): today's date, not
    the article's. A <header> inside an <article> is the article's own header."""
    for node in (el, *el.iterancestors()):
        if node.tag == "article":
            return False
        if node.tag == "header" or MASTHEAD.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


# Blocks whose dates and names are other posts' or readers' (comments, related and
# recommended teasers, sidebars), not the article's.
_OTHERS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-\w+|replies|reply|related|recommend\w*|sidebar|widget"
    r"|teasers?|more-stories|read-next|popular|trending)(?:$|[\s_-])",
    re.I,
)


def in_others(el: Any) -> bool:
    return any(
        node.tag in {"aside", "footer"}
        or _OTHERS.search(f"{node.get('class', '')} {node.get('id', '')}")
        for node in el.iterancestors()
    )


def meta_key(el: Any) -> str:
    """A <meta>'s name: property, name, itemprop or http-equiv, lower case."""
    return (
        (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "")
        .strip()
        .lower()
    )


def read_meta_tags(
    ctx: ReadContext, out: Candidates, fields: Mapping[str, str], label: str
) -> None:
    """Every ``<meta>`` whose key (:func:`meta_key`) ``fields`` maps to a record field, as a
    candidate of that field under ``label``: the OpenGraph and the other meta readers differ
    only in their tables."""
    for el in ctx.tree.iter("meta"):
        key, value = meta_key(el), el.get("content")
        if key in fields and value and value.strip():
            add(out, fields[key], label, value.strip())
