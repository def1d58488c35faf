"""A process pool over the cores of this machine, with a bounded number of chunks in flight
so memory stays flat however long the stream is; results come back in input order."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..pipeline import Document, Step
from . import chunked, finish_chunk

_STEPS: list[Step] = []  # set once per worker by the initializer: steps are not re-sent per chunk


def _init(steps: list[Step]) -> None:
    global _STEPS
    _STEPS = steps


def _work(docs: list[Document]) -> list[Document]:
    return finish_chunk(_STEPS, docs)


class LocalExecutor:
    def __init__(
        self, workers: int | None = None, chunk_size: int = 32, in_flight_per_worker: int = 2
    ):
        self.workers = workers or os.cpu_count() or 1
        self.chunk_size = chunk_size
        self.max_in_flight = self.workers * in_flight_per_worker

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init, initargs=(steps,)
        ) as pool:
            pending: deque[Future] = deque()
            for chunk in chunked(docs, self.chunk_size):
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= self.max_in_flight:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def close(self) -> None:
        pass
