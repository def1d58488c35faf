"""``curator info``: what a built dataset holds, from its manifest alone."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import NotADataset
from ..layout import Layout
from .manifest import load_manifest
from .runs import last_run


def info(dataset: Path, as_json: bool = False) -> str:
    manifest = load_manifest(dataset)
    if manifest is None:
        raise NotADataset(dataset)
    latest = manifest.head
    data = {
        "name": manifest.name,
        "path": str(dataset.resolve()),
        "versions": [
            {"version": v["version"], "date": v["date"], "rows": v["stats"]["rows"], **v["counts"]}
            for v in manifest.versions
        ],
        "bytes": sum(manifest.shards[s]["num_bytes"] for s in latest["shards"]),
        "languages": latest["stats"]["by_language"],
        "sources": latest["stats"]["by_source"],
        "last_run": last_run(Layout(dataset)),
    }
    if as_json:
        return json.dumps(data, indent=2)
    lines = [
        f"{data['name']} at {data['path']}: {latest['stats']['rows']} rows, {data['bytes']:,} bytes, latest {latest['version']}",
        "versions:",
    ]
    lines += [
        f"  {v['version']}  {v['date'][:10]}  rows {v['rows']:>7}  added {v['added']:>6}"
        for v in data["versions"]
    ]
    lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in data["languages"].items()))
    lines.append("sources: " + ", ".join(f"{k} {v}" for k, v in data["sources"].items()))
    lines.append(_last_run_line(data["last_run"]))
    return "\n".join(lines)


def _last_run_line(run: dict | None) -> str:
    if run is None:
        return "last run: none recorded"
    c = run.get("counts", {})
    failed = f", {len(run['failures'])} host(s) failed" if run.get("failures") else ""
    return (
        f"last run: {run['run']}: {run.get('message', '')} (read {c.get('read', 0)}, "
        f"added {c.get('added', 0)}, rejected {c.get('rejected', 0)}{failed}); "
        f"report in .curator/reports/runs/{run['run']}/"
    )
