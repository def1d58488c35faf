"""The cleaner on real pages: curator against trafilatura on ``../shared/realpages/``.

Reads the real-pages folder (pages nobody on this project wrote, with checked gold; see its
README) when it is there, and says so and exits 0 when it is not. Nothing from it is copied
into the repository: the pages are read in place and scored with ``realpages.py``'s own metric
(4-token shingles, P and R averaged over pages, F1 from the two means).

In one run, page by page and interleaved (so that CPU timings share the machine's load):

- HTML: ``curator.clean_html`` and ``trafilatura.extract`` in each of its modes (precision,
  default, recall; comments off, tables on) on the articles and readability sets: P / R / F1,
  ``with`` snippets found and ``without`` snippets leaked (articles), pages rejected, and the
  CPU time per page of curator over trafilatura's precision mode (the cost cap is 1.3x).
  A page curator rejects scores as empty: a rejected page never reaches the dataset.
- The pages where curator is furthest below trafilatura (precision mode), with the reason
  curator gave when it rejected the page.
- Removal precision of every line rule and DOM chrome class: of the 4-token shingles it
  removed, the share that are not gold body text the output lacks (a shingle removed but
  also kept elsewhere in the output, a repeat, is not counted against the rule; a removed
  line shorter than 4 tokens counts as one unit, content when it is a line of the gold, by its
  tokens, that the output lacks: a menu item "Data" is not content because the word occurs
  in a gold sentence). Rules under 200 units or 5 pages are listed, not judged; judged rules need
  >= 0.97.
- Plain text: every page rendered to chrome-included text by each renderer of
  ``renderings.py`` (settings fixed there), the raw rendering's F1 printed as the floor, and
  ``curator.clean_text`` scored on each rendering three ways: with its hand-written scores
  (``mode="rules"``), with line models fitted out of fold by ``train_text_model.py`` (folds
  grouped by site: no page is scored by a model that saw its site; this is the score the
  targets judge), and with the shipped model (in sample: printed, not counted). Then the
  removal precision of every rule on plain text, for the out-of-fold run.
- ``other/`` (pages that are not articles): the share curator rejects, by page type.
- The metadata table of ``scripts/eval_real_metadata.py`` (issue 14) when that file exists.

    .venv/bin/python scripts/eval_real.py [--realpages DIR] [--sets articles,readability]
        [--worst 15] [--no-text] [--no-other] [--no-metadata] [--json OUT] [--mode MODE]
        [--folds 5]

``--mode`` is the mode curator's cleaner runs in (``clean_html``'s, default its DEFAULT_MODE).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from renderings import RENDERERS, render  # noqa: E402

import curator.clean.html as clean_html_module  # noqa: E402
from curator.clean import clean_html, clean_text  # noqa: E402

DEFAULT_REALPAGES = ROOT.parent / "shared" / "realpages"
GOLD_SETS = ("articles", "readability")
TRAFILATURA_MODES = {
    "precision": {"favor_precision": True},
    "default": {},
    "recall": {"favor_recall": True},
}
MIN_JUDGED_UNITS, MIN_JUDGED_PAGES, MIN_RULE_PRECISION = 200, 5, 0.97
FAR_BELOW = 0.3  # a page this much F1 below trafilatura's is a loss worth naming
LISTING_TYPES = ("listing", "collection")


def load_realpages(folder: Path):
    spec = importlib.util.spec_from_file_location("realpages", folder / "realpages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class RuleStats:
    """Removal precision per rule: removed units, units that were missed gold text, pages."""

    def __init__(self, rp) -> None:
        self.rp = rp
        self.units: Counter = Counter()
        self.content: Counter = Counter()
        self.pages: dict[str, set] = defaultdict(set)

    def add(self, page_id: str, removed, output: str, gold: str) -> None:
        token = self.rp.TOKEN
        missed = self.rp.shingles(gold) - self.rp.shingles(output)
        missed_lines = self._lines(gold) - self._lines(output)
        for r in removed:
            toks = token.findall(r.text)
            if not toks:
                continue
            self.pages[r.rule].add(page_id)
            if len(toks) < 4:
                self.units[r.rule] += 1
                key = " ".join(toks)
                if missed_lines[key] > 0:
                    missed_lines[key] -= 1
                    self.content[r.rule] += 1
                continue
            for i in range(len(toks) - 3):
                sh = tuple(toks[i : i + 4])
                self.units[r.rule] += 1
                if missed[sh] > 0:
                    missed[sh] -= 1
                    self.content[r.rule] += 1

    def _lines(self, text: str) -> Counter:
        """The short lines of a text (fewer than 4 tokens), by their tokens."""
        lines = (self.rp.TOKEN.findall(line) for line in text.splitlines())
        return Counter(" ".join(t) for t in lines if 0 < len(t) < 4)

    def rows(self) -> list[dict]:
        out = []
        for rule in sorted(self.units, key=lambda r: -self.units[r]):
            units, pages = self.units[rule], len(self.pages[rule])
            prec = 1 - self.content[rule] / units if units else 1.0
            judged = units >= MIN_JUDGED_UNITS and pages >= MIN_JUDGED_PAGES
            out.append({"rule": rule, "units": units, "pages": pages, "precision": round(prec, 4),
                        "judged": judged, "ok": (prec >= MIN_RULE_PRECISION) if judged else None})  # fmt: skip
        return out


def run_set(rp, name: str, args) -> dict:
    pages = rp.load_set(name)
    if args.limit:
        pages = pages[: args.limit]
    systems = ["curator"] + [f"trafilatura-{m}" for m in TRAFILATURA_MODES]
    results: dict[str, dict] = {s: {} for s in systems}
    renders: dict[str, dict] = {r: {} for r in RENDERERS} if args.text else {}
    cpu: Counter = Counter()
    ratios = []
    rejected: dict[str, str] = {}
    stats = RuleStats(rp)
    for page in pages:
        html = gzip.decompress(page["path"].read_bytes())
        url = page.get("url")
        page_cpu = {}
        for mode, options in TRAFILATURA_MODES.items():
            start = time.process_time()
            out = trafilatura.extract(html, url=url, **options)
            page_cpu[mode] = time.process_time() - start
            results[f"trafilatura-{mode}"][page["id"]] = {"text": out or ""}
        start = time.process_time()
        cleaned = clean_html(html, url, mode=args.mode)
        page_cpu["curator"] = time.process_time() - start
        for key, value in page_cpu.items():
            cpu[key] += value
        if page_cpu["precision"] > 0:
            ratios.append(page_cpu["curator"] / page_cpu["precision"])
        text = "" if cleaned.rejected else cleaned.text
        if cleaned.rejected:
            rejected[page["id"]] = cleaned.rejected
        results["curator"][page["id"]] = {"text": text}
        stats.add(page["id"], cleaned.removed, cleaned.text, page["body"])
        if renders:
            for rname, rendered in render(html).items():
                renders[rname][page["id"]] = {"text": rendered}
    scored = {s: rp.score(pages, results[s], 0) for s in systems}
    best = max(TRAFILATURA_MODES, key=lambda m: scored[f"trafilatura-{m}"]["f1"])
    per_page = []
    for page in pages:
        _, _, f_cur = rp.page_scores(results["curator"][page["id"]]["text"], page["body"])
        _, _, f_tra = rp.page_scores(results["trafilatura-precision"][page["id"]]["text"], page["body"])  # fmt: skip
        per_page.append({"id": page["id"], "url": page.get("url"), "curator": round(f_cur, 3),
                         "trafilatura": round(f_tra, 3), "gap": round(f_tra - f_cur, 3),
                         "rejected": rejected.get(page["id"])})  # fmt: skip
    per_page.sort(key=lambda r: -r["gap"])
    ratios.sort()
    out = {
        "set": name, "pages": len(pages), "scores": scored, "best_mode": best,
        "rejected": len(rejected), "far_below": [r for r in per_page if r["gap"] > FAR_BELOW],
        "worst": per_page[: args.worst], "rules": stats.rows(),
        "cpu_ms_per_page": {k: round(1000 * v / len(pages), 2) for k, v in cpu.items()},
        "cost_ratio_total": round(cpu["curator"] / cpu["precision"], 3) if cpu["precision"] else None,
        "cost_ratio_median": round(ratios[len(ratios) // 2], 3) if ratios else None,
    }  # fmt: skip
    if renders:
        out["text"] = {r: {"floor": rp.score(pages, renders[r], 0)} for r in renders}
        out["renders"] = renders  # scored by run_text once every set is rendered
    return out


TEXT_COUNTED = "model, out of fold"
TEXT_SCORINGS = {  # what clean_text is scored with; only the first two count
    "rules": "the hand-written scores (mode='rules', the fallback)",
    TEXT_COUNTED: "the line model fitted without the page's site (what the targets judge)",
    "model, in sample": "the shipped model, fitted on these pages too (printed, not counted)",
}


def run_text(rp, sets: list[dict], folds: int) -> dict:
    """clean_text on every rendering of every set: with the hand-written scores, with line
    models fitted out of fold by scripts/train_text_model.py (folds grouped by site) and with
    the shipped model; removal precision by rule of the counted one."""
    import train_text_model as ttm

    from curator.clean.textmodel import default_model

    golds = {s["set"]: {p["id"]: p for p in rp.load_set(s["set"])} for s in sets}
    text_pages = [
        ttm.TextPage(s["set"], pid, ttm.site_of(s["set"], golds[s["set"]][pid]),
                     golds[s["set"]][pid].get("url"), r, v["text"], golds[s["set"]][pid]["body"])
        for s in sets for r, by_id in s.pop("renders").items() for pid, v in by_id.items()
    ]  # fmt: skip
    print(f"eval_real: fitting {folds} out-of-fold line models ...", file=sys.stderr, flush=True)
    by_site = ttm.fold_models(text_pages, ttm.examples(rp, text_pages), folds)
    options = {
        "rules": lambda tp: {"mode": "rules"},
        TEXT_COUNTED: lambda tp: {"line_model": by_site[tp.site]},
        "model, in sample": lambda tp: {"line_model": default_model()},
    }
    scored: dict[str, dict] = {}
    stats = {name: RuleStats(rp) for name in golds}
    for label, option in options.items():
        preds: dict[tuple[str, str], dict] = defaultdict(dict)
        for tp in text_pages:
            c = clean_text(tp.text, tp.url, **option(tp))
            preds[(tp.set, tp.renderer)][tp.id] = {"text": "" if c.rejected else c.text}
            if label == TEXT_COUNTED:
                stats[tp.set].add(f"{tp.id}/{tp.renderer}", c.removed, c.text, tp.gold)
        for (name, renderer), pred in preds.items():
            pages = [golds[name][pid] for pid in pred]
            scored.setdefault(name, {}).setdefault(renderer, {})[label] = rp.score(pages, pred, 0)
    return {"scores": scored, "rules": {name: st.rows() for name, st in stats.items()}}


def run_other(rp, mode: str) -> dict:
    pages = rp.load_set("other")
    by_type: dict[str, list[int]] = defaultdict(list)
    for page in pages:
        html = gzip.decompress(page["path"].read_bytes())
        cleaned = clean_html(html, page.get("url"), mode=mode)
        by_type[page["page_type"]].append(int(bool(cleaned.rejected or not cleaned.text)))
    return {t: {"rejected": sum(v), "pages": len(v)} for t, v in sorted(by_type.items())}


def _f(x: float) -> str:
    return f"{x:.3f}"


def print_text(sets: list[dict], text: dict) -> None:
    print("\n## Plain text: each rendering's raw F1 (the floor) and clean_text on it\n")
    for label, what in TEXT_SCORINGS.items():
        print(f"- {label}: {what}")
    print("\n| set | renderer | clean_text scored with | P / R / F1 | F1 - clean_html's (target >= -0.03) |")  # fmt: skip
    print("|---|---|---|---|---|")
    for s in sets:
        for r, sc in s.get("text", {}).items():
            fl = sc["floor"]
            print(f"| {s['set']} | {r} | raw rendering (floor) | {_f(fl['precision'])} / {_f(fl['recall'])} / {_f(fl['f1'])} | |")  # fmt: skip
            for label, ct in text["scores"][s["set"]][r].items():
                gap = ct["f1"] - s["scores"]["curator"]["f1"]
                print(f"| {s['set']} | {r} | {label} | {_f(ct['precision'])} / {_f(ct['recall'])} / {_f(ct['f1'])} | {gap:+.3f} |")  # fmt: skip
    print(f"\n## Removal precision by rule, plain text ({TEXT_COUNTED}, both renderers)\n")
    print_rule_table([row for rows in text["rules"].values() for row in rows])


def print_rule_table(rows: list[dict]) -> None:
    units: Counter = Counter()
    content: Counter = Counter()
    pages: Counter = Counter()
    for r in rows:
        units[r["rule"]] += r["units"]
        content[r["rule"]] += round(r["units"] * (1 - r["precision"]))
        pages[r["rule"]] += r["pages"]
    print("| rule | units removed | pages | removal precision | verdict |")
    print("|---|---|---|---|---|")
    for rule in sorted(units, key=lambda r: -units[r]):
        prec = 1 - content[rule] / units[rule]
        judged = units[rule] >= MIN_JUDGED_UNITS and pages[rule] >= MIN_JUDGED_PAGES
        verdict = ("ok" if prec >= MIN_RULE_PRECISION else "BELOW 0.97") if judged else "listed"
        print(f"| {rule} | {units[rule]} | {pages[rule]} | {_f(prec)} | {verdict} |")


def print_report(sets: list[dict], other: dict | None) -> None:
    print("## HTML: P / R / F1 (4-token shingles; a rejected page is empty)\n")
    print("| set | system | P | R | F1 | with found | without leaked | empty | ms CPU/page |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in sets:
        for system, sc in s["scores"].items():
            mode = system.removeprefix("trafilatura-")
            ms = s["cpu_ms_per_page"].get("curator" if system == "curator" else mode)
            print(f"| {s['set']} | {system} | {_f(sc['precision'])} | {_f(sc['recall'])} | "
                  f"{_f(sc['f1'])} | {sc.get('with_found', '-')} | {sc.get('without_leaked', '-')} | "
                  f"{sc['empty']} | {ms} |")  # fmt: skip
    print("\n## Targets\n")
    print(
        "| set | best trafilatura mode (F1, P) | curator F1 - (best + 0.01) | curator P - best P "
        "| pages > 0.3 below | rejected | CPU ratio (total, median) |"
    )
    print("|---|---|---|---|---|---|---|")
    for s in sets:
        best = s["scores"][f"trafilatura-{s['best_mode']}"]
        cur = s["scores"]["curator"]
        print(f"| {s['set']} | {s['best_mode']} ({_f(best['f1'])}, {_f(best['precision'])}) | "
              f"{cur['f1'] - best['f1'] - 0.01:+.3f} | {cur['precision'] - best['precision']:+.3f} | "
              f"{len(s['far_below'])} | {s['rejected']}/{s['pages']} | "
              f"{s['cost_ratio_total']}x, {s['cost_ratio_median']}x |")  # fmt: skip
    for s in sets:
        print(f"\n## {s['set']}: pages furthest below trafilatura (precision mode)\n")
        print("| page | curator F1 | trafilatura F1 | gap | rejected as |")
        print("|---|---|---|---|---|")
        for r in s["worst"]:
            if r["gap"] <= 0:
                break
            print(f"| {r['id']} | {r['curator']} | {r['trafilatura']} | {r['gap']} | {r['rejected'] or ''} |")  # fmt: skip
    print("\n## Removal precision by rule, HTML (both sets together)\n")
    print_rule_table([r for s in sets for r in s["rules"]])
    if other:
        print("\n## other/: pages that are not articles, share rejected by type\n")
        print("| page type | rejected | pages | share |")
        print("|---|---|---|---|")
        for t, v in other.items():
            print(f"| {t} | {v['rejected']} | {v['pages']} | {v['rejected'] / v['pages']:.2f} |")
        lst = [other[t] for t in LISTING_TYPES if t in other]
        if lst:
            rej, n = sum(v["rejected"] for v in lst), sum(v["pages"] for v in lst)
            print(f"| listing + collection | {rej} | {n} | {rej / n:.2f} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES)
    ap.add_argument("--sets", default=",".join(GOLD_SETS))
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-text", dest="text", action="store_false", help="skip the plain-text renderings")  # fmt: skip
    ap.add_argument("--no-other", dest="other", action="store_false", help="skip other/")
    ap.add_argument("--no-metadata", dest="metadata", action="store_false", help="skip the issue 14 table")  # fmt: skip
    ap.add_argument("--folds", type=int, default=5, help="out-of-fold line models for plain text")
    ap.add_argument("--json", type=Path, help="also write the full results here")
    modes = [*clean_html_module.MODES, clean_html_module.VOTE_MODE]
    ap.add_argument("--mode", choices=modes, default=clean_html_module.DEFAULT_MODE,
                    help="the cleaner's mode (clean_html's mode=)")  # fmt: skip
    args = ap.parse_args()
    if not (args.realpages / "realpages.py").exists():
        print(f"eval_real: {args.realpages} is not there (no real pages to score); nothing done.")
        return 0
    # removed blocks in full, not shortened for --explain, so that each shingle is counted
    clean_html_module.MAX_EXPLAIN_CHARS = 10**9
    rp = load_realpages(args.realpages)
    sets = [run_set(rp, name, args) for name in args.sets.split(",") if name]
    text = run_text(rp, sets, args.folds) if args.text else None
    other = run_other(rp, args.mode) if args.other else None
    print_report(sets, other)
    if text:
        print_text(sets, text)
    sys.stdout.flush()
    # ---- issue 14 hook: the real-page metadata table, when scripts/eval_real_metadata.py exists
    try:
        import eval_real_metadata  # type: ignore[import-not-found]
    except ImportError:
        eval_real_metadata = None
    if not args.metadata:
        eval_real_metadata = None
    if eval_real_metadata is not None:
        eval_real_metadata.REALPAGES = Path(args.realpages)  # the folder this run measures
        print("\n## Metadata on real pages (scripts/eval_real_metadata.py)\n")
        if hasattr(eval_real_metadata, "metadata_table"):
            print(eval_real_metadata.metadata_table())
        else:
            eval_real_metadata.main([])
    # ---- end of issue 14 hook
    if args.json:
        args.json.write_text(
            json.dumps(
                {"sets": sets, "text": text and {"scores": text["scores"]}, "other": other},
                indent=1,
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
