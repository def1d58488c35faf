"""A run that is ending early (Ctrl-C, or a failure in the driver) tells the threads still
working for it: fetches in flight are abandoned at once instead of being read to the end,
and sleeps for politeness or back-off wake up. Stages register what to do
(:func:`on_interrupt`); the executor calls :func:`interrupt` when its consumer stops."""

from __future__ import annotations

import threading
from collections.abc import Callable

INTERRUPTED = threading.Event()
_callbacks: list[Callable[[], None]] = []


def on_interrupt(callback: Callable[[], None]) -> None:
    if callback not in _callbacks:
        _callbacks.append(callback)


def interrupt() -> None:
    INTERRUPTED.set()
    for callback in list(_callbacks):
        callback()


def reset() -> None:
    """A new run in the same process (the library API, tests) starts uninterrupted."""
    INTERRUPTED.clear()


def sleep(seconds: float) -> None:
    """``time.sleep`` that an interrupt cuts short."""
    if seconds > 0:
        INTERRUPTED.wait(seconds)
