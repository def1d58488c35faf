"""One run at a time per dataset: an OS lock (fcntl.lockf) that dies with its holder."""

from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class LockedError(RuntimeError):
    pass


_HELD: set[str] = set()  # POSIX locks do not conflict within one process: refuse nesting here


@contextmanager
def dataset_lock(state: Path):
    state.mkdir(parents=True, exist_ok=True)
    path = state / "lock"
    key = str(path.resolve())
    if key in _HELD:
        raise LockedError(f"this process is already working on {state.parent}")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            # a POSIX record lock, not flock: it belongs to this process only, so worker
            # processes forked during the run (which inherit the fd) cannot keep it held
            # after this process is killed
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            holder = path.read_text().strip() or "unknown"
            raise LockedError(
                f"another curator run (pid {holder}) is working on {state.parent}; "
                "wait for it to finish, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing releases the lock; a killed holder releases it too
