"""A process pool over the cores of this machine, with a bounded number of chunks in flight
so memory stays flat however long the stream is; results come back in input order.

Chunks are submitted ahead by a feeder thread (:func:`curator.executors.prefetched`).

A worker that dies (a segfault in a C extension, the OOM killer) breaks the whole pool: the
chunks in flight are then re-run one page per task in a fresh pool, and a page that breaks
the pool again is rejected (see :mod:`curator.executors`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..pipeline import Document, Step
from . import DOC_TIMEOUT_SECONDS, chunked, crashed, finish_chunk, prefetched

_STEPS: list[Step] = []  # set once per worker by the initializer: steps are not re-sent per chunk
_TIMEOUT: float | None = DOC_TIMEOUT_SECONDS


def _init(steps: list[Step], timeout: float | None) -> None:
    global _STEPS, _TIMEOUT
    _STEPS, _TIMEOUT = steps, timeout


def _work(docs: list[Document]) -> list[Document]:
    return finish_chunk(_STEPS, docs, _TIMEOUT)


class LocalExecutor:
    def __init__(
        self,
        workers: int | None = None,
        chunk_size: int = 32,
        in_flight_per_worker: int = 8,
        doc_timeout: float | None = DOC_TIMEOUT_SECONDS,
    ):
        self.workers = workers or os.cpu_count() or 1
        self.chunk_size = chunk_size
        self.max_in_flight = self.workers * in_flight_per_worker
        self.doc_timeout = doc_timeout
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()  # the feeder submits while the consumer may re-pool
        self._steps: list[Step] = []

    def _fresh_pool(self, broken: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
        """A new pool in place of ``broken`` (or of none); another thread may have replaced it
        already, and then that one is used."""
        with self._pool_lock:
            if self._pool is not None and self._pool is not broken:
                return self._pool
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_init,
                initargs=(self._steps, self.doc_timeout),
            )
            return self._pool

    def _submit(self, docs: list[Document]) -> Future:
        pool = self._pool or self._fresh_pool()
        try:
            return pool.submit(_work, docs)
        except BrokenProcessPool:  # a worker died since the last submit
            return self._fresh_pool(broken=pool).submit(_work, docs)

    def _collect(self, chunk: list[Document], future: Future) -> list[Document]:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        out = []  # the chunk's worker died: find the page that kills it, one page per task
        for doc in chunk:
            try:
                out.extend(self._submit([doc]).result())
            except BrokenProcessPool as exc:
                out.append(crashed(doc, f"the worker process died ({exc})"))
        return out

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        self._steps = steps
        for step in steps:  # load what every worker needs once here: forked workers share it
            warm_up = getattr(step, "warm_up", None)
            if callable(warm_up):
                warm_up()
        self._fresh_pool()
        try:
            yield from prefetched(
                chunked(docs, self.chunk_size), self._submit, self._collect, self.max_in_flight
            )
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
