"""Issue 20's fetch controls against real servers on loopback: proxies (from the environment
with NO_PROXY, and from ``[fetch] proxy``) through a forward proxy that counts requests;
``[fetch.hosts."..."]`` settings; the adaptive throttle; the SSRF guard (redirects from
127.0.0.1 to 127.0.0.2, loopback too); ``curator.extract(url=..., fetch=True)`` and
``curator clean URL``."""

from __future__ import annotations

import base64
import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import test_fetch_site
from pytest_httpserver import HTTPServer
from test_fetch_site import FAST, fetcher_for, make_spec, page, serve_robots
from werkzeug import Request, Response

import curator
from curator.cli import main
from curator.fetch import FetchConfig, Fetcher, FetchResult
from curator.fetch.guard import PRIVATE_REFUSED, address_kind
from curator.fetch.proxy import Proxies, parse_proxy
from curator.fetch.throttle import Adaptive
from curator.sources.context import RunContext, named_hosts
from curator.spec import SpecError, check_spec, public_toml

_http_server = test_fetch_site._http_server
server = test_fetch_site.server

SECRET_PASSWORD = "pr0xy-s3cret-pw"
SECRET_TOKEN = "tok-9f8e7d6c5b4a"
SECRET_COOKIE = "sess-1a2b3c4d5e"
PROXY_ENV = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch):
    for name in PROXY_ENV:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


# -- a loopback forward proxy that counts what it forwards --------------------------------


