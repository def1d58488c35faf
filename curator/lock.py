"""One run at a time per dataset: an OS lock (flock) that dies with its holder."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class LockedError(RuntimeError):
    pass


@contextmanager
def dataset_lock(state: Path):
    state.mkdir(parents=True, exist_ok=True)
    path = state / "lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = path.read_text().strip() or "unknown"
            raise LockedError(
                f"another curator run (pid {holder}) is working on {state.parent}; "
                "wait for it to finish, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)  # closing releases the flock; a killed holder releases it too
