"""The learned line model for plain text: which lines of a rendered page are the article's.

A page given as plain text has lost its markup, so the hand-written densest-run rule
(:mod:`..rules.span`) has only the lines' shapes to go on. The line model is gradient-boosted
trees over the features of :mod:`.features` (each line's shape, where the hand-written rule
puts the article, the lines around it, the flags of the advised rules), fitted by
``scripts/train_text_model.py`` on real pages rendered to text by two renderers, in two stages:
the second also sees the first stage's probabilities around the line (a model file may hold
the first stage alone). At the run's edges the first stage has the last word
(:meth:`LineModel._edges`). It gives each line the probability that it is
article text; ``outside-body`` then keeps the densest run of those probabilities instead of the
hand scores: a line scores ``(p - threshold) * 2 * (words + WORD_OFFSET)``, a line an earlier
rule removed costs what it costs in the hand-written rule (:func:`..rules.span.removed_score`).
A line an advised rule flagged goes under that rule's name when its ``p`` is below
:data:`CONFIRM_BELOW`.

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
from .features import ADVISED_RULES, FEATURES, STACK_FEATURES, page_features, second_stage_rows
from .trees import Ensemble

MODEL_FILE = Path(__file__).with_name("model.json")
WORD_OFFSET = 3  # a one-word line still counts for something, either way
# A flagged line inside the run goes when the model is this sure it is chrome: at the run's
# threshold, out of fold, the lines it confirmed for navigation were the article's as often as
# not (removal precision 0.49).
CONFIRM_BELOW = 0.2
# Rules whose flags are never confirmed: even below CONFIRM_BELOW, the navigation lines inside
# the run were a recipe's ingredients or a table's cells more often than menus (precision
# 0.65), so inside the article's run a menu-looking line stays; outside it, outside-body goes.
NEVER_CONFIRMED = frozenset({"navigation"})


@dataclass(frozen=True)
class LineModel:
    """Fitted trees: ``first`` over :data:`FEATURES`, and optionally ``second`` over those and
    :data:`STACK_FEATURES` (a model file of other features is refused)."""

    first: Ensemble
    second: Ensemble | None
    threshold: float

    @property
    def advised(self) -> frozenset[str]:
        """The rules that flag lines for it: fixed by its features (:data:`ADVISED_RULES`)."""
        return frozenset(ADVISED_RULES)

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

    def decide(self, page: Page) -> tuple[tuple[int, int] | None, dict[int, str]]:
        """The article's run of lines (first and last index, None when no run scores above
        zero), and the flagged lines inside it the model takes for chrome."""
        if not page.paragraphs:
            return None, {}
        first_p, p = self._stages(page)
        run = span.best_run(self._scores(page, p))
        if run is not None and self.second is not None:
            run = self._edges(page, run, first_p)
        chrome = {
            i: rule
            for i, rule in page.flagged.items()
            if i not in page.removed_by and p[i] < CONFIRM_BELOW and rule not in NEVER_CONFIRMED
        }
        return run, chrome

    def probabilities(self, page: Page) -> np.ndarray:
        """Each line's probability of being article text (the last stage's)."""
        if not page.paragraphs:
            return np.zeros(0)
        return self._stages(page)[1]

    def _stages(self, page: Page) -> tuple[np.ndarray, np.ndarray]:
        """Each line's probability from the first stage, and from the last one."""
        X = page_features(page)
        first_p = self.first.probability(X)
        if self.second is None:
            return first_p, first_p
        return first_p, self.second.probability(second_stage_rows(X, first_p))

    def _scores(self, page: Page, p: np.ndarray) -> list[float]:
        return [
            float(span.removed_score(page, i))
            if i in page.removed_by
            else float((p[i] - self.threshold) * 2 * (count_words(line) + WORD_OFFSET))
            for i, line in enumerate(page.paragraphs)
        ]

    def _edges(self, page: Page, run: tuple[int, int], first_p: np.ndarray) -> tuple[int, int]:
        """The second stage reads a line's neighbours, so at the article's edges it leans the
        neighbours' way: the first and last paragraphs, next to chrome, toward chrome, and a
        headline or menu line next to the article toward article text. At the run's edges the
        first stage, which judges the line itself, has the last word: a short line it takes
        for chrome leaves the run, a prose line it takes for article text beside the run
        joins it."""
        lines = page.paragraphs

        def leaves(i: int) -> bool:
            return not span.is_prose(lines[i]) and first_p[i] < self.threshold

        def joins(i: int) -> bool:
            return (
                0 <= i < len(lines)
                and i not in page.removed_by
                and i not in page.flagged
                and span.is_prose(lines[i])
                and first_p[i] >= self.threshold
            )

        first, last = run
        while first < last and leaves(first):
            first += 1
        while last > first and leaves(last):
            last -= 1
        while joins(first - 1):
            first -= 1
        while joins(last + 1):
            last += 1
        return first, last


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
