"""Readers of pages on disk: a corpus manifest, a folder of .html/.txt files, JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..pipeline import Document, Hints
from ..spec import Spec
from .context import RunContext
from .registry import register
from .remote import listing_hints

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def _form_of(path: Path, declared: str = "auto") -> str:
    if declared in ("html", "text"):
        return declared
    return "text" if path.suffix.lower() in TEXT_SUFFIXES else "html"


def _document(
    raw: bytes,
    form: str,
    origin: str,
    url: str | None = None,
    fetched_at: str | None = None,
    hints: Hints | None = None,
) -> Document:
    doc = Document(raw=raw, form=form, origin=origin, hints=hints or Hints())
    doc.record["url"] = url or None
    doc.record["fetched_at"] = fetched_at
    return doc


def _read_bytes(path: Path, origin: str) -> bytes | Document:
    try:
        return path.read_bytes()
    except OSError as exc:
        return Document(origin=origin).reject(f"unreadable: {exc.strerror}")


def _existing(spec: Spec, source: dict[str, Any], kind: str) -> Path:
    """The source's path, resolved against the spec's folder; a missing one is the user's to
    fix, so it is an error that names the key, not an empty build."""
    if "path" not in source:
        raise UsageError(f"{spec.path}: a {kind} source needs a `path`")
    path = spec.resolve(source["path"])
    if not path.exists():
        raise UsageError(
            f"{spec.path}: {kind} source path {source['path']!r} does not exist ({path})"
        )
    return path


@register("manifest", remote=False, keys={"path"})
def read_manifest(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """A curator corpus manifest: ``{"pages": [{"file", "url", "fetched_at", "form", ...}]}``."""
    manifest_path = _existing(spec, source, "manifest")
    pages = json.loads(manifest_path.read_text(encoding="utf-8"))["pages"]
    for page in pages:
        path = manifest_path.parent / page["file"]
        raw = _read_bytes(path, page["file"])
        if isinstance(raw, Document):
            yield raw
            continue
        form = page.get("form") or _form_of(path)
        yield _document(
            raw,
            form,
            page["file"],
            page.get("url"),
            page.get("fetched_at"),
            listing_hints(site_name=page.get("site")),
        )


@register("folder", remote=False, keys={"path", "form"})
def read_folder(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """Every .html/.htm/.txt file below a folder, in sorted order; no URL."""
    root = _existing(spec, source, "folder")
    for path in sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in HTML_SUFFIXES | TEXT_SUFFIXES
    ):
        origin = str(path.relative_to(root))
        raw = _read_bytes(path, origin)
        yield (
            raw
            if isinstance(raw, Document)
            else _document(raw, _form_of(path, source.get("form", "auto")), origin)
        )


@register("jsonl", remote=False, keys={"path"})
def read_jsonl(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """One JSON object per line with ``html`` or ``text``, and optional ``url`` and ``fetched_at``."""
    path = _existing(spec, source, "jsonl")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            origin = f"{path.name}:{n}"
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Document(origin=origin).reject(f"bad JSON: {exc.msg}")
                continue
            body = item.get("html") if item.get("html") is not None else item.get("text")
            if not isinstance(body, str):
                yield Document(origin=origin).reject("no 'html' or 'text' string")
                continue
            form = "html" if item.get("html") is not None else "text"
            yield _document(
                body.encode("utf-8"), form, origin, item.get("url"), item.get("fetched_at")
            )
