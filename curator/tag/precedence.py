"""The precedence of the metadata sources, per field: the first label with a usable value
wins (:class:`curator.tag.metadata.Chooser`). Every label here is written by a registered
reader (:mod:`curator.tag.readers`) and every reader's label is here for each field it fills;
tests/test_tag_readers.py checks both ways.

Why this order: JSON-LD is written for machines and names its fields (datePublished vs
dateModified); OpenGraph is next and as explicit but has no author names (article:author is
usually a URL); other <meta> names are site-specific; <time> and on-page bylines/datelines
are human text; htmldate and trafilatura guess from the whole page.

The order of ``published`` follows a measurement on real pages (scripts/eval_real_metadata.py
--sources: how often each source's first value is the right day, on 216 dated pages):
Article JSON-LD (right ~90 %), OpenGraph (~95 %), a <time> outside mastheads, comments and
teasers, other <meta> dates, then a /YYYY/MM/DD/ URL date (never wrong there, but a URL date
never overrides a metadata date: it is sometimes the date of the URL scheme); htmldate's
extensive search (right on 92 % of pages alone) comes before microdata, datelines, bylines
and a WebPage's JSON-LD, which are as often a teaser's, a comment's or the last edit's date.

The precedence is not the last word on ``published``: two or more sources that give the same
day outvote a day fewer sources give (:meth:`~curator.tag.metadata.Chooser.vote`; htmldate
and trafilatura do not vote). On the same pages that turns a lone JSON-LD republication day
and a UTC stamp past midnight into the day the <time>, the dateline, the byline and the URL
agree on, and loses none (publication day right, pooled: 0.935, htmldate alone 0.917).
"""

from __future__ import annotations

PRECEDENCE: dict[str, list[str]] = {
    "title": ["json-ld", "opengraph", "meta", "microdata", "html", "chrome", "hint", "trafilatura", "json-ld-page", "html-title"],
    "description": ["opengraph", "meta", "json-ld", "json-ld-page", "trafilatura", "hint"],
    "site_name": ["opengraph", "json-ld", "json-ld-page", "meta", "hint", "trafilatura"],
    "canonical_url": ["html", "opengraph", "json-ld"],
    "published": ["json-ld", "opengraph", "html", "meta", "hint", "url", "htmldate", "microdata", "dateline", "byline", "json-ld-page", "trafilatura"],
    "modified": ["json-ld", "opengraph", "meta", "microdata", "html", "dateline", "json-ld-page", "hint", "byline"],
    "authors": ["json-ld", "meta", "opengraph", "microdata", "byline", "html", "chrome", "hint", "trafilatura"],
    "section": ["breadcrumb", "json-ld", "opengraph", "meta", "microdata", "hint", "trafilatura"],
    "tags": ["json-ld", "opengraph", "meta", "microdata", "hint", "trafilatura"],
    "image_credits": ["chrome"],
    "alternate_urls": ["chrome", "hint"],
    "license": ["fetch", "html", "json-ld", "meta", "hint", "trafilatura"],
}  # fmt: skip
