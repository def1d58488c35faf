"""Date parsing to aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC

import pytest

from curator.tag.dates import iso, parse_iso, parse_text_date, url_date


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2024-03-03T10:05:00+01:00", "2024-03-03T09:05:00Z"),
        ("2024-03-03T10:05:00.123Z", "2024-03-03T10:05:00Z"),
        ("2024-03-03T10:05:00-0500", "2024-03-03T15:05:00Z"),
        ("2024-03-03", "2024-03-03T00:00:00Z"),
        ("2024-03-03 10:05:00", "2024-03-03T10:05:00Z"),  # naive: taken as UTC
        ("Fri, 01 Mar 2024 10:00:00 GMT", "2024-03-01T10:00:00Z"),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_iso(value, want):
    assert iso(parse_iso(value)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Published 3 March 2024, 10:05 GMT", "2024-03-03T10:05:00Z"),
        ("Mar. 3, 2024 at 9:00 a.m. ET", "2024-03-03T14:00:00Z"),
        ("Updated: March 4, 2024 5:30 PM EDT", "2024-03-04T21:30:00Z"),
        ("Publié le 12 février 2024 à 14h30", "2024-02-12T14:30:00Z"),
        ("Veröffentlicht am 12. Februar 2024, 14:30 Uhr", "2024-02-12T14:30:00Z"),
        ("12 de febrero de 2024", "2024-02-12T00:00:00Z"),
        ("03.04.2024 14:00", "2024-04-03T14:00:00Z"),  # numeric dates are day first
        ("no date here", None),
    ],
)
def test_parse_text_date(text, want):
    assert iso(parse_text_date(text)) == want


def test_results_are_aware_and_keep_the_written_zone():
    """The publisher's day stays readable (10:05 in India is 04:35 UTC, the same day here;
    21:00 in New York is the next day in UTC); the instant is the same, and the record
    stores it in UTC."""
    late = parse_iso("2024-03-03T21:00:00-05:00")
    assert late.date().isoformat() == "2024-03-03" and iso(late) == "2024-03-04T02:00:00Z"
    assert parse_iso("2024-03-03T10:05:00+05:30").utcoffset().total_seconds() == 19800
    assert parse_text_date("3 March 2024").tzinfo == UTC
    assert parse_iso("2024-03-03T10:05:00").tzinfo == UTC


@pytest.mark.parametrize(
    "value",
    ["২০২০-০৮-২৯T১০:৪৬:০৬+০১:০০", "২০২০-০৮-২৯", "٢٠٢٠-٠٨-٢٩T10:46:06Z", "২৯.০৮.২০২০ ১০:৪৬"],
)
def test_dates_in_other_scripts_digits_are_read_without_recursion(value):
    """``\\d`` matches Bengali and Arabic-Indic digits but ``fromisoformat`` does not read
    them: once parse_iso and parse_text_date called each other without end."""
    assert parse_iso(value).date().isoformat() == "2020-08-29"
    assert parse_text_date(value).date().isoformat() == "2020-08-29"


def test_unreadable_iso_like_text_gives_none_not_recursion():
    assert parse_iso("2020-13-45T99:99:99+01:00") is None


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("https://x.example/2024/03/15/story", "2024-03-15T00:00:00Z"),
        ("https://x.example/news/2024-3-5-story", "2024-03-05T00:00:00Z"),
        ("https://x.example/20240315/story", "2024-03-15T00:00:00Z"),
        ("https://x.example/2024/13/45/story", None),
        ("https://x.example/story-2024", None),
        (None, None),
    ],
)
def test_url_date(url, want):
    assert iso(url_date(url)) == want


def test_relative_stamps_count_back_from_the_fetch_time():
    from datetime import UTC, datetime

    from curator.tag.dates import relative_date

    fetched = datetime(2026, 4, 16, 12, 0, tzinfo=UTC)
    assert relative_date("Updated 2 hours ago", fetched) == datetime(2026, 4, 16, 10, 0, tzinfo=UTC)
    assert relative_date("Actualizado hace 3 horas", fetched).hour == 9
    assert relative_date("mis à jour il y a 45 minutes", fetched).minute == 15
    assert relative_date("vor einem Tag", fetched).day == 15
    assert relative_date("an hour ago", fetched).hour == 11
    assert relative_date("Updated 2 hours ago", None) is None  # no fetch time: no guess
    assert relative_date("Updated on 3 March", fetched) is None
