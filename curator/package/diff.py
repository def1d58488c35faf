"""``curator diff PATH vA vB``: which articles a version added, removed or changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NotADataset
from .manifest import Manifest, load_manifest
from .parquet import read_shard


@dataclass
class VersionDiff:
    a: str
    b: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> url, title

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.a, "to": self.b,
            "counts": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed), "unchanged": self.unchanged},
            "added": self._listed(self.added), "removed": self._listed(self.removed),
            "changed": self._listed(self.changed),
        }  # fmt: skip

    def _listed(self, ids: list[str]) -> list[dict[str, Any]]:
        return [{"id": i, **self.articles.get(i, {})} for i in ids]

    def summary(self, limit: int = 20) -> str:
        lines = [
            f"{self.a} -> {self.b}: {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed, {self.unchanged} unchanged"
        ]
        for label, ids in (
            ("added", self.added),
            ("removed", self.removed),
            ("changed", self.changed),
        ):
            for i in ids[:limit]:
                a = self.articles.get(i, {})
                lines.append(
                    f"  {label:<8} {i}  {a.get('url') or ''}  {a.get('title') or ''}".rstrip()
                )
            if len(ids) > limit:
                lines.append(f"  {label:<8} ... {len(ids) - limit} more (use --json for all)")
        return "\n".join(lines)


def _rows_by_id(dataset: Path, manifest: Manifest, version: str) -> dict[str, dict[str, Any]]:
    """id -> content_sha256, url and title of every row of a version (four columns only)."""
    out: dict[str, dict[str, Any]] = {}
    for rel in manifest.version(version)["shards"]:
        table = read_shard(dataset, rel, columns=["id", "content_sha256", "url", "title"])
        for row in table.to_pylist():
            out[row.pop("id")] = row
    return out


def diff(dataset: Path, a: str, b: str) -> VersionDiff:
    manifest = load_manifest(dataset)
    if manifest is None:
        raise NotADataset(dataset)
    old, new = _rows_by_id(dataset, manifest, a), _rows_by_id(dataset, manifest, b)
    same = old.keys() & new.keys()
    changed = sorted(i for i in same if old[i]["content_sha256"] != new[i]["content_sha256"])
    articles = {i: {"url": r["url"], "title": r["title"]} for i, r in {**old, **new}.items()}
    return VersionDiff(
        a, b, added=sorted(new.keys() - old.keys()), removed=sorted(old.keys() - new.keys()),
        changed=changed, unchanged=len(same) - len(changed),
        articles={i: articles[i] for i in sorted(set(changed) | (new.keys() ^ old.keys()))},
    )  # fmt: skip


def diff_json(d: VersionDiff) -> str:
    return json.dumps(d.to_json(), indent=2, ensure_ascii=False)
