"""The packager: write-once parquet shards, a manifest with checksums, a dataset card whose
configs list every version's files explicitly, and the dataset's private state folder.

:class:`Dataset` owns a dataset folder; every version is written through its transaction
(``with dataset.begin(settings) as version: ...``)."""

from __future__ import annotations

from .dataset import Dataset, ReleaseSettings, VersionTransaction
from .manifest import Manifest, load_manifest

__all__ = ["Dataset", "Manifest", "ReleaseSettings", "VersionTransaction", "load_manifest"]
