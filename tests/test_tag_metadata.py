"""Metadata precedence, provenance and the sanity rules, on small hand-made pages."""

from __future__ import annotations

import json

from lxml import html as lxml_html

from curator.clean.result import Cleaned
from curator.pipeline import Document
from curator.record import validation_errors
from curator.tag import Tagger
from curator.tag.metadata import strip_site
from curator.tag.precedence import PRECEDENCE

BODY = " ".join(
    ["The council voted on Tuesday to approve a new budget for buses in the north of the city."] * 3
)


def tag(
    head: str = "",
    body: str = "",
    url: str = "https://news.example/story",
    fetched_at: str | None = "2024-06-01T00:00:00Z",
    meta: dict | None = None,
    hints: dict | None = None,
) -> dict:
    page = f"<html><head>{head}</head><body>{body}<p>{BODY}</p></body></html>"
    cleaned = Cleaned(text=BODY, metadata=meta or {}, tree=lxml_html.fromstring(page))
    doc = Document(cleaned=cleaned, hints=hints or {})
    doc.record.update(url=url, fetched_at=fetched_at)
    Tagger().process(doc)
    return doc.record


def ld(**kw) -> str:
    return (
        f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **kw})}</script>'
    )


def og(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


def test_json_ld_beats_opengraph_and_says_so():
    rec = tag(
        ld(headline="From JSON-LD", datePublished="2024-05-01T10:00:00Z")
        + og("og:title", "From OG")
        + og("article:published_time", "2024-05-02T10:00:00Z")
    )
    assert rec["title"] == "From JSON-LD" and rec["provenance"]["title"] == "json-ld"
    assert (
        rec["published"] == "2024-05-01T10:00:00Z" and rec["provenance"]["published"] == "json-ld"
    )


def test_opengraph_beats_time_element():
    rec = tag(
        og("article:published_time", "2024-05-02T10:00:00Z"),
        '<time datetime="2024-04-01T00:00:00Z">x</time>',
    )
    assert (
        rec["published"] == "2024-05-02T10:00:00Z" and rec["provenance"]["published"] == "opengraph"
    )


def test_url_date_never_overrides_metadata():
    rec = tag(
        og("article:published_time", "2024-05-02T10:00:00Z"),
        url="https://news.example/2024/01/01/story",
    )
    assert rec["published"] == "2024-05-02T10:00:00Z"


def test_url_date_used_when_nothing_else():
    rec = tag(url="https://news.example/2024/01/01/story")
    assert rec["published"] == "2024-01-01T00:00:00Z" and rec["provenance"]["published"] == "url"


def test_future_date_dropped_for_next_source():
    rec = tag(
        ld(datePublished="2030-01-01T00:00:00Z")
        + og("article:published_time", "2024-05-02T10:00:00Z")
    )
    assert (
        rec["published"] == "2024-05-02T10:00:00Z" and rec["provenance"]["published"] == "opengraph"
    )


def test_future_date_relative_to_fetch_time():
    rec = tag(
        og("article:published_time", "2024-05-02T10:00:00Z"), fetched_at="2024-05-02T09:00:00Z"
    )
    # The metadata value is an hour after the fetch: dropped. htmldate may still give the day.
    assert rec["published"] in (None, "2024-05-02T00:00:00Z")
    assert rec["provenance"]["published"] != "opengraph"


def test_modified_before_published_dropped():
    rec = tag(ld(datePublished="2024-05-02T10:00:00Z", dateModified="2024-05-01T10:00:00Z"))
    assert rec["published"] == "2024-05-02T10:00:00Z" and rec["modified"] is None


def test_modified_from_next_source_when_first_precedes_published():
    rec = tag(
        ld(datePublished="2024-05-02T10:00:00Z", dateModified="2024-05-01T10:00:00Z")
        + og("article:modified_time", "2024-05-03T00:00:00Z")
    )
    assert (
        rec["modified"] == "2024-05-03T00:00:00Z" and rec["provenance"]["modified"] == "opengraph"
    )


def test_epoch_placeholder_dropped():
    rec = tag(og("article:published_time", "1970-01-01T00:00:00Z"))
    assert rec["published"] is None


def test_dates_converted_to_utc():
    rec = tag(ld(datePublished="2024-05-02T10:00:00+02:00"))
    assert rec["published"] == "2024-05-02T08:00:00Z"


def test_dateline_published_and_updated():
    rec = tag(
        meta={"datelines": ["Published 3 May 2024, 10:05 GMT | Updated 4 May 2024, 08:00 GMT"]}
    )
    assert (rec["published"], rec["modified"]) == ("2024-05-03T10:05:00Z", "2024-05-04T08:00:00Z")
    assert rec["provenance"]["published"] == rec["provenance"]["modified"] == "dateline"


def test_byline_from_cleaner_split():
    rec = tag(meta={"bylines": ["By Sarah Jones and Tom Baker"]})
    assert (
        rec["authors"] == ["Sarah Jones", "Tom Baker"] and rec["provenance"]["authors"] == "byline"
    )


def test_noise_only_author_falls_through_to_byline():
    rec = tag(
        '<meta name="author" content="Staff">', meta={"bylines": ["By Jane Doe | Email the author"]}
    )
    assert rec["authors"] == ["Jane Doe"]


def test_organisation_author_not_a_person():
    rec = tag(
        ld(
            author={"@type": "Organization", "name": "Wire"},
            publisher={"@type": "Organization", "name": "Wire"},
        )
    )
    assert rec["authors"] == [] and rec["site_name"] == "Wire"


def test_canonical_link_beats_og_url_and_missing_is_null():
    rec = tag(
        '<link rel="canonical" href="https://a.example/x">' + og("og:url", "https://b.example/x")
    )
    assert (
        rec["canonical_url"] == "https://a.example/x"
        and rec["provenance"]["canonical_url"] == "html"
    )
    assert tag()["canonical_url"] is None


def test_hint_used_below_page_metadata():
    rec = tag(hints={"published": "2024-05-05T00:00:00Z", "site_name": "Hinted"})
    assert rec["published"] == "2024-05-05T00:00:00Z" and rec["provenance"]["published"] == "hint"
    rec = tag(og("og:site_name", "Page"), hints={"site_name": "Hinted"})
    assert rec["site_name"] == "Page"


def test_title_site_suffix_stripped():
    assert (
        tag("<title>Bus plan approved | Gazette</title>" + og("og:site_name", "Gazette"))["title"]
        == "Bus plan approved"
    )
    assert strip_site("Gazette - Bus plan", "Gazette", None) == "Bus plan"
    assert strip_site("Bus plan: what it means", None, None) == "Bus plan: what it means"


def test_breadcrumb_section_and_tags():
    rec = tag(
        og("article:tag", "buses") + og("article:tag", "budget") + og("article:section", "Local"),
        meta={"section": ["World", "Europe"]},
    )
    assert rec["section"] == ["World", "Europe"] and rec["provenance"]["section"] == "breadcrumb"
    assert rec["tags"] == ["buses", "budget"]


def test_missing_values_are_null_or_empty_never_blank():
    rec = tag()
    for field in PRECEDENCE:
        assert rec[field] is None or rec[field] == [], field
        assert rec["provenance"][field] is None, field


def test_record_fields_validate():
    rec = tag(ld(headline="T", datePublished="2024-05-01T10:00:00Z"))
    rec.update(id="x", version_added="v1.0.0", dup_cluster_id="x", dup_cluster_size=1)
    assert validation_errors(rec) == []


def test_plain_text_page_without_tree():
    doc = Document(
        cleaned=Cleaned(text=BODY, metadata={"title": "Headline"}),
        hints={"published": "2024-01-02T03:04:05Z"},
    )
    doc.record.update(url="https://news.example/story", fetched_at=None)
    Tagger().process(doc)
    assert doc.record["title"] == "Headline" and doc.record["published"] == "2024-01-02T03:04:05Z"


def test_json_ld_wrapped_in_cdata_is_read():
    block = json.dumps(
        {"@type": "NewsArticle", "headline": "Wrapped", "datePublished": "2024-05-01"}
    )
    for wrapped in (
        f"<![CDATA[\n{block}\n]]>",
        f"//<![CDATA[\n{block}\n//]]>",
        f"<!-- {block} -->",
    ):
        rec = tag(f'<script type="application/ld+json">{wrapped}</script>')
        assert rec["title"] == "Wrapped" and rec["provenance"]["published"] == "json-ld"


def test_two_sources_agreeing_outvote_a_lone_first_source():
    # JSON-LD carries a republication day; the page's <time> and its dateline agree on another.
    rec = tag(
        ld(datePublished="2024-05-20T09:00:00Z"),
        '<article><time datetime="2024-03-02">2 March 2024</time></article>',
        meta={"datelines": ["Published 2 March 2024"]},
    )
    assert rec["published"].startswith("2024-03-02") and rec["provenance"]["published"] == "html"


def test_one_source_against_one_keeps_the_precedence():
    rec = tag(
        ld(datePublished="2024-05-20T09:00:00Z"),
        '<article><time datetime="2024-03-02">2 March 2024</time></article>',
    )
    assert (
        rec["published"] == "2024-05-20T09:00:00Z" and rec["provenance"]["published"] == "json-ld"
    )


def test_utc_stamp_past_midnight_takes_the_publishers_day():
    # OpenGraph in UTC is already the next day; the URL, the byline and the dateline give the
    # day the publisher printed.
    rec = tag(
        og("article:published_time", "2024-03-06T02:40:00+00:00"),
        url="https://news.example/2024/03/05/storm",
        meta={"bylines": ["By Ann Lee | March 5, 2024 9:40 pm"], "datelines": ["March 5, 2024"]},
    )
    # the URL's day, with the byline's time of that day
    assert rec["published"] == "2024-03-05T21:40:00Z"


def test_html_entities_in_machine_values_are_decoded():
    rec = tag(
        ld(headline="Tips &#038; Tricks for Renters&#8217; Rights")
        + og("og:description", "And finally&amp;#8230; the end")
    )
    assert rec["title"] == "Tips & Tricks for Renters’ Rights"
    assert rec["description"] == "And finally… the end"


def test_a_short_h1_the_title_does_not_contain_is_the_sites_heading():
    rec = tag(
        "<title>Babies who eat peanuts early may avoid an allergy</title>",
        "<h1>Allergies Health Center</h1>",
    )
    assert rec["title"] == "Babies who eat peanuts early may avoid an allergy"
    assert rec["provenance"]["title"] == "html-title"


def test_the_h1_the_title_contains_is_the_headline():
    rec = tag("<title>Peanut study | Health Center</title>", "<h1>Peanut study</h1>")
    assert rec["title"] == "Peanut study" and rec["provenance"]["title"] == "html"
    # a long <h1> is the headline even when the <title> says something else
    rec = tag(
        "<title>Peanut allergy: what the new study found</title>",
        "<h1>Babies who eat peanuts early may avoid an allergy</h1>",
    )
    assert rec["title"] == "Babies who eat peanuts early may avoid an allergy"
