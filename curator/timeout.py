"""A per-document time bound, so one pathological page cannot hang a build; shared by the
cleaner (its own bound on extraction) and the executors (a deadline on all of a document's
steps), each raising its own exception type.

Choice: ``signal.setitimer(ITIMER_REAL)`` in the main thread. It costs nothing per page (a
worker process would pickle every page and its lxml tree both ways) and interrupts the
pure-Python parts of trafilatura, where pathological pages spend their time. Its limits:
it cannot interrupt one long C call (lxml parsing), which the input size caps and the
cleaner's pre-parse guard bound instead (and the local executor's kill of a worker stuck past
its deadline, see :mod:`curator.executors.local`); and it only works in the main thread, so elsewhere (a worker thread, Windows) the page runs
unbounded and only the size caps hold. A timer already armed by the caller (pytest-timeout,
another deadline) is honoured: it is re-armed with its remaining time on the way out and
fires first if it is due first.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class PageTimeout(BaseException):
    """A page took longer than its time bound. A BaseException, so that the ``except
    Exception`` blocks between the timer and its bound (the cleaner's report of broken markup
    around lxml's parse, trafilatura's own fallbacks) do not take it for another failure: a
    44 s page was rejected "unparseable HTML: PageTimeout" that way."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_bound(seconds: float | None, error: type[BaseException] = PageTimeout) -> Iterator[None]:
    """Raise ``error`` in the block when it runs longer than ``seconds``."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return
    start = time.monotonic()
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    outer_first = 0 < outer_delay < seconds

    def on_alarm(signum: int, frame: Any) -> None:
        if outer_first and callable(outer_handler):
            outer_handler(signum, frame)  # the caller's deadline came first: its handler decides
        raise error(f"took longer than {seconds:g} s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, outer_delay if outer_first else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_delay > 0:
            left = max(outer_delay - (time.monotonic() - start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)
