"""A /YYYY/MM/DD/ (or /YYYY-MM-DD/) date in the URL path (``url``)."""

from __future__ import annotations

from ..dates import url_date
from .base import Candidates, ReadContext, Reader


def read(ctx: ReadContext, out: Candidates) -> None:
    found = url_date(ctx.url)
    if found:
        out.setdefault("published", []).append(("url", found))


READER = Reader("url", {"url": ("published",)}, read, stage="document")
