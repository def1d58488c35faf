"""The step contract: a step maps an iterator of documents to an iterator of documents.

A :class:`Document` is the pipeline's work item: the published ``record`` (fields of
``schemas/article.schema.json``) plus transient data that is never published (raw bytes,
what a listing said of the page, what the cleaner kept and removed, dedup verdicts).
Rejected and duplicate documents keep flowing so the packager can report them; steps skip
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from .record import Record, empty_record

if TYPE_CHECKING:  # the cleaner imports this module, so its result type is named lazily
    from .clean.result import Cleaned


class Hints(TypedDict, total=False):
    """What was known of a page before it was read, by the stage that reads each key."""

    encoding: str  # the charset the fetcher found the bytes use: the cleaner decodes with it
    listing: bool  # a sitemap, feed or homepage that failed: the crawl summary skips it
    # What a feed, sitemap or manifest said of the page: the run's scope admits by the dates,
    # the tagger takes each as a candidate below the page's own markup.
    published: str
    modified: str
    title: str
    site_name: str


@dataclass
class Document:
    record: Record = field(default_factory=empty_record)
    raw: bytes | str | None = None
    form: str = "html"  # "html" or "text": how raw is to be read
    origin: str = ""  # where it was read from (file path, WARC record, URL) for reports
    hints: Hints = field(default_factory=lambda: Hints())
    cleaned: Cleaned | None = None  # the cleaner's result, for the learned boilerplate and tagger
    # the canonical URL in its key form (https, mirrors folded): what ids and URL dedup use;
    # the record keeps the address as the page declared it
    url_key: str | None = None
    rejected: str | None = None  # reason the document yields no row
    duplicate_of: str | None = None  # id of the kept record when this one was dropped
    duplicate_reason: str | None = None  # "url", "exact" or "near"
    similarity: float | None = None

    @property
    def alive(self) -> bool:
        return self.rejected is None and self.duplicate_of is None

    def reject(self, reason: str) -> Document:
        self.rejected = reason
        return self


class Step:
    """A pipeline step. Subclasses override :meth:`process` (one document at a time) or
    :meth:`run` (the whole stream, for steps that need to see more than one document)."""

    name = "step"

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if doc.alive:
                try:
                    self.process(doc)
                except Exception as exc:  # one bad page must never end a run
                    doc.reject(f"{self.name} failed: {type(exc).__name__}: {exc}")
            yield doc

    def process(self, doc: Document) -> None:
        raise NotImplementedError


def run_steps(docs: Iterable[Document], steps: Iterable[Step]) -> Iterator[Document]:
    stream: Iterable[Document] = docs
    for step in steps:
        stream = step.run(stream)
    yield from stream
