"""curator.extract: one page's record, as a one-page build makes it (pages written here)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import one_page_build as shared_one_page_build

import curator
from curator.dedup import assign_id
from curator.pipeline import Document
from curator.tag import tag_document
from curator.urls import canonicalise

FETCHED = "2026-03-20T12:00:00Z"
BODY = " ".join(
    f"Sentence {i} of the report tells how the river rose over the old bridge in the night."
    for i in range(12)
)


def page(canonical: str = "http://www.riverside.example/news/flood-report", extra: str = "") -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "The river rose over the old bridge",
        "datePublished": "2026-03-19T21:30:00-05:00",
        "author": {"@type": "Person", "name": "Mara Quill"},
    }
    return f"""<!doctype html><html lang="en"><head>
<title>The river rose over the old bridge | Riverside Courier</title>
<meta property="og:site_name" content="Riverside Courier">
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
{extra}</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>The river rose over the old bridge</h1><p class="byline">By Mara Quill</p>
<p>{BODY}</p><p>{BODY}</p></article>
<footer>Copyright 2026 Riverside Courier</footer></body></html>"""


URL = "https://www.riverside.example/news/flood-report?utm_source=feed"


def one_page_build(tmp_path: Path, html: str) -> dict:
    return shared_one_page_build(tmp_path, html, URL, FETCHED)


def _jsonable(record: dict) -> dict:
    return json.loads(json.dumps(record, default=str))


def test_extract_is_a_one_page_build_without_the_dataset_fields(tmp_path):
    html = page()
    built = one_page_build(tmp_path, html)
    got = curator.extract(html, URL, fetched_at=FETCHED)
    assert got.rejected is None
    dataset_fields = {"id", "version_added", "dup_cluster_id", "dup_cluster_size"}
    assert all(got.record[k] is None for k in dataset_fields)
    mine = _jsonable({k: v for k, v in got.record.items() if k not in dataset_fields})
    theirs = _jsonable({k: v for k, v in built.items() if k not in dataset_fields})
    assert mine == theirs
    # what a realpages-style scorer reads, directly on the result
    assert got.title == "The river rose over the old bridge"
    assert got.authors == ["Mara Quill"]
    assert got.text == built["text"] and got.to_dict()["rejected"] is None


def test_published_keeps_the_publishers_day_and_the_record_the_utc_instant():
    got = curator.extract(page(), URL, fetched_at=FETCHED)
    assert got.record["published"] == "2026-03-20T02:30:00Z"
    assert got.published == "2026-03-19T21:30:00-05:00"


def test_canonical_url_is_published_as_declared_and_the_id_is_unchanged(tmp_path):
    """The https form is the dedup key, not the page's canonical URL."""
    declared = "http://www.riverside.example/news/flood-report"
    built = one_page_build(tmp_path, page(declared))
    assert built["canonical_url"] == declared
    key = canonicalise(declared)
    assert key.startswith("https://")
    assert built["id"] == assign_id(key, built["content_sha256"])
    assert curator.extract(page(declared), URL).record["canonical_url"] == declared


def test_relative_canonical_made_absolute_and_no_canonical_is_the_key_form():
    got = curator.extract(page("/news/flood-report"), URL)
    assert got.record["canonical_url"] == "https://www.riverside.example/news/flood-report"
    html = page().replace('<link rel="canonical"', '<link rel="alternate"')
    assert curator.extract(html, URL).record["canonical_url"] == canonicalise(URL)


def test_server_licence_is_kept_by_the_tagger():
    """The fetcher reads ``Link: <...>; rel="license"``; the tagger used to write null over it."""
    licence = "https://creativecommons.org/licenses/by/4.0/"
    headers = {"Link": f'<{licence}>; rel="license"'}
    got = curator.extract(page(), URL, headers=headers)
    assert got.record["license"] == licence
    assert got.record["provenance"]["license"] == "fetch"
    # the same through the tag step, as a fetched Document arrives there
    doc = Document(raw=page().encode())
    doc.record.update(url=URL, fetched_at=FETCHED, license=licence)
    from curator.clean import CleanStep

    CleanStep().process(doc)
    tag_document(doc)
    assert doc.record["license"] == licence


def test_page_licence_still_read_without_a_header():
    extra = '<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">'
    got = curator.extract(page(extra=extra), URL)
    assert got.record["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_bengali_digit_date_is_read_not_a_recursion_error():
    html = page().replace("2026-03-19T21:30:00-05:00", "২০২০-০৮-২৯T১০:৪৬:০৬+০১:০০")
    got = curator.extract(html, URL, fetched_at=FETCHED)
    assert got.rejected is None
    assert got.record["published"] == "2020-08-29T09:46:06Z"


def test_rejected_page_says_why_and_keeps_its_metadata():
    html = """<html><head><title>Riverside Courier: all stories</title></head><body>
<ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></body></html>"""
    got = curator.extract(html, "https://www.riverside.example/")
    assert got.rejected
    assert got.to_dict()["rejected"] == got.rejected


def test_cli_clean_json_prints_the_record(tmp_path, capsys):
    from curator.cli import main

    path = tmp_path / "page.html"
    path.write_text(page(), encoding="utf-8")
    assert main(["clean", str(path), "--json", "--url", URL]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == "The river rose over the old bridge"
    assert out["authors"] == ["Mara Quill"] and out["rejected"] is None
    assert out["id"] is None and out["canonical_url"].startswith("http://")
