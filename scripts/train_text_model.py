"""Fit the line model that ``clean_text`` uses on plain text (``curator/clean/textmodel``).

Trained only on the dev sets of ``../shared/realpages/`` (articles and readability), each page
rendered to text by every renderer of ``renderings.py``. Nothing from them goes into the
repository but the fitted trees (``model.json``, numbers only). Says so and exits 0 when the
folder is not there.

- Each line of a rendered page, after the line rules that run before ``outside-body`` (the
  advised ones flagging, not removing), is one example: the features of
  ``curator.clean.textmodel.features`` (no word is a feature), labelled
  article text when most of its 4-token shingles are in the gold body (a line of fewer than
  four tokens: when its tokens occur in the gold in order). Lines are weighted by words, each
  page weighing the same, since the metric averages over pages.
- Histogram gradient boosting in two stages: the second also sees the first stage's
  probabilities around each line, and is fitted on out-of-fold first-stage probabilities (what
  it sees at run time, not the first stage's memory of its own training lines).
  ``--one-stage`` fits the first stage alone (the design measured beside it).
- Out-of-fold first: folds grouped by site (the domain's first label for articles, the id
  without its ``-N`` for readability, so that nytimes pages of both sets fall together), each
  page scored by a model that never saw its site (neither stage: the second stage's inputs come
  from an inner split of the training folds). That score is what the targets are judged
  on; the in-sample score of the final model is printed beside it and not counted.
- The final model is fitted on every page and written to ``model.json``, after checking that
  the package's numpy evaluator gives scikit-learn's own decision function.

    .venv/bin/python scripts/train_text_model.py [--realpages DIR] [--folds 5] [--one-stage] [--no-write]

Needs the ``dev`` extra (scikit-learn, inscriptis, html2text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from renderings import render  # noqa: E402

from curator.clean.rules import span  # noqa: E402
from curator.clean.rules.base import Page  # noqa: E402
from curator.clean.text import clean_text, run_rules, text_rules  # noqa: E402
from curator.clean.textmodel import (  # noqa: E402
    ADVISED_RULES,
    FEATURES,
    MODEL_FILE,
    STACK_FEATURES,
    LineModel,
)
from curator.clean.textmodel.features import page_features, second_stage_rows  # noqa: E402
from curator.normalise import normalise_text, paragraphs  # noqa: E402

DEFAULT_REALPAGES = ROOT.parent / "shared" / "realpages"
SETS = ("articles", "readability")
THRESHOLD = 0.4  # a line adds to the run when the model gives it more than this probability (0.3 and 0.5 scored lower out of fold)
TREES, LEAVES = 100, 8  # per stage; a deeper first stage scored no better in the lab
INNER_FOLDS = 4  # the split of the training folds that gives the second stage its inputs
MIN_GOLD_SHARE = 0.5  # of a line's shingles in the gold body, for the line to be article text
PRE_SPAN_RULES = [r for r in text_rules(with_model=True) if r is not span.rule]


@dataclass
class TextPage:
    set: str
    id: str
    site: str
    url: str | None
    renderer: str
    text: str
    gold: str


def site_of(set_name: str, page: dict) -> str:
    """The group a page's fold is chosen by: one site's pages are never split across folds."""
    if set_name == "readability":
        return re.sub(r"-\d+$", "", page["id"])
    from courlan import extract_domain

    domain = extract_domain(page.get("url") or "") or page["id"]
    return domain.split(".")[0]


def collect(rp, sets: Iterable[str] = SETS, limit: int = 0) -> list[TextPage]:
    """Every dev page rendered by every renderer."""
    out = []
    for name in sets:
        pages = rp.load_set(name)
        for page in pages[:limit] if limit else pages:
            html = gzip.decompress(page["path"].read_bytes())
            for renderer, text in render(html).items():
                out.append(TextPage(name, page["id"], site_of(name, page), page.get("url"),
                                    renderer, text, page["body"]))  # fmt: skip
    return out


def pre_span_page(tp: TextPage) -> Page | None:
    """The page as ``outside-body`` sees it, or None when the text has no paragraphs."""
    paras = paragraphs(normalise_text(tp.text))
    if not paras:
        return None
    return run_rules(
        paras, tp.url, None, "text", rules=PRE_SPAN_RULES, advised=frozenset(ADVISED_RULES)
    )


def labels(rp, page: Page, gold: str) -> np.ndarray:
    gold_shingles = rp.shingles(gold)
    gold_tokens = " " + " ".join(rp.TOKEN.findall(gold)) + " "
    out = []
    for line in page.paragraphs:
        tokens = rp.TOKEN.findall(line)
        if len(tokens) < 4:
            out.append(bool(tokens) and f" {' '.join(tokens)} " in gold_tokens)
            continue
        shingles = rp.shingles(line)
        inside = sum((shingles & gold_shingles).values())
        out.append(inside >= MIN_GOLD_SHARE * sum(shingles.values()))
    return np.array(out, dtype=float)


@dataclass
class Examples:
    X: np.ndarray
    y: np.ndarray
    weight: np.ndarray


def examples(rp, text_pages: list[TextPage]) -> dict[int, Examples]:
    """The examples of each text page (by its index), pages without paragraphs left out."""
    out = {}
    for k, tp in enumerate(text_pages):
        page = pre_span_page(tp)
        if page is None:
            continue
        X = page_features(page)
        words = np.expm1(X[:, FEATURES.index("log_words")]) + 1
        out[k] = Examples(X, labels(rp, page, tp.gold), words / words.sum())
    return out


def fit(X: np.ndarray, data: list[Examples]):
    """One stage's trees over the rows ``X`` of the examples ``data`` (stacked in order)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    y = np.concatenate([d.y for d in data])
    weight = np.concatenate([d.weight for d in data]) * len(data)
    model = HistGradientBoostingClassifier(max_iter=TREES, max_leaf_nodes=LEAVES,
                                           early_stopping=True, random_state=0)  # fmt: skip
    return model.fit(X, y, sample_weight=weight)


