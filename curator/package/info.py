"""``curator info``: what a built dataset holds, from its manifest alone."""

from __future__ import annotations

import json
from pathlib import Path

from .manifest import load_manifest


def info(dataset: Path, as_json: bool = False) -> str:
    manifest = load_manifest(dataset)
    if manifest is None:
        return f"{dataset}: not a curator dataset (no manifest.json)"
    latest = manifest.latest
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
    return "\n".join(lines)
