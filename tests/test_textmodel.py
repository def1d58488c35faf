"""The learned line model for plain text: the shipped file, the tree evaluator, the fallback."""

from __future__ import annotations

import json

import numpy as np
import pytest

from curator.clean import clean_text
from curator.clean.rules.base import Page
from curator.clean.textmodel import (
    ADVISED_RULES,
    FEATURES,
    MODEL_FILE,
    STACK_FEATURES,
    LineModel,
    default_model,
    page_features,
)
from curator.clean.textmodel.features import stack_features
from curator.clean.textmodel.trees import Ensemble, Tree

PROSE = [
    "The council voted on Tuesday to keep the old library open for another five years, after a "
    "long campaign by the readers who use it every week.",
    "Its reading room, built in 1911, will be repaired first; the roof and the heating follow "
    "next spring, paid for by a grant from the regional fund.",
    "Staff said the decision came as a relief, since the nearest other branch is an hour away by "
    "bus and closes early on weekdays.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact us"]


def one_split_tree(feature: str, threshold: float, low: float, high: float) -> dict:
    """A stump: one split on ``feature``, ``low`` at or below ``threshold``, else ``high``."""
    return {"feature": [FEATURES.index(feature), -2, -2], "threshold": [threshold, -2.0, -2.0],
            "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, low, high], "depth": 1}  # fmt: skip


def stump_model(feature: str, low: float, high: float, threshold: float = 0.5) -> LineModel:
    """A model whose second stage is one stump on ``feature`` (the first stage has no trees:
    it says 0.5 of every line)."""
    return LineModel.from_dict({
        "features": FEATURES, "stack_features": STACK_FEATURES, "threshold": threshold,
        "stages": [{"trees": [], "learning_rate": 1.0},
                   {"trees": [one_split_tree(feature, 0.5, low, high)], "learning_rate": 1.0}],
    })  # fmt: skip


def test_a_stump_sends_each_row_to_its_side_and_sums_with_the_intercept():
    tree = Tree.from_dict(one_split_tree(FEATURES[0], 1.0, -2.0, 3.0))
    X = np.zeros((3, len(FEATURES)))
    X[:, 0] = [0.5, 1.0, 1.5]  # at the threshold goes left, as in scikit-learn
    assert tree.predict(X).tolist() == [-2.0, -2.0, 3.0]
    ensemble = Ensemble(trees=(tree, tree), learning_rate=0.5, intercept=1.0)
    assert ensemble.decision(X).tolist() == [-1.0, -1.0, 4.0]


def test_a_deeper_tree_follows_both_splits():
    # root: prose <= 0.5 ? (log_words <= 1 ? -1 : -3) : +2
    prose, words = FEATURES.index("prose"), FEATURES.index("log_words")
    tree = Tree.from_dict({"feature": [prose, words, -2, -2, -2], "threshold": [0.5, 1.0, -2, -2, -2],
                           "left": [1, 2, -1, -1, -1], "right": [4, 3, -1, -1, -1],
                           "value": [0, 0, -1.0, -3.0, 2.0], "depth": 2})  # fmt: skip
    X = np.zeros((3, len(FEATURES)))
    X[0, [prose, words]] = [0, 0.5]
    X[1, [prose, words]] = [0, 2.0]
    X[2, [prose, words]] = [1, 2.0]
    assert tree.predict(X).tolist() == [-1.0, -3.0, 2.0]


def test_the_shipped_model_loads_offline_small_and_deterministic():
    assert MODEL_FILE.stat().st_size <= 2_000_000
    data = json.loads(MODEL_FILE.read_text())
    assert data["features"] == FEATURES
    page = Page(paragraphs=MENU + PROSE + MENU)
    p = LineModel.load(MODEL_FILE).probabilities(page)
    assert p.tolist() == default_model().probabilities(page).tolist()
    threshold = default_model().threshold
    # a menu is not the article (the line beside the prose may lean its way: the model sees
    # its neighbours)
    assert all(x < threshold for x in p[:3]) and p[: len(MENU)].mean() < threshold
    assert all(x > threshold for x in p[len(MENU) : len(MENU) + len(PROSE)])
    assert default_model().decide(page)[0] == (len(MENU), len(MENU) + len(PROSE) - 1)


def test_a_model_of_other_features_is_refused_with_what_to_do():
    for key in ("features", "stack_features"):
        data = json.loads(MODEL_FILE.read_text())
        data[key] = data[key][:-1]
        with pytest.raises(ValueError, match="retrain"):
            LineModel.from_dict(data)


def test_stack_features_average_the_first_stage_around_each_line():
    p = np.array([1.0, 0.0, 0.0, 0.0, 1.0])
    S = stack_features(p)
    assert S.shape == (5, len(STACK_FEATURES))
    column = {name: S[:, k].tolist() for k, name in enumerate(STACK_FEATURES)}
    assert column["p_window_1"] == [0.5, 1 / 3, 0.0, 1 / 3, 0.5]  # cut at the page's edges
    assert column["p_line_-1"] == [0.0, 1.0, 0.0, 0.0, 0.0]
    assert column["p_line_+1"] == [0.0, 0.0, 0.0, 1.0, 0.0]
    assert column["p_page_mean"] == [0.4] * 5
    assert column["p_line"] == p.tolist()
    assert stack_features(np.zeros(0)).shape == (0, len(STACK_FEATURES))


def test_advised_rules_flag_with_a_model_and_remove_without_one():
    from curator.clean.rules import navigation

    lines = [PROSE[0], *MENU, PROSE[1]]
    plain = Page(paragraphs=list(lines))
    navigation.rule(plain)
    assert set(plain.removed_by.values()) == {"navigation"} and not plain.flagged
    advised = Page(paragraphs=list(lines), advised=frozenset(ADVISED_RULES))
    navigation.rule(advised)
    assert not advised.removed_by and set(advised.flagged.values()) == {"navigation"}
    X = page_features(advised)
    flag = FEATURES.index("flagged_navigation")
    assert X[:, flag].tolist() == [0.0] + [1.0] * len(MENU) + [0.0]


def test_a_flagged_line_goes_under_its_rule_only_when_the_model_agrees():
    # the promo line sits inside the run (the model keeps every other line); a model that gives
    # the flagged line a low probability removes it as app-promo, one that does not keeps it
    promo = "Download our app for iPhone and Android"
    text = "\n\n".join([PROSE[0], promo, PROSE[1], PROSE[2]])
    agrees = clean_text(text, line_model=stump_model("flagged_app-promo", 9.0, -2.0))
    assert agrees.text.split("\n\n") == PROSE
    assert {r.rule for r in agrees.removed} == {"app-promo"}
    disagrees = clean_text(text, line_model=stump_model("flagged_app-promo", 9.0, 9.0))
    assert disagrees.text.split("\n\n") == [PROSE[0], promo, PROSE[1], PROSE[2]]


def test_menu_lines_inside_the_run_are_never_confirmed():
    # inside the article's run a menu-looking line stays, however sure the model is: there it
    # was a recipe's ingredients or a table's cells more often than a menu
    text = "\n\n".join([PROSE[0], *MENU, PROSE[1], PROSE[2]])
    cleaned = clean_text(text, line_model=stump_model("flagged_navigation", 9.0, -2.0))
    assert cleaned.text.split("\n\n") == [PROSE[0], *MENU, PROSE[1], PROSE[2]]


def test_features_have_one_row_per_line_and_one_column_per_name():
    page = Page(paragraphs=MENU + PROSE)
    X = page_features(page)
    assert X.shape == (len(MENU) + len(PROSE), len(FEATURES))
    prose = FEATURES.index("prose")
    assert X[: len(MENU), prose].tolist() == [0.0] * len(MENU)
    assert X[len(MENU) :, prose].tolist() == [1.0] * len(PROSE)


def test_clean_text_keeps_the_article_in_both_modes():
    text = "\n\n".join(MENU + PROSE + ["Share this article"] + MENU)
    for mode in ("model", "rules"):
        cleaned = clean_text(text, mode=mode)
        assert cleaned.rejected is None, mode
        assert cleaned.text.split("\n\n") == PROSE, mode


def test_the_line_model_decides_the_run():
    # a model that calls every line without closing punctuation chrome, demanding near
    # certainty of the others, cuts the page at the menu line between two paragraphs and
    # keeps the longer side; one that calls every line article text keeps the menu line
    text = "\n\n".join([PROSE[0], "Weather", PROSE[1], PROSE[2]])
    by_mark = clean_text(text, line_model=stump_model("closing_mark", -9.0, 9.0, threshold=0.99))
    assert by_mark.text.split("\n\n") == PROSE[1:]
    everything = clean_text(text, line_model=stump_model("closing_mark", 9.0, 9.0))
    assert everything.text.split("\n\n") == [PROSE[0], "Weather", PROSE[1], PROSE[2]]


def test_an_unknown_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown mode 'learned'.*model, rules"):
        clean_text("some text", mode="learned")


def test_repeats_are_features_and_the_repeat_rule_is_left_to_the_model():
    from curator.clean.text import text_rules

    lines = [PROSE[0], MENU[0], PROSE[1], PROSE[0]]
    X = page_features(Page(paragraphs=lines))
    earlier, later = FEATURES.index("repeats_earlier_line"), FEATURES.index("repeats_later_line")
    assert X[:, earlier].tolist() == [0.0, 0.0, 0.0, 1.0]
    assert X[:, later].tolist() == [1.0, 0.0, 0.0, 0.0]
    names = [rule.__name__ for rule in text_rules(with_model=True)]
    assert "repeated-paragraph" not in names and "outside-body" in names
    assert "repeated-paragraph" in [rule.__name__ for rule in text_rules(with_model=False)]
    # the hand-written path still drops the second copy
    text = "\n\n".join([PROSE[0], PROSE[1], PROSE[2], PROSE[0]])
    assert clean_text(text, mode="rules").text.split("\n\n") == PROSE


def test_a_missing_model_file_says_what_to_do(tmp_path, monkeypatch):
    import curator.clean.textmodel as textmodel

    monkeypatch.setattr(textmodel, "MODEL_FILE", tmp_path / "absent.json")
    textmodel.default_model.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="mode='rules'"):
            clean_text("some text")
        assert clean_text("\n\n".join(PROSE), mode="rules").text.split("\n\n") == PROSE
    finally:
        monkeypatch.undo()
        textmodel.default_model.cache_clear()


