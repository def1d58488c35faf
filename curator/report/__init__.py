"""``curator report PATH``: one self-contained HTML page about a built dataset (no network needed
to view it: the charts are inline SVG drawn with matplotlib, there is no script), and the
card's chart pictures (``assets/*.png``).

A reader of a dataset folder and nothing else: the manifest, the shards' columns it charts,
each version's report (rejects, duplicates) and the run reports (``.curator/reports/runs/``).
It sits above the packager; no stage imports it, and matplotlib is imported only here."""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import NotADataset
from ..layout import Layout
from ..package.card import CARD_CHARTS, reasons
from ..package.manifest import Manifest, load_manifest
from ..package.parquet import shard_path

COLUMNS = ["source", "language", "published", "word_count", "quality"]


@dataclass
class ReportData:
    """What the page shows, read from the folder."""

    name: str
    version: dict[str, Any]
    versions: list[dict[str, Any]]
    languages: Counter = field(default_factory=Counter)
    hosts: Counter = field(default_factory=Counter)
    months: Counter = field(default_factory=Counter)
    words: list[int] = field(default_factory=list)
    quality: dict[str, list[float]] = field(default_factory=dict)
    rejects: Counter = field(default_factory=Counter)
    duplicates: Counter = field(default_factory=Counter)
    run: dict[str, Any] | None = None
    by_host: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _run_of(layout: Layout, version: str, latest: bool) -> Path | None:
    """The run report to show: the run that wrote ``version`` (its ``run.json``), or for the
    latest version the newest run (which may have written nothing since)."""
    runs = sorted(p for p in layout.runs.iterdir() if p.is_dir()) if layout.runs.is_dir() else []
    if latest and runs:
        return runs[-1]
    linked = _read_json(layout.version_reports(version) / "run.json", {}).get("run")
    return layout.runs / linked if linked and (layout.runs / linked).is_dir() else None


def collect(dataset: Path, version: str | None = None) -> ReportData:
    """Read what the report shows for ``version`` (default: the latest)."""
    import pyarrow.parquet as pq

    dataset = Path(dataset)
    manifest = load_manifest(dataset)
    if manifest is None or manifest.latest is None:
        raise NotADataset(dataset)
    entry = manifest.version(version) if version else manifest.latest
    upto = manifest.versions[: manifest.versions.index(entry) + 1]
    data = ReportData(name=manifest.name, version=entry, versions=upto)
    for rel in entry["shards"]:
        path = shard_path(dataset, rel)
        names = pq.read_schema(path).names
        table = pq.read_table(path, columns=[c for c in COLUMNS if c in names])
        cols = {c: table.column(c).to_pylist() for c in table.column_names}
        data.languages.update(v or "unknown" for v in cols.get("language", []))
        data.hosts.update(v or "unknown" for v in cols.get("source", []))
        data.months.update(
            v.strftime("%Y-%m") if v else "unknown" for v in cols.get("published", [])
        )
        data.words += [v for v in cols.get("word_count", []) if v is not None]
        for q in cols.get("quality", []):
            for key, value in (q or {}).items():
                data.quality.setdefault(key, []).append(value)
    found = reasons(dataset, Manifest(manifest.name, upto, manifest.shards))
    if found:
        data.rejects, data.duplicates = found
    layout = Layout(dataset)
    run = _run_of(layout, entry["version"], entry is manifest.latest)
    if run is not None:
        data.run = {"run": run.name, **_read_json(run / "summary.json", {})}
        data.by_host = _read_json(run / "hosts.json", {}) or {}
        data.failures = _read_json(run / "failures.json", []) or []
    return data


def _charts(data: ReportData, only=None) -> list[tuple[str, str, Any]]:
    """(file name, caption, figure) for every chart of the page (or those named in
    ``only``), in its order. Figures are drawn only when asked for."""
    from . import charts as c

    drawn = [
        ("versions.png", "Articles per version over time", lambda: c.versions_chart(data.versions)),
        ("languages.png", "Languages", lambda: c.languages_chart(dict(data.languages))),
        ("hosts.png", "Top hosts", lambda: c.hosts_chart(dict(data.hosts))),
        ("published.png", "Publication dates", lambda: c.published_chart(dict(data.months))),
        ("words.png", "Word counts", lambda: c.histogram(data.words, "Word count distribution", "words per article")),
        ("rejects.png", "Reject reasons", lambda: c._barh(dict(data.rejects), "Why pages were rejected (all versions so far)", "pages")),
        ("duplicates.png", "Duplicate reasons", lambda: c._barh(dict(data.duplicates), "Why pages were dropped as duplicates", "pages")),
        ("fetch.png", "Fetch outcomes per host", lambda: c.fetch_chart(data.by_host)),
        ("quality.png", "Quality signals", lambda: c.quality_chart(data.quality)),
    ]  # fmt: skip
    return [
        (name, caption, draw()) for name, caption, draw in drawn if only is None or name in only
    ]