class ForwardProxy:
    """A small HTTP forward proxy (no CONNECT): GET http://host/path is forwarded, and each
    request line and its headers are kept."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                target = urlsplit(self.path)
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("proxy-authorization", "proxy-connection", "connection")
                }
                conn.request("GET", target.path or "/", headers=headers)
                answer = conn.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                conn.close()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def proxy():
    forward = ForwardProxy()
    yield forward
    forward.close()


def _site(server) -> str:
    serve_robots(server, "User-agent: *\nAllow: /\n")
    for n in range(3):
        server.expect_request(f"/p{n}").respond_with_data(page(f"P{n}"), content_type="text/html")
    return server.url_for("/").rstrip("/")


def test_environment_proxy_is_used_and_no_proxy_bypasses_it(server, proxy, tmp_path, monkeypatch):
    base = _site(server)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    with fetcher_for(tmp_path / "a") as fetcher:
        assert all(fetcher.fetch(f"{base}/p{n}").ok for n in range(2))
    assert [path for path, _ in proxy.seen] == [f"{base}/robots.txt", f"{base}/p0", f"{base}/p1"]

    proxy.seen.clear()
    monkeypatch.setenv("NO_PROXY", "example.org,127.0.0.1")
    with fetcher_for(tmp_path / "b") as fetcher:
        assert fetcher.fetch(f"{base}/p2").ok
    assert proxy.seen == []  # reached directly
    monkeypatch.setenv("NO_PROXY", "10.0.0.0/8, 127.0.0.0/8")  # CIDR ranges, as requests reads them
    with fetcher_for(tmp_path / "c") as fetcher:
        assert fetcher.fetch(f"{base}/p2").ok
    assert proxy.seen == []


def test_spec_proxy_logs_in_and_never_shows_its_password(server, proxy, tmp_path, monkeypatch):
    base = _site(server)
    with_login = proxy.url.replace("http://", f"http://curator:{SECRET_PASSWORD}@")
    with fetcher_for(tmp_path / "a", proxy=with_login) as fetcher:
        assert fetcher.fetch(f"{base}/p0").ok
    assert len(proxy.seen) == 2  # robots.txt and the page
    login = base64.b64encode(f"curator:{SECRET_PASSWORD}".encode()).decode()
    assert all(h.get("proxy-authorization") == f"Basic {login}" for _, h in proxy.seen)
    assert all("Proxy-Authorization" not in dict(r.headers) for r, _ in server.log)

    # a dead proxy: the reason (which reports keep) names neither the password nor the login
    dead = f"http://curator:{SECRET_PASSWORD}@127.0.0.1:9/"
    with fetcher_for(tmp_path / "b", proxy=dead, retries=0) as fetcher:
        result = fetcher.fetch(f"{base}/p1")
        reasons = json.dumps({h: dict(s.failed) for h, s in fetcher.stats.items()})
    assert result.error and SECRET_PASSWORD not in result.error and login not in result.error
    assert SECRET_PASSWORD not in reasons

    # proxy = false: the environment's proxy is not used either
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    proxy.seen.clear()
    with fetcher_for(tmp_path / "c", proxy=False) as fetcher:
        assert fetcher.fetch(f"{base}/p2").ok
    assert proxy.seen == []


def test_spec_proxy_keeps_its_no_proxy_hosts_direct(server, proxy, tmp_path):
    base = _site(server)
    with fetcher_for(tmp_path, proxy=proxy.url, no_proxy=["127.0.0.1"]) as fetcher:
        assert fetcher.fetch(f"{base}/p0").ok
    assert proxy.seen == []


def test_proxy_urls_parse_with_their_login_apart():
    parsed, secrets = parse_proxy("http://user:p%40ss@proxy.example:3128")
    assert parsed.url == "http://proxy.example:3128"
    assert (
        parsed.headers["proxy-authorization"] == "Basic " + base64.b64encode(b"user:p@ss").decode()
    )
    assert "p@ss" in secrets
    assert parse_proxy("proxy.example:3128")[0].url == "http://proxy.example:3128"
    with pytest.raises(ValueError, match="not an http"):
        parse_proxy("socks5://proxy.example:1080")
    assert Proxies("http://p.example:1").for_url("http://a.example/") is not None
    assert Proxies("http://p.example:1", ["a.example"]).for_url("http://www.a.example/") is None
    assert Proxies(False).for_url("http://a.example/") is None


def test_an_unusable_environment_proxy_is_a_usage_error(monkeypatch):
    from curator.errors import UsageError

    monkeypatch.setenv("ALL_PROXY", f"socks5://u:{SECRET_PASSWORD}@127.0.0.1:1080")
    with pytest.raises(UsageError, match="all_proxy") as caught:
        Fetcher(FetchConfig())
    assert SECRET_PASSWORD not in str(caught.value)
    assert Fetcher(FetchConfig(proxy=False)).transport.proxies.for_url("http://a.example/") is None


# -- [fetch.hosts."..."] -------------------------------------------------------------------


def test_host_table_sets_headers_cookies_and_user_agent_for_its_host_only(server, tmp_path):
    base = _site(server)
    other = base.replace("127.0.0.1", "localhost")  # the same server under another name
    hosts = {
        "127.0.0.1": {
            "headers": {"X-Api-Key": SECRET_TOKEN},
            "cookies": {"session": SECRET_COOKIE, "consent": "yes"},
            "user_agent": "ExampleBot/2.0",
        }
    }
    with fetcher_for(tmp_path, hosts=hosts, headers={"X-Everywhere": "1"}) as fetcher:
        assert fetcher.fetch(f"{base}/p0").ok
        assert fetcher.fetch(f"{other}/p1").ok
    asked = {r.path: (r.host, dict(r.headers)) for r, _ in server.log if r.path != "/robots.txt"}
    headers = asked["/p0"][1]
    assert headers["X-Api-Key"] == SECRET_TOKEN
    assert headers["Cookie"] == f"session={SECRET_COOKIE}; consent=yes"
    assert headers["User-Agent"].startswith("ExampleBot/2.0 curator/")  # still names curator
    assert headers["X-Everywhere"] == "1"
    elsewhere = asked["/p1"][1]
    assert "X-Api-Key" not in elsewhere and "Cookie" not in elsewhere
    assert elsewhere["User-Agent"].startswith("curator/") and elsewhere["X-Everywhere"] == "1"


def test_host_table_sets_rate_and_concurrency_for_its_host(server, tmp_path):
    serve_robots(server, "")
    slow, peak = test_fetch_site.concurrency_probe(page("P"))

    for n in range(4):
        server.expect_request(f"/s{n}").respond_with_handler(slow)
    base = server.url_for("/").rstrip("/")
    one = {"127.0.0.1": {"concurrency": 1}}
    with fetcher_for(tmp_path / "a", concurrency_per_host=4, hosts=one) as fetcher:
        assert all(r.ok for r in fetcher.fetch_many(f"{base}/s{n}" for n in range(4)))
    assert peak[0] == 1

    slow_rate = {"127.0.0.1": {"requests_per_second": 10}}
    with fetcher_for(tmp_path / "b", hosts=slow_rate) as fetcher:
        started = time.monotonic()
        list(fetcher.fetch_many(f"{base}/s{n}" for n in range(4)))
        slow_took = time.monotonic() - started
        started = time.monotonic()  # another host (same server) keeps [fetch]'s 1000/s
        list(fetcher.fetch_many(f"{base.replace('127.0.0.1', 'localhost')}/s{n}" for n in range(4)))
        fast_took = time.monotonic() - started
    assert slow_took >= 4 * 0.1 - 0.02  # robots.txt + 4 pages, 100 ms apart
    assert fast_took < slow_took


def test_host_settings_lookup_by_port_host_and_parent_domain():
    config = FetchConfig(
        requests_per_second=2,
        hosts={
            "example.org": {"requests_per_second": 0.5},
            "news.example.org:8080": {"concurrency": 1},
        },
    )
    assert config.for_host("https://www.example.org/a").requests_per_second == 0.5
    assert config.for_host("http://news.example.org:8080/").concurrency == 1
    assert config.for_host("http://news.example.org/").requests_per_second == 0.5
    assert config.for_host("http://example.com/").requests_per_second == 2
    assert config.for_host("http://1.0.0.1/").requests_per_second == 2  # no suffix match of IPs


# -- the adaptive throttle ---------------------------------------------------------------


def _ok(latency: float | None, status: int = 200, **headers: str) -> FetchResult:
    return FetchResult("http://a.example/", status=status, latency=latency, headers=headers)


def test_adaptive_delay_follows_scrapys_autothrottle():
    policy = Adaptive(start_delay=1.0, max_delay=8.0, target_concurrency=2.0)
    assert policy.next_delay(1.0, 0.1, _ok(0.4)) == pytest.approx(0.6)  # halfway to 0.4 / 2
    assert policy.next_delay(0.1, 0.1, _ok(1.0)) == pytest.approx(0.5)  # a longer target wins
    assert policy.next_delay(1.0, 0.1, _ok(0.01, 404)) == 1.0  # an error page never speeds up
    assert policy.next_delay(1.0, 0.1, _ok(100.0)) == 8.0  # capped
    assert policy.next_delay(0.2, 0.5, _ok(0.0)) == 0.5  # never under 1 / requests_per_second
    assert policy.next_delay(1.0, 0.1, _ok(0.01, 429)) == 2.0  # back-off doubles
    assert policy.next_delay(1.0, 0.1, _ok(0.01, 503, **{"retry-after": "5"})) == 5.0
    assert policy.next_delay(1.0, 0.1, _ok(None)) == 1.0  # nothing measured


def test_adaptive_throttle_follows_latency_and_backs_off_on_429(server, tmp_path):
    serve_robots(server, "")
    starts: list[float] = []
    overloaded = threading.Event()

    def handler(request: Request) -> Response:
        starts.append(time.monotonic())
        if overloaded.is_set():
            return Response("slow down", status=429)
        time.sleep(0.06)
        return Response(page("P"), content_type="text/html")

    server.expect_request("/a").respond_with_handler(handler)
    url = server.url_for("/a")
    adaptive = {
        "adaptive_throttle": True,
        "throttle_start_delay": 0.0,
        "throttle_max_delay": 0.4,
        "requests_per_second": 100,  # a floor of 10 ms
        "retries": 0,
    }
    with fetcher_for(tmp_path, refresh=True, **adaptive) as fetcher:
        host = urlsplit(url).netloc
        for _ in range(4):
            assert fetcher.fetch(url).ok
        learned = fetcher.throttle.delay(host)
        assert 0.04 <= learned <= 0.2  # about the 60 ms latency (target concurrency 1)
        assert min(b - a for a, b in zip(starts[1:], starts[2:], strict=False)) >= 0.03
        overloaded.set()
        delays = [learned]
        for _ in range(3):  # each 429 doubles the delay, up to throttle_max_delay
            assert fetcher.fetch(url).status == 429
            delays.append(fetcher.throttle.delay(host))
    assert delays[1:] == pytest.approx([min(0.4, learned * 2**n) for n in (1, 2, 3)])
    assert delays[-1] == 0.4
    gaps = [b - a for a, b in zip(starts[-3:], starts[-2:], strict=False)]
    assert gaps[0] >= delays[1] * 0.9 and gaps[1] >= delays[2] * 0.9  # the back-off was waited


def test_adaptive_throttle_is_never_faster_than_requests_per_second(server, tmp_path):
    serve_robots(server, "")
    starts: list[float] = []

    def fast(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(page("P"), content_type="text/html")

    server.expect_request("/f").respond_with_handler(fast)
    settings = {"adaptive_throttle": True, "throttle_start_delay": 0.0, "requests_per_second": 20}
    with fetcher_for(tmp_path, refresh=True, **settings) as fetcher:
        for _ in range(4):
            assert fetcher.fetch(server.url_for("/f")).ok
        assert fetcher.throttle.delay(urlsplit(server.url_for("/f")).netloc) == pytest.approx(0.05)
    # 50 ms apart as booked by the client; the server sees them with a few ms of jitter
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.035


# -- the SSRF guard ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def _other_loopback():
    srv = HTTPServer(host="127.0.0.2", threaded=True)  # 127.0.0.0/8 is all loopback on Linux
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def inner(_other_loopback):
    """A server on 127.0.0.2: an 'internal' host a public page must not lead the crawler to."""
    _other_loopback.clear()
    serve_robots(_other_loopback, "")
    _other_loopback.expect_request("/secret").respond_with_data(
        page("Internal"), content_type="text/html"
    )
    yield _other_loopback
    _other_loopback.clear()


def _redirecting(server, inner) -> str:
    serve_robots(server, "")
    target = inner.url_for("/secret")
    server.expect_request("/moved").respond_with_data("", status=302, headers={"Location": target})
    return server.url_for("/moved")


def _context(tmp_path, server, **fetch) -> RunContext:
    spec = make_spec(tmp_path, [{"type": "urls", "url": server.url_for("/moved")}], fetch=fetch)
    return RunContext.from_spec(spec, fetcher=fetcher_for(tmp_path, **fetch))


def test_redirect_to_a_private_address_is_refused_and_reported_per_host(server, inner, tmp_path):
    moved = _redirecting(server, inner)
    with _context(tmp_path, server) as context:
        result = context.fetcher.fetch(moved)
        stats = context.host_stats()
    assert result.error.startswith(f"{PRIVATE_REFUSED} (127.0.0.2)")
    assert "loopback" in result.error and not result.refused_by_robots
    assert stats["127.0.0.1"].failed == {f"{PRIVATE_REFUSED} (127.0.0.2)": 1}
    assert inner.log == []  # not even its robots.txt was asked for


def test_allow_private_networks_fetches_it(server, inner, tmp_path):
    moved = _redirecting(server, inner)
    with _context(tmp_path, server, allow_private_networks=True) as context:
        result = context.fetcher.fetch(moved)
    assert result.ok and result.url == inner.url_for("/secret")


def test_a_host_the_spec_names_is_trusted(server, inner, tmp_path):
    moved = _redirecting(server, inner)
    spec = make_spec(
        tmp_path, [{"type": "urls", "urls": [moved, inner.url_for("/secret")]}], fetch={}
    )
    assert {"127.0.0.1", "127.0.0.2"} <= named_hosts(spec)
    with RunContext.from_spec(spec, fetcher=fetcher_for(tmp_path)) as context:
        assert context.fetcher.fetch(moved).ok


def test_a_listed_page_on_a_private_host_is_refused_in_a_crawl(server, inner, tmp_path):
    serve_robots(server, "")
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{inner.url_for('/secret')}</loc></url></urlset>"
    )
    server.expect_request("/sitemap.xml").respond_with_data(sitemap, content_type="application/xml")
    spec = make_spec(tmp_path, [{"type": "sitemap", "url": server.url_for("/sitemap.xml")}])
    summary = curator.sources.crawl(spec, tmp_path / "state", progress=False)
    assert summary.by_host["127.0.0.2"].failed == {f"{PRIVATE_REFUSED} (127.0.0.2)": 1}
    assert f"{PRIVATE_REFUSED} (127.0.0.2) x1" in summary.table()
    assert inner.log == []


def test_the_connection_itself_is_checked(server, inner, tmp_path, monkeypatch):
    # a name that resolved to a public address a moment ago now leads to a private one (DNS
    # rebinding): the address the transport connected to is what counts
    monkeypatch.setattr("curator.fetch.guard.resolve_check", lambda host, port: None)
    moved = _redirecting(server, inner)
    with _context(tmp_path, server) as context:
        result = context.fetcher.fetch(moved)
    assert result.error.startswith(f"{PRIVATE_REFUSED} (127.0.0.2)") and not result.retryable
    assert result.attempts == 1
    assert not [r for r, _ in inner.log if r.path == "/secret"]


def test_a_fetcher_without_a_spec_trusts_what_it_is_asked_and_guards_redirects(
    server, inner, tmp_path
):
    moved = _redirecting(server, inner)
    server.expect_request("/meta").respond_with_data(
        "", status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    with fetcher_for(tmp_path) as fetcher:
        assert PRIVATE_REFUSED in fetcher.fetch(moved).error
        assert "link-local" in fetcher.fetch(server.url_for("/meta")).error  # never connected
        assert fetcher.fetch(inner.url_for("/secret")).ok  # asked for by name


def test_address_kinds():
    assert address_kind("127.0.0.2") == "loopback"
    assert address_kind("::ffff:10.1.2.3") == "private"
    assert address_kind("169.254.169.254") == "link-local"
    assert address_kind("fe80::1%eth0") == "link-local"
    assert address_kind("192.168.1.1") == "private"
    assert address_kind("100.64.0.1") == "non-public"
    assert address_kind("93.184.216.34") is None


# -- the spec: keys, errors that name them, secrets never shown ---------------------------


def _check(fetch: dict) -> str:
    data = {"name": "x", "sources": [{"type": "urls", "url": "http://a.example/"}], "fetch": fetch}
    with pytest.raises(SpecError) as caught:
        check_spec(data)
    return str(caught.value)


def test_spec_errors_name_the_key_and_never_show_a_secret():
    message = _check({"proxy": f"socks5://u:{SECRET_PASSWORD}@h:1"})
    assert "fetch.proxy:" in message and SECRET_PASSWORD not in message
    message = _check({"headers": {"Authorization": 12345678901}})
    assert "fetch.headers.Authorization:" in message and "12345678901" not in message
    message = _check({"hosts": {"example.org": {"cookies": {"sid": f"{SECRET_COOKIE}; x"}}}})
    assert 'fetch.hosts."example.org".cookies.sid:' in message and SECRET_COOKIE not in message
    assert 'fetch.hosts."example.org".rate: not a key' in _check(
        {"hosts": {"example.org": {"rate": 1}}}
    )
    assert "expected a host name" in _check({"hosts": {"https://example.org/": {}}})
    assert "fetch.headers.User-Agent: set user_agent" in _check({"headers": {"User-Agent": "x"}})
    assert "fetch.throttle_start_delay: 10 is more than" in _check(
        {"throttle_start_delay": 10, "throttle_max_delay": 2}
    )
    assert "fetch.throttle_target_concurrency" in _check({"throttle_target_concurrency": 0})


def test_public_toml_masks_proxy_headers_and_cookies(tmp_path):
    fetch = {
        "proxy": f"http://curator:{SECRET_PASSWORD}@proxy.example:3128",
        "headers": {"X-Api-Key": SECRET_TOKEN},
        "hosts": {"example.org": {"cookies": {"sid": SECRET_COOKIE}, "user_agent": "Bot/1"}},
        "allow_private_networks": False,
        "adaptive_throttle": True,
    }
    data = check_spec(
        {"name": "x", "sources": [{"type": "urls", "url": "http://a.example/"}], "fetch": fetch}
    )
    text = public_toml(data, tmp_path)
    for secret in (SECRET_PASSWORD, SECRET_TOKEN, SECRET_COOKIE, "curator:"):
        assert secret not in text
    assert "X-Api-Key" in text and "Bot/1" in text and "adaptive_throttle = true" in text


def test_a_build_with_secrets_writes_none_of_them(server, proxy, tmp_path):
    base = _site(server)
    fetch = {
        "proxy": proxy.url.replace("http://", f"http://curator:{SECRET_PASSWORD}@"),
        "headers": {"X-Api-Key": SECRET_TOKEN},
        "hosts": {"127.0.0.1": {"cookies": {"session": SECRET_COOKIE}}},
    }
    spec = make_spec(
        tmp_path, [{"type": "urls", "urls": [f"{base}/p0", f"{base}/p9"]}], fetch=fetch
    )
    result = curator.build(spec, progress=False)
    assert result.version == "v1.0.0", result.summary()
    assert len(proxy.seen) >= 2  # the build went through the proxy
    assert any(r.headers.get("X-Api-Key") == SECRET_TOKEN for r, _ in server.log)
    texts = [result.summary(), json.dumps(result.to_json(), default=str)]
    for path in spec.output.rglob("*"):
        if path.is_file():
            texts.append(path.read_bytes().decode("latin-1"))
    for secret in (SECRET_PASSWORD, SECRET_TOKEN, SECRET_COOKIE):
        assert not any(secret in text for text in texts), secret


# -- one URL: curator.extract(url=..., fetch=True) and curator clean URL --------------------


def _article_site(server, robots: str = "User-agent: *\nDisallow: /private/\n") -> str:
    serve_robots(server, robots)
    body = " ".join(["The river rose overnight and closed the old bridge to traffic."] * 6)
    html = page("River flood closes bridge", body)
    for path in ("/news/flood", "/private/flood"):
        server.expect_request(path).respond_with_data(html, content_type="text/html")
    return server.url_for("/").rstrip("/")


def _spec(tmp_path, server, **fetch):
    return make_spec(tmp_path, [{"type": "urls", "url": server.url_for("/")}], fetch=fetch)


def test_extract_fetches_one_page_politely(server, tmp_path):
    base = _article_site(server)
    spec = _spec(tmp_path, server)
    record = curator.extract(url=f"{base}/news/flood", fetch=True, spec=spec)
    assert record.rejected is None and "closed the old bridge" in record.text
    assert record["title"] == "River flood closes bridge" and record["id"] is None
    asked = [(r.path, r.headers.get("User-Agent")) for r, _ in server.log]
    assert [path for path, _ in asked] == ["/robots.txt", "/news/flood"]
    assert all(
        agent.startswith("curator/") and "mailto:data@example.org" in agent for _, agent in asked
    )

    refused = curator.extract(url=f"{base}/private/flood", fetch=True, spec=spec)
    assert refused.rejected == "robots.txt disallows"
    assert "/private/flood" not in [r.path for r, _ in server.log]
    assert not (spec.output / ".curator").exists()  # a one-page fetch archives nothing


def test_extract_without_a_spec_uses_the_default_fetcher(server):
    base = _article_site(server)
    started = time.monotonic()
    record = curator.extract(url=f"{base}/news/flood", fetch=True)
    assert record.rejected is None and "closed the old bridge" in record.text
    assert time.monotonic() - started >= 0.9  # robots.txt, then the page 1 s later (1 per second)
    with pytest.raises(ValueError, match="needs a url"):
        curator.extract(fetch=True)


def test_extract_with_a_spec_honours_the_deny_list(server, tmp_path):
    base = _article_site(server)
    spec = _spec(tmp_path, server)
    from curator.denylist import DenyList

    denylist = DenyList()
    denylist.urls.add(denylist.key(f"{base}/news/flood"))
    denylist.save(spec.output)
    record = curator.extract(url=f"{base}/news/flood", fetch=True, spec=spec)
    assert record.rejected.startswith("denied")
    assert "/news/flood" not in [r.path for r, _ in server.log]


def test_cli_clean_url_prints_the_body_or_the_record(server, tmp_path, capsys):
    base = _article_site(server)
    spec = _spec(tmp_path, server, hosts={"127.0.0.1": {"user_agent": "ExampleBot/2.0"}})
    assert main(["clean", f"{base}/news/flood", "--spec", str(spec.path)]) == 0
    out = capsys.readouterr().out
    assert "closed the old bridge" in out and "<p>" not in out
    assert {r.headers["User-Agent"].split()[0] for r, _ in server.log} == {"ExampleBot/2.0"}

    assert main(["clean", f"{base}/news/flood", "--json", "--spec", str(spec.path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["title"] == "River flood closes bridge" and record["rejected"] is None
    assert record["url"] == f"{base}/news/flood"

    assert main(["clean", f"{base}/private/flood", "--spec", str(spec.path)]) == 1
    assert "rejected: robots.txt disallows" in capsys.readouterr().err
    assert main(["clean", f"{base}/news/missing", "--spec", str(spec.path)]) == 1
    assert "fetch failed" in capsys.readouterr().err


def test_cli_clean_file_and_stdin_still_work(tmp_path, capsys, monkeypatch):
    import io
    import sys

    body = " ".join(["The council approved the new budget after a long debate."] * 6)
    path = tmp_path / "page.html"
    path.write_text(page("Budget approved", body), encoding="utf-8")
    assert main(["clean", str(path)]) == 0
    assert "approved the new budget" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    assert main(["clean", "-"]) == 0
    assert "approved the new budget" in capsys.readouterr().out
    assert main(["clean", str(path), "--spec", "x.toml"]) == 2  # --spec goes with a URL


def test_fetcher_from_spec_reads_the_new_keys(tmp_path):
    spec = make_spec(
        tmp_path,
        [{"type": "urls", "url": "http://a.example/"}],
        fetch={"adaptive_throttle": True, "allow_private_networks": True, "proxy": False},
    )
    fetcher = Fetcher.from_spec(spec)
    assert fetcher.throttle.adaptive is not None and fetcher.guard.allow_private
    assert not fetcher.transport.proxies
    assert FAST["requests_per_second"] == fetcher.config.requests_per_second
