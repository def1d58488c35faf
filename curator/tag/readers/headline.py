"""The page's one <h1> (``html``) and its <title> (``html-title``)."""

from __future__ import annotations

from ...normalise import normalise_line
from .base import Candidates, ReadContext, Reader, add


def read(ctx: ReadContext, out: Candidates) -> None:
    h1s = [normalise_line(h.text_content()) for h in ctx.tree.iter("h1")]
    h1s = [h for h in h1s if h]
    if len(h1s) == 1:  # several <h1> means a listing or a site logo, not a headline
        add(out, "title", "html", h1s[0])
    for title in ctx.tree.iter("title"):
        add(out, "title", "html-title", normalise_line(title.text_content()) or None)
        break


READER = Reader("headline", {"html": ("title",), "html-title": ("title",)}, read)
