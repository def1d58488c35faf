"""Plain text: a comment thread under the article.

Rendered to text, a thread is a run of comment headers, each a short line with a time of day
("Sam · March 10, 2017 at 12:20 AM", "December 18, 2025, 9:46 pm", "* 6:32 PM"), each followed
by the comment's prose. An article has one or two such lines (published, updated); a thread
has many, one per comment. Its prose is as dense as the article's, so the densest-run rule
alone may keep it, or even prefer it when the comments outweigh the article: this rule runs
just before ``span.rule`` (see ``RULES``).

From the first header of a run of at least :data:`MIN_HEADERS` headers (each at most
:data:`MAX_HEADER_GAP` lines after the previous one, most with prose between), to the end of the
last comment, lines go as ``comment-thread``; only once the page has shown at least
:data:`MIN_ARTICLE_WORDS` words of prose above the thread, so a page that opens with
time-stamped entries keeps them. HTML needs none of this: the extractor leaves comments out.
"""

from __future__ import annotations

import re

from .base import Page, count_words, is_sentence_like, named

MIN_HEADERS = 3
MAX_HEADER_WORDS = 15
MAX_HEADER_GAP = 15  # lines from one comment header to the next
MIN_ARTICLE_WORDS = 80  # prose above the thread: the article it comments on
_TIME_OF_DAY = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def has_time_of_day(line: str) -> bool:
    """A time of day ("9:46", "14:44") in the line: a comment's or a news feed item's stamp."""
    return bool(_TIME_OF_DAY.search(line))


def is_header(line: str) -> bool:
    """A short line holding a time of day (the date and name around it vary by site)."""
    return count_words(line) <= MAX_HEADER_WORDS and has_time_of_day(line)


def _threads(page: Page) -> list[list[int]]:
    """Runs of comment headers (indices into the page, removed lines included)."""
    headers = [i for i, line in enumerate(page.paragraphs) if is_header(line)]
    runs: list[list[int]] = []
    for i in headers:
        if runs and i - runs[-1][-1] <= MAX_HEADER_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [r for r in runs if len(r) >= MIN_HEADERS and _prose_between(page, r)]


def _prose_between(page: Page, headers: list[int]) -> bool:
    """Most gaps between consecutive headers hold a prose line: comments, not a list of
    times (a timetable, a schedule)."""
    with_prose = sum(
        any(is_sentence_like(page.paragraphs[j]) for j in range(a + 1, b))
        for a, b in zip(headers, headers[1:], strict=False)
    )
    return 2 * with_prose >= len(headers) - 1


def _end_of_last_comment(page: Page, last_header: int) -> int:
    """The last line of the comment under the last header: its prose lines and the short
    lines among them, up to the first non-prose line after the prose."""
    end, seen_prose = last_header, False
    for j in range(last_header + 1, min(len(page.paragraphs), last_header + MAX_HEADER_GAP)):
        if is_sentence_like(page.paragraphs[j]):
            end, seen_prose = j, True
        elif seen_prose:
            break
    return end


@named("comment-thread")
def rule(page: Page) -> None:
    if page.form != "text":
        return
    for headers in _threads(page):
        first = headers[0]
        above = sum(
            count_words(page.paragraphs[i])
            for i in range(first)
            if i not in page.removed_by and is_sentence_like(page.paragraphs[i])
        )
        if above < MIN_ARTICLE_WORDS:
            continue
        for i in range(first, _end_of_last_comment(page, headers[-1]) + 1):
            if i not in page.removed_by:
                page.remove(i, "comment-thread")


rule.__name__ = "comment-thread"
