"""Quality signal values on a small golden text, and the filter's rejection reasons."""

from __future__ import annotations

import pytest

from curator.pipeline import Document
from curator.tag import QualityFilter
from curator.tag.quality import quality_signals

GOLDEN = "The cat sat on the mat.\n\nIt was happy!\n\nIt was happy!\n\nBuy now 50%"


def test_golden_signals():
    q = quality_signals(GOLDEN, "en")
    # 15 words: The cat sat on the mat (17 chars) It was happy x2 (20) Buy now 50 (8) -> 45
    assert q["line_count"] == 4
    assert q["mean_word_length"] == 3.0
    assert q["terminal_punctuation_fraction"] == 0.75
    assert q["duplicate_line_fraction"] == 0.25
    # 49 non-space characters, 6 of them not letters: . ! ! 5 0 %
    assert q["non_alpha_fraction"] == pytest.approx(6 / 49, abs=1e-4)
    # stopwordsiso "en": the on the it was it was buy now -> 9 of 15
    assert q["stopword_ratio"] == 0.6


def test_stopword_ratio_null_without_language():
    assert quality_signals(GOLDEN, None)["stopword_ratio"] is None
    assert quality_signals(GOLDEN, "xx")["stopword_ratio"] is None


def test_empty_text():
    q = quality_signals("", "en")
    assert (
        q["line_count"] == 0
        and q["mean_word_length"] is None
        and q["duplicate_line_fraction"] is None
    )


def doc_with(**fields) -> Document:
    doc = Document()
    doc.record.update(word_count=100, language="en")
    doc.record["quality"].update(
        mean_word_length=4.5,
        terminal_punctuation_fraction=0.9,
        stopword_ratio=0.4,
        non_alpha_fraction=0.05,
        duplicate_line_fraction=0.0,
    )
    for key, value in fields.items():
        (doc.record["quality"] if key in doc.record["quality"] else doc.record)[key] = value
    return doc


@pytest.mark.parametrize(
    ("filters", "fields", "reason"),
    [
        ({"min_words": 50}, {"word_count": 12}, "filter: word_count 12 < min_words 50"),
        ({"max_words": 50}, {}, "filter: word_count 100 > max_words 50"),
        (
            {"min_stopword_ratio": 0.2},
            {"stopword_ratio": 0.1},
            "filter: stopword_ratio 0.1 < min_stopword_ratio 0.2",
        ),
        (
            {"max_duplicate_line_fraction": 0.3},
            {"duplicate_line_fraction": 0.5},
            "filter: duplicate_line_fraction 0.5 > max_duplicate_line_fraction 0.3",
        ),
        (
            {"max_non_alpha_fraction": 0.25},
            {"non_alpha_fraction": 0.4},
            "filter: non_alpha_fraction 0.4 > max_non_alpha_fraction 0.25",
        ),
        ({"languages": ["fr", "de"]}, {}, "filter: language en not in ['de', 'fr']"),
    ],
)
def test_rejection_reason(filters, fields, reason):
    doc = doc_with(**fields)
    QualityFilter(filters).process(doc)
    assert doc.rejected == reason


def test_passes_and_null_signal_does_not_reject():
    doc = doc_with(stopword_ratio=None)
    QualityFilter({"min_words": 50, "min_stopword_ratio": 0.2}).process(doc)
    assert doc.rejected is None


def test_unknown_filter_key_is_an_error():
    with pytest.raises(ValueError, match="unknown filter keys"):
        QualityFilter({"min_wrods": 3})


def test_rejected_documents_are_skipped_by_run():
    doc = doc_with(word_count=1).reject("earlier")
    out = list(QualityFilter({"min_words": 50}).run([doc]))
    assert out[0].rejected == "earlier"
