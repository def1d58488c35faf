"""Classes of markup found on real pages (measured with scripts/eval_real_metadata.py), on
pages written here: teaser and comment dates and bylines, personal sites, declared teams,
bylines with a role or a date on their next line, post-nominals, links inside names."""

from __future__ import annotations

import pytest
from test_tag_metadata import ld, og, tag

from curator.tag.authors import clean_authors


def test_comment_and_teaser_times_are_not_the_articles_date():
    body = (
        '<ol class="comment-list"><li class="comment"><time datetime="2024-05-20T10:00:00Z">'
        "20 May</time></li></ol>"
        '<aside><time datetime="2024-05-25T10:00:00Z">25 May</time></aside>'
        '<div class="related-posts"><time datetime="2024-05-28T10:00:00Z">28 May</time></div>'
    )
    rec = tag(body=body, url="https://news.example/story")
    assert rec["published"] != "2024-05-20T10:00:00Z"
    assert rec["provenance"]["published"] != "html"


def test_wordpress_entry_date_marked_published_and_updated_is_published():
    body = '<time class="entry-date published updated" datetime="2024-05-03T08:00:00Z">3 May</time>'
    rec = tag(body=body)
    assert rec["published"] == "2024-05-03T08:00:00Z" and rec["provenance"]["published"] == "html"


def test_the_first_author_value_wins_not_every_byline_on_the_page():
    body = (
        '<div class="byline">By Mara Quill</div>'
        '<div class="teaser"><div class="byline">By Otto Brandt</div></div>'
        '<div class="comment"><span class="author">Reader Rita</span></div>'
    )
    rec = tag(body=body)
    assert rec["authors"] == ["Mara Quill"]


def test_personal_site_author_is_the_site_name():
    head = og("og:site_name", "Mara Quill") + ld(author={"@type": "Person", "name": "Mara Quill"})
    assert tag(head)["authors"] == ["Mara Quill"]


def test_publication_as_author_is_still_dropped():
    head = og("og:site_name", "The Gazette") + '<meta name="author" content="The Gazette">'
    assert tag(head)["authors"] == []


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("News Desk", ["News Desk"]),
        ("Great Day Editorial Team", ["Great Day Editorial Team"]),
        ("jdoe", ["jdoe"]),  # a CMS handle, declared as the author
        ("Staff", []),
        ("Bradley M. Kuhn (https://bkuhn.example/)", ["Bradley M. Kuhn"]),
    ],
)
def test_declared_author_values(value, want):
    assert clean_authors([value], declared=True) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("By Jane Doe\nSenior Reporter", ["Jane Doe"]),
        ("By\n\nJane Doe\nMarch 3, 2024", ["Jane Doe"]),
        ("Jane Doe December 17, 2025", ["Jane Doe"]),
        ("By Dr. Jane Doe - Mar 27, 2024", ["Dr. Jane Doe"]),
        ("By Jane Doe, MA", ["Jane Doe"]),
        ("By: Harbour Works EMEA\non 04-08-2021", ["Harbour Works EMEA"]),
        ("Podium Staff", ["Podium Staff"]),
        ("By", []),
        ("Name *", []),
        ("Your Name: *", []),
        (".wp-block-author{box-sizing:border-box}", []),
        ("Jane Doe Courier Staff Writer", []),
    ],
)
def test_byline_lines(line, want):
    assert clean_authors([line]) == want


def test_site_tail_kept_when_the_pages_own_headline_has_it():
    head = og("og:title", "Best of the Year – Lantern") + og("og:site_name", "Lantern")
    assert tag(head, body="<h1>Best of the Year – Lantern</h1>")["title"] == (
        "Best of the Year – Lantern"
    )
    assert tag(head, body="<h1>Best of the Year</h1>")["title"] == "Best of the Year"


def test_a_header_date_far_from_the_fetch_is_the_articles_not_a_masthead():
    """Only today's date in a header is the fetch day; an older one dates the article."""
    from curator.record import parse_datetime
    from curator.tag import _drop_masthead_dates

    cands = {"published": [("htmldate", "2024-03-02T00:00:00Z")]}
    _drop_masthead_dates(cands, ["Saturday 2 March 2024"], parse_datetime("2024-06-01T00:00:00Z"))
    assert cands["published"] and not cands["masthead_days"]
    cands = {"published": [("htmldate", "2024-06-01T00:00:00Z")]}
    _drop_masthead_dates(cands, ["Saturday 1 June 2024"], parse_datetime("2024-06-01T09:00:00Z"))
    assert not cands["published"]


def test_microdata_authors_in_one_byline_stay_together():
    span = '<span itemprop="author" itemscope><span itemprop="name">{}</span></span>'
    body = (
        f'<div class="credits">Reporting by {span.format("Mara Quill")} and '
        f"{span.format('Otto Brandt')}</div>"
        f'<div class="more-stories"><p>{span.format("Rita Other")}</p></div>'
    )
    assert tag(body=body)["authors"] == ["Mara Quill", "Otto Brandt"]
