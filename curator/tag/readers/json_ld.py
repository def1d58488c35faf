"""JSON-LD: <script type="application/ld+json"> objects, @graph and nesting flattened.

An Article (NewsArticle, BlogPosting, ...) object is labelled ``json-ld``; a WebPage's is
``json-ld-page`` (its dates and headline are as often the page's as the article's); a
BreadcrumbList is a ``breadcrumb`` trail."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ...normalise import normalise_line
from .base import Candidates, ReadContext, Reader, add

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "report", "techarticle", "scholarlyarticle",
}  # fmt: skip
PAGE_TYPES = {"webpage", "itempage", "collectionpage"}
# A block wrapped for XHTML parsers or old browsers: "<![CDATA[ ... ]]>", "//<![CDATA[",
# "/* <![CDATA[ */", "<!-- ... -->". The wrapper is not JSON; what it wraps is.
_WRAPPER = re.compile(
    r"^\s*(?:/\*\s*)?(?://\s*)?(?:<!\[CDATA\[|<!--)\s*(?:\*/)?|(?:/\*\s*)?(?://\s*)?(?:\]\]>|-->)\s*(?:\*/)?\s*$"
)


def json_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every object in every JSON-LD block, @graph and nesting flattened; broken JSON skipped."""
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = _WRAPPER.sub("", script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and control characters are the usual breakage
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", raw)))
            except ValueError:
                continue
        yield from _walk(data)


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "breadcrumblist" in types(data):
            return  # its list items are read by _crumbs, not as objects of their own
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower().split("/")[-1] for k in kinds}


def _names(value: Any, people_only: bool = False, ids: dict[str, dict] | None = None) -> list[str]:
    """Names in a JSON-LD value: strings, {"name": ...} objects, {"@id": ...} references to
    objects elsewhere in the page (Yoast's @graph style), or lists of those."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, people_only, ids)]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in (ids or {}):
            value = (ids or {})[value["@id"]]
        if people_only and types(value) & {"organization", "newsmediaorganization", "corporation"}:
            return []  # an organisation as "author" is the publisher, not a person
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(value.get("givenName"), str):
            return [f"{value['givenName']} {value.get('familyName', '')}".strip()]
    return []


def _listish(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def _url_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("@id") or value.get("url")
    return None


def read(ctx: ReadContext, out: Candidates) -> None:
    objects = list(json_objects(ctx.tree))
    ids = {
        o["@id"]: o
        for o in objects
        if isinstance(o.get("@id"), str) and ("name" in o or "givenName" in o)
    }
    articles = [o for o in objects if types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if types(o) & PAGE_TYPES]
    for obj in articles + pages:
        src = "json-ld" if obj in articles else "json-ld-page"
        add(
            out, "title", src, obj.get("headline") or (obj.get("name") if obj in articles else None)
        )
        add(out, "description", src, obj.get("description"))
        add(out, "published", src, obj.get("datePublished") or obj.get("dateCreated"))
        add(out, "modified", src, obj.get("dateModified"))
        if obj in articles:
            add(out, "authors", src, _names(obj.get("author"), True, ids) or None)
            add(out, "section", src, _listish(obj.get("articleSection"))[:1] or None)
            add(out, "tags", src, _listish(obj.get("keywords")) or None)
            add(out, "license", src, _url_of(obj.get("license")))
            add(out, "canonical_url", src, _url_of(obj.get("mainEntityOfPage")) or obj.get("url"))
        for publisher in _names(obj.get("publisher"), False, ids)[:1]:
            add(out, "site_name", src, publisher)
    for obj in objects:
        if "breadcrumblist" in types(obj):
            add(out, "section", "breadcrumb", _crumbs(obj) or None)
        elif types(obj) & {"newsmediaorganization", "organization", "website"} and obj.get("name"):
            add(out, "site_name", "json-ld-page", obj.get("name"))


def _crumbs(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement") or []
    items = items if isinstance(items, list) else [items]
    items = sorted(
        (i for i in items if isinstance(i, dict)), key=lambda i: _position(i.get("position"))
    )
    names = []
    for item in items:
        inner = item.get("item")
        name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
        if isinstance(name, str) and name.strip():
            names.append(normalise_line(name))
    return names


def _position(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


ARTICLE_FIELDS = ("title", "description", "published", "modified", "authors", "section", "tags",
                  "license", "canonical_url", "site_name")  # fmt: skip
READER = Reader(
    "json-ld",
    {
        "json-ld": ARTICLE_FIELDS,
        "json-ld-page": ("title", "description", "published", "modified", "site_name"),
        "breadcrumb": ("section",),
    },
    read,
)
