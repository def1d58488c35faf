"""The learned line model for plain text: which lines of a rendered page are the article's.

A page given as plain text has lost its markup, so the hand-written densest-run rule
(:mod:`..rules.span`) has only the lines' shapes to go on. The line model is gradient-boosted
trees over the features of :mod:`.features` (each line's shape, where the hand-written rule puts
the article, the lines around it), fitted by ``scripts/train_text_model.py`` on real pages
rendered to text by two renderers. It gives each line the probability that it is article text;
``outside-body`` then keeps the densest run of those probabilities instead of the hand scores:
a line scores ``(p - threshold) * 2 * (words + WORD_OFFSET)``, a line an earlier rule removed
costs what it costs in the hand-written rule (:func:`..rules.span.removed_score`).

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
from .features import FEATURES, page_features
from .trees import Ensemble

MODEL_FILE = Path(__file__).with_name("model.json")
WORD_OFFSET = 3  # a one-word line still counts for something, either way


@dataclass(frozen=True)
class LineModel:
    """Fitted trees over :data:`FEATURES` (a model file of other features is refused)."""

    ensemble: Ensemble
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        if list(data["features"]) != FEATURES:
            raise ValueError(
                "line model: its features are not this version's (retrain it with"
                " scripts/train_text_model.py)"
            )
        return cls(Ensemble.from_dict(data), float(data["threshold"]))

    @classmethod
    def load(cls, path: str | Path) -> LineModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def probabilities(self, page: Page) -> np.ndarray:
        if not page.paragraphs:
            return np.zeros(0)
        return self.ensemble.probability(page_features(page))

    def scores(self, page: Page) -> list[float]:
        """Each line's score for the densest run."""
        p = self.probabilities(page)
        return [
            float(span.removed_score(page, i))
            if i in page.removed_by
            else float((p[i] - self.threshold) * 2 * (count_words(line) + WORD_OFFSET))
            for i, line in enumerate(page.paragraphs)
        ]


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


__all__ = ["FEATURES", "LineModel", "default_model", "page_features"]
