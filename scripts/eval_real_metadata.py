"""Metadata on real pages: curator.extract beside trafilatura + htmldate, on ../shared/realpages.

Reads the real-pages sets (``articles``, ``readability``) from ../shared/realpages/ when that
folder is there (it is never copied into this repository); without it, says so and exits 0.
Scored as realpages.py scores them: title exact, author found / exact set / false names per
page (names split on commas and "and", lower-cased), publication day right. The peer is
trafilatura's ``bare_extraction`` metadata (title, author) and
``htmldate.find_date(extensive_search=True, original_date=True)`` (publication day), measured
in the same run.

    .venv/bin/python scripts/eval_real_metadata.py              # the table
    .venv/bin/python scripts/eval_real_metadata.py --false      # + the false author names
    .venv/bin/python scripts/eval_real_metadata.py --sources    # + each date source, right/wrong,
                                                                # and the pages curator dates wrong

``metadata_table()`` returns the table (scripts/eval_real.py prints it beside the cleaner's).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
import warnings
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REALPAGES = ROOT.parent / "shared" / "realpages"
SETS = ("articles", "readability")
sys.path.insert(0, str(ROOT))


def available() -> bool:
    return (REALPAGES / "realpages.py").exists()


@cache
def _scorer() -> Any:
    """realpages.py's own loaders and name splitting, so the numbers are its numbers."""
    spec = importlib.util.spec_from_file_location("realpages", REALPAGES / "realpages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _peer(html: bytes, url: str | None) -> dict[str, Any]:
    import trafilatura
    from htmldate import find_date

    try:
        doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True)
    except Exception:
        doc = None
    get = (lambda k: getattr(doc, k, None)) if doc is not None else (lambda k: None)
    try:
        date = find_date(html, extensive_search=True, original_date=True)
    except Exception:
        date = None
    return {"title": get("title"), "authors": get("author"), "published": date}


def _ours(html: bytes, url: str | None) -> dict[str, Any]:
    import curator

    res = curator.extract(html, url)
    return {"title": res.title, "authors": res.authors, "published": res.published}


def _names(value: Any) -> list[str]:
    rp = _scorer()
    if isinstance(value, str):
        return rp.split_names(value)
    return [n for a in value or [] for n in rp.split_names(a)]


