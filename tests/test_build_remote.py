"""A build straight from a live site on 127.0.0.1: fetched, archived, cleaned, summarised by host."""

from __future__ import annotations

import test_fetch_site
from test_fetch_site import base_url, make_spec, serve_robots, serve_site

import curator

_http_server = test_fetch_site._http_server
server = test_fetch_site.server

STORY = (
    "The town's only café reopened on Saturday after the spring floods, and the owners said "
    "the river had reached the counter. Volunteers cleaned the floors for three weeks while "
    "the council paid for new wiring. Regulars queued before the doors opened at eight. "
)


def test_build_from_a_sitemap_reports_by_host_and_archives(tmp_path, server):
    serve_robots(server)
    serve_site(server)
    spec = make_spec(
        tmp_path, [{"type": "sitemap", "url": f"{base_url(server)}/sitemap_index.xml"}]
    )
    result = curator.build(spec, progress=False)
    host = next(iter(result.by_host))  # the one host of the test site
    assert result.counts["read"] >= 3
    assert len(result.by_host) == 1 and "127.0.0.1" in host
    stats = result.by_host[host]
    assert stats["fetched"] >= 3 and not stats["failed"]
    assert host in result.summary() and "fetched, by host" in result.summary()
    assert list((tmp_path / "out" / ".curator" / "archive").glob("*.warc.gz"))


def test_page_that_lies_about_its_charset_is_published_right(tmp_path, server):
    body = f"<html><head><title>Flood</title></head><body><article><p>{STORY * 3}</p></article></body></html>"
    server.expect_request("/cafe.html").respond_with_data(
        body.encode("cp1252"), content_type="text/html; charset=utf-8"
    )
    serve_robots(server)
    spec = make_spec(tmp_path, [{"type": "urls", "urls": [f"{base_url(server)}/cafe.html"]}])
    result = curator.build(spec, progress=False)
    assert result.version == "v1.0.0", result.summary()
    import pyarrow.parquet as pq

    rows = pq.read_table(next((tmp_path / "out" / "data" / "v1.0.0").glob("*.parquet"))).to_pylist()
    assert "café" in rows[0]["text"] and "\ufffd" not in rows[0]["text"]
