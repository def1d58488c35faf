"""Per-field accuracy of the tagger against labelled pages, beside trafilatura's own metadata.

Pages: tests/data/tagger/labels.json (written by us, tricky metadata) and, when present,
datasets/raw/news-sample/ (manifest.json + expected/*.json). Pages flagged ``holdout`` were
kept out of all tuning and are reported on their own line. The hand-written plain-text pages
of tests/data/cleaner (same manifest format) get a column of their own ("new text").

    .venv/bin/python scripts/eval_tagger.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from curator.clean import clean_html, clean_text  # noqa: E402
from curator.pipeline import Document  # noqa: E402
from curator.record import parse_datetime  # noqa: E402
from curator.tag import tag_document  # noqa: E402

FIELDS = [
    "title",
    "authors",
    "published",
    "published_day",
    "modified",
    "site_name",
    "section",
    "language",
    "canonical_url",
]
OURS_ONLY = {
    "language",
    "section",
    "canonical_url",
    "modified",
}  # trafilatura has no comparable field


def load_tagger_pages() -> list[dict[str, Any]]:
    base = ROOT / "tests/data/tagger"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))
    return [
        {"name": k, "path": base / v.pop("file"), "set": "tagger", **v} for k, v in labels.items()
    ]


def load_sample_pages(
    base: Path = ROOT / "datasets/raw/news-sample", group: str = "sample"
) -> list[dict[str, Any]]:
    """The sample corpus (read-only): every page whose expected record is an article. Hints
    are what the manifest reader passes on (the manifest's site name)."""
    manifest = base / "manifest.json"
    if not manifest.exists():
        return []
    pages = []
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["pages"]:
        expected_path = base / (entry.get("expected") or "")
        if not entry.get("expected") or not expected_path.is_file():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        if not expected.get("is_article", True):
            continue
        expected.pop("text", None)
        pages.append({
            "name": entry["id"], "path": base / entry["file"], "set": group, "url": entry.get("url"),
            "fetched_at": entry.get("fetched_at"), "hints": {"site_name": entry.get("site")} if entry.get("site") else {},
            "form": entry.get("form"), "holdout": bool(entry.get("holdout")), "expected": expected,
        })  # fmt: skip
    return pages


def run_ours(page: dict[str, Any]) -> dict[str, Any]:
    raw = page["path"].read_bytes()
    form = page.get("form") or ("text" if page["path"].suffix == ".txt" else "html")
    cleaned = clean_html(raw, page["url"]) if form == "html" else clean_text(raw, page["url"])
    doc = Document(raw=raw, form=form, hints=page.get("hints") or {}, cleaned=cleaned)
    doc.record["url"], doc.record["fetched_at"] = page["url"], page.get("fetched_at")
    tag_document(doc)
    return doc.record


def run_trafilatura(page: dict[str, Any]) -> dict[str, Any]:
    if page["path"].suffix == ".txt":
        return {}
    doc = trafilatura.bare_extraction(
        page["path"].read_text(encoding="utf-8", errors="replace"),
        url=page["url"],
        with_metadata=True,
    )
    if doc is None:
        return {}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {
        "title": doc.title,
        "authors": authors,
        "published": doc.date,
        "site_name": doc.sitename,
    }


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip().casefold()
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def _date(value: Any, day: bool) -> str | None:
    parsed = parse_datetime(value) if value else None
    if parsed is None:
        return None
    return parsed.strftime("%Y-%m-%d") if day else parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


def correct(field: str, got: dict[str, Any], expected: dict[str, Any]) -> bool | None:
    """None when the page's label does not score this field."""
    name = "published" if field == "published_day" else field
    if name not in expected:
        return None
    want, have = expected[name], got.get(name)
    if name in {"published", "modified"}:
        return _date(want, field == "published_day") == _date(have, field == "published_day")
    if name == "authors":
        return sorted(_fold(want or [])) == sorted(_fold(have or []))
    return _fold(want if want not in ("", []) else None) == _fold(
        have if have not in ("", []) else None
    )


def score(pages: list[dict[str, Any]], key: str, show: bool) -> dict[str, tuple[int, int]]:
    totals: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    for page in pages:
        for field in FIELDS:
            ok = correct(field, page[key], page["expected"])
            if ok is None:
                continue
            totals[field][1] += 1
            totals[field][0] += ok
            if show and not ok and key == "ours":
                name = "published" if field == "published_day" else field
                print(
                    f"  MISS {page['name']:<32} {field:<14} want={page['expected'].get(name)!r} got={page[key].get(name)!r}"
                )
    return {f: (a, n) for f, (a, n) in totals.items()}


def cell(result: tuple[int, int]) -> str:
    right, total = result
    return f"{100 * right / total:.1f}% ({right}/{total})" if total else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    pages = load_tagger_pages() + load_sample_pages()
    pages += load_sample_pages(ROOT / "tests/data/cleaner", "new")
    start = time.perf_counter()
    for page in pages:
        page["ours"] = run_ours(page)
    ours_seconds = time.perf_counter() - start
    for page in pages:
        page["trafilatura"] = run_trafilatura(page)
    groups = [
        ("tuned, html", [p for p in pages if not p["holdout"] and p["path"].suffix != ".txt"]),
        (
            "tuned, text",
            [
                p
                for p in pages
                if not p["holdout"] and p["path"].suffix == ".txt" and p["set"] != "new"
            ],
        ),
        ("holdout, html", [p for p in pages if p["holdout"] and p["path"].suffix != ".txt"]),
        ("holdout, text", [p for p in pages if p["holdout"] and p["path"].suffix == ".txt"]),
        ("new text", [p for p in pages if p["set"] == "new"]),
    ]
    ms = 1000 * ours_seconds / max(len(pages), 1)
    print(f"{len(pages)} pages; clean+tag {ms:.1f} ms/page. Cells: curator / trafilatura.")
    print("canonical_url is scored on HTML only: a text page declares none (it stays null).\n")
    print(f"{'field':<15}" + "".join(f"{f'{name} ({len(g)})':>32}" for name, g in groups))
    results = [
        (
            score(
                g, "ours", args.show_errors and name != "holdout, html" and name != "holdout, text"
            ),
            score(g, "trafilatura", False),
        )
        for name, g in groups
    ]
    for field in FIELDS:
        cells = []
        for (ours, traf), (name, _) in zip(results, groups, strict=True):
            if field == "canonical_url" and "text" in name:
                cells.append("—")
                continue
            skip = field in OURS_ONLY or "text" in name  # trafilatura reads HTML only
            theirs = "—" if skip else cell(traf[field]).split(" ")[0]
            cells.append(f"{cell(ours[field])} / {theirs}")
        print(f"{field:<15}" + "".join(f"{c:>32}" for c in cells))


if __name__ == "__main__":
    main()
