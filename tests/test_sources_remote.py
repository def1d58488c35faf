"""The remote readers (sitemap, feed, homepage, urls), the WARC reader, scope and ``crawl``,
against the fixture site in tests/site served on 127.0.0.1."""

from __future__ import annotations

import gzip
from io import BytesIO

import test_fetch_site
from test_fetch_site import ARTICLES, make_spec, page, serve_robots, serve_site
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curator.pipeline import Hints
from curator.sources import READERS, RunContext, crawl

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><link>&xxe;</link></item></channel></rss>"""


def read(spec, context=None):
    context = context or RunContext.from_spec(spec)
    docs = [
        doc
        for source in spec.data["sources"]
        for doc in READERS[source["type"]](source, spec, context)
    ]
    context.close()
    return docs


def slug(doc) -> str:
    return (doc.record["url"] or "").rsplit("/", 1)[-1].removesuffix(".html")


def test_sitemap_found_through_robots_txt_with_index_gzip_and_news(tmp_path, server):
    base = serve_site(server)
    docs = read(make_spec(tmp_path, [{"type": "sitemap", "url": base + "/"}]))
    by_slug = {slug(d): d for d in docs}
    assert set(by_slug) == {*ARTICLES, "secret-plans-revealed"}
    assert by_slug["secret-plans-revealed"].rejected == "robots.txt disallows"
    assert all(by_slug[a].alive and b"<article>" in by_slug[a].raw for a in ARTICLES)
    council = by_slug["council-approves-new-budget"]
    assert council.hints["published"] == "2024-05-03T06:00:00Z"  # news sitemap date, in UTC
    assert (
        council.hints["site_name"] == "Test Gazette"
        and council.hints["title"] == "Council approves new budget"
    )
    assert council.record["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert by_slug["river-flood-closes-bridge"].hints["modified"] == "2024-05-02"
    assert all(set(d.hints) <= Hints.__optional_keys__ for d in docs)  # only keys read later


def test_scope_filters_by_pattern_date_and_host_cap(tmp_path, server):
    base = serve_site(server)
    sources = [{"type": "sitemap", "url": base + "/sitemap_index.xml"}]

    def crawl_with(scope):
        folder = tmp_path / str(len(list(tmp_path.iterdir())))  # a fresh archive each time
        folder.mkdir()
        return {slug(d) for d in read(make_spec(folder, sources, scope=scope))}

    # the harbour story's lastmod (2019) says it is older than "since"
    assert crawl_with({"since": "2024-01-01"}) == {
        "river-flood-closes-bridge",
        "council-approves-new-budget",
        "secret-plans-revealed",
    }
    assert crawl_with({"since": "2024-05-03"}) == {"council-approves-new-budget"}
    assert crawl_with({"include": [r"/news/"], "exclude": [r"harbour"]}) == {
        "river-flood-closes-bridge",
        "council-approves-new-budget",
    }
    assert len(crawl_with({"max_pages_per_host": 2})) == 2


def test_rss_and_atom_feeds_give_pages_with_their_dates(tmp_path, server):
    base = serve_site(server)
    docs = read(
        make_spec(
            tmp_path,
            [
                {"type": "feed", "url": base + "/rss.xml"},
                {"type": "feed", "url": base + "/atom.xml"},
            ],
        )
    )
    by_slug = {slug(d): d for d in docs}
    # the council story is in both feeds and fetched once
    assert [slug(d) for d in docs] == [
        "river-flood-closes-bridge",
        "council-approves-new-budget",
        "old-harbour-story-archive",
    ]
    assert (
        by_slug["river-flood-closes-bridge"].hints["published"] == "2024-05-02T10:00:00Z"
    )  # RSS pubDate
    assert (
        by_slug["council-approves-new-budget"].hints["published"] == "2024-05-03T06:00:00Z"
    )  # dc:date
    assert by_slug["old-harbour-story-archive"].hints["published"] == "2019-01-01T00:00:00Z"  # Atom
    assert all(d.alive for d in docs)


def test_homepage_discovers_articles_one_link_deep(tmp_path, server):
    base = serve_site(server)
    docs = read(make_spec(tmp_path, [{"type": "homepage", "url": base + "/"}]))
    assert [slug(d) for d in docs] == ["river-flood-closes-bridge", "council-approves-new-budget"]
    assert not any("/world" in r.path or "/tag/" in r.path for r, _ in server.log)


def test_xml_entity_bomb_and_external_entity_are_refused(tmp_path, server):
    serve_robots(server)
    server.expect_request("/bomb.xml").respond_with_data(BOMB, content_type="application/xml")
    server.expect_request("/xxe.xml").respond_with_data(XXE, content_type="application/rss+xml")
    docs = read(
        make_spec(
            tmp_path,
            [
                {"type": "sitemap", "url": server.url_for("/bomb.xml")},
                {"type": "feed", "url": server.url_for("/xxe.xml")},
            ],
        )
    )
    assert len(docs) == 2
    assert "unsafe XML refused (EntitiesForbidden)" in docs[0].rejected
    assert "unsafe XML refused" in docs[1].rejected and "never expanded" in docs[1].rejected


def test_fetch_failure_is_a_rejected_document(tmp_path, server):
    serve_robots(server)
    server.expect_request("/down").respond_with_data("no", status=500)
    server.expect_request("/gone").respond_with_data("no", status=404)
    docs = read(
        make_spec(
            tmp_path, [{"type": "urls", "urls": [server.url_for("/down"), server.url_for("/gone")]}]
        )
    )
    assert [d.rejected for d in docs] == [
        "fetch failed: HTTP 500 after 3 tries",
        "fetch failed: HTTP 404",
    ]


def test_urls_from_a_list_file(tmp_path, server):
    base = serve_site(server)
    (tmp_path / "list.txt").write_text(
        f"# seeds\n{base}/news/{ARTICLES[0]}.html\n\n{base}/news/{ARTICLES[1]}.html\n",
        encoding="utf-8",
    )
    docs = read(make_spec(tmp_path, [{"type": "urls", "path": "list.txt"}]))
    assert [slug(d) for d in docs] == ARTICLES[:2]


def _warc_record(writer, url, status, content_type, body, encoding=None):
    headers = [("Content-Type", content_type)] + (
        [("Content-Encoding", encoding)] if encoding else []
    )
    http = StatusAndHeaders(f"{status} X", headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-05-01T12:00:00Z"},
        )
    )


def test_warc_reader_yields_html_responses(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        _warc_record(writer, "https://news.example/a-b-c", 200, "text/html", page("Kept").encode())
        _warc_record(
            writer,
            "https://news.example/zipped-page-here",
            200,
            "text/html; charset=utf-8",
            gzip.compress(page("Zipped").encode()),
            "gzip",
        )
        _warc_record(writer, "https://news.example/robots.txt", 200, "text/plain", b"User-agent: *")
        _warc_record(writer, "https://news.example/missing", 404, "text/html", b"nope")
        _warc_record(
            writer,
            "https://news.example/hidden-page-here",
            200,
            "text/html",
            page("Hidden").encode(),
        )
    docs = read(make_spec(tmp_path, [{"type": "warc", "path": "crawl.warc.gz"}]))
    assert [d.record["url"] for d in docs] == [
        "https://news.example/a-b-c",
        "https://news.example/zipped-page-here",
        "https://news.example/hidden-page-here",
    ]
    assert docs[0].record["fetched_at"] == "2024-05-01T12:00:00Z" and docs[0].origin.startswith(
        "crawl.warc.gz@"
    )
    assert b"Zipped" in docs[1].raw  # the archive kept it decoded: the wire encoding is dropped


def test_arc_file_is_read(tmp_path):
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("From ARC").encode()
    filedesc_body = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://test.arc 0.0.0.0 20240501120000 text/plain %d\n%s\n" % (
        len(filedesc_body),
        filedesc_body,
    )
    arc += b"https://news.example/arc-story-page 127.0.0.1 20240501120000 text/html %d\n%s\n" % (
        len(body),
        body,
    )
    (tmp_path / "old.arc").write_bytes(arc)
    docs = read(make_spec(tmp_path, [{"type": "warc", "path": "old.arc"}]))
    assert [d.record["url"] for d in docs] == ["https://news.example/arc-story-page"]
    assert b"From ARC" in docs[0].raw and docs[0].record["fetched_at"] == "2024-05-01T12:00:00Z"


def test_crawl_archives_then_revalidates_and_replays_offline(tmp_path, server):
    base = serve_site(server)
    server.expect_request("/news/broken-page-here.html").respond_with_data("no", status=500)
    sources = [
        {"type": "sitemap", "url": base + "/"},
        {"type": "urls", "url": base + "/news/broken-page-here.html"},
    ]
    spec = make_spec(tmp_path, sources)
    state = tmp_path / "state"
    first = crawl(spec, state, progress=False)
    stats = first.by_host["127.0.0.1"]
    # 3 articles + 3 sitemaps (index, gzip, news); robots.txt is not counted
    assert (stats.fetched, stats.robots_refused, dict(stats.failed)) == (
        6,
        1,
        {"HTTP 500 after 3 tries": 1},
    )
    assert "127.0.0.1" in first.table() and "HTTP 500 after 3 tries x1" in first.table()
    again = crawl(spec, state, progress=False).by_host["127.0.0.1"]
    assert (again.fetched, again.not_modified) == (0, 6)  # ETags sent, 304s received
    server.clear()
    offline = make_spec(tmp_path, sources, fetch={"offline": True})
    docs = read(offline, RunContext.from_spec(offline, state))
    assert sorted(slug(d) for d in docs if d.alive) == sorted(ARTICLES)
    assert server.log == []  # nothing, not even robots.txt, was asked of the network
    warc = read(make_spec(tmp_path, [{"type": "warc", "path": "state/archive"}]))
    assert {slug(d) for d in warc} >= set(ARTICLES)
