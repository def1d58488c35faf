"""Language identification: deterministic, null when it cannot tell, never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.tag import language
from curator.tag.language import MIN_LETTERS, detect_language, sample

EN = "The city council voted on Tuesday to approve a new budget that expands bus services across the northern districts of the town."
FR = "Le conseil municipal a approuvé mardi un nouveau budget qui prévoit d'étendre le réseau de bus dans les quartiers du nord de la ville."


def test_detects_english_and_french():
    assert detect_language(EN)[0] == "en"
    assert detect_language(FR)[0] == "fr"


def test_deterministic_without_cache():
    # The cache would hide non-determinism: clear it between calls.
    answers = set()
    for _ in range(5):
        language._detect_sample.cache_clear()
        answers.add(detect_language(EN + " " + FR))
    assert len(answers) == 1


def test_probability_in_range():
    lang, prob = detect_language(EN)
    assert lang == "en" and 0.8 <= prob <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345 67890 !!! ???",
        "https://x.example/1/2/3",
        "😀😀😀 ### 2024-03-04",
        "Hello world",
    ],
)
def test_null_on_short_or_letterless_text(text):
    assert detect_language(text) == (None, None)


def test_short_threshold_is_letters():
    assert detect_language("a" * (MIN_LETTERS - 1)) == (None, None)


def test_mixed_text_below_threshold_is_null(monkeypatch):
    monkeypatch.setattr(language, "MIN_PROBABILITY", 1.01)
    language._detect_sample.cache_clear()
    lang, prob = detect_language(EN)
    language._detect_sample.cache_clear()
    assert lang is None and prob is not None


def test_sample_is_bounded():
    text = "word " * 10_000
    assert len(sample(text)) <= language.SAMPLE_CHARS + 2
    assert sample("short") == "short"


_SCRIPTS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Po"), max_codepoint=0x3100
)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_SCRIPTS, max_size=200))
def test_faster_detector_matches_langdetect(text):
    # our detector replaces langdetect's per-character loops; the answers must be its own
    from langdetect.detector import Detector

    from curator.tag.language import _Detector, _get_factory, letter_count

    assert letter_count(text) == sum(
        1 for c in text if c.isalpha() and not c.isdigit() and c != "_"
    )
    ours, theirs = _Detector(_get_factory()), Detector(_get_factory())
    for detector in (ours, theirs):
        detector.append(text)
        detector.cleaning_text()
    assert ours.text == theirs.text
    if text.strip():
        for detector in (ours, theirs):
            detector.seed = 0
        try:
            want = [(p.lang, p.prob) for p in theirs.get_probabilities()]
        except Exception as exc:  # no features: ours must fail the same way
            with pytest.raises(type(exc)):
                ours.get_probabilities()
            return
        assert [(p.lang, p.prob) for p in ours.get_probabilities()] == want
