"""htmldate's original date over the whole page (``htmldate``), with its extensive search
(more often right on real pages than the fast one). It costs much, so it is a fallback:
asked only when no source above it in the precedence gave a date."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...log import log
from ...record import parse_datetime
from .base import Candidates, ReadContext, Reader


def find_htmldate(tree: Any, limit: datetime | None) -> datetime | None:
    """htmldate's original date (day precision), not after ``limit``."""
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            original_date=True,
            extensive_search=True,
            max_date=limit.strftime("%Y-%m-%d") if limit else None,
        )
    except Exception as exc:  # htmldate raises on odd markup; a missing date is the right answer
        log.debug("htmldate gave up on a page: %s: %s", type(exc).__name__, exc)
        return None
    if not found or copyright_year(tree, found):
        return None
    return parse_datetime(found)


def copyright_year(tree: Any, found: str) -> bool:
    """htmldate's extensive search turns a footer's "© 2024" into 2024-01-01: not a date."""
    if not found.endswith("-01-01"):
        return False
    year = found[:4]
    text = " ".join(tree.itertext())
    return bool(re.search(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{year}", text, re.I))


def read(ctx: ReadContext, out: Candidates) -> None:
    if ctx.tree is None:
        return
    found = find_htmldate(ctx.tree, ctx.fetched_at)
    masthead_days = {day for _, day in out.get("masthead_days", [])}
    if found and found.date() not in masthead_days:
        out["published"].append(("htmldate", found))


READER = Reader("htmldate", {"htmldate": ("published",)}, read, stage="fallback")
