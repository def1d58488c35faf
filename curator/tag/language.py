"""Language identification with langdetect, made deterministic and cheap.

langdetect draws random n-grams, so the factory is seeded (``DetectorFactory.seed = 0``) and
each call reseeds from it: the same text always gets the same answer. Most of its cost is a
fixed cost per trial, so we bound the sample, run fewer trials and cache per identical text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

# Below this many letters langdetect's answer is close to a coin toss on news text
# (headlines, captions); we return null rather than a guess.
MIN_LETTERS = 40
# A detection whose best probability is below this is "mixed": null, not a guess.
MIN_PROBABILITY = 0.80
# The sample: langdetect reads at most this many characters (taken from the start, the middle
# and the end of the text so a long English quote in an Arabic article does not decide alone).
SAMPLE_CHARS = 1500
# langdetect runs 7 trials over up to 10,000 characters. Measured on the 41 labelled pages
# (bodies made ~600 words long, 2 cores, no cache): 7 trials/10,000 chars 4.5 ms per call,
# 3 trials/1,500 chars 2.4 ms, 3/800 1.6 ms; all three agree with the default on 41/41. The
# cache makes a repeated text (syndicated copies, re-runs) cost ~0.1 ms.
TRIALS = 3
_NON_LETTER = re.compile(r"[\W\d_]+")

_factory: DetectorFactory | None = None


def _get_factory() -> DetectorFactory:
    """One factory for the process: loading the 55 profiles costs ~0.5 s, done once."""
    global _factory
    if _factory is None:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.seed = 0
        DetectorFactory.seed = 0
        _factory = factory
    return _factory


def sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """At most ``limit`` characters: the start, the middle and the end of ``text``."""
    if len(text) <= limit:
        return text
    third = limit // 3
    mid = len(text) // 2 - third // 2
    return " ".join((text[:third], text[mid : mid + third], text[-third:]))


def letter_count(text: str) -> int:
    return len(_NON_LETTER.sub("", text))  # one string, not a list of one-letter strings


_SPACES = re.compile(" {2,}")
# What langdetect's cleaning_text counts, character by character in Python: "Latin" is the
# range A..z, "non-Latin" anything from U+0300 up (its Unicode-block exception compares a
# block number with a name, so it never applies).
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[^\x00-\u02ff]")
# Per-character answers of NGram.normalize, and per-word n-gram lists: pure functions of
# their keys, so they are kept for the life of the process (bounded).
_NORMALISED: dict[str, str] = {}
_WORD_GRAMS: dict[tuple[str, bool], list[str]] = {}
_ROWS: dict[str, np.ndarray] = {}  # an n-gram's per-language probabilities, as an array
MAX_CACHED_WORDS = 200_000


class _Detector(Detector):
    """langdetect's detector with the same answers, computed faster.

    langdetect reads the text one character at a time through method calls; that is most of
    its cost on a short sample. Here: the text is appended in one go (runs of spaces folded,
    as ``Detector.append`` does), characters are normalised through a cache, and the n-grams
    of each space-separated word are worked out once per word (the n-gram window starts afresh
    after every space, so a word's n-grams depend only on the word and on whether a space
    follows it). The random trials and the probability updates are langdetect's own
    arithmetic in the same order, so the probabilities are bit for bit the same."""

    text: str  # set by langdetect's Detector.__init__, which is untyped

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        """langdetect's: drop Latin letters from a text written mostly in another script."""
        text = self.text
        if text.isascii():
            return  # nothing non-Latin: langdetect keeps the text as it is
        non_latin = len(_NON_LATIN.findall(text))
        if len(_LATIN.findall(text)) * 2 < non_latin:
            self.text = _LATIN.sub("", text)

    def _extract_ngrams(self) -> list[str]:
        table = _NORMALISED
        missing = {c for c in set(self.text) if c not in table}
        for c in missing:
            table[c] = NGram.normalize(c)
        normalised = "".join([table[c] for c in self.text])
        if len(_WORD_GRAMS) > MAX_CACHED_WORDS:
            _WORD_GRAMS.clear()
        known = self.word_lang_prob_map
        result: list[str] = []
        words = normalised.split(" ")
        last = len(words) - 1
        for i, word in enumerate(words):
            if not word:
                continue
            key = (word, i < last)
            grams = _WORD_GRAMS.get(key)
            if grams is None:
                grams = _WORD_GRAMS[key] = _word_grams(word, i < last, known)
            result.extend(grams)
        return result

    def _detect_block(self) -> None:
        """langdetect's trials, with the per-language products done on numpy arrays: each
        element goes through the same IEEE operations (an add, then a multiply; a division
        by a sum taken left to right in Python), so every probability is identical."""
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        rows = _ROWS
        for gram in set(ngrams).difference(rows):
            rows[gram] = np.array(self.word_lang_prob_map[gram], dtype=np.float64)
        langprob = [0.0] * len(self.langlist)
        rng = self.random
        rng.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + rng.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                prob *= weight + rows[rng.choice(ngrams)]
                if i % 5 == 0:
                    prob /= sum(prob.tolist())
                    if _max_prob(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            for j, p in enumerate(prob.tolist()):
                langprob[j] += p / self.n_trial
        self.langprob = langprob


def _max_prob(prob: np.ndarray) -> float:
    """The largest probability, or 0.0 when none is above zero (as langdetect's loop)."""
    top = float(prob.max())
    if top != top:  # a NaN: langdetect's comparisons skip it
        top = max((p for p in prob.tolist() if p == p), default=0.0)
    return top if top > 0.0 else 0.0


def _word_grams(word: str, spaced: bool, known: dict) -> list[str]:
    """The known 1-, 2- and 3-grams langdetect reads from one word (already normalised,
    no spaces in it), with the space that follows it when ``spaced``: the n-gram window
    starts as " ", slides over at most three characters, and a run of two or more capitals
    (an acronym) yields nothing until a lower-case character ends it."""
    out: list[str] = []
    grams = " "
    capital = False
    for ch in word + " " if spaced else word:
        previous = grams[-1]
        if len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if previous.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        for n in (1, 2, 3):
            if len(grams) < n:
                break
            gram = grams[-n:]
            if gram != " " and gram in known:
                out.append(gram)
    return out


@lru_cache(maxsize=4096)
def _detect_sample(text: str) -> tuple[str | None, float | None]:
    detector = _Detector(_get_factory())
    detector.n_trial = TRIALS
    detector.append(text)
    try:
        best = detector.get_probabilities()
    except LangDetectException:  # "no features in text": digits, symbols, URLs only
        return None, None
    if not best:
        return None, None
    top = best[0]
    prob = round(float(top.prob), 4)
    if prob < MIN_PROBABILITY:
        return None, prob
    return _normalise_code(top.lang), prob


def _normalise_code(code: str) -> str:
    # langdetect answers zh-cn / zh-tw; the record holds ISO 639-1.
    return code.split("-")[0]


def detect_language(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability), or (None, None) when too short to tell and
    (None, p) when the best guess is below ``MIN_PROBABILITY``. Never raises."""
    if not text:
        return None, None
    chosen = sample(text)
    if letter_count(chosen) < MIN_LETTERS:
        return None, None
    return _detect_sample(chosen)
