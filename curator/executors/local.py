"""A process pool over the cores of this machine, with a bounded number of chunks in flight
so memory stays flat however long the stream is; results come back in input order.

Chunks are submitted ahead by a feeder thread (:func:`curator.executors.prefetched`).

A worker that dies (a segfault in a C extension, the OOM killer) breaks the whole pool: the
chunks in flight are then re-run one page per task in a fresh pool, and a page that breaks
the pool again is rejected (see :mod:`curator.executors`).

Two faults no in-worker signal can handle are the driver's to handle:

- A page stuck in one C call (lxml parsing) does not see its deadline's alarm. Each worker
  writes the page it is on and since when into a table shared with the driver; the driver,
  while it waits for results, SIGKILLs a worker still on one page ``kill_grace`` seconds past
  the deadline. The pool breaks as above, but that page is rejected as timed out, not re-run.
- A killed driver (SIGKILL, the OOM killer) cannot shut its pool down. Each worker watches
  its parent from a thread and exits when it is gone, instead of running on as an orphan.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple

from ..pipeline import Document, Step
from . import CHUNK_BYTES, DOC_TIMEOUT_SECONDS, chunked, crashed, finish_chunk, prefetched

# How long past its deadline a page may hold a worker before the driver kills the worker. The
# deadline's alarm normally ends the page at once; past this, it is stuck where no signal
# reaches (one C call) and only killing the process frees the core.
KILL_GRACE_SECONDS = 5.0
WATCH_SECONDS = 0.5  # how often the driver checks for stuck pages, and workers for their parent
RERUNS_AFTER_KILL = 3  # a page re-run alone is run again when a kill elsewhere broke the pool

# A worker's row in the busy table: its pid, the chunk and the page in it it is on, and
# time.monotonic() when it started that page (0 when idle). CLOCK_MONOTONIC is system-wide on
# Linux, so the driver's clock reads the same.
_ROW = 4
_PID, _CHUNK, _PAGE, _SINCE = range(_ROW)

_STEPS: list[Step] = []  # set once per worker by the initializer: steps are not re-sent per chunk
_TIMEOUT: float | None = DOC_TIMEOUT_SECONDS
_BUSY: Any = None  # this worker's pool's busy table (a multiprocessing.Array of doubles)
_ROW_AT = -1  # where this worker's row starts in it; -1: no row (the table is full)


def _init(steps: list[Step], timeout: float | None, busy: Any, rows_taken: Any) -> None:
    global _STEPS, _TIMEOUT, _BUSY, _ROW_AT
    _STEPS, _TIMEOUT, _BUSY = steps, timeout, busy
    with rows_taken.get_lock():
        row, rows_taken.value = rows_taken.value, rows_taken.value + 1
    _ROW_AT = row * _ROW if (row + 1) * _ROW <= len(busy) else -1
    _watch_parent(os.getppid())


def _watch_parent(parent: int) -> None:
    """Exit when the driver is gone. PR_SET_PDEATHSIG would fire when the *thread* that forked
    this worker ends (the feeder thread forks workers, and it ends before the run does), so
    a thread polls instead: an orphan is re-parented, and its parent pid changes."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)  # no clean-up to do: the driver that wanted the results is dead

    threading.Thread(target=watch, name="curator-parent-watch", daemon=True).start()


def _mark(chunk: int, page: int, since: float) -> None:
    if _ROW_AT < 0:
        return
    with _BUSY.get_lock():
        _BUSY[_ROW_AT : _ROW_AT + _ROW] = [os.getpid(), chunk, page, since]


def _work(chunk: int, docs: list[Document]) -> list[Document]:
    out = []
    for page, doc in enumerate(docs):  # page by page, so that the table says which is stuck
        _mark(chunk, page, time.monotonic())
        out.extend(finish_chunk(_STEPS, [doc], _TIMEOUT))
    _mark(chunk, -1, 0.0)
    return out


class _Task(NamedTuple):
    """A chunk in the pool: its number (the busy table's name for it) and its future."""

    chunk: int
    future: Future


def timed_out(doc: Document, deadline: float, held: float) -> Document:
    """The verdict on a page that held its worker far past its deadline and got it killed."""
    doc.raw = None
    return doc.reject(
        f"timeout: the per-document steps timed out (deadline {deadline:g} s) in a call the"
        f" deadline cannot interrupt; their worker was killed after {held:.1f} s"
    )


