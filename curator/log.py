"""Logging and progress for every command: the standard ``logging`` module (logger
``curator``), secrets redacted from every record, and progress that suits where it goes.

In a terminal a stage shows a tqdm bar (with a total where one is known); anywhere else (a
cron log, ``> run.log 2>&1``) no bar and no carriage return is written: a plain line every
few seconds says the stage, done/total and the rate."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from .redact import redact

LOGGER = "curator"
PLAIN_EVERY_SECONDS = 5.0
T = TypeVar("T")

log = logging.getLogger(LOGGER)


class RedactingFilter(logging.Filter):
    """Masks tokens and credentials in a record's final message (arguments included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        return True


def configure(verbosity: int = 0, log_file: str | Path | None = None) -> None:
    """``verbosity`` -1 quiet (warnings and errors), 0 progress lines and info, 1 debug."""
    level = {-1: logging.WARNING, 0: logging.INFO}.get(verbosity, logging.DEBUG)
    logger = logging.getLogger(LOGGER)
    logger.handlers.clear()
    logger.setLevel(min(level, logging.DEBUG) if log_file else level)
    logger.propagate = False
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(level)
    console.setFormatter(logging.Formatter("curator: %(message)s"))
    handlers: list[logging.Handler] = [console]
    if log_file:
        file = logging.FileHandler(log_file, encoding="utf-8")
        file.setLevel(logging.DEBUG)  # the file keeps everything, whatever the console shows
        file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handlers.append(file)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        logger.addHandler(handler)


def quiet() -> bool:
    return not log.isEnabledFor(logging.INFO)


class Plain:
    """Progress as a log line every few seconds, for output that is not a terminal."""

    def __init__(self, desc: str, total: int | None, every: float = PLAIN_EVERY_SECONDS) -> None:
        self.desc, self.total, self.every = desc, total, every
        self.n, self.start = 0, time.monotonic()
        self.last = self.start

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._line(now)

    def _line(self, now: float, done: bool = False) -> None:
        rate = self.n / max(now - self.start, 1e-9)
        of = f"/{self.total}" if self.total is not None else ""
        log.info("%s %s%s docs (%.1f/s)%s", self.desc, self.n, of, rate, " done" if done else "")

    def close(self) -> None:
        self._line(time.monotonic(), done=True)


def progress(
    stream: Iterable[T], desc: str, total: int | None = None, position: int = 0
) -> Iterator[T]:
    """``stream`` passed through, counted: a bar in a terminal, plain lines elsewhere, nothing
    under ``--quiet``. The bar or line is closed when the stream ends."""
    if quiet() or not log.handlers:
        yield from stream
        return
    bar = _bar(desc, total, position) if sys.stderr.isatty() else Plain(desc, total)
    try:
        for item in stream:
            bar.update(1)
            yield item
    finally:
        bar.close()


def _bar(desc: str, total: int | None, position: int):
    from tqdm import tqdm

    return tqdm(
        desc=f"{desc:>12}", total=total, unit="doc", position=position, leave=True, file=sys.stderr
    )
