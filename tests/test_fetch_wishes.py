"""Publishers' wishes: robots directives, TDM reservation, licence and paywalls."""

from __future__ import annotations

import json

import pytest
import test_fetch_site
from test_fetch_site import make_spec, page, serve_robots

from curator.fetch import FetchConfig, read_wishes, refusal
from curator.fetch.wishes import robots_directives
from curator.sources import READERS, RunContext

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server


def read_pages(tmp_path, server, routes, fetch=None):
    """Serve ``routes`` ({path: (html, headers)}) and read them with the urls reader."""
    serve_robots(server)
    for path, (html, headers) in routes.items():
        server.expect_request(path).respond_with_data(
            html, content_type="text/html; charset=utf-8", headers=headers
        )
    spec = make_spec(
        tmp_path, [{"type": "urls", "urls": [server.url_for(p) for p in routes]}], fetch=fetch
    )
    context = RunContext.from_spec(spec)
    docs = list(READERS["urls"](spec.data["sources"][0], spec, context))
    context.fetcher.close()
    return {doc.record["url"].rsplit("/", 1)[-1]: doc for doc in docs}


def test_x_robots_tag_noindex_and_tdm_reservation_are_honoured(tmp_path, server):
    docs = read_pages(
        tmp_path,
        server,
        {
            "/noindex": (page("Hidden"), {"X-Robots-Tag": "noindex"}),
            "/tdm-header": (page("Reserved"), {"tdm-reservation": "1"}),
            "/tdm-meta": (page("Reserved", head='<meta name="tdm-reservation" content="1">'), {}),
            "/for-google": (page("Google only"), {"X-Robots-Tag": "googlebot: noindex"}),
            "/plain": (page("Plain"), {}),
        },
    )
    assert docs["noindex"].rejected == "publisher: noindex"
    assert docs["tdm-header"].rejected == "publisher: tdm-reservation"
    assert docs["tdm-meta"].rejected == "publisher: tdm-reservation"
    assert docs["for-google"].alive and docs["plain"].alive
    assert docs["plain"].record["fetched_at"].endswith("Z") and docs["plain"].form == "html"
    # the headers are read at the source (wishes, licence, charset) and not carried on
    assert docs["plain"].hints["encoding"]


def test_wishes_are_settings(tmp_path, server):
    routes = {
        "/noindex": (page("Hidden"), {"X-Robots-Tag": "noindex"}),
        "/tdm": (page("Reserved"), {"tdm-reservation": "1"}),
    }
    docs = read_pages(
        tmp_path, server, routes, fetch={"respect_noindex": False, "respect_tdm_reservation": False}
    )
    assert docs["noindex"].alive and docs["tdm"].alive


@pytest.mark.parametrize(
    ("header", "meta", "reason"),
    [
        ("noai", "", "publisher: noai"),
        ("", '<meta name="robots" content="noarchive">', "publisher: noarchive"),
        ("", '<meta name="curator" content="noindex">', "publisher: noindex"),
        ("curator: none", "", "publisher: noindex"),
        ("", '<meta name="robots" content="noimageai">', None),  # text is not an image
        ("unavailable_after: 2030-01-01, max-snippet: 20", "", None),
    ],
)
def test_robots_directives(header, meta, reason):
    wishes = read_wishes({"x-robots-tag": header} if header else {}, page("T", head=meta))
    assert refusal(wishes, FetchConfig()) == reason


def test_directive_parsing_follows_the_agent_prefix():
    assert robots_directives("googlebot: noindex, nofollow") == set()
    assert robots_directives("noarchive, otherbot: noindex") == {"noarchive"}
    assert robots_directives("curator: noai") == {"noai"}


def test_declared_licence_is_recorded(tmp_path, server):
    docs = read_pages(
        tmp_path,
        server,
        {
            "/link": (
                page(
                    "L",
                    head='<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">',
                ),
                {},
            ),
            "/header": (
                page("H"),
                {"Link": '<https://creativecommons.org/licenses/by-sa/4.0/>; rel="license"'},
            ),
            "/none": (page("N"), {}),
        },
    )
    assert docs["link"].record["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert docs["header"].record["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert docs["none"].record["license"] is None


def _paywall_ld(free: bool) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "isAccessibleForFree": free,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": free,
            "cssSelector": ".paywall",
        },
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_paywalled_stub_is_rejected_but_a_full_article_is_kept():
    long_text = " ".join(["The whole article is here for everyone to read in full."] * 40)
    stub = read_wishes(
        {}, page("Stub", "Subscribe to read the rest of this story.", head=_paywall_ld(False))
    )
    full = read_wishes({}, page("Full", long_text, head=_paywall_ld(False)))
    free = read_wishes({}, page("Free", "Short but free.", head=_paywall_ld(True)))
    assert refusal(stub, FetchConfig()).startswith("paywalled")
    assert refusal(stub, FetchConfig(reject_paywalled=False)) is None
    assert not full.paywalled and not free.paywalled
