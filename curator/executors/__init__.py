"""Executors run per-document steps over a stream of documents, locally or on a cluster.

Executors are separate from the steps: the same :class:`~curator.pipeline.Step` objects run
inline, in a local process pool, or as Ray tasks. Steps that need the whole batch (learned
boilerplate, deduplication) run in the driver on the stream the executor returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..pipeline import Document, Step, run_steps


class Executor(Protocol):
    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]: ...

    def close(self) -> None: ...


def finish_chunk(steps: list[Step], docs: list[Document]) -> list[Document]:
    """Run ``steps`` over ``docs`` and drop what cannot or need not travel back to the driver
    (parsed trees, raw bytes): the record and the verdicts are what later steps read."""
    out = list(run_steps(docs, steps))
    for doc in out:
        doc.raw = None
        if doc.cleaned is not None:
            doc.cleaned.tree = None
            doc.cleaned.extraction = None
    return out


class InlineExecutor:
    """Everything in this process: the reference the others must match."""

    def __init__(self, chunk_size: int = 64):
        self.chunk_size = chunk_size

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        for chunk in chunked(docs, self.chunk_size):
            yield from finish_chunk(steps, chunk)

    def close(self) -> None:
        pass


def chunked(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def make_executor(
    kind: str = "local", workers: int | None = None, address: str | None = None
) -> Executor:
    """``local`` (a process pool over ``workers`` cores, inline for one) or ``ray``."""
    if kind == "ray":
        from .ray import RayExecutor

        return RayExecutor(address=address, workers=workers)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r}: use 'local' or 'ray'")
    from .local import LocalExecutor

    return InlineExecutor() if workers == 1 else LocalExecutor(workers=workers)
