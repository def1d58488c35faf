"""trafilatura's bare_extraction metadata (the cleaner's ``extraction``): the fallback for
every field it covers. Not its url: trafilatura falls back to the fetched URL, and
canonical_url must stay null when the page declares none."""

from __future__ import annotations

from typing import Any

from .base import Candidates, ReadContext, Reader, add


def read(ctx: ReadContext, out: Candidates) -> None:
    extraction = getattr(ctx.cleaned, "extraction", None)
    if extraction is None:
        return

    def get(name: str) -> Any:
        return getattr(extraction, name, None)

    add(out, "title", "trafilatura", get("title"))
    add(out, "description", "trafilatura", get("description"))
    add(out, "site_name", "trafilatura", get("sitename"))
    add(out, "authors", "trafilatura", get("author"))
    add(out, "published", "trafilatura", get("date"))
    add(out, "section", "trafilatura", list(get("categories") or [])[:1] or None)
    add(out, "tags", "trafilatura", list(get("tags") or []) or None)
    add(out, "license", "trafilatura", get("license"))


READER = Reader(
    "trafilatura",
    {"trafilatura": ("title", "description", "site_name", "authors", "published", "section",
                     "tags", "license")},
    read,
    stage="document",
)  # fmt: skip
