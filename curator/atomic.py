"""The one way curator writes a file that must never be seen half-written: to a temporary
name beside it, fsynced, renamed over it, and the folder fsynced so the rename survives a
power cut. Every stage uses this module (shards, manifests, the card, the dedup index, the
learned boilerplate, the archive's rewrites)."""

from __future__ import annotations

import glob
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import disk_full, is_disk_full

PUBLIC_MODE = 0o644  # published files are for everyone to read
# Temporary names end in this suffix, so recovery can tell curator's half-written files from
# anything else a user keeps beside them (see :func:`temporaries_of`).
TMP_SUFFIX = ".curator-tmp"


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


@contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside ``path`` to fill; on success every file in it and the folder
    are fsynced and it is renamed to ``path`` (which must not exist), on failure removed."""
    import shutil

    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
    tmp.mkdir(parents=True)
    try:
        yield tmp
        for file in tmp.iterdir():
            with file.open("rb") as fh:
                os.fsync(fh.fileno())
        fsync_dir(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
