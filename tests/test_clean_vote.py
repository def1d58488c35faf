"""The paragraph vote (clean_html mode="vote"): what two other extractors agree on is added to
the base extraction, in document order; chrome and repeats are not; nothing is dropped."""

from __future__ import annotations

import lxml.html

from curator.clean import clean_html
from curator.clean import html as H
from curator.clean import vote as V

PARAS = [
    "The harbour authority approved the new ferry timetable on Monday after a long public "
    "consultation that drew more than four hundred written responses from islanders.",
    "Under the plan the first boat leaves at six in the morning, an hour earlier than now, "
    "and the last one returns from the mainland shortly before midnight on weekdays.",
    "Fishermen had asked for the change for years, because their catch reached the market "
    "too late in the day to fetch a good price from the restaurant buyers.",
    "The island council said it would watch how full the early boats are over the summer "
    "and could move the sailing back if too few passengers use it by September.",
    "Tickets for the new crossings go on sale next week at the harbour office and online, "
    "with the same fares as today for residents and a small rise for visitors.",
]
HEADING = "What changes for commuters"


def _tree(body: str, lang: str = "en") -> object:
    return lxml.html.document_fromstring(f'<html lang="{lang}"><body>{body}</body></html>')


def _article() -> object:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return _tree(f"<article><h1>Ferry timetable</h1>{paras}</article>")


def test_a_paragraph_the_base_lacks_is_added_in_document_order():
    base = PARAS[:2] + PARAS[3:]
    assert V.vote(base, _article()) == PARAS


def test_a_base_that_has_everything_is_returned_as_it_is():
    assert V.vote(list(PARAS), _article()) == PARAS


def test_the_vote_leaves_the_tree_as_it_was():
    tree = _article()
    before = lxml.html.tostring(tree)
    V.vote(PARAS[:1], tree)
    assert lxml.html.tostring(tree) == before


def test_text_without_stopwords_is_not_good_text():
    menu = "Politics | Economy | Cricket | Obituaries | Crosswords | Podcasts | Horoscopes"
    assert V.judge([PARAS[0], menu, PARAS[1]], "en") == [True, False, True]


def test_a_short_line_is_never_added_even_between_running_text():
    assert V.judge([PARAS[0], HEADING, PARAS[1]], "en") == [True, False, True]
    tree = _tree(
        "<article>" + "".join(f"<p>{p}</p>" for p in [PARAS[0], HEADING, PARAS[1]]) + "</article>"
    )
    assert V.vote([PARAS[0], PARAS[1]], tree) == [PARAS[0], PARAS[1]]


def test_a_middling_paragraph_takes_a_good_neighbours_side():
    middling = "Ferry fares stay the same for residents of the island this year."  # < 150 chars
    assert V.judge([PARAS[0], middling], "en") == [True, True]
    assert V.judge([middling], "en") == [False]


def test_only_agreed_paragraphs_are_added():
    added = V.add_agreed([PARAS[0]], [PARAS[0], PARAS[1], PARAS[2]], [True, False, True])
    assert added == [PARAS[0], PARAS[2]]


def test_a_paragraph_the_base_has_in_another_cut_is_not_added_again():
    recut = PARAS[1].replace("on weekdays.", "(weekdays only)")
    assert V.add_agreed([PARAS[0], PARAS[1]], [PARAS[0], recut], [True, True]) == PARAS[:2]


def test_a_proposed_paragraph_is_added_once():
    added = V.add_agreed([PARAS[0]], [PARAS[1], PARAS[1]], [True, True])
    assert added == [PARAS[1], PARAS[0]]  # before the base paragraph: nothing precedes it


def test_nothing_of_the_base_is_dropped():
    assert V.add_agreed(PARAS, [], []) == PARAS
    assert V.add_agreed(PARAS, ["Unrelated other words in a line of text here"], [False]) == PARAS


def test_the_judge_reads_the_declared_language():
    assert V.page_language(_tree("", "de-DE")) == "de"
    assert V.page_language(_tree("", "")) is None
    assert "und" in V.stopwords("de") and "und" not in V.stopwords("en")
    assert V.stopwords(None) >= V.stopwords("de") | V.stopwords("en")


def test_vote_mode_is_the_default_and_keeps_the_article():
    page = lxml.html.tostring(_article()).decode()
    assert H.DEFAULT_MODE == H.VOTE_MODE
    voted = clean_html(page)
    assert voted.rejected is None
    assert all(p in voted.text for p in PARAS)
    assert voted.text == clean_html(page, mode=H.VOTE_MODE).text


def test_vote_mode_extracts_as_recall_mode_does():
    tree = _article()
    voted, recall = H.extract(tree, None, H.VOTE_MODE), H.extract(tree, None, "recall")
    assert voted.text == recall.text
