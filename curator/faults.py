"""Crash points for tests: ``CURATOR_TEST_CRASH_AT=<point>`` makes the process SIGKILL itself
when it reaches the named point, so tests can kill a real run at a known moment.

Points: ``shards`` (new shards written, manifest not yet), ``manifest`` (manifest replaced,
card not yet), ``card`` (card written, dedup index not yet), ``index`` (dedup index
committed, seen-pages list not yet), ``remove-shards`` and ``remove-manifest`` (the same
two moments in ``curator remove``). ``CURATOR_TEST_SIGNAL=INT`` sends SIGINT instead, as
Ctrl-C would. ``CURATOR_TEST_FILL_AT=<point>`` with ``CURATOR_TEST_FILL_FILE=<path>`` fills
the disk at that point instead (a file grown until the filesystem refuses), so a test on a
small tmpfs can make the disk full at an exact moment. Unset (always, outside tests) they do
nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "CURATOR_TEST_CRASH_AT"
SIGNAL_ENV = "CURATOR_TEST_SIGNAL"


FILL_ENV, FILL_FILE_ENV = "CURATOR_TEST_FILL_AT", "CURATOR_TEST_FILL_FILE"


def _fill_disk(path: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for size in (1 << 20, 1 << 12, 1):  # big blocks, then the last partial ones
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass  # this size no longer fits
    finally:
        os.close(fd)


def crash_point(name: str) -> None:
    if os.environ.get(FILL_ENV) == name and os.environ.get(FILL_FILE_ENV):
        _fill_disk(os.environ[FILL_FILE_ENV])
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), getattr(signal, f"SIG{os.environ.get(SIGNAL_ENV, 'KILL')}"))
