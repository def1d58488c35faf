"""The run journal: before a run creates (or retires) a file of the dataset, it appends the
file's path here, fsynced. Recovery after a kill deletes only journaled files the manifest
does not name, and the temporaries of journaled files, so it can never delete a file that
curator did not make. A commit that lands empties the journal."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..layout import Layout
from .files import inside


def _path(dataset: Path) -> Path:
    return Layout(dataset).journal


def note(dataset: Path, rel: str) -> None:
    """Record that this run is about to create, replace or delete ``dataset / rel``."""
    path = _path(dataset)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"path": rel}) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def note_path(dataset: Path, path: Path) -> None:
    note(dataset, path.relative_to(dataset).as_posix())


def entries(dataset: Path) -> list[str]:
    """The journaled paths (relative to the dataset), each once, in the order written; a torn
    last line (a kill mid-append) is skipped: its file was not created yet."""
    path = _path(dataset)
    if not path.exists():
        return []
    seen: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rel = json.loads(line)["path"]
        except (ValueError, KeyError, TypeError):
            continue
        seen.setdefault(rel, None)
    return list(seen)


def journaled_files(dataset: Path) -> list[Path]:
    """The journaled paths, each checked to lie inside the dataset (a tampered journal must
    not make recovery delete anything outside it)."""
    return [inside(dataset, rel, "journal entry") for rel in entries(dataset)]


def clear(dataset: Path) -> None:
    _path(dataset).unlink(missing_ok=True)
