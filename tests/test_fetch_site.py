"""The fixture news site on 127.0.0.1 that the fetch and source tests crawl, and helpers.

The other test_fetch*/test_sources* modules import their fixtures from here."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from curator.fetch import FetchConfig, Fetcher
from curator.spec import Spec, load_spec

SITE = Path(__file__).resolve().parent / "site"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
ARTICLES = ["river-flood-closes-bridge", "council-approves-new-budget", "old-harbour-story-archive"]
# Tiny delays everywhere so the whole set runs in seconds; politeness is tested on its own.
FAST = {
    "requests_per_second": 1000,
    "backoff_seconds": 0.01,
    "connect_timeout": 1,
    "read_timeout": 1,
    "total_timeout": 3,
    "retries": 2,
    "max_bytes": 200_000,
    "contact": "mailto:data@example.org",
    "concurrency": 4,
}


@pytest.fixture(scope="session")
def _http_server():
    # one server for the session: stopping one takes half a second (werkzeug's poll interval)
    srv = HTTPServer(host="127.0.0.1", threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(_http_server):
    """The test server with no handlers and an empty log; unknown paths answer 500."""
    _http_server.clear()
    yield _http_server
    _http_server.clear()


def base_url(server: HTTPServer) -> str:
    return server.url_for("/").rstrip("/")


def static(body: bytes, content_type: str):
    """A handler with an ETag that answers If-None-Match with 304, like a real server."""
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})

    return handler


def serve_site(server: HTTPServer) -> str:
    """Serve every file in tests/site (BASE_URL filled in), plus a gzip copy of the page sitemap."""
    base = base_url(server)
    for path in sorted(p for p in SITE.rglob("*") if p.is_file()):
        body = path.read_bytes().replace(b"BASE_URL", base.encode())
        route = "/" + path.relative_to(SITE).as_posix()
        server.expect_request(route).respond_with_handler(static(body, CONTENT_TYPES[path.suffix]))
        if route == "/index.html":
            server.expect_request("/").respond_with_handler(static(body, CONTENT_TYPES[".html"]))
        if route == "/sitemap-pages.xml":
            server.expect_request(route + ".gz").respond_with_handler(
                static(gzip.compress(body), "application/gzip")
            )
    return base


def serve_robots(server: HTTPServer, text: str = "User-agent: *\nDisallow: /private/\n") -> None:
    server.expect_request("/robots.txt").respond_with_data(text, content_type="text/plain")


def page(title: str, body: str = "", head: str = "") -> str:
    filler = " ".join(["Residents gathered at the town hall to hear the plans."] * 5)
    return f'<html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body><article><h1>{title}</h1><p>{body or filler}</p></article></body></html>'


def concurrency_probe(body: bytes) -> tuple[Callable[[Request], Response], list[int]]:
    """A handler that answers ``body`` after 50 ms, and the list whose one item is the most
    requests it ever served at once."""
    active, peak, lock = [0], [0], threading.Lock()

    def handler(request: Request) -> Response:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return Response(body, content_type="text/html")

    return handler, peak


def fetcher_for(tmp_path: Path, refresh: bool = False, **overrides: Any) -> Fetcher:
    return Fetcher(
        FetchConfig.from_section({**FAST, **overrides}), tmp_path / "state", refresh=refresh
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):  # an inline table: [fetch] hosts, headers, cookies
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    return json.dumps(value)  # strings, numbers, booleans and arrays of them read the same in TOML


def make_spec(
    folder: Path,
    sources: list[dict[str, Any]],
    fetch: dict[str, Any] | None = None,
    scope: dict[str, Any] | None = None,
) -> Spec:
    """A dataset spec file in ``folder``, checked against the schema like any other."""
    lines = ['name = "fetch-test"', 'output = "out"']
    for name, table in (("fetch", {**FAST, **(fetch or {})}), ("scope", scope or {})):
        lines += [f"[{name}]", *(f"{k} = {_toml_value(v)}" for k, v in table.items())]
    for source in sources:
        lines += ["[[sources]]", *(f"{k} = {_toml_value(v)}" for k, v in source.items())]
    path = folder / "spec.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_spec(path)


def test_site_serves_pages_sitemaps_and_etags(server):
    base = serve_site(server)
    import urllib.request

    with urllib.request.urlopen(f"{base}/robots.txt") as response:
        assert f"Sitemap: {base}/sitemap_index.xml" in response.read().decode()
    with urllib.request.urlopen(f"{base}/sitemap-pages.xml.gz") as response:
        assert b"river-flood-closes-bridge" in gzip.decompress(response.read())


def test_make_spec_passes_the_schema(tmp_path):
    spec = make_spec(
        tmp_path, [{"type": "urls", "urls": ["http://127.0.0.1/x"]}], scope={"since": "2024-01-01"}
    )
    assert spec.section("fetch")["backoff_seconds"] == 0.01
    assert spec.output == (tmp_path / "out").resolve()
