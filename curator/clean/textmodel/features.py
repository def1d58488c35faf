"""What the line model sees of each line of a plain-text page: its shape, and its place among
the lines around it. Every feature is computed from the text alone (no word is a feature, so
nothing is specific to a site), after the earlier line rules have run.

Where a line sits on the page is not a feature, nor is the page's edge: rendered pages always
end in a footer, and a model that learned "the last line is chrome" cut the last paragraph of
an article given as text on its own.

The hand-written densest-run rule (:mod:`..rules.span`) is itself a feature: the model learns
where that rule goes wrong (a changelog of unpunctuated items it cuts, teasers with summaries it
keeps), not the whole task from scratch. So are the rules of :data:`ADVISED_RULES`: with a
model they flag lines instead of removing them, and the flag is a feature.

The model has two stages: the second sees, beside every feature of the first, the first
stage's probabilities around the line (:data:`STACK_FEATURES`): whether the lines about it look
like article text, which no feature of one line's shape can tell.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..rules import repeated, span, threads
from ..rules.base import Page, count_words, is_sentence_like

_BULLET = re.compile(r"^\s*(?:[*+\-•o·]|\d+[.)])\s+")
_CLOSING = re.compile(r"[.!?。！？:;\"”’)]$")
_DIGIT = re.compile(r"\d")
MAX_RUN_DISTANCE = 3.0  # in tens of lines: beyond 30 lines from the run, all lines are far
WINDOWS = (2, 5, 15)  # lines either side over which the hand scores are summed
NEIGHBOURS = (-1, 1, -2, 2)

LINE_FEATURES = [
    "log_words", "prose", "running_text", "sentence_like", "closing_mark", "bullet",
    "lower_share", "upper_share", "mostly_uncased", "digit_share", "time_of_day",
    "inner_marks_per_word", "marks_per_word", "ends_with_colon", "capitalised", "table_row",
    "at_most_3_words", "ellipsis",
]  # fmt: skip
CONTEXT_FEATURES = [
    "in_rule_run", "distance_to_rule_run", "removed_by_rule", "announced_item",
    *(f"window_{w}_score" for w in WINDOWS),
    *(f"line_{o:+d}_{f}" for o in NEIGHBOURS for f in ("log_words", "prose", "bullet", "removed")),
    "bullet_beside_bullet", "repeats_earlier_line", "repeats_later_line",
]  # fmt: skip
# The rules that, on text renderings of real pages, removed article text too often to decide
# alone (removal precision 0.56 to 0.85, out of fold): menus, "related" lists, credits that
# only end a line, app promos, author bios, standfirsts, newsletter boxes. With a model, a line
# they would remove is flagged (rules.base.Page.flagged), the flag is a feature, and the line
# goes under the rule's name only when the model agrees. Footers ("trailing-chrome") scored
# the same either way and stay a rule.
ADVISED_RULES = (
    "navigation", "related-links", "photo-credit", "app-promo", "author-bio", "standfirst",
    "newsletter",
)  # fmt: skip
FLAG_FEATURES = [f"flagged_{r}" for r in ADVISED_RULES]
FEATURES = LINE_FEATURES + CONTEXT_FEATURES + FLAG_FEATURES
STACK_WINDOWS = (1, 3, 8, 20)  # lines either side over which the first stage's p is averaged
STACK_FEATURES = [
    *(f"p_window_{w}" for w in STACK_WINDOWS), "p_line_-1", "p_line_+1", "p_page_mean", "p_line",
]  # fmt: skip
# the line features a line's neighbours are also described by
_WORDS, _PROSE, _BULLET_ITEM = (LINE_FEATURES.index(f) for f in ("log_words", "prose", "bullet"))


def line_shape(line: str) -> list[float]:
    """The :data:`LINE_FEATURES` of one line."""
    n = count_words(line)
    cased = [w for w in line.split() if w[:1].lower() != w[:1].upper()]
    lower = sum(w[0].islower() for w in cased)
    stripped = line.rstrip()
    item = _BULLET.sub("", line)
    return [
        math.log1p(n),
        float(span.is_prose(line)),
        float(span.is_running_text(line)),
        float(is_sentence_like(line)),
        float(bool(_CLOSING.search(stripped))),
        float(bool(_BULLET.match(line))),
        lower / len(cased) if cased else 0.5,
        (len(cased) - lower) / len(cased) if cased else 0.5,
        float(2 * len(cased) < n),
        len(_DIGIT.findall(line)) / max(len(line), 1),
        float(threads.has_time_of_day(line)),
        len(span.INNER_MARKS.findall(line)) / max(n, 1),
        len(span.MARKS.findall(line)) / max(n, 1),
        float(stripped.endswith((":", "："))),
        float(item[:1].isupper()),
        float(line.startswith("|")),
        float(n <= 3),
        float(stripped.endswith(("…", "..."))),
    ]


def _signed_log(x: float) -> float:
    return math.copysign(math.log1p(abs(x)), x) / 5


def _repeats(lines: list[str]) -> tuple[list[int], list[int]]:
    """For each line, the first and the last line it repeats (itself when it repeats none, or
    is too short to count: :data:`repeated.MIN_REPEAT_WORDS`)."""
    keys = [repeated.line_key(line) for line in lines]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, key in enumerate(keys):
        if len(key.split()) >= repeated.MIN_REPEAT_WORDS:
            first.setdefault(key, i)
            last[key] = i
    return [first.get(k, i) for i, k in enumerate(keys)], [
        last.get(k, i) for i, k in enumerate(keys)
    ]


def page_features(page: Page) -> np.ndarray:
    """One row of :data:`FEATURES` per line of ``page`` (lines removed by earlier rules
    included: where they sit tells the model where the article's edges are)."""
    lines = page.paragraphs
    count = len(lines)
    shapes = [line_shape(line) for line in lines]
    scores = span.line_scores(page)
    run = span.best_run(scores)
    announced = set(span.announced_items(page))
    # a line an advised rule flagged is, for its neighbours, as good as removed: what sits next
    # to chrome is told the same way whether a rule or the model has the last word on it
    removed = [i in page.removed_by or i in page.flagged for i in range(count)]
    totals = np.concatenate([[0.0], np.cumsum(scores, dtype=float)])
    first, last = _repeats(lines)
    rows = []
    for i in range(count):
        inside = run is not None and run[0] <= i <= run[1]
        if run is None:
            distance = MAX_RUN_DISTANCE
        elif inside:
            distance = 0.0
        else:
            distance = min(abs(i - run[0]), abs(i - run[1])) / 10
        row = shapes[i] + [
            float(inside),
            min(distance, MAX_RUN_DISTANCE),
            float(removed[i]),
            float(i in announced),
        ]
        for w in WINDOWS:
            lo, hi = max(0, i - w), min(count, i + w + 1)
            row.append(_signed_log(totals[hi] - totals[lo]))
        for offset in NEIGHBOURS:
            j = i + offset
            if 0 <= j < count:
                row += [
                    shapes[j][_WORDS],
                    shapes[j][_PROSE],
                    shapes[j][_BULLET_ITEM],
                    float(removed[j]),
                ]
            else:  # beyond the page: nothing there (not chrome: an article given alone ends there)
                row += [0.0, 0.0, 0.0, 0.0]
        beside = any(0 <= i + o < count and shapes[i + o][_BULLET_ITEM] for o in (-1, 1))
        bullet = shapes[i][_BULLET_ITEM]
        row += [float(bullet and beside), float(first[i] < i), float(last[i] > i)]
        row += [float(page.flagged.get(i) == rule) for rule in ADVISED_RULES]
        rows.append(row)
    return np.array(rows, dtype=float).reshape(count, len(FEATURES))


def stack_features(p: np.ndarray) -> np.ndarray:
    """One row of :data:`STACK_FEATURES` per line, from the first stage's probabilities."""
    count = len(p)
    if count == 0:
        return np.zeros((0, len(STACK_FEATURES)))
    at = np.arange(count)
    totals = np.concatenate([[0.0], np.cumsum(p)])
    columns = []
    for w in STACK_WINDOWS:
        lo, hi = np.maximum(at - w, 0), np.minimum(at + w + 1, count)
        columns.append((totals[hi] - totals[lo]) / (hi - lo))
    columns.append(np.concatenate([[0.0], p[:-1]]))  # beyond the page: nothing there
    columns.append(np.concatenate([p[1:], [0.0]]))
    columns.append(np.full(count, p.mean()))
    columns.append(p)
    return np.array(columns, dtype=float).T.reshape(count, len(STACK_FEATURES))


def second_stage_rows(X: np.ndarray, first_p: np.ndarray) -> np.ndarray:
    """What the second stage reads: the rows of :data:`FEATURES`, then :data:`STACK_FEATURES`."""
    return np.hstack([X, stack_features(first_p)])
