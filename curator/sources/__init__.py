"""Sources: one small reader per source type, each yielding :class:`~curator.pipeline.Document`.

A reader is a callable ``read(source: dict, spec: Spec, context: SourceContext) -> Iterator[Document]``
registered in :data:`READERS` under the ``type`` a spec's ``[[sources]]`` entry names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..pipeline import Document
from ..spec import Spec

Reader = Callable[[dict[str, Any], Spec, "SourceContext"], Iterator[Document]]
READERS: dict[str, Reader] = {}


@dataclass
class SourceContext:
    """What readers share: a fetcher for remote sources (None when offline) and run options."""

    fetcher: Any = None
    options: dict[str, Any] = field(default_factory=dict)


def register(kind: str) -> Callable[[Reader], Reader]:
    def wrap(fn: Reader) -> Reader:
        READERS[kind] = fn
        return fn

    return wrap


def read_sources(spec: Spec, context: SourceContext | None = None) -> Iterator[Document]:
    context = context or SourceContext()
    for i, source in enumerate(spec.data["sources"]):
        reader = READERS.get(source["type"])
        if reader is None:
            raise NotImplementedError(
                f"sources[{i}].type: source type {source['type']!r} is not available yet"
            )
        yield from reader(source, spec, context)


from . import feed, homepage, local, sitemap, urls, warc  # noqa: E402,F401  (registers the readers)
