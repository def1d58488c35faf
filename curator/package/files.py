"""Files of a dataset: paths kept inside it, checksums, JSON and JSON-lines writes (atomic,
through :mod:`curator.atomic`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any

from ..atomic import write_atomic
from ..errors import DatasetError, disk_full, is_disk_full


def inside(dataset: Path, rel: object, entry: str) -> Path:
    """``dataset / rel`` when ``rel`` is a relative path that stays inside ``dataset`` (also
    after following symlinks); otherwise :class:`DatasetError` naming ``entry``. Every path
    read from a manifest or a card goes through here before it is opened or deleted."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        raise DatasetError(f"{entry}: {rel!r} is not a relative file path")
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).is_absolute() or ".." in parts:
        raise DatasetError(f"{entry}: {rel!r} points outside the dataset folder; refusing it")
    path = dataset / rel
    root = dataset.resolve()
    if not path.resolve().is_relative_to(root):
        raise DatasetError(f"{entry}: {rel!r} resolves outside the dataset folder; refusing it")
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """numpy scalars (from the dedup index) as the Python numbers they hold."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def write_json(path: Path, obj: Any) -> None:
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False, default=_plain) + "\n")


def append_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, default=_plain) + "\n")
    except OSError as exc:
        if is_disk_full(exc) and not exc.filename:
            raise disk_full(path) from exc
        raise
