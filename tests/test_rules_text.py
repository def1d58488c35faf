"""The plain-text header and chrome rules: menus printed one item per line, ad labels, author
bios, trails and mastheads above the headline, the headline itself, footers cut off from the
body; and the hand-written text pages of tests/data/cleaner end to end."""

import json
from collections import Counter
from pathlib import Path

import pytest

from curator.clean import clean_text
from curator.clean.rules import RULES, ads, bios, breadcrumbs, bylines, navigation
from curator.clean.rules.base import Page
from curator.normalise import words
from curator.tag import removed

PROSE = [
    "The council approved the budget on Tuesday after a long debate about the harbour.",
    "Councillors said the new rates would take effect in May, a month later than planned.",
    "Residents will be able to comment on the plans at three public meetings in April.",
]
DATA = Path(__file__).parent / "data" / "cleaner"


def run_all(lines, form="text"):
    page = Page(paragraphs=list(lines), form=form)
    for rule in RULES:
        rule(page)
    return page


def rule_of(page, text):
    return page.removed_by.get(page.paragraphs.index(text))


# navigation


def test_menu_items_one_per_line_are_removed_as_a_block_inside_the_body():
    page = Page(paragraphs=[PROSE[0], "Town centre", "Heritage", "Shopping", PROSE[1]])
    navigation.rule(page)
    assert sorted(page.removed_by) == [1, 2, 3]


def test_a_subheading_or_two_short_lines_stay():
    page = Page(
        paragraphs=[PROSE[0], "Diversions and ferries", PROSE[1], "What next", "Costs", PROSE[2]]
    )
    navigation.rule(page)
    assert page.removed_by == {}


def test_navigation_runs_only_on_plain_text():
    page = Page(paragraphs=[PROSE[0], "Town centre", "Heritage", "Shopping"], form="html")
    navigation.rule(page)
    assert page.removed_by == {}


@pytest.mark.parametrize(
    "line",
    ["Home | News | Local | Sports | Obituaries | Opinion",
     "News Politics Business Health Sport Culture Opinion Lifestyle",
     "Portada Andalucía España Economía Sociedad Cultura Deportes"],
)  # fmt: skip
def test_one_line_menus(line):
    assert navigation.is_menu_line(line)


@pytest.mark.parametrize(
    "line",
    ["Old Swing Bridge To Shut For Six Months Of Repairs", "Council misses housing target",
     "Forscher entwickeln Natrium-Akku für Heimspeicher"],
)  # fmt: skip
def test_headlines_are_not_menus(line):
    assert not navigation.is_menu_line(line)


@pytest.mark.parametrize(
    "line",
    ["3 | Riverside College of Art | 14% | $61,000 | $38,500",
     "queued | running | the worker restarts the job after its deadline | retried up to five times",
     "Services offered: Web Design, Search Engine Optimisation, Paid Social, Brand Strategy",
     "Ingredients Used: Flour, Butter, Sugar, Eggs, Vanilla, Salt"],
)  # fmt: skip
def test_table_rows_and_written_out_lists_are_not_menus(line):
    # a cell of a sentence's length or figures in several cells make a table row; commas make
    # a list written out in the article; both are rendered tables and lists, not the site's menu
    assert not navigation.is_menu_line(line)


# ads and bios


@pytest.mark.parametrize("line", ["Advertisement", "ANZEIGE", "Publicité", "- Sponsored content -"])
def test_ad_labels(line):
    assert ads.is_ad_label(line)


def test_an_ad_word_in_prose_stays():
    assert not ads.is_ad_label("The advertisement ran in three papers on Sunday.")


def test_bio_of_the_byline_author_is_removed():
    page = Page(paragraphs=[PROSE[0], "Eleanor Pike is the Gazette's transport reporter."])
    page.metadata["authors"] = ["Eleanor Pike"]
    bios.rule(page)
    assert page.removed_by == {1: "author-bio"}


def test_a_paragraph_opening_with_someone_else_stays():
    page = Page(paragraphs=["Ruth Adair is the councillor who leads on transport."])
    page.metadata["authors"] = ["Eleanor Pike"]
    bios.rule(page)
    assert page.removed_by == {}


# breadcrumbs


@pytest.mark.parametrize(
    "line",
    ["Friday, March 20, 2026 | 48°F Cloudy | Subscribe | Log in",
     "Local news | Politics | Business | Schools | Sport | What's on",
     "News / World / Europe / Politics / Elections / Results"],
)  # fmt: skip
def test_mastheads_and_menus_are_not_trails(line):
    assert breadcrumbs.crumbs(line) is None


def test_a_trail_with_pipes_starting_at_home_is_a_trail():
    assert breadcrumbs.crumbs("Home | Sport | Cricket") == ["Home", "Sport", "Cricket"]


