"""Bylines and datelines: "By Jane Doe and John Roe", "Par Jean Dupont", "Von Hans Müller",
"Por Ana Pérez", "(Reporting by X; Editing by Y)", "Published: July 7, 2017 04:46PM",
"Mis à jour le 7 juillet 2017", "Aktualisiert am 07.07.2017".

Removed lines go raw to ``bylines`` and ``datelines`` (the tagger parses them); ``authors`` is
set only when the byline is plainly a list of names ("By X and Y" -> ["X", "Y"])."""

from __future__ import annotations

import re

from .base import Page, is_sentence_like

# "By", "Par", "Von", "Por" open a byline as they are; a label ("Author", "Text") only with a
# colon: "Text Animation in After Effects" is a headline, "Text: Anna Weber" a byline.
_MARKER = re.compile(
    r"^\(?(?:(?:written |words |text |story |additional reporting |reporting |editing |writing )?by|par|von|por)\s*:?\s+"
    r"|^\(?(?:author|auteure?|autor(?:in|a)?|texte?|reporting|editing)\s*:\s*",
    re.I,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|der|di|du|la|le|van|von|bin|al|al-\w+|y|e)$"
)
_JOINERS = {"and", "&", "et", "und", "y"}
_NOT_NAMES = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|the|this|that|then|now|far|contrast|comparison|law|default)\b",
    re.I,
)
_MONTH = (
    r"(?:jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?|may|mai|jun[ei]?|juin"
    r"|jul[iy]?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember)?)?|septembre|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?"
    r"|dec(?:ember)?|déc(?:embre)?|dez(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre)"
)
_DATE = re.compile(
    rf"\b\d{{1,2}}(?:er|\.)?\s+(?:de\s+)?{_MONTH}\.?(?:\s+(?:de\s+)?\d{{4}})?\b|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b,?(?:\s+\d{{4}})?"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(?:\d+|an?|one)\s+(?:minutes?|hours?|days?|mins?|hrs?)\s+ago\b"
    # Relative stamps in the other corpus languages: "il y a 3 heures", "vor 2 Stunden", "hace 3 horas".
    r"|\bil y a \d+\s+(?:minutes?|heures?|jours?)\b|\bvor \d+\s+(?:minuten|stunden|tagen)\b|\bhace \d+\s+(?:minutos?|horas?|d[ií]as?)\b",
    re.I,
)
# Where a byline's names end and its date begins: "Par X Publié le 13 mars", "By X Updated 2 May".
_DATE_LABEL = re.compile(
    r"\s+(?:published|posted|updated|last updated|publié|mis à jour|veröffentlicht|aktualisiert|stand|publicado|actualizado)\b.*$",
    re.I,
)
MAX_BYLINE_WORDS = 16
MAX_CREDITS_WORDS = 30  # "(Reporting by A in B; Additional reporting by C; Editing by D)"
MAX_DATELINE_WORDS = 14
MAX_NAME_WORDS = 4


def _names(segment: str) -> list[str] | None:
    """The names in "X", "X and Y", "X, Y and Z", or None when the segment is anything else."""
    parts = re.split(r"\s*,\s*|\s+(?:and|&|et|und|y)\s+", segment.strip())
    names = [p for p in parts if p]
    for name in names:
        tokens = name.split()
        if not 1 <= len(tokens) <= MAX_NAME_WORDS or not all(_NAME_WORD.match(t) for t in tokens):
            return None
        if not tokens[0][:1].isupper() or tokens[0].lower() in _JOINERS:
            return None
    return names or None


def byline_authors(line: str) -> list[str] | None:
    """Authors of a byline when it is trivially a list of names, else None."""
    m = _MARKER.match(line.strip())
    if not m or not m.group(0).lower().lstrip("(").startswith(("by", "par", "von", "por")):
        return None
    names = _names(_DATE_LABEL.sub("", line.strip()[m.end() :]).rstrip(" .")) or []
    # One-word items are agencies or desks ("By Jane Doe, Reuters"), not author names.
    return [n for n in names if len(n.split()) >= 2] or None


def is_byline(line: str) -> bool:
    text = line.strip()
    m = _MARKER.match(text)
    if not m:
        return False
    rest = _DATE_LABEL.sub("", text[m.end() :])
    words = len(text.split()) - len(text[m.end() :].split()) + len(rest.split())
    if text.startswith("(") or "reporting" in m.group(0).lower():  # agency credits trailer
        return words <= MAX_CREDITS_WORDS
    if (
        words > MAX_BYLINE_WORDS
        or _NOT_NAMES.match(rest)
        or (text.endswith((".", "!", "?")) and words > 6)
    ):
        return False
    first = re.split(
        r"\s*(?:[|·•,;]|\s[-–—]\s|\s+(?:in|at|for|à|in|en|pour|für)\s)\s*", rest, maxsplit=1
    )[0]
    return _names(first) is not None


# A time closing a dateline ends with a full stop that closes no sentence: "at 6:15 p.m."
_CLOCK_END = re.compile(r"\b(?:[ap]\.m\.|h\.|uhr\.?)$", re.I)


# List items, table rows and labels ("2025-12-19:") are the article's own dates (a calendar,
# a changelog, a table of figures), never the page's dateline.
_LIST_OR_TABLE = re.compile(r"^(?:[-*•|+]\s|\d{1,3}[.)]\s)")


def is_dateline(line: str) -> bool:
    text = line.strip()
    if _LIST_OR_TABLE.match(text) or "|" in text or text.endswith(":"):
        return False
    words = len(text.split())
    sentence = text.endswith(".") and not _CLOCK_END.search(text)
    return words <= MAX_DATELINE_WORDS and bool(_DATE.search(text)) and not (sentence and words > 6)


def harvest(line: str) -> dict[str, list[str]] | None:
    byline = is_byline(line)
    dateline = is_dateline(line) or (byline and bool(_DATE.search(line)))
    if not byline and not dateline:
        return None
    told: dict[str, list[str]] = {}
    if byline:
        told["bylines"] = [line]
        told["authors"] = byline_authors(line) or []
    if dateline:
        told["datelines"] = [line]
    return told


# A dateline with this many prose paragraphs above it and one below sits inside the article:
# a date the article talks about ("October 2, 2025 – February 15, 2026"), not the page's.
INSIDE_PROSE_ABOVE = 3


def _inside_prose(prose: list[int], i: int) -> bool:
    above = sum(1 for j in prose if j < i)
    return above >= INSIDE_PROSE_ABOVE and prose[-1] > i


def _bylines_name_several(page: Page, live: list[int]) -> bool:
    """Bylines naming different people: a page of several items (a weekly edition's articles,
    a list of books with their "Author:" fields), whose bylines inside the prose are the
    items' own, not the page's."""
    names = set()
    for i in live:
        line = page.paragraphs[i]
        if is_byline(line):  # by its authors, or the line itself when they are not parsed
            names.add(tuple(sorted(a.casefold() for a in byline_authors(line) or [line])))
    return len(names) > 1


def rule(page: Page) -> None:
    live = page.live()
    prose = [i for i in live if is_sentence_like(page.paragraphs[i])]
    several = _bylines_name_several(page, live)
    for i in live:
        line = page.paragraphs[i]
        told = harvest(line)
        if told is None:
            continue
        if ("bylines" not in told or several) and _inside_prose(prose, i):
            continue
        page.remove(i, "byline")
        for key, values in told.items():
            page.add_meta(key, *values)


rule.__name__ = "byline"
