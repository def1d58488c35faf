"""What the fetcher read from the HTTP response: a ``Link: rel="license"`` header."""

from __future__ import annotations

from .base import Candidates, ReadContext, Reader


def read(ctx: ReadContext, out: Candidates) -> None:
    if ctx.fetched_license:
        out["license"].append(("fetch", ctx.fetched_license))


READER = Reader("fetch", {"fetch": ("license",)}, read, stage="document")
