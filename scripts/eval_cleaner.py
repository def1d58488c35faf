"""Benchmark of the cleaner against the hand-labelled sample corpus.

For every article page of the corpus (expected ``is_article``), in its HTML and its
plain-text form, scores the kept text against the expected body: precision, recall and F1
of the bag of word tokens (lower-cased, ``curator.normalise.words``), per page, then averaged.
A rejected page scores 0. Beside curator it runs trafilatura alone in each of its modes
(default, favor_precision, favor_recall; deduplicate and comments off) on the same HTML;
for plain-text pages, where trafilatura cannot run, the baseline is the raw text (identity).
Non-article pages count as correct when the system rejects them (gives no text).

Rows: HTML pages, text pages, and the held-out site (``holdout: true``, kept out of all rule
tuning) on their own lines as the honest estimate for unseen sites; then the hand-written
plain-text pages of ``--extra`` (tests/data/cleaner: fictional sites with varied chrome, same
manifest and label format) on a row of their own. ``--modes`` adds curator
run with each trafilatura mode on the tuning pages (DEFAULT_MODE is chosen on real pages, by
scripts/eval_real.py).
``--details`` lists the worst tuning pages (never held-out ones).

    .venv/bin/python scripts/eval_cleaner.py [--corpus datasets/raw/news-sample]
        [--extra tests/data/cleaner] [--modes] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curator.clean import clean_html, clean_text  # noqa: E402
from curator.clean.html import DEFAULT_MODE, MODES  # noqa: E402
from curator.normalise import normalise_text, words  # noqa: E402

System = Callable[[bytes, str | None], str]
ROWS = [("HTML pages", "html", False, "sample"), ("text pages", "text", False, "sample"),
        ("held-out site HTML", "html", True, "sample"), ("held-out site text", "text", True, "sample"),
        ("new text pages", "text", False, "extra")]  # fmt: skip


@dataclass
class Case:
    id: str
    form: str
    holdout: bool
    url: str | None
    raw: bytes
    is_article: bool
    expected: str
    group: str = "sample"


def load(corpus: Path, group: str = "sample") -> list[Case]:
    manifest = json.loads((corpus / "manifest.json").read_text("utf-8"))
    cases = []
    for page in manifest["pages"]:
        expected = json.loads((corpus / page["expected"]).read_text("utf-8"))
        cases.append(Case(page["id"], page["form"], bool(page.get("holdout")), page.get("url"),
                          (corpus / page["file"]).read_bytes(), bool(expected.get("is_article")),
                          expected.get("text") or "", group))  # fmt: skip
    return cases


def prf(got: str, want: str) -> tuple[float, float, float]:
    g, w = Counter(x.lower() for x in words(got)), Counter(x.lower() for x in words(want))
    common = sum((g & w).values())
    if not g or not w or not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return p, r, 2 * p * r / (p + r)


def trafilatura_alone(mode: str) -> System:
    def run(raw: bytes, url: str | None) -> str:
        try:
            out = trafilatura.extract(
                raw.decode("utf-8", "replace"),
                url=url,
                deduplicate=False,
                include_comments=False,
                **MODES[mode],
            )
        except Exception:
            return ""
        return normalise_text(out or "")

    return run


def curator_html(mode: str) -> System:
    def run(raw: bytes, url: str | None) -> str:
        cleaned = clean_html(raw, url, mode=mode)
        return "" if cleaned.rejected else cleaned.text

    return run


def curator_text(raw: bytes, url: str | None) -> str:
    cleaned = clean_text(raw, url)
    return "" if cleaned.rejected else cleaned.text


def identity(raw: bytes, url: str | None) -> str:
    return normalise_text(raw.decode("utf-8", "replace"))


def systems_for(form: str) -> dict[str, System | None]:
    base: dict[str, System | None] = {"raw text": identity if form == "text" else None}
    for mode in MODES:
        base[f"trafilatura {mode}"] = trafilatura_alone(mode) if form == "html" else None
    base["curator"] = curator_html(DEFAULT_MODE) if form == "html" else curator_text
    return base


def score(
    cases: list[Case], system: System
) -> tuple[tuple[float, float, float], int, list[tuple[float, str]]]:
    """Mean (P, R, F1) over article cases, non-articles rejected, and per-page F1."""
    per_page, rejected = [], 0
    for case in cases:
        got = system(case.raw, case.url)
        if case.is_article:
            per_page.append((prf(got, case.expected), case.id))
        elif not got.strip():
            rejected += 1
    means = tuple(mean(s[i] for s, _ in per_page) if per_page else 0.0 for i in range(3))
    return means, rejected, [(s[2], cid) for s, cid in per_page]  # type: ignore[return-value]


def table(cases: list[Case]) -> str:
    names = list(systems_for("html"))
    header = f"{'pages':<20} {'n':>3} {'non-art':>7}  " + "  ".join(f"{n:^20}" for n in names)
    lines = [header, f"{'':<32}  " + "  ".join(f"{'P    R    F1':^20}" for _ in names)]
    for label, form, holdout, group in ROWS:
        subset = [c for c in cases if c.form == form and c.holdout == holdout and c.group == group]
        if not subset:
            continue
        arts, non = sum(c.is_article for c in subset), sum(not c.is_article for c in subset)
        cells, rej = [], []
        for system in systems_for(form).values():
            if system is None:
                cells.append(f"{'-':^20}")
                continue
            (p, r, f), n_rej, _ = score(subset, system)
            cells.append(f"{p:.3f} {r:.3f} {f:.3f}".center(20))
            rej.append(n_rej)
        lines.append(f"{label:<20} {arts:>3} {f'{rej[-1]}/{non}':>7}  " + "  ".join(cells))
    return "\n".join(lines)


def modes_table(cases: list[Case]) -> str:
    subset = [c for c in cases if c.form == "html" and not c.holdout and c.group == "sample"]
    lines = [
        "curator on the tuning HTML pages, by trafilatura mode (DEFAULT_MODE is chosen on real pages: scripts/eval_real.py):"
    ]
    for mode in MODES:
        (p, r, f), n_rej, _ = score(subset, curator_html(mode))
        lines.append(
            f"  {mode:<10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  non-articles rejected {n_rej}"
        )
    return "\n".join(lines)


def details(cases: list[Case], worst: int = 12) -> str:
    lines = ["worst tuning pages (curator F1):"]
    for form in ("html", "text"):
        subset = [c for c in cases if c.form == form and not c.holdout]  # new pages included
        _, _, per_page = score(subset, systems_for(form)["curator"])  # type: ignore[arg-type]
        lines += [f"  {f:.3f}  {cid}" for f, cid in sorted(per_page)[:worst]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("datasets/raw/news-sample"))
    ap.add_argument("--extra", type=Path, default=Path("tests/data/cleaner"))
    ap.add_argument(
        "--modes", action="store_true", help="compare curator under each trafilatura mode"
    )
    ap.add_argument("--details", action="store_true", help="list the worst tuning pages")
    args = ap.parse_args(argv)
    cases = load(args.corpus)
    if (args.extra / "manifest.json").is_file():
        cases += load(args.extra, "extra")
    print(
        f"curator uses trafilatura mode {DEFAULT_MODE!r}; non-art = non-article pages curator rejected"
    )
    print(table(cases))
    if args.modes:
        print(modes_table(cases))
    if args.details:
        print(details(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
