"""Quality signals computed on the normalised text, as typed columns of the record."""

from __future__ import annotations

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
    toks = words(text)
    lines = paragraphs(text)
    stops = stopwords_for(language)
    non_space = [c for c in text if not c.isspace()]
    mean_len = round(sum(len(w) for w in toks) / len(toks), 4) if toks else None
    return {
        "mean_word_length": mean_len,
        "terminal_punctuation_fraction": _ratio(
            sum(line.endswith(TERMINAL) for line in lines), len(lines)
        ),
        "stopword_ratio": _ratio(sum(w.lower() in stops for w in toks), len(toks))
        if stops
        else None,
        "non_alpha_fraction": _ratio(sum(not c.isalpha() for c in non_space), len(non_space)),
        "duplicate_line_fraction": _ratio(len(lines) - len(set(lines)), len(lines)),
        "line_count": len(lines),
    }
