"""Executors run per-document steps over a stream of documents, locally or on a cluster.

Executors are separate from the steps: the same :class:`~curator.pipeline.Step` objects run
inline, in a local process pool, or as Ray tasks. Steps that need the whole batch (learned
boilerplate, deduplication) run in the driver on the stream the executor returns.

Isolation: every document runs all per-document steps under a deadline of
:data:`DOC_TIMEOUT_SECONDS` (``doc_timeout``), a ``SIGALRM`` timer armed in the worker's
main thread (pool workers and Ray task workers run tasks there). A page past its deadline is
rejected ``"timeout: ..."`` and the next page starts; the cleaner's own, shorter bound
(:mod:`curator.timeout`, shared by both) still fires first on slow extraction. A Python signal handler
cannot interrupt one long C call, and a page that kills its worker (a segfault in lxml) takes
the whole chunk with it: the local and Ray executors then re-run that chunk one page per task
in fresh workers, and the page that kills a worker again is rejected ``"worker crashed"``.
The local executor also kills a worker still on one page well past its deadline (see
:mod:`curator.executors.local`): that page is rejected ``"timeout: ..."`` and not re-run.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from ..errors import UsageError
from ..interrupt import interrupt
from ..pipeline import Document, Step, run_steps
from ..timeout import time_bound

# Per-document bound on all per-document steps together (clean + tag). The cleaner's own
# bound is 20 s (curator.clean.text.TIMEOUT_SECONDS); this catches the rest (the tagger,
# htmldate, language identification) and anything a custom step does.
DOC_TIMEOUT_SECONDS = 60.0


class Executor(Protocol):
    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]: ...

    def close(self) -> None: ...


class DocumentTimeout(BaseException):
    """A document's steps ran past its deadline. A BaseException, so that no step's
    ``except Exception`` (see :meth:`Step.run`) swallows it as an ordinary failure."""


def finish_chunk(
    steps: list[Step], docs: list[Document], timeout: float | None = DOC_TIMEOUT_SECONDS
) -> list[Document]:
    """Run ``steps`` over ``docs``, one document at a time under ``timeout``, and drop what
    cannot or need not travel back to the driver (parsed trees, raw bytes): the record and
    the verdicts are what later steps read."""
    out = []
    for doc in docs:
        try:
            with time_bound(timeout, DocumentTimeout):
                for _ in run_steps([doc], steps):
                    pass
        except DocumentTimeout as exc:
            doc.reject(f"timeout: the per-document steps {exc}")
        doc.raw = None
        if doc.cleaned is not None:
            doc.cleaned.tree = None
            doc.cleaned.extraction = None
        out.append(doc)
    return out


_DONE = object()  # the feeder's last word: the source stream is exhausted


def _put(results: queue.Queue, item: object, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            results.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _feed(
    chunks: Iterable[list[Document]],
    submit: Callable[[list[Document]], Any],
    results: queue.Queue,
    stop: threading.Event,
) -> None:
    try:
        for chunk in chunks:
            if stop.is_set():
                return
            _put(results, (chunk, submit(chunk)), stop)
    except BaseException as exc:  # handed to the consumer, which raises it
        _put(results, exc, stop)
        return
    _put(results, _DONE, stop)


def prefetched(
    chunks: Iterable[list[Document]],
    submit: Callable[[list[Document]], Any],
    collect: Callable[[list[Document], Any], list[Document]],
    depth: int,
) -> Iterator[Document]:
    """Documents of ``collect(chunk, submit(chunk))`` in input order, with chunks submitted by a
    feeder thread up to ``depth`` ahead of the consumer. While the driver works through a batch
    (learned boilerplate, dedup, a shard) and pulls nothing, the workers go on until the
    bounded queue is full; submitting from the consumer left them idle during every driver
    batch (measured: 2 workers 1.28x one worker on heavy pages, 1.75x with the feeder)."""
    results: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(chunks, submit, results, stop), daemon=True)
    feeder.start()
    try:
        while (item := results.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item  # a source failed: the run fails the way it would inline
            yield from collect(*item)
    except BaseException:
        interrupt()  # Ctrl-C or a failure: the feeder's fetches in flight are abandoned
        raise
    finally:
        stop.set()
        while feeder.is_alive():  # unblock a feeder waiting for room in the queue
            try:
                results.get_nowait()
            except queue.Empty:
                feeder.join(0.05)


def crashed(doc: Document, how: str) -> Document:
    """The verdict on a page whose worker died twice while processing it alone."""
    doc.raw = None
    return doc.reject(f"worker crashed: {how} while processing this page")


class InlineExecutor:
    """Everything in this process: the reference the others must match."""

    def __init__(self, chunk_size: int = 64, doc_timeout: float | None = DOC_TIMEOUT_SECONDS):
        self.chunk_size = chunk_size
        self.doc_timeout = doc_timeout

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        for chunk in chunked(docs, self.chunk_size):
            yield from finish_chunk(steps, chunk, self.doc_timeout)

    def close(self) -> None:
        pass


# A chunk sent to a worker closes at this many bytes of raw page, whatever its page count: a
# chunk of 32 real news pages (~420 KB each) is ~5 s of work, and at the end of a run one
# worker idles while the other finishes its last chunk, so smaller chunks waste less; and
# the chunks in flight hold less memory. Pages of a few KB still travel 32 at a time.
CHUNK_BYTES = 1 << 20


def _raw_size(doc: Document) -> int:
    return len(doc.raw) if doc.raw is not None else 0


def chunked(
    docs: Iterable[Document], size: int, max_bytes: int | None = None
) -> Iterator[list[Document]]:
    """``docs`` in lists of at most ``size``, each closed early once its raw pages reach
    ``max_bytes`` (a chunk always holds at least one document)."""
    chunk: list[Document] = []
    held = 0
    for doc in docs:
        chunk.append(doc)
        held += _raw_size(doc) if max_bytes else 0
        if len(chunk) >= size or (max_bytes and held >= max_bytes):
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def make_executor(
    kind: str = "local",
    workers: int | None = None,
    address: str | None = None,
    doc_timeout: float | None = DOC_TIMEOUT_SECONDS,
) -> Executor:
    """``local`` (a process pool over ``workers`` cores, inline for one) or ``ray``."""
    if kind == "ray":
        from .ray import RayExecutor

        return RayExecutor(address=address, workers=workers, doc_timeout=doc_timeout)
    if kind != "local":
        raise UsageError(f"unknown executor {kind!r}: use 'local' or 'ray'")
    from .local import LocalExecutor

    if workers == 1:
        return InlineExecutor(doc_timeout=doc_timeout)
    return LocalExecutor(workers=workers, doc_timeout=doc_timeout)
