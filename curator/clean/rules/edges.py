"""Chrome around the article: what comes before its first sentence and after its last.

Menus, headlines, bylines, "Most read" lists and footers are short lines without sentence
punctuation; an article body is made of sentences. Everything outside the first and last
sentence-like paragraph goes; inside, short lines (subheadings) stay. A last paragraph cut off
from the body by a long run of chrome (a footer's "X Ltd is registered in ...") goes too.

In plain text the page header is read too (see :func:`headline_index`): the headline is the
first heading-like line after the last menu line above the article (a standfirst without a
full stop follows it); a date above the headline is the masthead's (today's date), not the
article's; a trail printed one crumb per line, or a kicker that is an item of the site's menu,
right above the headline gives the section.
"""

from __future__ import annotations

from .base import Page, count_words, is_sentence_like, named
from .breadcrumbs import crumbs, section_path, trail_above
from .captions import credit_of
from .navigation import MAX_ITEM_WORDS, is_item, is_menu_line, menu_items

HEADLINE_WORDS = (3, 30)
MIN_FULL_HEADLINE_WORDS = 4  # a three-word line is a menu item more often than a headline
# Bylines and datelines close the page header: a sentence above them (at most this many) is
# the standfirst, the summary under the headline, not the body's first paragraph.
MAX_STANDFIRST = 2
HEADER_RULES = {"byline"}
# Lines that close a menu above the headline: menus, trails, subscribe and sign-in prompts.
BOUNDARY_RULES = {"navigation", "breadcrumbs", "newsletter", "cookie-notice", "share-prompt"}
# A footer paragraph: short, and after at least this many chrome lines below the body.
FOOTER_GAP = 4
MAX_FOOTER_WORDS = 60


def _is_candidate(line: str, min_words: int) -> bool:
    n = count_words(line)
    return (
        min_words <= n <= HEADLINE_WORDS[1]
        and not line.rstrip().endswith(".")
        and not is_menu_line(line)
        and credit_of(line) is None
        and crumbs(line) is None
    )


def _is_boundary(page: Page, i: int) -> bool:
    if page.removed_by.get(i) in BOUNDARY_RULES:
        return True
    line = page.paragraphs[i]
    return i not in page.removed_by and (is_item(line) or is_menu_line(line) or bool(crumbs(line)))


def _is_menu(page: Page, i: int) -> bool:
    """A menu, trail or menu item line (a masthead's date comes before these, a byline after)."""
    line = page.paragraphs[i]
    return page.removed_by.get(i) in {"navigation", "breadcrumbs"} or (
        i not in page.removed_by and (is_item(line) or is_menu_line(line) or bool(crumbs(line)))
    )


def _closes_header(candidates: list[int], menus: list[int], i: int) -> bool:
    """A byline or dateline at ``i`` closes the article header when a heading-like line sits
    between it and the menu above it; a masthead's date sits above the menus, or with only the
    site's tagline between it and them."""
    before = [m for m in menus if m < i]
    if not before:
        return not menus and any(c < i for c in candidates)
    return any(before[-1] < c < i for c in candidates)


def headline_index(page: Page, first_body: int) -> int | None:
    """The headline among the lines above the first body paragraph: the first heading-like
    line after the last menu line or trail that precedes a heading-like line. A byline or
    dateline below a heading-like line, with no menu below it, closes the header: nothing
    after it is the headline."""
    above = [i for i in range(first_body) if i not in page.removed_by]
    for min_words in (MIN_FULL_HEADLINE_WORDS, HEADLINE_WORDS[0]):
        candidates = [i for i in above if _is_candidate(page.paragraphs[i], min_words)]
        if not candidates:
            continue
        menus = [i for i in range(first_body) if _is_menu(page, i)]
        header = [
            i
            for i in range(candidates[0], first_body)
            if page.removed_by.get(i) in HEADER_RULES and _closes_header(candidates, menus, i)
        ]
        if header:
            candidates = [i for i in candidates if i < header[0]] or candidates
        last = candidates[-1]
        boundaries = [i for i in range(last) if _is_boundary(page, i)]
        after = [i for i in candidates if not boundaries or i > boundaries[-1]]
        return after[0] if after else candidates[0]
    return None


def _standfirst(page: Page, body: list[int]) -> list[int]:
    """Sentence-like paragraphs above the last header byline/dateline near the top."""
    header = [i for i, rule in page.removed_by.items() if rule in HEADER_RULES]
    above = [i for i in body[: MAX_STANDFIRST + 1] if header and i < max(header)]
    return above if len(above) <= MAX_STANDFIRST and len(above) < len(body) else []


def _footer(page: Page, body: list[int]) -> list[int]:
    """Short last paragraphs that a long run of chrome lines cuts off from the body."""
    out: list[int] = []
    while len(body) - len(out) > 1:
        last, before = body[-1 - len(out)], body[-2 - len(out)]
        gap = [i for i in range(before + 1, last) if not page.paragraphs[i].strip() == ""]
        chrome = [i for i in gap if i in page.removed_by or is_item(page.paragraphs[i])]
        if len(chrome) < FOOTER_GAP or count_words(page.paragraphs[last]) > MAX_FOOTER_WORDS:
            break
        out.append(last)
    return out


