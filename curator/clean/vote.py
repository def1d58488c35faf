"""A paragraph vote across extractors (``clean_html(mode="vote")``).

The base is trafilatura's recall-mode extraction. A paragraph it lacks is added when two other
extractors agree on it: trafilatura's bundled readability port proposes it, and a jusText-style
judge (length, stopword density and the neighbouring paragraphs, after Pomikálek's jusText)
calls it good text. Paragraphs are matched by word 3-shingles, so that two extractors that cut
or space a paragraph differently still agree. Nothing of the base is dropped: on real pages
(scripts/eval_real.py) a vote that removed base paragraphs the others lacked cost more recall
than it gained precision.

The judge reads readability's paragraphs and not the whole page: jusText proper walks every
node of the page in Python (3x the cost of readability here) and gave the same scores.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from justext.utils import get_stoplist, get_stoplists
from lxml import html as lxml_html
from trafilatura.readability_lxml import Document as ReadabilityDocument
from trafilatura.settings import JUSTEXT_LANGUAGES

from ..normalise import normalise_text, paragraphs

SHINGLE = 3  # words; a paragraph shorter than this matches as a word sequence
MIN_CONTAINED = 0.5  # share of a paragraph's shingles another text must hold to "contain" it
# The judge's bands, jusText's defaults as trafilatura calls it: characters, stopword density.
SHORT_CHARS, LONG_CHARS = 50, 150
LOW_STOPWORDS, HIGH_STOPWORDS = 0.1, 0.2
# Block elements of readability's output: each starts a paragraph.
_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li pre blockquote td th dd dt div section article br tr ul ol "
    "table figcaption header".split()
)
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class _Text:
    """An extraction's paragraphs with what matching needs: their shingles, all shingles
    together, the first paragraph each shingle occurs in, and the words as one string."""

    def __init__(self, paras: list[str]) -> None:
        self.paras = paras
        self.words = [_words(p) for p in paras]
        self.shingles = [_shingles(w) for w in self.words]
        self.first: dict[tuple[str, ...], int] = {}
        for i, sh in enumerate(self.shingles):
            for s in sh:
                self.first.setdefault(s, i)
        self.flat = " " + " ".join(" ".join(w) for w in self.words) + " "

    def contains(self, words: list[str], shingles: set[tuple[str, ...]]) -> bool:
        if not words:
            return True
        if len(words) < SHINGLE:
            return f" {' '.join(words)} " in self.flat
        return sum(s in self.first for s in shingles) >= MIN_CONTAINED * len(shingles)

    def where(self, shingles: set[tuple[str, ...]]) -> int | None:
        """The paragraph holding most of ``shingles`` (None: none of them)."""
        hits = [self.first[s] for s in shingles if s in self.first]
        return max(set(hits), key=hits.count) if hits else None


def readability_paragraphs(tree: Any) -> list[str]:
    """The paragraphs readability finds in ``tree`` (left untouched: readability edits the
    tree it reads), spaces collapsed but not otherwise normalised."""
    try:
        summary = ReadabilityDocument(copy.deepcopy(tree), min_text_length=25).summary()
        if not summary.strip():
            return []
        article = lxml_html.fromstring(summary)
    except Exception:  # readability and lxml raise several types on odd markup; no vote then
        return []
    for el in article.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    # spaces collapsed only: matching reads words, and only the few paragraphs added are
    # normalised in full (normalise_text over all of them was a tenth of the vote's cost)
    lines = (" ".join(line.split()) for line in article.text_content().split("\n"))
    return [line for line in lines if line]


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """jusText's stoplist for ``lang`` (an ISO code), or all its stoplists for an unknown one."""
    if lang in JUSTEXT_LANGUAGES:
        return frozenset(get_stoplist(JUSTEXT_LANGUAGES[lang]))
    return frozenset(w for name in get_stoplists() for w in get_stoplist(name))


def _band(para: str, stop: frozenset[str]) -> str:
    words = _words(para)
    density = sum(w in stop for w in words) / len(words) if words else 0.0
    if density < LOW_STOPWORDS:
        return "bad"
    if len(para) < SHORT_CHARS:
        return "short"
    return "good" if density >= HIGH_STOPWORDS and len(para) > LONG_CHARS else "near"


def judge(paras: list[str], lang: str | None) -> list[bool]:
    """Which of ``paras`` (one extraction, in order) read as running text: long prose is good,
    text without stopwords bad, and a middling paragraph takes the side of a good neighbour
    (the nearest paragraph either way that is not short). A short one (a heading, a consent
    button row, a "Topics:" line) is never good here: too little text to tell prose from
    chrome, and the base extraction already left it out. Adding the short lines that sit
    between good ones, as jusText does, measured 0.001 more F1 on each real-page set and added
    share rows, datelines and consent buttons on the held-out site of our sample pages."""
    stop = stopwords(lang)
    bands = [_band(p, stop) for p in paras]

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(bands) and bands[j] == "short":
            j += step
        return bands[j] if 0 <= j < len(bands) else "bad"

    return [
        band == "good" or (band == "near" and "good" in (neighbour(i, -1), neighbour(i, 1)))
        for i, band in enumerate(bands)
    ]


def add_agreed(
    base: list[str], proposed: list[str], agreed: list[bool], have: _Text | None = None
) -> list[str]:
    """``base`` with each paragraph of ``proposed`` that it lacks and ``agreed`` marks, each put
    after the base paragraph that precedes it in ``proposed`` (document order). ``have`` is
    ``base`` made ready for matching, when the caller has it."""
    have = have or _Text(base)
    index = {para: i for i, para in reversed(list(enumerate(base)))}  # first occurrence
    after: dict[int, list[str]] = {}  # base index -> paragraphs added after it (-1: before all)
    # ``proposed`` as readability_paragraphs gives it: an added paragraph is normalised here
    anchor = -1
    added: set[tuple[str, ...]] = set()
    for para, ok in zip(proposed, agreed, strict=True):
        if para in index:  # most of what readability finds is the base's paragraph as it is
            anchor = max(anchor, index[para])
            continue
        words = _words(para)
        shingles = _shingles(words)
        if have.contains(words, shingles):
            at = have.where(shingles)
            anchor = max(anchor, at) if at is not None else anchor
            continue
        repeat = bool(shingles) and len(shingles & added) >= MIN_CONTAINED * len(shingles)
        if not ok or not words or repeat:
            continue  # not agreed on, or a repeat of a paragraph already added
        after.setdefault(anchor, []).append(" ".join(paragraphs(normalise_text(para))))
        added |= shingles
    if not after:
        return base
    out = list(after.get(-1, []))
    for i, para in enumerate(base):
        out.append(para)
        out.extend(after.get(i, []))
    return out


def page_language(tree: Any) -> str | None:
    """The page's declared language ("en" of lang="en-GB"), or None."""
    lang = (tree.get("lang") or "").split("-")[0].split("_")[0].strip().lower()
    return lang or None


def vote(base: list[str], tree: Any) -> list[str]:
    """The voted paragraphs of the page ``tree`` (pre-cleaned) whose base extraction is
    ``base``. The judge runs only when readability proposes something the base lacks."""
    proposed = readability_paragraphs(tree)
    exact = set(base)
    extra = [p for p in proposed if p not in exact]
    if not extra:  # the common case, and the cheap test: readability found the same paragraphs
        return base
    have = _Text(base)
    if all(have.contains(w, _shingles(w)) for w in map(_words, extra)):
        return base
    return add_agreed(base, proposed, judge(proposed, page_language(tree)), have)