def two_stage_model(first: dict, second: dict) -> LineModel:
    return LineModel.from_dict({
        "features": FEATURES, "stack_features": STACK_FEATURES, "threshold": 0.5,
        "stages": [{"trees": [first], "learning_rate": 1.0}, {"trees": [second], "learning_rate": 1.0}],
    })  # fmt: skip


def test_at_the_runs_edges_the_first_stage_has_the_last_word():
    # first stage: prose is article text, anything else chrome
    by_line = one_split_tree("prose", 0.5, -9.0, 9.0)
    # a second stage that calls the last paragraph chrome (no prose after it) has it back: the
    # first stage, which judges the line itself, takes it for article text
    by_neighbour = one_split_tree("line_+1_prose", 0.5, -9.0, 9.0)
    text = "\n\n".join([*PROSE, "Weather"])
    cleaned = clean_text(text, line_model=two_stage_model(by_line, by_neighbour))
    assert cleaned.text.split("\n\n") == PROSE
    # one that calls every line article text loses the menu lines at the run's edges (judged
    # on the page as the run rule sees it: the edge rules would take them first in clean_text)
    everything = two_stage_model(by_line, one_split_tree("prose", 0.5, 9.0, 9.0))
    page = Page(paragraphs=["Weather", *PROSE, "Contact us"])
    assert everything.probabilities(page).min() > 0.99
    assert everything.decide(page) == ((1, len(PROSE)), {})
