"""Atomic file writes and checksums: nothing is ever visible half-written."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import DatasetError, disk_full, is_disk_full

PUBLIC_MODE = 0o644  # published files are for everyone to read
STATE_DIR = ".curator"  # curator's own state inside a dataset folder; never published
# Temporary names end in this suffix, so recovery can tell curator's half-written files from
# anything else a user keeps beside them (see :func:`temporaries_of`).
TMP_SUFFIX = ".curator-tmp"


def state_dir(dataset: Path) -> Path:
    return dataset / STATE_DIR


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


def fsync_dir(folder: Path) -> None:
    """Make a rename or an unlink in ``folder`` durable: the file's own fsync does not."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temporaries_of(path: Path) -> list[Path]:
    """The temporary files :func:`atomic_target` may have left for ``path``."""
    pattern = f".{glob.escape(path.name)}.*{TMP_SUFFIX}"
    return sorted(path.parent.glob(pattern)) if path.parent.is_dir() else []


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path in ``path``'s folder to write to; on success it is fsynced and renamed
    over ``path``, on failure removed. Readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
    tmp.touch(mode=PUBLIC_MODE, exist_ok=False)
    try:
        yield tmp
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, PUBLIC_MODE)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if is_disk_full(exc) and not getattr(exc, "filename", None):
            raise disk_full(path) from exc  # pyarrow's message names no file
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


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
