"""Quality signals computed on the normalised text, as typed columns of the record."""

from __future__ import annotations

from collections import Counter
from functools import cache

import stopwordsiso

from ..normalise import paragraphs, words

TERMINAL = tuple(".!?…\"'”’»)。！？")


@cache
def stopwords_for(language: str | None) -> frozenset[str]:
    if not language or not stopwordsiso.has_lang(language):
        return frozenset()
    return frozenset(w.lower() for w in stopwordsiso.stopwords(language))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def quality_signals(text: str, language: str | None = None) -> dict[str, float | int | None]:
    """Signals on ``text``; ratios are null when their denominator is zero (no words, no lines,
    or no stop-word list for the language)."""
    return signals(text, words(text), language)


def signals(
    text: str, toks: list[str], language: str | None = None
) -> dict[str, float | int | None]:
    """:func:`quality_signals` given the words of ``text`` (the tagger has them already).
    Characters and words are counted once each per distinct value (a C-level Counter), which
    gives the same integer counts as a pass per character."""
    lines = paragraphs(text)
    stops = stopwords_for(language)
    chars = Counter(text)
    non_space = sum(n for c, n in chars.items() if not c.isspace())
    non_alpha = sum(n for c, n in chars.items() if not c.isspace() and not c.isalpha())
    mean_len = round(sum(map(len, toks)) / len(toks), 4) if toks else None
    stop_count = sum(n for w, n in Counter(toks).items() if w.lower() in stops) if stops else 0
    return {
        "mean_word_length": mean_len,
        "terminal_punctuation_fraction": _ratio(
            sum(line.endswith(TERMINAL) for line in lines), len(lines)
        ),
        "stopword_ratio": _ratio(stop_count, len(toks)) if stops else None,
        "non_alpha_fraction": _ratio(non_alpha, non_space),
        "duplicate_line_fraction": _ratio(len(lines) - len(set(lines)), len(lines)),
        "line_count": len(lines),
    }
