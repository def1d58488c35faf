"""Sources: one small reader per source type, each yielding :class:`~curator.pipeline.Document`.

A reader is a callable ``read(source: dict, spec: Spec, context: RunContext) -> Iterator[Document]``
registered in :data:`SOURCE_TYPES` (:mod:`.registry`) under the ``type`` a spec's
``[[sources]]`` entry names, with whether it is remote and the spec keys it takes. Every
source of a run shares one :class:`RunContext` (:mod:`.context`): the fetcher, the scope and
the deny-list. :func:`crawl` (:mod:`.crawl`) fetches and archives the remote ones only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..pipeline import Document
from . import feed, homepage, local, sitemap, urls, warc  # noqa: F401  (register the readers)
from .context import RunContext
from .crawl import CrawlSummary, crawl
from .registry import READERS, SOURCE_TYPES, Reader, SourceType, register, remote_types


def read_sources(context: RunContext) -> Iterator[Document]:
    """Every source of the context's spec, in order, read with that one context. A page read
    from disk (folder, jsonl, manifest) whose URL is denied is left out here, counted as
    denied; remote and WARC pages were refused before they were fetched or read."""
    for i, source in enumerate(context.spec.data["sources"]):
        reader = READERS.get(source["type"])
        if reader is None:
            raise NotImplementedError(
                f"sources[{i}].type: source type {source['type']!r} is not available yet"
            )
        for doc in reader(source, context.spec, context):
            url = doc.record.get("url")
            if url and context.denies(url):
                context.fetcher.count_denied(url)
                continue
            yield doc


__all__ = [
    "READERS",
    "SOURCE_TYPES",
    "CrawlSummary",
    "Reader",
    "RunContext",
    "SourceType",
    "crawl",
    "read_sources",
    "register",
    "remote_types",
]