def _masthead(page: Page, headline: int) -> None:
    """Datelines above the headline are the masthead's date (the day the page was shown)."""
    bylines = page.metadata.get("bylines") or []
    for i in range(headline):
        line = page.paragraphs[i]
        if page.removed_by.get(i) == "byline" and line not in bylines:
            page.removed_by[i] = "masthead"
            page.add_meta("masthead", line)
            datelines = page.metadata.get("datelines") or []
            if line in datelines:
                datelines.remove(line)
            if not datelines:
                page.metadata.pop("datelines", None)


def _section(page: Page, headline: int) -> None:
    """A trail printed one crumb per line above the headline, else a kicker (the short line
    right above it) that is an item of a menu printed earlier on the page."""
    if page.metadata.get("section"):
        return
    trail = trail_above(page, headline)
    if trail:
        names = [page.paragraphs[i].strip() for i in trail]
        path = section_path([n for n in names if any(c.isalnum() for c in n)])
        for i in trail:
            page.removed_by[i] = "breadcrumbs"
        if path:
            page.add_meta("section", *path)
        return
    kicker = headline - 1
    while kicker >= 0 and page.removed_by.get(kicker) in HEADER_RULES:
        kicker -= 1
    parts = crumbs(page.paragraphs[kicker]) if kicker >= 0 else None
    if parts and kicker not in page.removed_by:  # a one-line trail below the top region
        page.removed_by[kicker] = "breadcrumbs"
        page.add_meta("section", *section_path(parts))
        return
    if kicker < 1 or not is_item(page.paragraphs[kicker]):
        return
    name = page.paragraphs[kicker].strip()
    items: set[str] = set()
    for i in range(kicker):
        line = page.paragraphs[i]
        if is_menu_line(line):
            items.update(x.casefold() for x in menu_items(line))
        elif page.removed_by.get(i) == "navigation" and len(line.split()) <= MAX_ITEM_WORDS:
            items.add(line.strip().casefold())
    if name.casefold() in items:
        page.removed_by[kicker] = "section-label"
        page.add_meta("section", name)


# In HTML the extractor has already dropped most chrome: a short sentence ("Ukraine says it
# shot down 40 drones.") at either end is the article's, however few its words.
MIN_HTML_SENTENCE_WORDS = 3


def _is_body(page: Page, line: str) -> bool:
    if is_sentence_like(line):
        return True
    return (
        page.form == "html"
        and count_words(line) >= MIN_HTML_SENTENCE_WORDS
        and line.rstrip().endswith((".", "!", "?", "…", ".”", '."', "!”", "?”", "。", "！", "？"))
    )


@named("leading-chrome")
def rule(page: Page) -> None:
    live = page.live()
    body = [i for i in live if _is_body(page, page.paragraphs[i])]
    if not body:
        return
    # In HTML a sentence above the byline is the article's: the extractor keeps the header's
    # summary with the body (and readers count it as the article's first paragraph).
    for i in _standfirst(page, body) if page.form == "text" else []:
        page.remove(i, "standfirst")
        page.metadata.setdefault("description", page.paragraphs[i])
        if i in page.removed_by:  # advised, the rule only flags it: it stays a body line
            body.remove(i)
    if page.form == "text":
        for i in _footer(page, body):
            body.remove(i)
    first, last = body[0], body[-1]
    leading = [i for i in live if i < first]
    if page.form == "text":
        h = headline_index(page, first)
        if h is not None:
            if not page.title:
                page.title = page.metadata["title"] = page.paragraphs[h]
            _masthead(page, h)
            _section(page, h)
    for i in leading:
        line = page.paragraphs[i]
        if line == page.title:
            page.remove(i, "headline")
        elif line in page.headings:  # a section heading opens the article's first section
            continue
        elif page.form == "text" or _html_leading_chrome(line):
            page.remove(i, "leading-chrome")
    for i in live:
        if i > last and (page.form == "text" or _html_edge_chrome(page.paragraphs[i])):
            page.remove(i, "trailing-chrome")


# In HTML, lines above the first sentence longer than this are the article's (a headline the
# title tag words differently, a kicker, the items of a list that opens it): measured on real
# pages, removing them cost more than it gained; a reading time, a label or a name is shorter.
MAX_HTML_LEADING_WORDS = 3


def _html_leading_chrome(line: str) -> bool:
    return count_words(line) <= MAX_HTML_LEADING_WORDS or _html_edge_chrome(line)


def _html_edge_chrome(line: str) -> bool:
    """In HTML the extractor has already cut the page's chrome, and what is left above the
    first sentence or below the last is mostly the article's (a summary box's heading, an
    introduction's subheading, a closing list or table): only a menu line, a trail or a photo
    credit there is chrome."""
    return is_menu_line(line) or bool(crumbs(line)) or credit_of(line) is not None
