"""Reader of pages listed by URL: in the spec (``url``/``urls``) or in a text file (``path``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..pipeline import Document, Hints
from ..spec import Spec
from .context import RunContext
from .registry import register
from .remote import fetch_documents, source_urls


def _listed(source: dict[str, Any], spec: Spec) -> Iterator[str]:
    yield from source_urls(source)
    if source.get("path"):
        with spec.resolve(source["path"]).open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield line


@register("urls", remote=True, keys={"url", "urls", "path"})
def read_urls(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """Each listed page, fetched; one URL per line in a ``path`` file, ``#`` starts a comment."""
    yield from fetch_documents(((url, Hints()) for url in _listed(source, spec)), context)
