"""Plain text: the densest run of prose (rules/span.py) and the menu items it relies on.

Every page here is text we wrote: an article made of lists, a comment-like tail behind a block
an earlier rule removed, a select box printed as one line, a Chinese article."""

from curator.clean import clean_text
from curator.clean.rules import RULES, navigation, span
from curator.clean.rules.base import Page


def words(n: int, seed: str) -> str:
    """A prose paragraph of about ``n`` words, different for each seed."""
    base = f"the {seed} committee met on monday and agreed that the harbour works would go ahead"
    out = (base.split() * (n // len(base.split()) + 1))[:n]
    return " ".join(out).capitalize() + "."


def run_span(lines: list[str], removed: dict[int, str] | None = None) -> Page:
    page = Page(paragraphs=list(lines), form="text", removed_by=dict(removed or {}))
    span.rule(page)
    return page


def kept(page: Page) -> list[str]:
    return page.kept_text()


# the run is scored over every line: removed lines still separate


def test_a_removed_block_separates_the_article_from_blurbs_below_it():
    article = [words(40, "harbour"), words(40, "budget"), words(40, "council")]
    share = [f"* Click to share on Site{i} (Opens in new window)" for i in range(10)]
    blurbs = [words(8, f"blurb{i}") for i in range(3)]
    lines = article + share + blurbs
    removed = {len(article) + i: "share-prompt" for i in range(len(share))}
    page = run_span(lines, removed)
    assert kept(page) == article
    assert all(page.removed_by[lines.index(b)] == "outside-body" for b in blurbs)


def test_one_removed_line_inside_the_article_does_not_split_it():
    article = [words(30, "harbour"), "Photo: Agency", words(30, "budget"), words(30, "council")]
    page = run_span(article, {1: "photo-caption"})
    assert kept(page) == [article[0], article[2], article[3]]


# lists in running text are the article's; Title Case link lists are not


LIST_ITEMS = [
    "* design principles, including colour and layout for print and screen",
    "* tools and workflow, with the basics of the software most studios use",
    "* typography, from choosing a typeface to setting long texts",
    "* how to brief a client and what to ask before you start",
    "* the history of the poster and the movements behind it",
    "* building a portfolio of three projects you can show employers",
    "* working with images, their rights and their resolution",
]


def test_an_article_made_of_lists_is_kept_whole():
    lines = [words(45, "course")]
    for part in ("one", "two", "three"):
        lines += ["What you will learn:", *LIST_ITEMS[:6], words(45, part)]
    page = run_span(lines)
    assert kept(page) == lines


def test_a_title_case_link_list_still_cuts_off_the_blurb_below_it():
    headlines = [
        "Ten Best Design Magazines For Every Professional",
        "Twenty Tools For Designers That Are Actually Helpful",
        "Thirty Handy Tools For Graphic Designers In 2025",
        "Font Combinations: The Basic Rules And Best Practices",
        "Why Every Studio Needs A Style Guide Now",
        "The Colour Trends Of The Coming Season",
    ]
    article = [words(40, "harbour"), words(40, "budget")]
    blurb = words(30, "newsletter")
    page = run_span([*article, *headlines, blurb])
    assert kept(page) == article


def test_running_text_needs_five_words_and_mostly_lower_case():
    assert span.is_running_text("* design principles, including colour and layout")
    assert not span.is_running_text("* Ten Best Design Magazines, For Every Professional")
    assert not span.is_running_text("* colour and layout")
    assert not span.is_running_text("设计原则 包括颜色和版式")  # no case: no sign either way


# a long line without punctuation is a select box or a tag cloud, not prose


def test_a_long_line_of_names_without_punctuation_is_not_prose():
    countries = " ".join(f"Country{i}" for i in range(60))
    assert not span.is_prose(countries)
    assert span.is_prose(words(60, "harbour").replace(" and ", ", and ", 3))
    article = [words(30, "harbour"), words(30, "budget")]
    page = run_span([*article, "Choose your country", countries])
    assert kept(page) == article


def test_clean_text_drops_a_country_list_below_the_article():
    article = [words(40, "harbour"), words(40, "budget"), words(40, "council")]
    # names joined by "and" (as "Trinidad and Tobago"): not a one-line menu of capitalised words
    countries = " ".join(f"Land{i}" if i % 7 else f"Isle{i} and Bay{i}" for i in range(80))
    cleaned = clean_text("\n\n".join(["Harbour works to go ahead", *article, countries]))
    assert cleaned.rejected is None
    assert "Land7" not in cleaned.text
    assert all(p in cleaned.text for p in article)


# menus: a Chinese paragraph is one "word" between spaces but never a menu item

CHINESE = [
    "研究人员表示这款新模型能够回答关于地铁线路的复杂问题并给出正确的路线",
    "他们还说这个系统可以理解一个大家族中成员之间的关系并回答相关问题",
    "团队希望这项研究可以推动计算行业实现更多突破并已公开了全部代码",
]


def test_chinese_paragraphs_are_not_menu_items():
    assert not navigation.is_item(CHINESE[0])
    assert navigation.is_item("动漫")
    page = Page(paragraphs=list(CHINESE), form="text")
    navigation.rule(page)
    assert page.removed_by == {}


def test_a_chinese_article_in_text_keeps_its_paragraphs():
    page = Page(paragraphs=["科技 > 要闻 > 正文", *CHINESE], form="text")
    for rule in RULES:
        rule(page)
    assert all(page.removed_by.get(i) != "navigation" for i in range(1, 4))


def test_running_text_in_any_cased_script_needs_a_mark_inside():
    assert span.is_running_text("* the team’s new dialog hides settings (for PDFs only)")
    assert span.is_running_text("* les réglages de l’impression, pour les fichiers PDF")
    # a sentence-case headline: lower-case words but no comma, colon or bracket
    assert not span.is_running_text("* Russian cargo ship breaks up over the taiga")


def test_a_long_list_of_names_with_commas_is_not_prose():
    # a select box of places whose names hold commas ("Korea, Republic of")
    names = ", ".join(f"Region{i} Upper{i}" if i % 5 else f"Isle{i}, Bay of" for i in range(30))
    assert not span.is_prose(names)
    latin_names_in_chinese = "研究人员表示 DeepMind 的 DNC 模型能够回答关于地铁线路的复杂问题。" * 3
    assert span.is_prose(latin_names_in_chinese)


def test_a_long_line_of_comma_separated_names_is_not_prose():
    # the readers who liked a post, printed as one line
    names = ", ".join(f"reader{i}" if i % 3 else f"night owl{i}" for i in range(40))
    assert not span.is_prose(names)
    enumeration = (
        "The market sells apples, pears, plums and cherries in summer, and in winter it sells "
        "cabbages, leeks, potatoes and onions from the farms in the valley."
    )
    assert span.is_prose(enumeration)


def test_a_list_announced_by_a_colon_is_kept_whatever_its_case():
    changelog = [f"* Parser: Fix Crash On Empty Input Number {i}" for i in range(12)]
    lines = [
        words(40, "release"),
        "Many patches were sent for review:",
        *changelog,
        words(40, "thanks"),
    ]
    page = run_span(lines)
    assert kept(page) == lines


def test_an_unannounced_title_case_list_still_splits_the_page():
    headlines = [f"* Parser: Fix Crash On Empty Input Number {i}" for i in range(12)]
    lines = [words(40, "release"), "More From Our Blog", *headlines, words(30, "newsletter")]
    page = run_span(lines)
    assert kept(page) == [lines[0]]


def test_a_time_stamped_feed_item_is_not_running_text():
    assert span.is_running_text("* ministers resign: aides say talks failed, again")
    assert not span.is_running_text("* 14:44 ministers resign: aides say talks failed, again")


HARBOUR = [
    "The council approved the budget on Tuesday after a long debate about the harbour.",
    "Councillors said the new rates would take effect in May, a month later than planned.",
    "Residents will be able to comment on the plans at three public meetings in April.",
    "The harbour master said the works would close the north quay for most of the summer.",
    "Ferry times will not change, but passengers will board from the old fish market instead.",
    "A second phase, to rebuild the sea wall, depends on a grant the town expects next year.",
]


def test_a_removed_share_block_still_separates_the_bio_below_it():
    # the blog's own introduction under the buttons: prose, but not this article's
    bio = (
        "I started this blog in 2015 to write about cheap travel by train, and I still answer every "
        "message that readers send me about their own trips, however long it takes me. Before that I "
        "worked in a bank for ten years, which taught me how to read a timetable and a budget, and "
        "how to save money on long trips."
    )
    buttons = [
        "Share this:",
        "* Click to share on X (Opens in new window)",
        "* Click to share on Facebook (Opens in new window)",
        "* Click to print (Opens in new window)",
        "*",
        "Like this:",
        "Like Loading...",
    ]
    page = Page(paragraphs=[*HARBOUR, *buttons, bio], form="text")
    for rule in RULES:
        rule(page)
    assert page.kept_text() == HARBOUR
