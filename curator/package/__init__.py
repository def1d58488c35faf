"""The packager: write-once parquet shards, a manifest with checksums, a dataset card whose
configs list every version's files explicitly, and the dataset's private state folder."""

from __future__ import annotations

from .manifest import Manifest, load_manifest
from .writer import publish_version

__all__ = ["Manifest", "load_manifest", "publish_version"]
