"""The learned line model for plain text: which lines of a rendered page are the article's.

A page given as plain text has lost its markup, so the hand-written densest-run rule
(:mod:`..rules.span`) has only the lines' shapes to go on. The line model is gradient-boosted
trees over the features of :mod:`.features` (each line's shape, where the hand-written rule
puts the article, the lines around it, the flags of the advised rules), fitted by
``scripts/train_text_model.py`` on real pages rendered to text by two renderers. A model file
may hold a second stage that also sees the first stage's probabilities around the line
(``--stacked``); the shipped one does not (see the script for why). It gives each line the probability that it is
article text; ``outside-body`` then keeps the densest run of those probabilities instead of the
hand scores: a line scores ``(p - threshold) * 2 * (words + WORD_OFFSET)``, a line an earlier
rule removed costs what it costs in the hand-written rule (:func:`..rules.span.removed_score`).
A line an advised rule flagged goes under that rule's name when its ``p`` is below the threshold.

The fitted model ships in the package (``model.json``, loaded offline, no randomness at run
time). ``clean_text(..., mode="rules")`` is the documented fallback: the hand-written scores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..rules import span
from ..rules.base import Page, count_words
from .features import ADVISED_RULES, FEATURES, STACK_FEATURES, page_features, stack_features
from .trees import Ensemble

MODEL_FILE = Path(__file__).with_name("model.json")
WORD_OFFSET = 3  # a one-word line still counts for something, either way


@dataclass(frozen=True)
class LineModel:
    """Fitted trees: ``first`` over :data:`FEATURES`, and optionally ``second`` over those and
    :data:`STACK_FEATURES` (a model file of other features is refused)."""

    first: Ensemble
    second: Ensemble | None
    threshold: float
    advised: frozenset[str] = frozenset(ADVISED_RULES)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        if list(data["features"]) != FEATURES or list(data["stack_features"]) != STACK_FEATURES:
            raise ValueError(
                "line model: its features are not this version's (retrain it with"
                " scripts/train_text_model.py)"
            )
        stages = [Ensemble.from_dict(stage) for stage in data["stages"]]
        second = stages[1] if len(stages) > 1 else None
        return cls(stages[0], second, float(data["threshold"]))

    @classmethod
    def load(cls, path: str | Path) -> LineModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def probabilities(self, page: Page) -> np.ndarray:
        if not page.paragraphs:
            return np.zeros(0)
        X = page_features(page)
        p = self.first.probability(X)
        if self.second is None:
            return p
        return self.second.probability(np.hstack([X, stack_features(p)]))

    def judge(self, page: Page) -> tuple[list[float], dict[int, str]]:
        """Each line's score for the densest run, and the flagged lines the model takes for
        chrome (``p`` below the threshold)."""
        p = self.probabilities(page)
        scores = [
            float(span.removed_score(page, i))
            if i in page.removed_by
            else float((p[i] - self.threshold) * 2 * (count_words(line) + WORD_OFFSET))
            for i, line in enumerate(page.paragraphs)
        ]
        chrome = {
            i: rule
            for i, rule in page.flagged.items()
            if i not in page.removed_by and p[i] < self.threshold
        }
        return scores, chrome


@lru_cache(maxsize=1)
def default_model() -> LineModel:
    """The model shipped with the package."""
    try:
        return LineModel.load(MODEL_FILE)
    except (OSError, ValueError, KeyError) as exc:
        raise RuntimeError(
            f"clean_text: cannot load the line model {MODEL_FILE} ({exc}); reinstall curator,"
            " or pass mode='rules' to clean without it"
        ) from exc


__all__ = [
    "ADVISED_RULES",
    "FEATURES",
    "STACK_FEATURES",
    "LineModel",
    "default_model",
    "page_features",
]
