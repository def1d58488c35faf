"""``curator diff PATH vA vB``: which articles a version added, removed or changed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.a, "to": self.b,
            "counts": {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed), "unchanged": self.unchanged},
            "added": self.added, "removed": self.removed, "changed": self.changed,
        }  # fmt: skip

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
                lines.append(f"  {label:<8} {i}")
            if len(ids) > limit:
                lines.append(f"  {label:<8} ... {len(ids) - limit} more (use --json for all)")
        return "\n".join(lines)


def content_by_id(dataset: Path, manifest: Manifest, version: str) -> dict[str, str]:
    """id -> content_sha256 of every row of a version, from two columns only."""
    out: dict[str, str] = {}
    for rel in manifest.version(version)["shards"]:
        table = read_shard(dataset, rel, columns=["id", "content_sha256"])
        out.update(
            zip(
                table.column("id").to_pylist(),
                table.column("content_sha256").to_pylist(),
                strict=True,
            )
        )
    return out


def diff(dataset: Path, a: str, b: str) -> VersionDiff:
    manifest = load_manifest(dataset)
    if manifest is None:
        raise FileNotFoundError(dataset / "manifest.json")
    old, new = content_by_id(dataset, manifest, a), content_by_id(dataset, manifest, b)
    changed = sorted(i for i in old.keys() & new.keys() if old[i] != new[i])
    return VersionDiff(
        a, b, added=sorted(new.keys() - old.keys()), removed=sorted(old.keys() - new.keys()),
        changed=changed, unchanged=len(old.keys() & new.keys()) - len(changed),
    )  # fmt: skip


def diff_json(d: VersionDiff) -> str:
    return json.dumps(d.to_json(), indent=2)
