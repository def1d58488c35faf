"""Plain text: a comment thread under the article goes (rules/threads.py); time-stamped lines
that are not a thread stay. Pages written here."""

from curator.clean import clean_html, clean_text
from curator.clean.rules import threads
from curator.clean.rules.base import Page

ARTICLE = [
    "The harbour board approved the new ferry timetable on Tuesday after a long debate about "
    "the cost of the extra crossings and the noise at night.",
    "Ferries will leave every twenty minutes from May, and the last crossing will be at "
    "midnight instead of ten, the board said in a statement after the vote.",
    "Residents on the island said the change was overdue, though some worried about the "
    "queues of cars on the quay in summer and asked for a second ramp.",
]
COMMENTS = [
    "Sam Reed · March 10, 2017 at 12:20 AM",
    "About time. I have missed the last ferry twice this winter and slept in the car.",
    "Reply",
    "Jo Park · March 10, 2017 at 1:26 AM",
    "The second ramp matters more than the timetable, the queues are already terrible.",
    "Reply",
    "Ali Khan · March 11, 2017 at 8:41 PM",
    "Will the fares go up to pay for the night crossings? Nobody has said so far.",
    "Reply",
]


def test_a_comment_thread_under_the_article_goes():
    cleaned = clean_text("\n\n".join(["Ferry timetable approved", *ARTICLE, *COMMENTS]))
    assert cleaned.rejected is None
    assert all(p in cleaned.text for p in ARTICLE)
    assert "second ramp matters" not in cleaned.text
    assert "fares go up" not in cleaned.text
    assert {r.rule for r in cleaned.removed if "fares" in r.text} == {"comment-thread"}


def test_time_stamped_lines_at_the_top_of_a_page_stay():
    # a page that opens with its entries (a live page) has no article above them
    page = Page(paragraphs=[*COMMENTS, *ARTICLE], form="text")
    threads.rule(page)
    assert page.removed_by == {}


def test_two_headers_are_no_thread():
    lines = [*ARTICLE, *COMMENTS[:6]]
    page = Page(paragraphs=lines, form="text")
    threads.rule(page)
    assert page.removed_by == {}


def test_a_timetable_without_prose_between_the_times_is_no_thread():
    times = ["Departures 06:20", "Departures 06:40", "Departures 07:00", "Departures 07:20"]
    page = Page(paragraphs=[*ARTICLE, *times], form="text")
    threads.rule(page)
    assert page.removed_by == {}


def test_headers_need_a_time_of_day():
    assert threads.is_header("December 18, 2025, 9:46 pm")
    assert threads.is_header("* 6:32 PM")
    assert not threads.is_header("December 18, 2025")
    assert not threads.is_header("Score 3:1 after extra time? " + "word " * 20)


def test_html_is_untouched():
    page = Page(paragraphs=[*ARTICLE, *COMMENTS], form="html")
    threads.rule(page)
    assert page.removed_by == {}
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE + COMMENTS)
    cleaned = clean_html(html + "</article></body></html>")
    assert all(r.rule != "comment-thread" for r in cleaned.removed)
