"""Crash points for tests: ``CURATOR_TEST_CRASH_AT=<point>`` makes the process SIGKILL itself
when it reaches the named point, so tests can kill a real run at a known moment.

Points: ``shards`` (new shards written, manifest not yet), ``manifest`` (manifest replaced,
card not yet), ``card`` (card written, dedup index not yet), ``index`` (dedup index
committed, seen-pages list not yet), ``remove-shards`` and ``remove-manifest`` (the same
two moments in ``curator remove``). ``CURATOR_TEST_SIGNAL=INT`` sends SIGINT instead, as
Ctrl-C would. Unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "CURATOR_TEST_CRASH_AT"
SIGNAL_ENV = "CURATOR_TEST_SIGNAL"


def crash_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), getattr(signal, f"SIG{os.environ.get(SIGNAL_ENV, 'KILL')}"))