class Tally:
    def __init__(self) -> None:
        self.n = Counter()
        self.false_names: Counter = Counter()

    def add(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        rp = _scorer()
        if gold.get("title"):
            self.n["title_n"] += 1
            self.n["title_ok"] += rp.squash(pred.get("title")) == rp.squash(gold["title"])
        if gold.get("author"):
            self.n["author_n"] += 1
            want, got = rp.split_names(gold["author"]), _names(pred.get("authors"))
            self.n["author_ok"] += any(g in got for g in want)
            self.n["author_exact"] += set(got) == set(want)
            false = [n for n in got if n not in want]
            self.n["author_false"] += len(false)
            self.false_names.update(false)
        if gold.get("published"):
            self.n["date_n"] += 1
            self.n["date_ok"] += (
                str(pred.get("published") or "")[:10] == str(gold["published"])[:10]
            )

    def rate(self, ok: str, n: str) -> str:
        return f"{self.n[ok] / self.n[n]:.3f}" if self.n[n] else "-"


@cache
def measure() -> dict[str, dict[str, Tally]]:
    """{set: {"peer": Tally, "curator": Tally, "pooled-*": ...}} over both sets."""
    rp = _scorer()
    out: dict[str, dict[str, Tally]] = {}
    pooled = {"peer": Tally(), "curator": Tally()}
    warnings.simplefilter("ignore")
    for name in SETS:
        tallies = {"peer": Tally(), "curator": Tally()}
        for page in rp.load_set(name):
            html = gzip.decompress(page["path"].read_bytes())
            for who, func in (("peer", _peer), ("curator", _ours)):
                try:
                    pred = func(html, page.get("url"))
                except Exception:
                    pred = {}
                tallies[who].add(page, pred)
                pooled[who].add(page, pred)
        out[name] = tallies
    out["pooled"] = pooled
    return out


ROWS = [
    ("publication day right (htmldate alone)", "date_ok", "date_n"),
    ("author found (trafilatura)", "author_ok", "author_n"),
    ("author exact set (trafilatura)", "author_exact", "author_n"),
    ("names that are not the author, per page (trafilatura)", "author_false", "author_n"),
    ("title exact (trafilatura)", "title_ok", "title_n"),
]


def metadata_table() -> str:
    """The metadata table (Markdown) on the real pages, or a line saying they are absent."""
    if not available():
        return f"real pages not found at {REALPAGES}: metadata table skipped"
    results = measure()
    head = ["field"]
    for name in (*SETS, "pooled"):
        n = results[name]["peer"].n
        head.append(
            f"{name} ({n['title_n'] or n['author_n']} / dated {n['date_n']}): peer / curator"
        )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, ok, n in ROWS:
        cells = [label]
        for name in (*SETS, "pooled"):
            peer, ours = results[name]["peer"], results[name]["curator"]
            cells.append(f"{peer.rate(ok, n)} / {ours.rate(ok, n)}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def false_names(limit: int = 60) -> str:
    results = measure()
    lines = []
    for name in SETS:
        tally = results[name]["curator"]
        total = sum(tally.false_names.values())
        lines.append(f"{name}: {total} names given as authors that are not the gold's")
        lines += [f"  {count:3d}  {n}" for n, count in tally.false_names.most_common(limit)]
    return "\n".join(lines)


def date_sources(limit: int = 40) -> str:
    """For each date source, on how many dated pages its first value is right / wrong; then
    the pages where curator's day is wrong, with htmldate's and every source's first value
    (the evidence a precedence or a vote rule is chosen on)."""
    from htmldate import find_date

    from curator.clean import CleanStep
    from curator.pipeline import Document
    from curator.record import parse_datetime
    from curator.tag import choose_metadata, gather, text_fields
    from curator.tag.dates import parse_iso

    rp = _scorer()
    right: Counter = Counter()
    wrong: Counter = Counter()
    misses: list[str] = []
    now = datetime.now(UTC)  # as curator.extract: the page is fetched now
    for name in SETS:
        for page in rp.load_set(name):
            if not page.get("published"):
                continue
            html = gzip.decompress(page["path"].read_bytes())
            doc = Document(raw=html)
            doc.record["url"] = page.get("url")
            CleanStep().process(doc)
            if doc.cleaned is None:
                continue
            lang = text_fields(doc.cleaned.text)["language"]
            cands = gather(doc.cleaned, page.get("url"), {}, lang, now)
            firsts: dict[str, Any] = {}
            for source, value in cands.get("published", []):
                parsed = value if hasattr(value, "date") else parse_iso(str(value))
                if parsed and source not in firsts:
                    firsts[source] = parsed
            found = find_date(html, extensive_search=True, original_date=True)
            if found:
                firsts["htmldate-ext"] = parse_datetime(found)
            gold = str(page["published"])[:10]
            for source, value in firsts.items():
                ok = str(value.date()) == gold
                (right if ok else wrong)[source] += 1
            local: dict[str, Any] = {}
            _, provenance = choose_metadata(cands, page.get("url"), now, doc.cleaned.tree, local)
            ours = local.get("published")
            if ours is None or str(ours.date()) != gold:
                values = ", ".join(f"{s} {v.isoformat()}" for s, v in firsts.items())
                misses.append(
                    f"{name}/{page['id']}: gold {gold}, curator "
                    f"{ours.date() if ours else None} ({provenance.get('published')}); {values}"
                )
    lines = ["| date source | right | wrong |", "|---|---|---|"]
    for source in sorted(set(right) | set(wrong), key=lambda s: -(right[s] + wrong[s])):
        lines.append(f"| {source} | {right[source]} | {wrong[source]} |")
    lines += ["", f"pages where curator's day is wrong ({len(misses)}):"]
    lines += [f"  {m}" for m in misses[:limit]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global REALPAGES
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--false", action="store_true", help="list the false author names")
    ap.add_argument("--sources", action="store_true", help="right/wrong per date source")
    ap.add_argument("--realpages", type=Path, default=REALPAGES, help="the real-pages folder")
    args = ap.parse_args(argv)
    REALPAGES = args.realpages
    if not available():
        print(f"real pages not found at {REALPAGES}: nothing to measure (skipped)")
        return 0
    print(metadata_table())
    if args.false:
        print()
        print(false_names())
    if args.sources:
        print()
        print(date_sources())
    return 0


if __name__ == "__main__":
    sys.exit(main())
