"""Which folders curator may write into: only dataset folders it owns.

A build writes the ownership marker ``.curator/owner.json`` into a folder before anything
else, and only into a folder that does not exist or is empty. A non-empty folder without the
marker is refused (a user's corpus, their home, ``/``), except a dataset built by a curator
from before the marker, which is recognised by its manifest and adopted. A folder curator
created but never committed has the marker, so a re-run resumes it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from .atomic import write_atomic
from .errors import NotOurFolder
from .layout import Layout
from .spec import Spec


def owns(dataset: Path) -> bool:
    return Layout(dataset).owner.is_file()


def _legacy_dataset(dataset: Path) -> bool:
    """A dataset of a curator from before the marker: a curator manifest and a state folder,
    or nothing but the state folder (a deny-list written before the first build)."""
    layout = Layout(dataset)
    if dataset.is_dir() and [p.name for p in dataset.iterdir()] == [layout.state.name]:
        return True
    manifest = layout.manifest
    if not (manifest.is_file() and layout.state.is_dir()):
        return False
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and {"format", "name", "versions", "shards"} <= data.keys()


def _write_marker(dataset: Path, name: str) -> None:
    marker = {"tool": "curator", "dataset": name, "created": datetime.now(UTC).isoformat()}
    write_atomic(Layout(dataset).owner, json.dumps(marker, indent=2) + "\n")


def claim(dataset: Path, name: str) -> None:
    """Make ``dataset`` a folder curator owns, or raise :class:`NotOurFolder` (exit 2)."""
    if dataset.exists() and not dataset.is_dir():
        raise NotOurFolder(f"output {dataset}: is a file, not a folder; set `output` to a folder")
    if owns(dataset):
        return
    if dataset.is_dir() and any(dataset.iterdir()) and not _legacy_dataset(dataset):
        raise NotOurFolder(
            f"output {dataset}: the folder is not empty and was not made by curator "
            f"(no {Layout(dataset).relative(Layout(dataset).owner)}); curator writes and deletes only in "
            "folders it owns: set `output` to a new or empty folder"
        )
    dataset.mkdir(parents=True, exist_ok=True)
    _write_marker(dataset, name)


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def check_separate(output: Path, spec_file: Path, source_paths: list[Path]) -> None:
    """Refuse an ``output`` that holds the spec file, or that overlaps a source path in either
    direction: a dataset inside a ``folder`` source would read its own card back as a page,
    and recovery in a folder of sources could touch the corpus."""
    output = output.resolve()
    if output == spec_file.parent.resolve() or output in spec_file.resolve().parents:
        raise NotOurFolder(
            f"output {output}: holds the spec file {spec_file}; "
            "set `output` to a folder of its own (e.g. beside the spec)"
        )
    for source in source_paths:
        if _overlaps(output, source.resolve()):
            raise NotOurFolder(
                f"output {output}: overlaps the source path {source}; "
                "set `output` to a folder outside every source"
            )


def local_source_paths(spec: Spec) -> list[Path]:
    """The files and folders the spec's local sources read (a ``manifest`` source reads the
    pages in its file's folder), which the dataset folder must stay out of."""
    paths = []
    for source in spec.data.get("sources", []):
        if "path" in source:
            path = spec.resolve(source["path"])
            paths.append(path.parent if source.get("type") == "manifest" else path)
    return paths


def claim_output(spec: Spec) -> None:
    """The checks every command that writes a spec's dataset makes first (build, update,
    crawl): ``output`` apart from the spec and the sources, and a folder curator owns."""
    check_separate(spec.output, spec.path, local_source_paths(spec))
    claim(spec.output, spec.name)