def first_stage(data: list[Examples]):
    return fit(np.vstack([d.X for d in data]), data)


def second_matrix(data: list[Examples], first_p: list[np.ndarray]) -> np.ndarray:
    """The second stage's rows of every example, over its first-stage probabilities."""
    return np.vstack([second_stage_rows(d.X, p) for d, p in zip(data, first_p, strict=True)])


def probability(model, X: np.ndarray) -> np.ndarray:
    return model.predict_proba(X)[:, 1]


def fit_stages(data: list[Examples], first_p: list[np.ndarray] | None) -> tuple[Any, Any]:
    """The first stage on ``data``, and the second over ``first_p`` (out-of-fold first-stage
    probabilities of those examples) when given, else None."""
    first = first_stage(data)
    if first_p is None:
        return first, None
    second = fit(second_matrix(data, first_p), data)
    return first, second


def out_of_fold_first(data: list[Examples], groups: np.ndarray, folds: int) -> list[np.ndarray]:
    """Each example's first-stage probabilities from a model fitted without its site."""
    from sklearn.model_selection import GroupKFold

    out: list[np.ndarray] = [np.zeros(0)] * len(data)
    for train, test in GroupKFold(n_splits=folds).split(data, groups=groups):
        model = first_stage([data[i] for i in train])
        for i in test:
            out[i] = probability(model, data[i].X)
    return out


