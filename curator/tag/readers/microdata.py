"""Microdata: itemprop="datePublished"/"author"/"headline"/... attributes in the body."""

from __future__ import annotations

from typing import Any

from .base import Candidates, ReadContext, Reader, add, attr_text, in_others

ITEMPROP_FIELDS = {
    "datepublished": "published",
    "datecreated": "published",
    "datemodified": "modified",
    "headline": "title",
    "articlesection": "section",
    "keywords": "tags",
}


def read(ctx: ReadContext, out: Candidates) -> None:
    # Authors marked in one container ("By <span itemprop=author>A</span> and <span
    # itemprop=author>B</span>") are one value: the page's first author value is its byline.
    groups: dict[Any, list[str]] = {}
    for el in ctx.tree.xpath("//*[@itemprop]"):
        if el.tag == "meta" and el.getparent() is not None and el.getparent().tag == "head":
            continue  # head <meta itemprop> counted already as meta
        for prop in el.get("itemprop", "").lower().split():
            if prop in ITEMPROP_FIELDS:
                add(out, ITEMPROP_FIELDS[prop], "microdata", attr_text(el))
            elif prop == "author" and not in_others(el):
                names = el.xpath('.//*[@itemprop="name"]')
                name = attr_text(names[0]) if names else attr_text(el)
                if name:
                    groups.setdefault(el.getparent(), []).append(name)
    for names in groups.values():
        add(out, "authors", "microdata", names)


READER = Reader(
    "microdata",
    {"microdata": (*dict.fromkeys(ITEMPROP_FIELDS.values()), "authors")},
    read,
)
