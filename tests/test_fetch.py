"""The fetcher's middlewares against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time

import test_fetch_site
from test_fetch_site import fetcher_for, page, serve_robots
from werkzeug import Request, Response

from curator.fetch import Fetcher, FetchResult
from curator.fetch.archive import Archive

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server


def counting(responses):
    """A handler answering with ``responses`` in turn (the last one repeats), counting calls."""
    calls = []

    def handler(request: Request) -> Response:
        calls.append(dict(request.headers))
        return responses[min(len(calls) - 1, len(responses) - 1)]()

    return handler, calls


def test_robots_disallow_is_honoured_and_user_agent_names_curator(server, tmp_path):
    serve_robots(server)
    server.expect_request("/private/secret-plans.html").respond_with_data(
        page("Secret"), content_type="text/html"
    )
    handler, calls = counting([lambda: Response(page("Open"), content_type="text/html")])
    server.expect_request("/news/open-story-here.html").respond_with_handler(handler)
    with fetcher_for(tmp_path) as fetcher:
        refused = fetcher.fetch(server.url_for("/private/secret-plans.html"))
        allowed = fetcher.fetch(server.url_for("/news/open-story-here.html"))
    assert refused.refused_by_robots and refused.error == "refused by robots.txt"
    assert not any(r.path.startswith("/private/") for r, _ in server.log)
    assert allowed.ok and b"Open" in allowed.body
    assert (
        "curator/" in calls[0]["User-Agent"] and "mailto:data@example.org" in calls[0]["User-Agent"]
    )
    host = next(iter(fetcher.stats))
    assert (
        fetcher.stats[host].robots_refused == 1 and fetcher.stats[host].fetched == 1
    )  # robots.txt is not a page


def test_unreachable_robots_txt_disallows_the_site(server, tmp_path):
    server.expect_request("/robots.txt").respond_with_data("down", status=503)
    server.expect_request("/a-b-c.html").respond_with_data(page("A"), content_type="text/html")
    with fetcher_for(tmp_path, retries=0) as fetcher:
        assert fetcher.fetch(server.url_for("/a-b-c.html")).refused_by_robots


def test_slow_endpoint_times_out(server, tmp_path):
    serve_robots(server)
    server.expect_request("/slow").respond_with_handler(
        lambda r: (time.sleep(1.5), Response("late"))[1]
    )
    with fetcher_for(tmp_path, read_timeout=0.3, retries=1) as fetcher:
        started = time.monotonic()
        result = fetcher.fetch(server.url_for("/slow"))
    assert result.error == "timeout: no response in time after 2 tries"
    assert time.monotonic() - started < 1.4  # gave up on the read timeout, not the server


def test_500_twice_then_200_is_retried(server, tmp_path):
    serve_robots(server)
    handler, calls = counting(
        [
            lambda: Response("oops", status=500),
            lambda: Response("oops", status=500),
            lambda: Response(page("Fine"), content_type="text/html"),
        ]
    )
    server.expect_request("/flaky").respond_with_handler(handler)
    with fetcher_for(tmp_path) as fetcher:
        result = fetcher.fetch(server.url_for("/flaky"))
    assert result.ok and result.attempts == 3 and len(calls) == 3


def test_persistent_500_fails_after_all_tries(server, tmp_path):
    serve_robots(server)
    server.expect_request("/broken").respond_with_data("oops", status=500)
    with fetcher_for(tmp_path, retries=2) as fetcher:
        result = fetcher.fetch(server.url_for("/broken"))
    assert result.error == "HTTP 500 after 3 tries"
    assert fetcher.stats["127.0.0.1"].failed["HTTP 500 after 3 tries"] == 1


def test_429_waits_for_retry_after(server, tmp_path):
    serve_robots(server)
    handler, calls = counting(
        [
            lambda: Response("slow down", status=429, headers={"Retry-After": "1"}),
            lambda: Response(page("Ok"), content_type="text/html"),
        ]
    )
    server.expect_request("/busy").respond_with_handler(handler)
    with fetcher_for(tmp_path) as fetcher:
        started = time.monotonic()
        result = fetcher.fetch(server.url_for("/busy"))
    assert result.ok and len(calls) == 2
    assert time.monotonic() - started >= 0.95  # the 0.01 s backoff was overridden by Retry-After


def test_503_retry_after_beyond_the_limit_fails_at_once(server, tmp_path):
    serve_robots(server)
    handler, calls = counting(
        [lambda: Response("maintenance", status=503, headers={"Retry-After": "3600"})]
    )
    server.expect_request("/maintenance").respond_with_handler(handler)
    with fetcher_for(tmp_path, max_retry_after=5) as fetcher:
        result = fetcher.fetch(server.url_for("/maintenance"))
    assert result.error == "HTTP 503: Retry-After 3600s is over the 5s limit" and len(calls) == 1


def test_redirect_loop_and_limit(server, tmp_path):
    serve_robots(server)
    server.expect_request("/loop-a").respond_with_data(
        "", status=302, headers={"Location": "/loop-b"}
    )
    server.expect_request("/loop-b").respond_with_data(
        "", status=301, headers={"Location": "/loop-a"}
    )
    for n in range(4):
        server.expect_request(f"/hop{n}").respond_with_data(
            "", status=307, headers={"Location": f"/hop{n + 1}"}
        )
    server.expect_request("/hop4").respond_with_data(page("Landed"), content_type="text/html")
    with fetcher_for(tmp_path, max_redirects=3) as fetcher:
        loop = fetcher.fetch(server.url_for("/loop-a"))
        too_many = fetcher.fetch(server.url_for("/hop0"))
    with fetcher_for(tmp_path, max_redirects=5) as fetcher:
        landed = fetcher.fetch(server.url_for("/hop0"))
    assert loop.error.startswith("redirect loop:") and loop.error.endswith("/loop-a")
    assert too_many.error == "too many redirects (over 3)"
    assert (
        landed.ok
        and landed.url == server.url_for("/hop4")
        and landed.requested_url == server.url_for("/hop0")
    )


def test_redirect_target_is_checked_against_robots(server, tmp_path):
    serve_robots(server)
    server.expect_request("/go").respond_with_data(
        "", status=301, headers={"Location": "/private/x-y-z"}
    )
    with fetcher_for(tmp_path) as fetcher:
        assert fetcher.fetch(server.url_for("/go")).refused_by_robots


def test_gzip_bomb_is_stopped_by_decompressed_size(server, tmp_path):
    serve_robots(server)
    bomb = gzip.compress(b"\0" * 50_000_000)  # ~50 KB on the wire, 50 MB inflated
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    server.expect_request("/small").respond_with_data(
        gzip.compress(page("Small").encode()),
        content_type="text/html",
        headers={"Content-Encoding": "gzip"},
    )
    with fetcher_for(tmp_path, max_bytes=1_000_000) as fetcher:
        result = fetcher.fetch(server.url_for("/bomb"))
        small = fetcher.fetch(server.url_for("/small"))
    assert len(bomb) < 1_000_000 and result.error == "too large: body over 1000000 bytes"
    assert small.ok and b"Small" in small.body and "content-encoding" not in small.headers
    assert server.url_for("/bomb") not in fetcher.archive  # a cut-off body is not archived


def test_non_html_response_is_refused_before_download(server, tmp_path):
    serve_robots(server)
    server.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7" + b"x" * 1000, content_type="application/pdf"
    )
    with fetcher_for(tmp_path) as fetcher:
        result = fetcher.fetch(server.url_for("/report.pdf"))
        anything = fetcher.fetch(server.url_for("/report.pdf"), accept=None)
    assert result.error == "not accepted: content-type application/pdf" and result.body == b""
    assert anything.ok and anything.body.startswith(b"%PDF")


def test_page_declared_utf8_but_windows_1252_is_decoded(server, tmp_path):
    serve_robots(server)
    text = "Le café du coin est très réputé, déjà ouvert à l’été, avec sa façade naïve."
    body = page("Café", text).encode("cp1252")
    server.expect_request("/cafe").respond_with_data(body, content_type="text/html; charset=utf-8")
    with fetcher_for(tmp_path) as fetcher:
        result = fetcher.fetch(server.url_for("/cafe"))
    assert result.encoding == "cp1252"
    assert text in result.text
    assert result.body == body  # the archived bytes stay as served


def test_conditional_get_gets_304_on_the_second_fetch(server, tmp_path):
    serve_robots(server)
    state = {"calls": []}

    def handler(request: Request) -> Response:
        state["calls"].append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(
            page("Versioned"),
            content_type="text/html",
            headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"},
        )

    server.expect_request("/versioned").respond_with_handler(handler)
    with fetcher_for(tmp_path, refresh=True) as first:
        fresh = first.fetch(server.url_for("/versioned"))
    with fetcher_for(
        tmp_path, refresh=True
    ) as second:  # a new run: validators come from the state folder
        again = second.fetch(server.url_for("/versioned"))
    assert fresh.ok and not fresh.not_modified
    assert state["calls"][1]["If-None-Match"] == '"v1"' and state["calls"][1][
        "If-Modified-Since"
    ].startswith("Wed, 01 May 2024")
    assert again.ok and again.not_modified and again.body == fresh.body
    assert second.stats["127.0.0.1"].not_modified == 1


def test_archive_is_replayed_offline(server, tmp_path):
    serve_robots(server)
    server.expect_request("/story").respond_with_data(
        page("Archived story"), content_type="text/html"
    )
    server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": "/story"}
    )
    with fetcher_for(tmp_path) as online:
        live = online.fetch(server.url_for("/moved"))
    server.clear()
    with fetcher_for(tmp_path, offline=True) as offline:
        replay = offline.fetch(server.url_for("/moved"))
        missing = offline.fetch(server.url_for("/never-fetched"))
    assert server.log == []  # not even robots.txt was asked for
    assert live.ok and not live.from_archive
    assert replay.from_archive and replay.body == live.body and replay.url == live.url
    assert replay.fetched_at == live.fetched_at
    assert missing.error == "offline: not in the archive"
    warcs = list((tmp_path / "state" / "archive").glob("*.warc.gz"))
    assert len(warcs) == 1


def test_archive_index_is_rebuilt_from_the_warc_files(server, tmp_path):
    serve_robots(server)
    server.expect_request("/kept").respond_with_data(page("Kept"), content_type="text/html")
    with fetcher_for(tmp_path) as fetcher:
        fetcher.fetch(server.url_for("/kept"))
    folder = tmp_path / "state" / "archive"
    (folder / "index.jsonl").unlink()
    assert server.url_for("/kept") in Archive(folder)


def test_rebuild_reads_the_archive_without_network(server, tmp_path):
    serve_robots(server)
    handler, calls = counting([lambda: Response(page("Once"), content_type="text/html")])
    server.expect_request("/once").respond_with_handler(handler)
    for _ in range(2):
        with fetcher_for(tmp_path) as fetcher:
            assert fetcher.fetch(server.url_for("/once")).ok
    assert len(calls) == 1


def test_per_host_concurrency_and_rate_limit(server, tmp_path):
    serve_robots(server)
    handler, peak = test_fetch_site.concurrency_probe(page("P"))

    for n in range(6):
        server.expect_request(f"/p{n}").respond_with_handler(handler)
    urls = [server.url_for(f"/p{n}") for n in range(6)]
    with fetcher_for(
        tmp_path, concurrency_per_host=2, requests_per_second=1000, concurrency=6
    ) as fetcher:
        results = list(fetcher.fetch_many(urls))
    assert [r.url for r in results] == urls and all(r.ok for r in results)
    assert peak[0] == 2
    with fetcher_for(tmp_path / "slow", requests_per_second=20, concurrency=6) as fetcher:
        started = time.monotonic()
        list(fetcher.fetch_many(urls))
    assert time.monotonic() - started >= 6 * 0.05 - 0.01  # 7 requests incl. robots.txt, 50 ms apart


def test_fetch_never_raises(tmp_path):
    fetcher = Fetcher(state_dir=None)
    assert fetcher.fetch("ftp://example.org/x").error == "not an http(s) URL"
    refused = Fetcher(fetcher.config.__class__(retries=0, connect_timeout=0.5)).fetch(
        "http://127.0.0.1:9/nothing-listens"
    )
    assert refused.refused_by_robots  # robots.txt unreachable: the site counts as disallowed


def test_offline_replay_without_an_archived_robots_txt(tmp_path):
    archive = Archive(tmp_path / "state" / "archive")
    archive.write(
        FetchResult(
            "https://news.example/imported-page-here",
            status=200,
            headers={"content-type": "text/html"},
            body=page("Imported").encode(),
            fetched_at="2024-05-01T00:00:00Z",
        )
    )
    archive.close()
    with fetcher_for(tmp_path, offline=True) as fetcher:
        result = fetcher.fetch("https://news.example/imported-page-here")
    assert result.ok and result.from_archive and result.fetched_at == "2024-05-01T00:00:00Z"
