"""``manifest.json``: every version with its full shard list, every shard with its checksum.

How a release is committed (:func:`curator.package.commit.commit_release`), in this order:

1. the new shards are written under new names (each journaled first, see :mod:`.journal`);
2. the new manifest is written whole to ``.curator/manifest.pending.json``;
3. the card (``README.md``, what ``datasets.load_dataset`` reads) is replaced atomically:
   this is the commit point, the moment readers switch to the new release;
4. the pending manifest is renamed over ``manifest.json``;
5. only then are the shards the release no longer names deleted.

Between 3 and 4 the card already names the new release and ``manifest.json`` the old one, so
:func:`load_manifest` resolves the pair: a pending manifest whose latest version the card
lists *is* the manifest (rolled forward by the next run's recovery); one the card does not
list was never committed (rolled back). Every reader (validate, info, diff, export, push,
the builder) sees one complete release at every moment."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DatasetError, UnknownVersion
from ..layout import Layout
from .files import inside, write_json

MANIFEST = Layout(Path()).manifest.name  # names relative to the dataset, for messages
CARD = Layout(Path()).card.name
FORMAT = 1


@dataclass
class Manifest:
    name: str
    versions: list[dict[str, Any]] = field(default_factory=list)
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def latest(self) -> dict[str, Any] | None:
        return self.versions[-1] if self.versions else None

    @property
    def head(self) -> dict[str, Any]:
        """The latest version's entry, for a manifest known to hold one (a published one)."""
        if not self.versions:
            raise ValueError(f"{self.name}: the manifest holds no version")
        return self.versions[-1]

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
        write_json(Layout(dataset).manifest, self.to_json())


def pending_path(dataset: Path) -> Path:
    return Layout(dataset).pending


def _check_paths(dataset: Path, manifest: Manifest, where: str) -> None:
    """Every shard path must stay inside the dataset folder: a tampered manifest must never
    make export write, remove delete or push upload a file outside it."""
    for rel in manifest.shards:
        inside(dataset, rel, f"{where}: shards[{rel!r}]")
    for v in manifest.versions:
        for rel in v.get("shards", []):
            inside(dataset, rel, f"{where}: {v.get('version')} shards")
            if rel not in manifest.shards:
                raise DatasetError(f"{where}: {v.get('version')} lists {rel!r}, which has no entry")


def read_manifest(dataset: Path, path: Path) -> Manifest | None:
    """The manifest in ``path`` (None when there is none), checked to name only files inside
    ``dataset``; a file that is not a manifest is a :class:`DatasetError` naming it."""
    if not path.exists():
        return None
    where = path.relative_to(dataset).as_posix()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(name=data["name"], versions=data["versions"], shards=data["shards"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DatasetError(
            f"{where}: not a curator manifest ({exc}); restore it from a backup"
        ) from None
    if not isinstance(manifest.versions, list) or not isinstance(manifest.shards, dict):
        raise DatasetError(f"{where}: not a curator manifest (versions or shards malformed)")
    _check_paths(dataset, manifest, where)
    return manifest


def card_configs(dataset: Path) -> dict[str, list[str]] | None:
    """Config name -> files of the card's YAML (None when there is no readable card)."""
    card = Layout(dataset).card
    if not card.exists():
        return None
    text = card.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        return None
    try:
        meta = yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}
        return {
            c["config_name"]: [p for files in c["data_files"] for p in files["path"]]
            for c in meta.get("configs", [])
        }
    except (yaml.YAMLError, KeyError, TypeError, AttributeError):
        return None


def card_names(dataset: Path, manifest: Manifest) -> bool:
    """Does the card describe ``manifest``'s latest version (its config, its files)?"""
    configs = card_configs(dataset)
    latest = manifest.latest
    if configs is None or latest is None or latest["version"] not in configs:
        return False
    return sorted(configs.get("default", [])) == sorted(latest["shards"])


def load_manifest(dataset: Path) -> Manifest | None:
    """The manifest of the release readers see (see the module doc): the pending one when the
    card already names it, else ``manifest.json``; None when the folder has neither."""
    pending = read_manifest(dataset, pending_path(dataset))
    if pending is not None and card_names(dataset, pending):
        return pending
    return read_manifest(dataset, Layout(dataset).manifest)


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
