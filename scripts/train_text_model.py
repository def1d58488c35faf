"""Fit the line model that ``clean_text`` uses on plain text (``curator/clean/textmodel``).

Trained only on the dev sets of ``../shared/realpages/`` (articles and readability), each page
rendered to text by every renderer of ``renderings.py``. Nothing from them goes into the
repository but the fitted trees (``model.json``, numbers only). Says so and exits 0 when the
folder is not there.

- Each line of a rendered page, after the line rules that run before ``outside-body``, is one
  example: the features of ``curator.clean.textmodel.features`` (no word is a feature), labelled
  article text when most of its 4-token shingles are in the gold body (a line of fewer than
  four tokens: when its tokens occur in the gold in order). Lines are weighted by words, each
  page weighing the same, since the metric averages over pages.
- Out-of-fold first: folds grouped by site (the domain's first label for articles, the id
  without its ``-N`` for readability, so that nytimes pages of both sets fall together), each
  page scored by a model that never saw its site. That score is what the targets are judged
  on; the in-sample score of the final model is printed beside it and not counted.
- The final model is fitted on every page and written to ``model.json``, after checking that
  the package's numpy evaluator gives scikit-learn's own decision function.

    .venv/bin/python scripts/train_text_model.py [--realpages DIR] [--folds 5] [--no-write]

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

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from renderings import render  # noqa: E402

from curator.clean.rules import span  # noqa: E402
from curator.clean.rules.base import Page  # noqa: E402
from curator.clean.text import clean_text, run_rules, text_rules  # noqa: E402
from curator.clean.textmodel import FEATURES, MODEL_FILE, LineModel  # noqa: E402
from curator.clean.textmodel.features import page_features  # noqa: E402
from curator.normalise import normalise_text, paragraphs  # noqa: E402

DEFAULT_REALPAGES = ROOT.parent / "shared" / "realpages"
SETS = ("articles", "readability")
THRESHOLD = 0.4  # a line adds to the run when the model gives it more than this probability (0.3 and 0.5 scored lower out of fold)
TREES, DEPTH, LEARNING_RATE = 100, 3, 0.1
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
    return run_rules(paras, tp.url, None, "text", rules=PRE_SPAN_RULES) if paras else None


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


def fit(data: list[Examples]):
    from sklearn.ensemble import GradientBoostingClassifier

    X = np.vstack([d.X for d in data])
    y = np.concatenate([d.y for d in data])
    weight = np.concatenate([d.weight for d in data]) * len(data)
    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE,
                                       init="zero", random_state=0)  # fmt: skip
    return model.fit(X, y, sample_weight=weight)


def export(model) -> dict:
    """The fitted trees as the arrays ``curator.clean.textmodel.trees`` reads."""
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        trees.append({
            "feature": t.feature.tolist(), "threshold": [round(float(x), 9) for x in t.threshold],
            "left": t.children_left.tolist(), "right": t.children_right.tolist(),
            "value": [float(v) for v in t.value[:, 0, 0]], "depth": int(t.max_depth),
        })  # fmt: skip
    return {"features": FEATURES, "threshold": THRESHOLD, "learning_rate": LEARNING_RATE,
            "intercept": 0.0, "trees": trees}  # fmt: skip


def line_model(model) -> LineModel:
    return LineModel.from_dict(json.loads(json.dumps(export(model))))


def check_evaluator(model, X: np.ndarray) -> float:
    """The largest difference between the package's evaluator and scikit-learn's."""
    ours = line_model(model).ensemble.decision(X)
    return float(np.max(np.abs(ours - model.decision_function(X))))


def fold_models(
    text_pages: list[TextPage], data: dict[int, Examples], folds: int
) -> dict[str, LineModel]:
    """For each site, the model fitted on the folds that do not hold it."""
    from sklearn.model_selection import GroupKFold

    keys = sorted(data)
    groups = np.array([text_pages[k].site for k in keys])
    out: dict[str, LineModel] = {}
    for n, (train, test) in enumerate(GroupKFold(n_splits=folds).split(keys, groups=groups), 1):
        print(
            f"  fold {n}/{folds}: fitting on {len(train)} renderings", file=sys.stderr, flush=True
        )
        model = line_model(fit([data[keys[i]] for i in train]))
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
    by_site = fold_models(text_pages, data, args.folds)
    final = fit(list(data.values()))
    gap = check_evaluator(final, np.vstack([d.X for d in data.values()]))
    print(f"evaluator check: largest difference from scikit-learn {gap:.2e}")
    if gap > 1e-6:
        print("train_text_model: the package's evaluator disagrees with scikit-learn; not written")
        return 1
    shipped = line_model(final)
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
            json.dumps(export(final), separators=(",", ":")) + "\n", encoding="utf-8"
        )
        print(f"\nwrote {MODEL_FILE.relative_to(ROOT)} ({MODEL_FILE.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
