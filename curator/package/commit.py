"""Committing a release, and settling one a killed run left half-committed.

The order of writes and why it is safe is in :mod:`.manifest`'s module doc. In short: new
shards, then the pending manifest, then the card (the commit point for readers), then
``manifest.json``, then deleting what the release retired; the journal names every file the
run made or retires, so recovery can finish or undo the run without touching anything else."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import fsync_dir, temporaries_of, write_atomic
from ..faults import crash_point
from ..layout import Layout
from ..spec import DEFAULT_VERSIONS_KEPT
from . import journal
from .card import render_card
from .files import write_json
from .manifest import CARD, MANIFEST, Manifest, card_names, pending_path, read_manifest


def write_card(dataset: Path, manifest: Manifest, meta: dict[str, Any], kept: int) -> None:
    card = Layout(dataset).card
    if not card.exists():
        journal.note(dataset, CARD)  # a card with no committed manifest is recovery's to delete
    write_atomic(card, render_card(manifest, meta, str(dataset), kept))


def card_settings(manifest: Manifest) -> tuple[dict[str, Any], int]:
    """The card's metadata and kept-config count, as the latest version recorded them."""
    return manifest.head.get("meta", {}), manifest.head.get("versions_kept", DEFAULT_VERSIONS_KEPT)


def commit_release(
    dataset: Path, manifest: Manifest, *, retired: Iterable[str] = (), point: str = ""
) -> None:
    """Publish ``manifest`` (whose new shards are written) and delete the ``retired`` shards
    it no longer names. ``point`` prefixes the crash points (``remove-`` for a takedown)."""
    retired = list(retired)
    for rel in retired:
        journal.note(dataset, rel)
    journal.note(dataset, MANIFEST)  # its temporaries, should the rename below be cut short
    write_json(pending_path(dataset), manifest.to_json())
    crash_point(f"{point}pending")
    meta, kept = card_settings(manifest)
    write_card(dataset, manifest, meta, kept)  # readers switch to the new release here
    crash_point(f"{point}card")
    os.replace(pending_path(dataset), Layout(dataset).manifest)
    fsync_dir(dataset)
    crash_point(f"{point}manifest")
    finish(dataset, manifest)


def finish(dataset: Path, manifest: Manifest | None) -> None:
    """Delete what the journal names and the committed ``manifest`` does not (a killed run's
    files, or shards a committed release retired), their temporaries, and empty folders
    they leave in ``data/``; then empty the journal."""
    named = set(manifest.shards) if manifest else set()
    for path in journal.journaled_files(dataset):
        rel = path.relative_to(dataset).as_posix()
        for tmp in temporaries_of(path):
            tmp.unlink(missing_ok=True)
        if rel.startswith("data/") and rel not in named:
            path.unlink(missing_ok=True)
            _remove_empty_parents(dataset, path.parent)
        elif rel == CARD and manifest is None:
            path.unlink(missing_ok=True)  # a card with no manifest describes nothing
    journal.clear(dataset)


def _remove_empty_parents(dataset: Path, folder: Path) -> None:
    data = dataset / "data"
    while folder != data and data in folder.parents and folder.is_dir():
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def settle(dataset: Path) -> Manifest | None:
    """After a kill: roll a release whose card landed forward (its manifest becomes
    ``manifest.json``), drop one whose card did not, clean up the journaled files, and make
    the card describe the committed manifest. Returns that manifest."""
    pending = read_manifest(dataset, pending_path(dataset))
    if pending is not None and card_names(dataset, pending):
        os.replace(pending_path(dataset), Layout(dataset).manifest)
        fsync_dir(dataset)
    else:
        pending_path(dataset).unlink(missing_ok=True)
    manifest = read_manifest(dataset, Layout(dataset).manifest)
    finish(dataset, manifest)
    if manifest is not None and not card_names(dataset, manifest):
        meta, kept = card_settings(manifest)
        write_card(dataset, manifest, meta, kept)
    return manifest