@pytest.mark.parametrize(
    "trail",
    [
        ["Home", "News", "Transport"],
        ["Startseite", ">", "Lokales", ">", "Talstadt"],
        ["News", "›", "Local"],
    ],
)
def test_trail_printed_one_crumb_per_line_above_the_headline(trail):
    lines = ["Sport", "Culture", *trail, "Old Swing Bridge to shut for six months", *PROSE]
    page = Page(paragraphs=lines)
    found = breadcrumbs.trail_above(page, lines.index("Old Swing Bridge to shut for six months"))
    assert [lines[i] for i in found] == trail


def test_short_lines_without_home_or_separators_are_no_trail():
    lines = ["News", "Sport", "Culture", "Old Swing Bridge to shut for six months", *PROSE]
    assert breadcrumbs.trail_above(Page(paragraphs=lines), 3) == []


# bylines


@pytest.mark.parametrize(
    "line",
    ["Published April 10, 2026 at 6:15 p.m.", "Updated 2 hours ago", "Updated an hour ago",
     "Actualizado hace 3 horas", "Mis à jour il y a 2 heures", "Aktualisiert vor 5 Stunden"],
)  # fmt: skip
def test_more_datelines(line):
    assert bylines.is_dateline(line)


# edges: the header of a text page

HEADER = [
    "Tuesday 14 April 2026", "The Fenwick Gazette", "Sign in", "News", "Sport", "Business",
    "Home", "News", "Transport", "Old Swing Bridge to shut for six months of repairs",
    "Engineers found corrosion in the 1890s structure during an inspection",
    "By Eleanor Pike", "13 April 2026, 17:40",
]  # fmt: skip


def test_headline_is_the_first_heading_after_the_menus_not_the_standfirst():
    page = run_all([*HEADER, *PROSE])
    assert page.metadata["title"] == "Old Swing Bridge to shut for six months of repairs"


def test_masthead_date_is_not_a_dateline_and_trail_gives_the_section():
    page = run_all([*HEADER, *PROSE])
    assert page.metadata["datelines"] == ["13 April 2026, 17:40"]
    assert page.metadata["masthead"] == ["Tuesday 14 April 2026"]
    assert page.metadata["section"] == ["News", "Transport"]


def test_short_lines_after_the_byline_do_not_move_the_headline():
    lines = ["Home | News | Local | Sports | Obituaries | Opinion", "Council misses housing target again",
             "By Jane Doe", "5 min read", "Listen", "A view of the new estate at Hollins Farm on Monday", *PROSE]  # fmt: skip
    page = run_all(lines)
    assert page.metadata["title"] == "Council misses housing target again"


def test_kicker_in_the_menu_is_the_section_and_one_not_in_it_is_not():
    menu = "Local news | Politics | Business | Schools | Sport | What's on"
    page = run_all([menu, "Politics", "Council misses housing target again", "By Jane Doe", *PROSE])
    assert page.metadata["section"] == ["Politics"]
    page = run_all([menu, "Housing", "Council misses housing target again", "By Jane Doe", *PROSE])
    assert "section" not in page.metadata


def test_footer_paragraph_after_a_run_of_links_goes():
    footer = ["About us", "Contact", "Advertise", "Jobs", "Terms",
              "Fenwick Gazette Ltd is registered in England and Wales, company number 04711209."]  # fmt: skip
    page = run_all(["Old Swing Bridge to shut for six months", *PROSE, *footer])
    assert page.kept_text() == PROSE


def test_a_last_paragraph_after_one_subheading_stays():
    page = run_all(["Old Swing Bridge to shut for six months", *PROSE[:2], "What next", PROSE[2]])
    assert page.kept_text() == [*PROSE[:2], "What next", PROSE[2]]


def test_tagger_prefers_the_line_the_cleaner_took_for_the_headline():
    cleaned = clean_text("\n\n".join([*HEADER, *PROSE, PROSE[0] + " " + PROSE[1]]))
    assert removed.headline(cleaned, "en") == "Old Swing Bridge to shut for six months of repairs"


# the hand-written pages


def _f1(got: str, want: str) -> float:
    g, w = Counter(x.lower() for x in words(got)), Counter(x.lower() for x in words(want))
    common = sum((g & w).values())
    return 0.0 if not common else 2 * common / (sum(g.values()) + sum(w.values()))


@pytest.mark.parametrize(
    "entry", json.loads((DATA / "manifest.json").read_text("utf-8"))["pages"], ids=lambda e: e["id"]
)
def test_new_text_pages(entry):
    expected = json.loads((DATA / entry["expected"]).read_text("utf-8"))
    cleaned = clean_text((DATA / entry["file"]).read_bytes(), entry["url"])
    assert cleaned.rejected is None
    assert _f1(cleaned.text, expected["text"]) >= 0.97
    assert cleaned.metadata["title"] == expected["title"]
    assert cleaned.metadata.get("section", []) == expected["section"]
