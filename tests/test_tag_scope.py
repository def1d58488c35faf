"""``[scope] since`` applied after tagging, for pages no listing dated (homepage links)."""

from __future__ import annotations

import test_fetch_site
from test_fetch_site import base_url, make_spec, page, serve_robots

from curator.fetch import Scope
from curator.pipeline import Document
from curator.tag import SinceScope

_http_server = test_fetch_site._http_server  # the fixture site's server
server = test_fetch_site.server


def _doc(url: str, published: str | None) -> Document:
    doc = Document()
    doc.record.update(url=url, published=published)
    return doc


def test_pages_before_since_are_rejected_and_counted_out_of_scope():
    scope = Scope.from_section({"since": "2026-01-01"})
    docs = [
        _doc("https://news.example/old-story", "2025-12-31T23:00:00Z"),
        _doc("https://news.example/new-story", "2026-01-02T08:00:00Z"),
        _doc("https://news.example/undated", None),
    ]
    out = list(SinceScope(scope).run(docs))
    assert [d.rejected is None for d in out] == [False, True, True]
    assert "before since" in out[0].rejected and "out of scope" in out[0].rejected
    assert scope.skipped["news.example"]["before since"] == 1


def test_no_since_keeps_everything():
    scope = Scope.from_section({})
    out = list(SinceScope(scope).run([_doc("https://news.example/a", "1999-01-01T00:00:00Z")]))
    assert out[0].rejected is None and not scope.skipped


def test_homepage_pages_before_since_are_dropped_and_counted_out_of_scope(tmp_path, server):
    """A homepage's links carry no date: ``since`` applies once the page is tagged."""
    import curator

    serve_robots(server)
    base = base_url(server)
    links = (
        '<a href="/news/old-harbour-story.html">a</a> <a href="/news/new-bridge-story.html">b</a>'
    )
    server.expect_request("/").respond_with_data(f"<html><body>{links}</body></html>",
                                                 content_type="text/html")  # fmt: skip
    for slug, day in (("old-harbour-story", "2019-04-02"), ("new-bridge-story", "2026-02-03")):
        head = f'<meta property="article:published_time" content="{day}T10:00:00Z">'
        server.expect_request(f"/news/{slug}.html").respond_with_data(
            page(slug.replace("-", " ").title(), head=head), content_type="text/html"
        )
    spec = make_spec(
        tmp_path, [{"type": "homepage", "url": base + "/"}], scope={"since": "2026-01-01"}
    )
    result = curator.build(spec.path, progress=False).to_json()
    assert result["counts"]["added"] == 1 and result["counts"]["rejected"] == 1
    assert result["reject_reasons"] == {"out of scope": 1}
    assert result["by_host"]["127.0.0.1"]["out_of_scope"] == 1
