"""Other <meta name=...>: description, author, keywords, Dublin Core, parsely-*, sailthru.*,
citation_*, and the date names sites use."""

from __future__ import annotations

from .base import Candidates, ReadContext, Reader, read_meta_tags

# <meta> name (lower case) -> field.
META_FIELDS: dict[str, str] = {
    "twitter:title": "title",
    "dc.title": "title",
    "dcterms.title": "title",
    "description": "description",
    "twitter:description": "description",
    "dc.description": "description",
    "application-name": "site_name",
    "twitter:site": "site_name",
    "author": "authors",
    "dc.creator": "authors",
    "dcterms.creator": "authors",
    "parsely-author": "authors",
    "sailthru.author": "authors",
    "byl": "authors",
    "citation_author": "authors",
    "article.author": "authors",
    "keywords": "tags",
    "news_keywords": "tags",
    "parsely-tags": "tags",
    "sailthru.tags": "tags",
    "section": "section",
    "parsely-section": "section",
    "article.section": "section",
    "dc.rights": "license",
    "dcterms.rights": "license",
    "dcterms.license": "license",
    "license": "license",
    "pubdate": "published",
    "publishdate": "published",
    "publish-date": "published",
    "publish_date": "published",
    "date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "dcterms.issued": "published",
    "dcterms.created": "published",
    "citation_publication_date": "published",
    "sailthru.date": "published",
    "parsely-pub-date": "published",
    "article.published": "published",
    "original-publish-date": "published",
    "last-modified": "modified",
    "lastmod": "modified",
    "dcterms.modified": "modified",
    "dc.date.modified": "modified",
    "article.updated": "modified",
    "revised": "modified",
}


def read(ctx: ReadContext, out: Candidates) -> None:
    read_meta_tags(ctx, out, META_FIELDS, "meta")


READER = Reader("meta", {"meta": tuple(dict.fromkeys(META_FIELDS.values()))}, read)
