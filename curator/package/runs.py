"""A report of every run, under ``.curator/reports/runs/<time>/``: what it read and wrote,
how each host answered, what failed, and (when it wrote no version) what it rejected and
dropped. The newest :data:`KEPT` are kept; a version's own report links the run that wrote
it (``run.json``)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..layout import Layout
from .files import write_json

KEPT = 30


def new_run_folder(layout: Layout) -> Path:
    """A fresh folder name for this run (UTC time, sortable; a suffix if two runs share it)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder, n = layout.runs / stamp, 1
    while folder.exists():
        folder, n = layout.runs / f"{stamp}-{n}", n + 1
    return folder


def write_run(layout: Layout, folder: Path, report: dict[str, Any]) -> Path:
    """Write ``report`` (the run's summary) into ``folder``, link it from the version it
    wrote, and drop the oldest runs beyond :data:`KEPT`."""
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "summary.json", report)
    write_json(folder / "hosts.json", report.get("by_host", {}))
    write_json(folder / "failures.json", report.get("failures", []))
    version = report.get("version")
    if version and layout.version_reports(version).is_dir():
        write_json(layout.version_reports(version) / "run.json", {"run": folder.name})
    _prune(layout)
    return folder


def _prune(layout: Layout) -> None:
    runs = sorted(p for p in layout.runs.iterdir() if p.is_dir())
    for old in runs[:-KEPT]:
        shutil.rmtree(old, ignore_errors=True)


def last_run(layout: Layout) -> dict[str, Any] | None:
    """The newest run's summary, with its folder name as ``run``."""
    if not layout.runs.is_dir():
        return None
    for folder in sorted((p for p in layout.runs.iterdir() if p.is_dir()), reverse=True):
        summary = folder / "summary.json"
        if summary.exists():
            return {"run": folder.name, **json.loads(summary.read_text(encoding="utf-8"))}
    return None