def export_stage(model) -> dict:
    """One stage's trees as the arrays ``curator.clean.textmodel.trees`` reads (scikit-learn's
    histogram trees already carry the learning rate in their leaf values)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": nodes["feature_idx"].tolist(),
            "threshold": [float(x) for x in nodes["num_threshold"]],
            "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
            "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
            "value": [float(v) for v in nodes["value"]],
            "depth": int(nodes["depth"].max()),
        })  # fmt: skip
    intercept = float(np.ravel(model._baseline_prediction)[0])
    return {"trees": trees, "learning_rate": 1.0, "intercept": intercept, "float32": False}


def export(first, second) -> dict:
    stages = [export_stage(m) for m in (first, second) if m is not None]
    return {"features": FEATURES, "stack_features": STACK_FEATURES, "threshold": THRESHOLD,
            "stages": stages}  # fmt: skip


def line_model(first, second) -> LineModel:
    return LineModel.from_dict(json.loads(json.dumps(export(first, second))))


def check_evaluator(first, second, data: list[Examples], first_p: list[np.ndarray] | None) -> float:
    """The largest difference between the package's evaluator and scikit-learn's, every
    stage."""
    ours = line_model(first, second)
    X = np.vstack([d.X for d in data])
    gaps = [ours.first.decision(X) - first.decision_function(X)]
    if second is not None and ours.second is not None and first_p is not None:
        X2 = second_matrix(data, first_p)
        gaps.append(ours.second.decision(X2) - second.decision_function(X2))
    return float(max(np.max(np.abs(g)) for g in gaps))


def fold_models(
    text_pages: list[TextPage], data: dict[int, Examples], folds: int, stacked: bool = True
) -> dict[str, LineModel]:
    """For each site, the model fitted on the folds that do not hold it (``stacked``: its second
    stage on first-stage probabilities from an inner split of those folds)."""
    from sklearn.model_selection import GroupKFold

    keys = sorted(data)
    groups = np.array([text_pages[k].site for k in keys])
    out: dict[str, LineModel] = {}
    for n, (train, test) in enumerate(GroupKFold(n_splits=folds).split(keys, groups=groups), 1):
        print(
            f"  fold {n}/{folds}: fitting on {len(train)} renderings", file=sys.stderr, flush=True
        )
        train_data = [data[keys[i]] for i in train]
        inner = out_of_fold_first(train_data, groups[train], INNER_FOLDS) if stacked else None
        model = line_model(*fit_stages(train_data, inner))
        for site in set(groups[test]):
            out[site] = model
    return out


def score(
    rp, text_pages: list[TextPage], cleaner: Callable[[TextPage], str]
) -> dict[tuple[str, str], dict]:
    """realpages.py's score per (set, renderer) of ``cleaner``'s output on every page."""
    golds = {name: rp.load_set(name) for name in {tp.set for tp in text_pages}}
    preds: dict[tuple[str, str], dict] = {}
    for tp in text_pages:
        preds.setdefault((tp.set, tp.renderer), {})[tp.id] = {"text": cleaner(tp)}
    out = {}
    for (name, renderer), pred in sorted(preds.items()):
        pages = [g for g in golds[name] if g["id"] in pred]
        out[(name, renderer)] = rp.score(pages, pred, 0)
    return out


def cleaned_text(tp: TextPage, **options) -> str:
    c = clean_text(tp.text, tp.url, **options)
    return "" if c.rejected else c.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="pages per set (a quick trial)")
    ap.add_argument(
        "--one-stage", dest="stacked", action="store_false", help="fit the first stage alone"
    )
    ap.add_argument(
        "--no-write", dest="write", action="store_false", help="do not write model.json"
    )
    args = ap.parse_args()
    if not (args.realpages / "realpages.py").exists():
        print(f"train_text_model: {args.realpages} is not there (no real pages); nothing done.")
        return 0
    from eval_real import load_realpages

    rp = load_realpages(args.realpages)
    print("rendering the dev pages ...", file=sys.stderr, flush=True)
    text_pages = collect(rp, limit=args.limit)
    data = examples(rp, text_pages)
    print(
        f"{len(text_pages)} renderings, {sum(len(d.y) for d in data.values())} lines",
        file=sys.stderr,
    )
    by_site = fold_models(text_pages, data, args.folds, args.stacked)
    print("  the shipped model: fitting on every rendering", file=sys.stderr, flush=True)
    keys = sorted(data)
    every = [data[k] for k in keys]
    groups = np.array([text_pages[k].site for k in keys])
    first_p = out_of_fold_first(every, groups, args.folds) if args.stacked else None
    final = fit_stages(every, first_p)
    gap = check_evaluator(*final, every, first_p)
    print(f"evaluator check: largest difference from scikit-learn {gap:.2e}")
    if gap > 1e-6:
        print("train_text_model: the package's evaluator disagrees with scikit-learn; not written")
        return 1
    shipped = line_model(*final)
    rows = {
        "rules": score(rp, text_pages, lambda tp: cleaned_text(tp, mode="rules")),
        "model, out of fold (counted)": score(rp, text_pages, lambda tp: cleaned_text(tp, line_model=by_site[tp.site])),
        "model, in sample (not counted)": score(rp, text_pages, lambda tp: cleaned_text(tp, line_model=shipped)),
    }  # fmt: skip
    print("\n| set | renderer | scores | P | R | F1 |\n|---|---|---|---|---|---|")
    for label, scored in rows.items():
        for (name, renderer), sc in scored.items():
            print(f"| {name} | {renderer} | {label} | {sc['precision']:.3f} | {sc['recall']:.3f} | {sc['f1']:.3f} |")  # fmt: skip
    if args.write:
        MODEL_FILE.write_text(
            json.dumps(export(*final), separators=(",", ":")) + "\n", encoding="utf-8"
        )
        print(f"\nwrote {MODEL_FILE.relative_to(ROOT)} ({MODEL_FILE.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