class LocalExecutor:
    def __init__(
        self,
        workers: int | None = None,
        chunk_size: int = 32,
        in_flight_per_worker: int = 8,
        doc_timeout: float | None = DOC_TIMEOUT_SECONDS,
        kill_grace: float = KILL_GRACE_SECONDS,
    ):
        self.workers = workers or os.cpu_count() or 1
        self.chunk_size = chunk_size
        self.max_in_flight = self.workers * in_flight_per_worker
        self.doc_timeout = doc_timeout
        self.kill_grace = kill_grace
        self._pool: ProcessPoolExecutor | None = None
        self._busy: Any = None  # the current pool's busy table
        self._pool_lock = threading.Lock()  # the feeder submits while the consumer may re-pool
        self._steps: list[Step] = []
        self._chunks = itertools.count()  # next() is atomic: the feeder and consumer both submit
        self._killed: dict[tuple[int, int], float] = {}  # (chunk, page) -> how long it held on
        self._kills = 0  # workers killed so far (by the consumer thread only)

    def _fresh_pool(self, broken: ProcessPoolExecutor | None = None) -> ProcessPoolExecutor:
        """A new pool in place of ``broken`` (or of none); another thread may have replaced it
        already, and then that one is used."""
        with self._pool_lock:
            if self._pool is not None and self._pool is not broken:
                return self._pool
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            # a pool never starts more than max_workers processes: one row each
            busy = multiprocessing.Array("d", self.workers * _ROW)
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_init,
                initargs=(self._steps, self.doc_timeout, busy, multiprocessing.Value("i", 0)),
            )
            self._busy = busy
            return self._pool

    def _submit(self, docs: list[Document]) -> _Task:
        chunk = next(self._chunks)
        pool = self._pool or self._fresh_pool()
        try:
            return _Task(chunk, pool.submit(_work, chunk, docs))
        except BrokenProcessPool:  # a worker died since the last submit
            return _Task(chunk, self._fresh_pool(broken=pool).submit(_work, chunk, docs))

    def _kill_stuck(self) -> None:
        """SIGKILL every worker on one page longer than its deadline and the grace. The lock is
        held throughout, so a worker cannot move on to another page between check and kill."""
        if not self.doc_timeout or self._busy is None:  # no deadline (0 is none, as in time_bound)
            return
        busy, now = self._busy, time.monotonic()
        with busy.get_lock():
            for at in range(0, len(busy), _ROW):
                since = busy[at + _SINCE]
                if not since or now - since <= self.doc_timeout + self.kill_grace:
                    continue
                self._killed[(int(busy[at + _CHUNK]), int(busy[at + _PAGE]))] = now - since
                busy[at + _SINCE] = 0.0  # a dead worker's row must not be acted on again
                try:
                    os.kill(int(busy[at + _PID]), signal.SIGKILL)
                    self._kills += 1
                except ProcessLookupError:  # died by itself meanwhile: the pool breaks anyway
                    pass

    def _result(self, task: _Task) -> list[Document]:
        """The task's documents; while waiting for them, kill the workers of stuck pages (of
        any chunk in flight: the one waited for may be stuck behind them)."""
        while True:
            try:
                return task.future.result(timeout=WATCH_SECONDS)
            except TimeoutError:
                self._kill_stuck()

    def _collect(self, chunk: list[Document], task: _Task) -> list[Document]:
        try:
            return self._result(task)
        except BrokenProcessPool:
            pass
        out = []  # the chunk's worker died: find the page that kills it, one page per task
        for page, doc in enumerate(chunk):
            held = self._killed.pop((task.chunk, page), None)
            if held is not None:  # its worker was killed for it: not run again
                out.append(timed_out(doc, self.doc_timeout or 0.0, held))
            else:
                out.append(self._run_alone(doc))
        return out

    def _run_alone(self, doc: Document) -> Document:
        """``doc`` in a task of its own; rejected when its worker dies or is killed for it."""
        for _ in range(RERUNS_AFTER_KILL):
            kills_before = self._kills
            task = self._submit([doc])
            try:
                return self._result(task)[0]
            except BrokenProcessPool as exc:
                held = self._killed.pop((task.chunk, 0), None)
                if held is not None:
                    return timed_out(doc, self.doc_timeout or 0.0, held)
                if self._kills == kills_before:  # no kill of another page broke the pool
                    return crashed(doc, f"the worker process died ({exc})")
        return crashed(doc, "the worker process kept dying")

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        self._steps = steps
        for step in steps:  # load what every worker needs once here: forked workers share it
            warm_up = getattr(step, "warm_up", None)
            if callable(warm_up):
                warm_up()
        self._fresh_pool()
        try:
            yield from prefetched(
                chunked(docs, self.chunk_size, CHUNK_BYTES),
                self._submit,
                self._collect,
                self.max_in_flight,
            )
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
