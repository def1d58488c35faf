"""<link rel=canonical>, rel=license links and rel=author links outside comments and teasers."""

from __future__ import annotations

from lxml import etree

from ...normalise import normalise_line
from .base import Candidates, ReadContext, Reader, add, in_others

_WITH_REL = etree.XPath("//link[@rel] | //a[@rel]")  # document order, without every <a>


def read(ctx: ReadContext, out: Candidates) -> None:
    for link in _WITH_REL(ctx.tree):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and link.tag == "link" and href:
            add(out, "canonical_url", "html", href)
        if "license" in rels and href:
            add(out, "license", "html", href)
        if "author" in rels and link.tag == "a" and not in_others(link):
            add(out, "authors", "html", normalise_line(link.text_content()) or None)


READER = Reader("links", {"html": ("canonical_url", "license", "authors")}, read)
