"""``manifest.json``: every version with its full shard list, every shard with its checksum.

The manifest is the commit point of a release: shards are written first, then the manifest
is replaced atomically, then the card. A crash before the manifest lands leaves the previous
version intact (the orphan shards are cleaned up by the next run)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UnknownVersion
from .files import write_json

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    name: str
    versions: list[dict[str, Any]] = field(default_factory=list)
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def latest(self) -> dict[str, Any] | None:
        return self.versions[-1] if self.versions else None

    def version(self, name: str) -> dict[str, Any]:
        for v in self.versions:
            if v["version"] == name:
                return v
        known = ", ".join(v["version"] for v in self.versions) or "none"
        raise UnknownVersion(f"no version {name!r} in this dataset (versions: {known})")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "versions": self.versions,
            "shards": self.shards,
        }

    def save(self, dataset: Path) -> None:
        write_json(dataset / MANIFEST, self.to_json())


def load_manifest(dataset: Path) -> Manifest | None:
    path = dataset / MANIFEST
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Manifest(name=data["name"], versions=data["versions"], shards=data["shards"])


def next_version(manifest: Manifest | None, kind: str = "minor") -> str:
    """v1.0.0 first; then minor for additions, patch for corrections, major for a schema change."""
    if manifest is None or manifest.latest is None:
        return "v1.0.0"
    major, minor, patch = (int(x) for x in manifest.latest["version"].lstrip("v").split("."))
    if kind == "major":
        return f"v{major + 1}.0.0"
    if kind == "patch":
        return f"v{major}.{minor}.{patch + 1}"
    return f"v{major}.{minor + 1}.0"
