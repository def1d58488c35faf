"""OpenGraph: <meta property="og:*"> and the OpenGraph article:* properties."""

from __future__ import annotations

from .base import Candidates, ReadContext, Reader, read_meta_tags

# <meta> property (lower case) -> field.
OG_FIELDS: dict[str, str] = {
    "og:title": "title",
    "og:description": "description",
    "og:site_name": "site_name",
    "og:url": "canonical_url",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "article:modified_time": "modified",
    "og:article:modified_time": "modified",
    "og:updated_time": "modified",
    "article:author": "authors",
    "article:section": "section",
    "article:tag": "tags",
    "og:article:tag": "tags",
}


def read(ctx: ReadContext, out: Candidates) -> None:
    read_meta_tags(ctx, out, OG_FIELDS, "opengraph")


READER = Reader("opengraph", {"opengraph": tuple(dict.fromkeys(OG_FIELDS.values()))}, read)
