"""What a feed, sitemap or manifest entry said about the page it pointed at (``hint``)."""

from __future__ import annotations

from .base import Candidates, ReadContext, Reader

HINT_FIELDS = ("title", "description", "site_name", "published", "modified", "authors",
               "section", "tags", "alternate_urls", "license")  # fmt: skip


def read(ctx: ReadContext, out: Candidates) -> None:
    for field, value in (ctx.hints or {}).items():
        if field in HINT_FIELDS and value not in (None, "", []):
            out[field].append(("hint", value))


READER = Reader("hints", {"hint": HINT_FIELDS}, read, stage="document")
