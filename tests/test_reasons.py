"""Rejections and the per-host table say what really happened, against a server on 127.0.0.1."""

from __future__ import annotations

import socket
from io import BytesIO

import pytest
import test_fetch_site
from test_fetch_site import fetcher_for, make_spec, page, serve_robots
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curator.fetch import Fetcher
from curator.sources import READERS, RunContext, crawl
from curator.sources.remote import to_document

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server


def read(spec, fetcher: Fetcher | None = None):
    context = RunContext.from_spec(spec, spec.output / ".curator", fetcher=fetcher)
    with context:
        docs = [d for s in spec.data["sources"] for d in READERS[s["type"]](s, spec, context)]
    return docs, context.fetcher


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "javascript:alert(1)", "ftp://files.example/a.html"]
)
def test_redirect_to_a_non_http_url_says_so(server, tmp_path, location):
    serve_robots(server)
    server.expect_request("/moved-page-here").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    scheme = location.split(":", 1)[0]
    spec = make_spec(tmp_path, [{"type": "urls", "url": server.url_for("/moved-page-here")}])
    (doc,), fetcher = read(spec)
    assert doc.rejected == f"fetch failed: redirect to a non-http URL ({scheme}:)"
    stats = fetcher.stats["127.0.0.1"]
    assert stats.robots_refused == 0
    assert dict(stats.failed) == {f"redirect to a non-http URL ({scheme}:)": 1}


def test_unreadable_sitemap_and_feed_are_failures_in_the_host_table(server, tmp_path):
    serve_robots(server)
    server.expect_request("/sitemap.xml").respond_with_data(
        "<urlset><url><loc>", content_type="application/xml"
    )
    server.expect_request("/feed.xml").respond_with_data(
        "<html><body>moved</body></html>", content_type="text/html"
    )
    sources = [
        {"type": "sitemap", "url": server.url_for("/sitemap.xml")},
        {"type": "feed", "url": server.url_for("/feed.xml")},
    ]
    spec = make_spec(tmp_path, sources)
    summary = crawl(spec, tmp_path / "state", progress=False)
    stats = summary.by_host["127.0.0.1"]
    assert dict(stats.failed) == {"sitemap unreadable": 1, "feed unreadable": 1}
    assert stats.fetched == 0  # downloaded, but neither gave a single page
    assert summary.refused == {}  # counted once, as failures, not again as refusals
    assert "feed unreadable x1, sitemap unreadable x1" in summary.table()
    docs, _ = read(spec)
    sitemap, feed = (d.rejected for d in docs)
    assert sitemap.startswith(
        f"sitemap unreadable: {server.url_for('/sitemap.xml')}: not well-formed"
    )
    assert feed == (
        f"feed unreadable: {server.url_for('/feed.xml')}: root element <html> is not RSS or Atom"
    )


def test_a_bad_url_is_one_fetch_failed_with_its_message(server, tmp_path):
    spec = make_spec(tmp_path, [{"type": "urls", "url": "http://[::1/broken"}])
    (doc,), fetcher = read(spec)
    assert doc.rejected == "fetch failed: invalid URL: Invalid IPv6 URL"
    assert dict(fetcher.stats["(none)"].failed) == {"invalid URL": 1}


def test_an_exception_in_the_chain_is_one_fetch_failed_with_its_message(tmp_path):
    def broken(request):
        raise ValueError("no scheme handler for this page")

    fetcher = Fetcher(fetcher_for(tmp_path).config, transport=broken)
    result = fetcher.fetch("http://127.0.0.1/a-b-c.html")
    doc = to_document(result, fetcher.config)
    assert doc.rejected == "fetch failed: ValueError: no scheme handler for this page"


def test_connection_failure_gives_the_message_not_only_the_class(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with fetcher_for(tmp_path, obey_robots=False, retries=0) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{port}/a-b-c.html")
    assert result.error.startswith("connection failed: NewConnectionError: ")
    assert "Connection refused" in result.error and "object at 0x" not in result.error


def _response(writer: WARCWriter, uri: str, body: bytes, http: bool = True) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            uri,
            "response",
            payload=BytesIO(body),
            http_headers=headers if http else None,
            warc_headers_dict={"WARC-Date": "2024-05-01T12:00:00Z"},
        )
    )


def test_warc_records_that_are_not_http_are_rejected_with_a_reason(tmp_path):
    with (tmp_path / "mixed.warc").open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        _response(writer, "dns:news.example", b"news.example. 300 IN A 10.0.0.1", http=False)
        _response(writer, "https://news.example/kept-story-here", page("Kept").encode())
        _response(writer, "file:///srv/www/index.html", page("Local").encode(), http=False)
    spec = make_spec(tmp_path, [{"type": "warc", "path": "mixed.warc"}])
    docs, _ = read(spec)
    assert [d.rejected for d in docs] == [
        "not an http(s) URL: dns:news.example",
        None,
        "not an http(s) URL: file:///srv/www/index.html",
    ]
    assert all(d.origin.startswith("mixed.warc@") for d in docs)


def test_a_site_whose_robots_txt_is_down_is_not_said_to_disallow(server, tmp_path):
    server.expect_request("/robots.txt").respond_with_data("down", status=503)
    server.expect_request("/a-b-c.html").respond_with_data(page("A"), content_type="text/html")
    spec = make_spec(
        tmp_path, [{"type": "urls", "url": server.url_for("/a-b-c.html")}], fetch={"retries": 0}
    )
    (doc,), fetcher = read(spec)
    assert doc.rejected == "robots.txt unreachable: HTTP 503 after 1 tries"
    assert fetcher.stats["127.0.0.1"].robots_refused == 1  # still refused (RFC 9309 2.3.1.4)
