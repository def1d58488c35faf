"""curator: news pages in, a clean, deduplicated, versioned Hugging Face-style dataset out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clean import Cleaned, clean_html, clean_text
from .extract import Extracted, extract

if TYPE_CHECKING:
    from .builder import BuildResult

__version__ = "0.1.0"
__all__ = [
    "Cleaned",
    "Extracted",
    "clean_html",
    "clean_text",
    "extract",
    "build",
    "update",
    "__version__",
]


def build(spec, **options) -> BuildResult:
    """Build a dataset from a spec (a path or a loaded :class:`~curator.spec.Spec`)."""
    from .builder import build as _build

    return _build(spec, **options)


def update(spec, **options) -> BuildResult:
    """Add what is new in the sources as a new version of an existing dataset."""
    from .builder import update as _update

    return _update(spec, **options)
