"""The identity step: id, canonical_url and source, set one way for a build and for extract."""

from __future__ import annotations

import hashlib

from conftest import one_page_build

import curator
from curator.dedup import Deduplicator, url_key
from curator.dedup.identity import identify
from curator.pipeline import Document
from curator.record import empty_record

BODY = " ".join(
    f"Sentence {i} tells how the ferry crossed the bay after the storm had passed."
    for i in range(12)
)
URL = "https://www.harbour.example/news/ferry-crossing?utm_source=feed"


def doc(url, canonical=None, text="one two three four five six", **extra) -> Document:
    rec = empty_record()
    rec.update(url=url, canonical_url=canonical, text=text, **extra)
    rec["content_sha256"] = hashlib.sha256(text.encode()).hexdigest()
    return Document(record=rec)


def page(canonical: str) -> str:
    return f"""<!doctype html><html lang="en"><head>
<title>The ferry crossed the bay | Harbour Post</title>
<link rel="canonical" href="{canonical}"></head><body>
<article><h1>The ferry crossed the bay</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"""


def test_ids_and_url_keys_stay_what_published_datasets_hold(tmp_path):
    # Pinned values: a change here re-keys every published dataset.
    assert url_key("https://riverside.example/news/flood-report") == 16020200311676307848
    docs = [
        doc("http://www.Riverside.example/news/flood-report/?utm_source=feed"),
        doc("https://mirror.example/a/b", "/a/b", "seven eight nine ten eleven twelve"),
        doc(None, None, "no address at all here for this one"),
    ]
    d = Deduplicator(tmp_path, mirrors={"mirror.example": "riverside.example"})
    got = [(o.record["id"], o.url_key, o.record["canonical_url"], o.record["source"])
           for o in d.run(docs)]  # fmt: skip
    assert got == [
        ("2d4dd8383faefb2a", "https://riverside.example/news/flood-report",
         "https://riverside.example/news/flood-report", "riverside.example"),
        ("120e23acd0fb9213", "https://riverside.example/a/b",
         "https://mirror.example/a/b", "riverside.example"),
        ("c7bf433c1518a4eb", None, None, None),
    ]  # fmt: skip


def test_identify_keys_by_the_declared_address_and_publishes_it_as_declared():
    d = doc("https://news.example/a/1", "http://www.news.example/story/1?utm_medium=x")
    identify(d)
    assert d.url_key == "https://news.example/story/1"
    assert d.record["canonical_url"] == "http://www.news.example/story/1?utm_medium=x"
    assert d.record["source"] == "news.example"
    assert d.record["id"] is None  # ids belong to a dataset's index


def test_a_home_page_canonical_is_ignored_and_a_given_source_kept():
    d = doc("https://news.example/a/1", "https://news.example/", source="News Example")
    identify(d, {"news.example": "main.example"})
    assert d.url_key == "https://main.example/a/1"
    assert d.record["canonical_url"] == "https://main.example/a/1"  # the key form stands
    assert d.record["source"] == "News Example"


def test_a_relative_canonical_keys_by_the_page_url():
    d = doc("https://news.example/a/1", "/a/1")
    identify(d)
    assert d.url_key == "https://news.example/a/1"
    assert d.record["canonical_url"] == "https://news.example/a/1"  # made absolute
    assert d.record["source"] == "news.example"


def test_extract_and_a_build_give_one_identity_for_a_relative_canonical(tmp_path):
    """extract used to key such a page by the declared path alone: no host, no source."""
    html = page("/news/ferry-crossing")
    built = one_page_build(tmp_path, html, URL)
    got = curator.extract(html, URL).record
    fields = ("canonical_url", "source")
    assert {k: got[k] for k in fields} == {k: built[k] for k in fields}
    assert got["source"] == "harbour.example"


def test_spec_mirrors_win_over_learned_ones_and_stay_out_of_the_index(tmp_path):
    d = Deduplicator(tmp_path, mirrors={"copy.example": "main.example"})
    out = list(d.run([doc("https://other.example/x", alternate_urls=["copy.example"])]))
    assert d.identity.mirrors()["copy.example"] == "main.example"
    assert "copy.example" not in d.index.mirrors
    assert out[0].url_key == "https://other.example/x"
