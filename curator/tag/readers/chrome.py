"""What the cleaner read from the chrome it removed: the headline, a breadcrumb trail,
photo credits, mirror addresses, a byline (``chrome``; a removed trail is a
``breadcrumb``). For a text page (no tree) the headline and trails come from the removed
lines themselves."""

from __future__ import annotations

from typing import Any

from .. import removed
from ..removed import looks_like_nav
from .base import Candidates, ReadContext, Reader

CHROME_FIELDS = ("title", "section", "image_credits", "alternate_urls", "authors")


def _plausible_trail(section: Any) -> bool:
    """A section path has short names without digits ("Friday, March 20, 2026" is a date)."""
    items = section if isinstance(section, list) else [section]
    return all(
        isinstance(s, str) and not any(c.isdigit() for c in s) and len(s.split()) <= 4
        for s in items
    )


def read(ctx: ReadContext, out: Candidates) -> None:
    cleaned = ctx.cleaned
    meta = getattr(cleaned, "metadata", None) or {}
    if cleaned is not None and ctx.tree is None:
        title = removed.headline(cleaned, ctx.language, (ctx.hints or {}).get("site_name"))
        if title:
            out["title"].append(("chrome", title))
        for trail in removed.trails(cleaned):
            out["section"].append(("breadcrumb", trail))
    for field in CHROME_FIELDS:
        if field == "title" and meta.get("title") and looks_like_nav(meta["title"], ctx.language):
            continue  # the cleaner took a menu line for the headline
        if field == "section" and not _plausible_trail(meta.get("section")):
            continue
        if meta.get(field):
            # The cleaner's section comes from a breadcrumb trail it removed.
            out[field].append(("breadcrumb" if field == "section" else "chrome", meta[field]))


READER = Reader(
    "chrome",
    {"chrome": ("title", "image_credits", "alternate_urls", "authors"), "breadcrumb": ("section",)},
    read,
    stage="document",
)
