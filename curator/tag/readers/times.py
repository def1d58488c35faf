"""<time> elements outside mastheads, comments and teasers: ``published``, or ``modified``
when its class or the words before it say so ("mis à jour le <time>")."""

from __future__ import annotations

import re
from typing import Any

from ...normalise import normalise_line
from .base import Candidates, ReadContext, Reader, add, in_masthead, in_others

_PUBLISHED_HINT = re.compile(
    r"publish|pubdate|posted|created|date-?line|entry-date|article-date", re.I
)
_MODIFIED_HINT = re.compile(r"modif|updat|revis|edited|aktualis|mis-?a-?jour|actualiz", re.I)
_UPDATED_WORDS = re.compile(
    r"\b(?:updated?|modified|last modified|mis à jour|aktualisiert|actualizado|aggiornato)\b", re.I
)


def _text_before(el: Any, limit: int = 40) -> str:
    """The words just before ``el`` in its parent: "mis à jour le <time>" labels that time."""
    parent = el.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        parts.append(sib.text_content() if isinstance(sib.tag, str) else "")
        parts.append(sib.tail or "")
    return normalise_line("".join(parts))[-limit:]


def read(ctx: ReadContext, out: Candidates) -> None:
    for el in ctx.tree.iter("time"):
        if in_masthead(el) or in_others(el):
            continue
        value = el.get("datetime") or normalise_line(el.text_content())
        label = f"{el.get('class', '')} {el.get('itemprop', '')} {el.get('id', '')}"
        if el.get("pubdate") is not None:
            label += " pubdate"
        # WordPress marks an entry's one date "entry-date published updated": published.
        if (_MODIFIED_HINT.search(label) and not _PUBLISHED_HINT.search(label)) or (
            not _PUBLISHED_HINT.search(label) and _UPDATED_WORDS.search(_text_before(el))
        ):
            add(out, "modified", "html", value)
        else:
            add(out, "published", "html", value)


READER = Reader("time", {"html": ("published", "modified")}, read)
