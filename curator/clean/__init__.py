"""The cleaner: strips site chrome from HTML and plain text, says why each line went, and
keeps what the chrome told (section, photo credits, mirror addresses, bylines) as metadata."""

from __future__ import annotations

from ..pipeline import Document, Step
from .html import clean_html
from .learned import BoilerplateModel, LearnedBoilerplate
from .result import Cleaned, Removed
from .text import clean_text

__all__ = [
    "BoilerplateModel", "Cleaned", "CleanStep", "LearnedBoilerplate", "Removed", "clean_document",
    "clean_html", "clean_text",
]  # fmt: skip


def _decoded(doc: Document) -> str | bytes:
    """The fetcher knows the charset a page really uses (pages lie in their headers); the
    bytes stay as served in the archive and are decoded here."""
    encoding = doc.hints.get("encoding")
    if encoding and isinstance(doc.raw, bytes):
        try:
            return doc.raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return doc.raw if doc.raw is not None else b""


def clean_document(doc: Document) -> Cleaned:
    url = doc.record.get("url")
    raw = _decoded(doc)
    return clean_html(raw, url) if doc.form == "html" else clean_text(raw, url)


class CleanStep(Step):
    name = "clean"

    def process(self, doc: Document) -> None:
        if doc.raw is None or len(doc.raw) == 0:
            doc.reject("empty: no bytes")
            return
        cleaned = clean_document(doc)
        doc.cleaned = cleaned
        if cleaned.rejected:
            doc.reject(cleaned.rejected)
            return
        doc.record["text"] = cleaned.text
