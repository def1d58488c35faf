"""Byline and dateline lines ("By X and Y", "Published 3 March 2024 | Updated 4 March"):
from the cleaner first, then the blocks the :mod:`.lines` reader found by class name. A
byline is an ``authors`` candidate and may hold the dates too (``byline``); a dateline's
dates are ``dateline``."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from ..dates import line_zone, parse_text_date, relative_date
from .base import Candidates, ReadContext, Reader

# Spanish pages are mostly from Spain in our sources; Latin American outlets would need a
# per-site setting.
LOCAL_ZONES = {"de": "Europe/Berlin", "fr": "Europe/Paris", "es": "Europe/Madrid",
               "it": "Europe/Rome", "nl": "Europe/Amsterdam"}  # fmt: skip
_UPDATE_WORDS = re.compile(
    r"\b(?:updated?|last (?:updated|modified|revised)|modified|revised|mis à jour|actualisé"
    r"|aktualisiert|geändert|actualizado|actualización|aggiornato|atualizado)\b",
    re.I,
)


def local_zone(language: str | None) -> ZoneInfo | None:
    """The zone for bare times in a dateline ("18:30 Uhr"): newsrooms print local time, and for
    these languages one zone covers nearly every outlet. English (UK/US/...) stays UTC."""
    name = LOCAL_ZONES.get(language or "")
    return ZoneInfo(name) if name else None


def add_dateline(
    cands: Candidates,
    line: str,
    source: str = "dateline",
    default_zone: tzinfo | None = None,
    now: datetime | None = None,
) -> None:
    """'Published 3 March 2024 | Updated 4 March 2024 10:00 GMT': the part after an update
    word is ``modified``, the part before it (or the whole line) ``published``. A zone given
    once in the line ("12:00 CET") holds for its other times. "Updated 2 hours ago" counts
    back from ``now`` (the fetch time); without it a relative stamp gives nothing."""
    m = _UPDATE_WORDS.search(line)
    before, after = (line[: m.start()], line[m.end() :]) if m else (line, "")
    zone = line_zone(line) or default_zone
    published = parse_text_date(before, zone) or relative_date(before, now)
    modified = parse_text_date(after, zone) or relative_date(after, now)
    if published:
        cands.setdefault("published", []).append((source, published))
    if modified:
        cands.setdefault("modified", []).append((source, modified))


def read(ctx: ReadContext, out: Candidates) -> None:
    meta = getattr(ctx.cleaned, "metadata", None) or {}
    bylines = list(meta.get("bylines") or []) + [v for _, v in out.pop("bylines", [])]
    datelines = list(meta.get("datelines") or []) + [v for _, v in out.pop("datelines", [])]
    zone = local_zone(ctx.language)
    for line in dict.fromkeys(bylines):
        out["authors"].append(("byline", line))
        add_dateline(out, line, "byline", zone, ctx.fetched_at)
    for line in dict.fromkeys(datelines):
        add_dateline(out, line, "dateline", zone, ctx.fetched_at)


READER = Reader(
    "datelines",
    {"byline": ("authors", "published", "modified"), "dateline": ("published", "modified")},
    read,
    stage="document",
)
