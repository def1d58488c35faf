"""The metadata reader registry: every reader's labels are in the precedence table of each
field it fills, every label in the table has a reader, and every registered reader finds its
field on a page we write here (a new reader without a case below fails
``test_every_reader_has_a_case``)."""

from __future__ import annotations

import ast
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import html as lxml_html

from curator.tag.precedence import PRECEDENCE
from curator.tag.readers import READERS, ReadContext, read_page
from curator.tag.readers.base import LINE_FIELDS, STAGES

READERS_DIR = Path(__file__).resolve().parent.parent / "curator" / "tag" / "readers"


def page(head: str = "", body: str = "") -> Any:
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")


def cleaned(tree: Any = None, metadata: dict | None = None, extraction: Any = None) -> Any:
    return SimpleNamespace(tree=tree, metadata=metadata or {}, extraction=extraction, text="")


# reader name -> (its context, field, the candidate it must add: (label, value))
CASES: dict[str, tuple[ReadContext, str, tuple[str, Any]]] = {
    "json-ld": (
        ReadContext(
            tree=page(
                '<script type="application/ld+json">{"@type": "NewsArticle", '
                '"headline": "Rain at last", "datePublished": "2024-03-05T10:00:00Z"}</script>'
            )
        ),
        "published",
        ("json-ld", "2024-03-05T10:00:00Z"),
    ),
    "opengraph": (
        ReadContext(tree=page('<meta property="og:title" content="Rain at last">')),
        "title",
        ("opengraph", "Rain at last"),
    ),
    "meta": (
        ReadContext(tree=page('<meta name="author" content="Ann Lee">')),
        "authors",
        ("meta", "Ann Lee"),
    ),
    "microdata": (
        ReadContext(tree=page(body='<span itemprop="datePublished" content="2024-03-05"></span>')),
        "published",
        ("microdata", "2024-03-05"),
    ),
    "breadcrumbs": (
        ReadContext(tree=page(body='<nav class="breadcrumb"><a>News</a> <a>Weather</a></nav>')),
        "section",
        ("breadcrumb", ["News", "Weather"]),
    ),
    "links": (
        ReadContext(tree=page('<link rel="canonical" href="https://news.example/rain">')),
        "canonical_url",
        ("html", "https://news.example/rain"),
    ),
    "time": (
        ReadContext(
            tree=page(body='<article><time datetime="2024-03-05">5 March</time></article>')
        ),
        "published",
        ("html", "2024-03-05"),
    ),
    "headline": (
        ReadContext(tree=page("<title>Rain | The Daily</title>", "<h1>Rain at last</h1>")),
        "title",
        ("html", "Rain at last"),
    ),
    "lines": (
        ReadContext(tree=page(body='<div class="byline">By Ann Lee</div>')),
        "bylines",
        ("html", "By Ann Lee"),
    ),
    "chrome": (
        ReadContext(tree=page(), cleaned=cleaned(page(), {"image_credits": ["Photo: Bo Park"]})),
        "image_credits",
        ("chrome", ["Photo: Bo Park"]),
    ),
    "datelines": (
        ReadContext(cleaned=cleaned(metadata={"datelines": ["Published 5 March 2024"]})),
        "published",
        ("dateline", datetime(2024, 3, 5, tzinfo=UTC)),
    ),
    "hints": (
        ReadContext(hints={"published": "2024-03-05"}),
        "published",
        ("hint", "2024-03-05"),
    ),
    "trafilatura": (
        ReadContext(cleaned=cleaned(extraction=SimpleNamespace(title="Rain at last"))),
        "title",
        ("trafilatura", "Rain at last"),
    ),
    "url": (
        ReadContext(url="https://news.example/2024/03/05/rain"),
        "published",
        ("url", datetime(2024, 3, 5, tzinfo=UTC)),
    ),
    "fetch": (
        ReadContext(fetched_license="https://creativecommons.org/licenses/by/4.0/"),
        "license",
        ("fetch", "https://creativecommons.org/licenses/by/4.0/"),
    ),
    "htmldate": (
        ReadContext(
            tree=page('<meta name="date" content="2024-03-05">'),
            fetched_at=datetime(2024, 6, 1, tzinfo=UTC),
        ),
        "published",
        ("htmldate", datetime(2024, 3, 5, tzinfo=UTC)),
    ),
}


def test_every_reader_has_a_case():
    assert sorted(CASES) == sorted(r.name for r in READERS)


def test_reader_names_are_unique_and_stages_known():
    names = [r.name for r in READERS]
    assert len(names) == len(set(names))
    assert {r.stage for r in READERS} <= set(STAGES)


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_reader_finds_its_field(reader):
    ctx, field, (label, value) = CASES[reader.name]
    out: dict = defaultdict(list)
    reader.read(ctx, out)
    found = [v for s, v in out[field] if s == label]
    assert value in found, dict(out)
    # The case's field is one the reader declares it fills under that label.
    assert field in reader.produces.get(label, ()) or field in reader.lines


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_reader_labels_are_in_the_precedence_of_each_field(reader):
    for label, fields in reader.produces.items():
        for field in fields:
            assert label in PRECEDENCE[field], f"{reader.name}: {label} missing in {field}"


def test_every_precedence_label_has_a_reader():
    produced = {(f, label) for r in READERS for label, fields in r.produces.items() for f in fields}
    missing = [(f, s) for f, order in PRECEDENCE.items() for s in order if (f, s) not in produced]
    assert missing == []


def test_raw_lines_are_not_record_fields():
    assert not set(LINE_FIELDS) & set(PRECEDENCE)
    assert {f for r in READERS for f in r.lines} == set(LINE_FIELDS)


def test_reader_modules_import_only_base_from_the_package():
    for path in READERS_DIR.glob("*.py"):
        if path.name in {"__init__.py", "base.py"}:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert node.module == "base", f"{path.name} imports .{node.module or ''}"


def test_read_page_runs_every_page_reader_and_no_other():
    tree = page(
        '<meta property="og:title" content="Rain at last"><meta name="date" content="2024-03-05">',
        '<h1>Rain at last</h1><div class="byline">By Ann Lee</div>',
    )
    out = read_page(tree)
    assert ("opengraph", "Rain at last") in out["title"]
    assert ("html", "Rain at last") in out["title"]
    assert ("html", "By Ann Lee") in out["bylines"]
    assert all(s != "htmldate" for s, _ in out["published"])  # a fallback, not a page reader