def card_pictures(dataset: Path) -> dict[str, bytes]:
    """The card's charts (``CARD_CHARTS``) of the latest version: path in the dataset
    (``assets/<name>.png``) -> PNG bytes."""
    from .charts import png

    folder = Layout(Path(dataset)).relative(Layout(Path(dataset)).assets)
    return {f"{folder}/{name}": png(fig) for name, _, fig in _charts(collect(dataset), CARD_CHARTS)}


def _failures_table(failures: list[dict[str, Any]]) -> str:
    if not failures:
        return "<p>No page failed to be fetched in this run.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(str(f.get('host', '')))}</td><td>{int(f.get('count', 0))}</td>"
        f"<td>{html.escape(str(f.get('first_url', '')))}</td><td>{html.escape(str(f.get('error', '')))}</td></tr>"
        for f in failures
    )
    return (
        "<table><thead><tr><th>host</th><th>pages</th><th>first URL</th><th>error</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 760px; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
figure { margin: 1.5em 0; } figure svg { width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
.facts td:first-child { color: #555; }
"""


def render_html(data: ReportData) -> str:
    from .charts import svg

    v = data.version
    c = v["counts"]
    facts = [
        ("version", f"{v['version']} ({v['date'][:19]})"),
        ("articles published", v["stats"]["rows"]),
        ("this version", f"{c.get('added', 0)} added, {c.get('updated', 0)} updated, {c.get('removed', 0)} removed, "
                         f"{c.get('duplicates', 0)} duplicates dropped, {c.get('rejected', 0)} rejected"),
        ("tools", f"curator {v.get('curator_version', '?')}, trafilatura {v.get('trafilatura_version', '?')}"),
    ]  # fmt: skip
    if data.run:
        facts.append(("run", f"{data.run['run']}: {data.run.get('message', '')}"))
    facts_html = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(val))}</td></tr>" for k, val in facts
    )
    figures = "".join(
        f'<figure id="{name[:-4]}">{svg(fig)}<figcaption>{html.escape(caption)}</figcaption></figure>'
        for name, caption, fig in _charts(data)
    )
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(data.name)} {html.escape(v["version"])}: curator report</title>
<style>{STYLE}</style></head>
<body>
<h1>{html.escape(data.name)}: {html.escape(v["version"])}</h1>
<table class="facts">{facts_html}</table>
<h2>Charts</h2>
{figures}
<h2>Failures of the latest run</h2>
{_failures_table(data.failures)}
<p><small>Made by curator report, {made}.</small></p>
</body></html>
"""


def report(dataset: Path, version: str | None = None, out: Path | None = None) -> Path:
    """Write the HTML page (default ``.curator/reports/report.html``); return its path."""
    dataset = Path(dataset)
    data = collect(dataset, version)
    out = Path(out) if out else Layout(dataset).report_page
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, render_html(data))
    return out


def write_card_assets(dataset: Path) -> list[str]:
    """Draw the card's charts as PNG files in ``assets/``; their names."""
    dataset = Path(dataset)
    written = []
    for rel, data in card_pictures(dataset).items():
        path = dataset / rel
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, data)
        written.append(path.name)
    return written


def refresh_card_assets(dataset: Path) -> list[str]:
    """``curator report --card-assets``: draw the pictures and rewrite the card to show them
    (under the dataset's lock; the card's YAML is unchanged, so readers see the same release)."""
    from ..lock import dataset_lock
    from ..package.commit import card_settings, write_card

    dataset = Path(dataset)
    with dataset_lock(Layout(dataset).state):
        manifest = load_manifest(dataset)
        if manifest is None:
            raise NotADataset(dataset)
        written = write_card_assets(dataset)
        meta, kept = card_settings(manifest)
        write_card(dataset, manifest, meta, kept)
    return written
