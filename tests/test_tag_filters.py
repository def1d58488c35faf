"""Every filter key of the ``[filters]`` table has a case here: a record it keeps and one it
rejects with a reason that names the key (a new key without a case fails
``test_every_filter_has_a_case``)."""

from __future__ import annotations

from typing import Any

import pytest

from curator.errors import UsageError
from curator.pipeline import Document
from curator.tag.filters import FILTER_KEYS, QualityFilter, rejection


def record(**fields: Any) -> dict[str, Any]:
    quality = {
        k: fields.pop(k)
        for k in list(fields)
        if k in {"mean_word_length", "terminal_punctuation_fraction", "stopword_ratio",
                 "non_alpha_fraction", "duplicate_line_fraction"}
    }  # fmt: skip
    return {"word_count": 300, "language": "en", **fields, "quality": quality}


# key -> (limit, a record it keeps, a record it rejects)
CASES: dict[str, tuple[Any, dict[str, Any], dict[str, Any]]] = {
    "min_words": (100, record(word_count=150), record(word_count=40)),
    "max_words": (1000, record(word_count=900), record(word_count=5000)),
    "min_mean_word_length": (3.0, record(mean_word_length=4.5), record(mean_word_length=2.1)),
    "max_mean_word_length": (10.0, record(mean_word_length=5.0), record(mean_word_length=14.0)),
    "min_terminal_punctuation_fraction": (
        0.5,
        record(terminal_punctuation_fraction=0.8),
        record(terminal_punctuation_fraction=0.1),
    ),
    "min_stopword_ratio": (0.2, record(stopword_ratio=0.4), record(stopword_ratio=0.05)),
    "max_non_alpha_fraction": (0.3, record(non_alpha_fraction=0.1), record(non_alpha_fraction=0.6)),
    "max_duplicate_line_fraction": (
        0.3,
        record(duplicate_line_fraction=0.0),
        record(duplicate_line_fraction=0.5),
    ),
    "languages": (["en", "de"], record(language="de"), record(language="fr")),
}


def test_every_filter_has_a_case():
    assert sorted(CASES) == sorted(FILTER_KEYS)


@pytest.mark.parametrize("key", FILTER_KEYS)
def test_filter_keeps_and_rejects(key):
    limit, kept, rejected = CASES[key]
    assert rejection(kept, {key: limit}) is None
    reason = rejection(rejected, {key: limit})
    assert reason is not None and reason.startswith("filter: ")
    doc = Document(record=dict(rejected))
    QualityFilter({key: limit}).process(doc)
    assert doc.rejected == reason


@pytest.mark.parametrize("key", FILTER_KEYS)
def test_a_missing_signal_does_not_fail(key):
    if key == "languages":
        pytest.skip("a language list rejects a page without a language")
    assert rejection({"word_count": None, "quality": {}}, {key: CASES[key][0]}) is None


def test_unknown_key_is_a_usage_error():
    with pytest.raises(UsageError, match="min_wrods"):
        QualityFilter({"min_wrods": 10})
