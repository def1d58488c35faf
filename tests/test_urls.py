"""Golden cases of URL canonicalisation (curator/urls.py)."""

import pytest

from curator.urls import (
    canonicalise,
    host_of,
    learn_mirrors,
    looks_like_domain,
    mirror_map,
    pick_canonical,
)

GOLDEN = [
    # scheme, host case, www, default port, fragment, trailing slash, sorted query
    (
        "HTTP://WWW.Example.COM:80/News/Story/?b=2&a=1#comments",
        "https://example.com/News/Story?a=1&b=2",
    ),
    ("https://example.com:443/x/", "https://example.com/x"),
    ("https://www2.example.com/x", "https://example.com/x"),
    # a non-default port may be another site: kept
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    # tracking parameters
    ("https://example.com/a?utm_source=tw&utm_medium=social&id=7", "https://example.com/a?id=7"),
    ("https://example.com/a?fbclid=IwAR0&gclid=abc&msclkid=1", "https://example.com/a"),
    (
        "https://example.com/a?ref=rss&CMP=share_btn_tw&ocid=x&at_medium=rss",
        "https://example.com/a",
    ),
    # news CMSs keep the article id in the query: not tracking
    (
        "https://example.com/story?storyid=55&article=9",
        "https://example.com/story?article=9&storyid=55",
    ),
    # AMP and mobile variants
    ("https://amp.example.com/world/story-1", "https://example.com/world/story-1"),
    ("https://example.com/world/story-1/amp/", "https://example.com/world/story-1"),
    ("https://example.com/world/story-1.amp.html", "https://example.com/world/story-1.html"),
    ("https://example.com/world/story-1?amp=1", "https://example.com/world/story-1"),
    ("https://example.com/world/story-1?outputType=amp", "https://example.com/world/story-1"),
    ("https://m.example.com/world/story-1", "https://example.com/world/story-1"),
    ("https://mobile.example.com/world/story-1", "https://example.com/world/story-1"),
    # bare domains, as alternate-address notices give them
    ("www.presstv.co.uk", "https://presstv.co.uk"),
    ("presstv.ir/", "https://presstv.ir"),
]


@pytest.mark.parametrize(("url", "expected"), GOLDEN)
def test_canonicalise_golden(url, expected):
    assert canonicalise(url) == expected


def test_variants_share_one_key():
    variants = [
        "https://www.example.com/world/story-1",
        "http://example.com/world/story-1/",
        "https://m.example.com/world/story-1?utm_campaign=x#top",
        "https://amp.example.com/world/story-1/amp",
    ]
    assert len({canonicalise(v) for v in variants}) == 1


def test_no_host_gives_none():
    assert canonicalise(None) is None
    assert canonicalise("   ") is None
    assert canonicalise("https:///nohost") is None


def test_mirrors_fold_to_main_host():
    mirrors = mirror_map({"presstv.ir": ["www.presstv.co.uk", "presstv.com"]})
    assert mirrors == {"presstv.co.uk": "presstv.ir", "presstv.com": "presstv.ir"}
    a = canonicalise("https://www.presstv.co.uk/Detail/2024/01/01/1/x", mirrors)
    b = canonicalise("https://www.presstv.ir/Detail/2024/01/01/1/x/", mirrors)
    assert a == b == "https://presstv.ir/Detail/2024/01/01/1/x"


def test_host_of_and_domains():
    assert host_of("https://WWW.BBC.co.uk:443/news") == "bbc.co.uk"
    assert host_of("www.presstv.co.uk") == "presstv.co.uk"
    assert looks_like_domain("www.presstv.co.uk")
    assert not looks_like_domain("https://presstv.ir/x")
    assert not looks_like_domain("Press TV")


def test_learn_mirrors_from_alternate_notices():
    pages = [("https://www.presstv.ir/Detail/1", ["www.presstv.co.uk", "https://other.example/a"])]
    learned = learn_mirrors(pages)
    assert learned == {"presstv.co.uk": "presstv.ir"}  # a full URL is one page, not a mirror


def test_learned_mirrors_never_remap_a_known_host():
    known = {"presstv.co.uk": "presstv.ir"}
    pages = [("https://presstv.co.uk/a", ["presstv.ir"]), ("https://presstv.com/b", ["presstv.ir"])]
    learned = learn_mirrors(pages, known)
    assert learned["presstv.co.uk"] == "presstv.ir"
    assert "presstv.ir" not in learned  # already a main host: earlier keys stay valid


def test_pick_canonical_ignores_home_page_canonical():
    url = "https://example.com/world/story-1"
    assert pick_canonical(url, "https://example.com/") == url
    assert pick_canonical(url, "https://wire.example/story-1") == "https://wire.example/story-1"
    assert pick_canonical(url, None) == url
