"""``crawl`` honours the dataset's deny-list: taken-down pages are never fetched, and the
summary counts them per host, against the fixture site served on 127.0.0.1. (Build and
update honour it the same way: tests/test_run_context.py.)"""

from __future__ import annotations

import re

import test_fetch_site
from test_fetch_site import make_spec, serve_site

from curator.denylist import DenyList
from curator.sources import RunContext, crawl

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server

RIVER = "/news/river-flood-closes-bridge.html"
COUNCIL = "/news/council-approves-new-budget.html"


def _deny(spec, *urls: str) -> None:
    deny = DenyList(mirrors=spec.mirrors)
    deny.add(None, *urls)
    deny.save(spec.output)


def _asked(server) -> list[str]:
    return [request.path for request, _ in server.log]


def test_crawl_skips_denied_urls_and_counts_them_by_host(tmp_path, server):
    base = serve_site(server)
    spec = make_spec(tmp_path, [{"type": "sitemap", "url": base + "/"}])
    _deny(spec, base + RIVER)

    summary = crawl(spec, None, progress=False)
    stats = summary.by_host["127.0.0.1"]
    # 2 of the 3 articles + 3 sitemaps (index, gzip, news); the denied article is not asked for
    assert (stats.fetched, stats.robots_refused) == (5, 1)
    assert summary.denied == {"127.0.0.1": 1}
    assert RIVER not in _asked(server) and COUNCIL in _asked(server)
    header, _, row = summary.table().splitlines()
    cells = dict(zip(re.split(r"\s{2,}", header), re.split(r"\s{2,}", row), strict=True))
    assert cells["host"] == "127.0.0.1" and cells["denied"] == "1" and cells["fetched"] == "5"


def test_any_form_of_a_denied_url_is_skipped_and_does_not_use_the_page_cap(tmp_path, server):
    base = serve_site(server)
    sources = [
        {
            "type": "urls",
            "urls": [f"{base}{COUNCIL}?utm_source=feed", f"{base}{RIVER}"],  # tracking parameter
        }
    ]
    spec = make_spec(tmp_path, sources, scope={"max_pages_per_host": 1})
    _deny(spec, base + COUNCIL)
    summary = crawl(spec, None, progress=False)
    assert summary.denied == {"127.0.0.1": 1}
    stats = summary.by_host["127.0.0.1"]
    assert (stats.fetched, stats.out_of_scope) == (1, 0)  # the cap is left for the river story
    assert COUNCIL not in _asked(server) and RIVER in _asked(server)


def test_an_explicit_deny_list_and_a_redirect_to_a_denied_page(tmp_path, server):
    base = serve_site(server)
    server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": base + RIVER}
    )
    spec = make_spec(tmp_path, [{"type": "urls", "urls": [base + "/moved", base + COUNCIL]}])
    deny = DenyList()
    deny.add(None, base + RIVER)
    summary = crawl(spec, tmp_path / "state", progress=False, denylist=deny)
    # the listed URL was not denied, where it led was: the redirect stops there, unrequested
    assert summary.denied == {"127.0.0.1": 1}
    assert "denied" in summary.table()
    assert "/moved" in _asked(server) and RIVER not in _asked(server)
    archived = (tmp_path / "state" / "archive" / "index.jsonl").read_text()
    assert RIVER not in archived and COUNCIL in archived


def test_without_a_deny_list_nothing_is_denied(tmp_path, server):
    base = serve_site(server)
    spec = make_spec(tmp_path, [{"type": "sitemap", "url": base + "/"}])
    summary = crawl(spec, None, progress=False)
    assert summary.denied == {} and summary.by_host["127.0.0.1"].fetched == 6
    with RunContext.from_spec(spec) as context:
        assert not context.denylist and not context.denies(base + RIVER)
        assert context.admit(base + RIVER) and context.denied_count() == 0
