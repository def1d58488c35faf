"""Every registered source type is read end to end through ``read_sources`` (the path a build
takes), and is one the spec schema accepts. A new source type fails here until it has a case
in ``CASES``: a function that writes or serves a small input for it and says which pages the
reader must yield."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import test_fetch_site
from test_fetch_site import ARTICLES, make_spec, page, serve_site
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curator.pipeline import Hints
from curator.sources import SOURCE_TYPES, RunContext, read_sources
from curator.spec import spec_schema

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server

STORY = "https://news.example/world/harbour-crane-collapses"
# A case: (folder for input files, base URL of the fixture site) -> the [[sources]] entry and
# the pages (URL, or origin when the source gives no URL) it must yield, alive.
Case = Callable[[Path, str], tuple[dict[str, Any], set[str]]]


def _manifest(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    (folder / "story.html").write_text(page("Crane collapses"), encoding="utf-8")
    pages = [{"file": "story.html", "url": STORY, "site": "Harbour News"}]
    (folder / "corpus.json").write_text(json.dumps({"pages": pages}), encoding="utf-8")
    return {"type": "manifest", "path": "corpus.json"}, {STORY}


def _folder(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    (folder / "pages" / "world").mkdir(parents=True)
    (folder / "pages" / "world" / "story.html").write_text(page("Crane"), encoding="utf-8")
    (folder / "pages" / "note.txt").write_text("A plain text story.\n", encoding="utf-8")
    (folder / "pages" / "image.png").write_bytes(b"\x89PNG")  # not a page: left out
    return {"type": "folder", "path": "pages"}, {"note.txt", "world/story.html"}


def _jsonl(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    line = {"html": page("Crane collapses"), "url": STORY, "fetched_at": "2024-05-01T12:00:00Z"}
    (folder / "pages.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    return {"type": "jsonl", "path": "pages.jsonl"}, {STORY}


def _warc(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    with (folder / "crawl.warc.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        payload = BytesIO(page("Crane collapses").encode())
        writer.write_record(
            writer.create_warc_record(STORY, "response", payload=payload, http_headers=http)
        )
    return {"type": "warc", "path": "crawl.warc.gz"}, {STORY}


def _urls(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    return {"type": "urls", "url": f"{base}/news/{ARTICLES[0]}.html"}, {
        f"{base}/news/{ARTICLES[0]}.html"
    }


def _sitemap(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    # the site root: the sitemap index is found through robots.txt
    return {"type": "sitemap", "url": base + "/"}, {f"{base}/news/{a}.html" for a in ARTICLES}


def _feed(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    return {"type": "feed", "url": base + "/rss.xml"}, {f"{base}/news/{ARTICLES[0]}.html"}


def _homepage(folder: Path, base: str) -> tuple[dict[str, Any], set[str]]:
    return {"type": "homepage", "url": base + "/"}, {f"{base}/news/{a}.html" for a in ARTICLES[:2]}


CASES: dict[str, Case] = {
    "manifest": _manifest,
    "folder": _folder,
    "jsonl": _jsonl,
    "warc": _warc,
    "urls": _urls,
    "sitemap": _sitemap,
    "feed": _feed,
    "homepage": _homepage,
}


def _schema_types() -> set[str]:
    return set(spec_schema()["properties"]["sources"]["items"]["properties"]["type"]["enum"])


@pytest.mark.parametrize("kind", sorted(set(SOURCE_TYPES) | set(CASES)))
def test_every_registered_source_type_is_read_through_the_build_path(kind, tmp_path, server):
    assert kind in SOURCE_TYPES, f"CASES has {kind!r}, which no module registers"
    assert kind in CASES, f"source type {kind!r} is registered but has no case in CASES"
    source, expected = CASES[kind](tmp_path, serve_site(server))
    context = RunContext.from_spec(make_spec(tmp_path, [source]))
    try:
        docs = list(read_sources(context))
    finally:
        context.close()
    alive = {d.record["url"] or d.origin: d for d in docs if d.alive}
    assert expected <= set(alive), f"{kind}: {sorted(expected - set(alive))} not read"
    for doc in (alive[key] for key in expected):
        assert doc.raw, f"{kind}: {doc.origin} has no body"
        assert set(doc.hints) <= Hints.__optional_keys__  # only hints a later stage reads


def test_every_registered_source_type_is_a_type_the_spec_schema_accepts():
    assert set(SOURCE_TYPES) == _schema_types()
