"""The same steps as Ray tasks, one task per chunk of documents, for more than one machine.

``ray`` is an optional extra (``pip install 'curator[ray]'``). With ``address`` the executor
joins an existing cluster; without, it starts a local instance limited to ``workers`` CPUs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from ..pipeline import Document, Step
from . import chunked, finish_chunk


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise RuntimeError("the Ray executor needs ray: pip install 'curator[ray]'") from exc
    return ray


class RayExecutor:
    def __init__(
        self, address: str | None = None, workers: int | None = None, chunk_size: int = 32
    ):
        ray = _ray()
        self.started_here = not ray.is_initialized()
        if self.started_here:
            kwargs = (
                {"address": address}
                if address
                else {"num_cpus": workers, "include_dashboard": False}
            )
            ray.init(ignore_reinit_error=True, log_to_driver=False, **kwargs)
        self.chunk_size = chunk_size
        self.max_in_flight = 2 * int(ray.available_resources().get("CPU", 1) or 1)
        self._task = ray.remote(finish_chunk)

    def run(self, steps: list[Step], docs: Iterable[Document]) -> Iterator[Document]:
        ray = _ray()
        steps_ref = ray.put(steps)  # shipped once to the object store, not once per chunk
        pending: deque = deque()
        for chunk in chunked(docs, self.chunk_size):
            pending.append(self._task.remote(steps_ref, chunk))
            if len(pending) >= self.max_in_flight:
                yield from ray.get(pending.popleft())
        while pending:
            yield from ray.get(pending.popleft())

    def close(self) -> None:
        if self.started_here:
            _ray().shutdown()
