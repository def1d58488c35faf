"""The same steps as Ray tasks, one task per chunk of documents, for more than one machine.

``ray`` is an optional extra (``pip install 'curator[ray]'``). With ``address`` the executor
joins an existing cluster; without, it starts a local instance limited to ``workers`` CPUs.
Tasks are not retried by Ray: a chunk whose worker died is re-run one page per task here,
and the page that kills a worker again is rejected (see :mod:`curator.executors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline import Document, Step
from . import CHUNK_BYTES, DOC_TIMEOUT_SECONDS, chunked, crashed, finish_chunk, prefetched


def _ray() -> Any:  # the ray module, imported only when this executor is used
    try:
        import ray
    except ImportError as exc:
        raise RuntimeError("the Ray executor needs ray: pip install 'curator[ray]'") from exc
    return ray


def _ray_logging() -> dict:
    """Ray's own messages follow curator's verbosity: under ``--quiet`` only its errors."""
    import logging

    from ..log import quiet

    return {"logging_level": logging.ERROR if quiet() else logging.WARNING}


class RayExecutor:
    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        chunk_size: int = 32,
        doc_timeout: float | None = DOC_TIMEOUT_SECONDS,
    ):
        ray = _ray()
        self.started_here = not ray.is_initialized()
        if self.started_here:
            kwargs = (
                {"address": address}
                if address
                else {"num_cpus": workers, "include_dashboard": False}
            )
            ray.init(ignore_reinit_error=True, log_to_driver=False, **_ray_logging(), **kwargs)
        self.chunk_size = chunk_size
        self.doc_timeout = doc_timeout
        self.max_in_flight = 8 * int(ray.available_resources().get("CPU", 1) or 1)
        self._task = ray.remote(max_retries=0)(finish_chunk)

    def _collect(self, chunk: list[Document], ref: Any) -> list[Document]:
        ray = _ray()
        try:
            return ray.get(ref)
        except (ray.exceptions.WorkerCrashedError, ray.exceptions.RayTaskError):
            pass
        out = []
        for doc in chunk:
            try:
                out.extend(ray.get(self._submit([doc])))
            except (ray.exceptions.WorkerCrashedError, ray.exceptions.RayTaskError) as exc:
                out.append(crashed(doc, f"the Ray worker died ({type(exc).__name__})"))
        return out

    def _submit(self, chunk: list[Document]) -> Any:  # a Ray object reference
        return self._task.remote(self._steps_ref, chunk, self.doc_timeout)

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        self._steps_ref = _ray().put(steps)  # shipped once to the object store, not per chunk
        chunks = chunked(docs, self.chunk_size, CHUNK_BYTES)
        yield from prefetched(chunks, self._submit, self._collect, self.max_in_flight)

    def close(self) -> None:
        if self.started_here:
            _ray().shutdown()
