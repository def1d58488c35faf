"""Language identification: deterministic, null when it cannot tell, never raising."""

from __future__ import annotations

import pytest

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
