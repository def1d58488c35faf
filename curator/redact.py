"""Secrets never reach a terminal or a log: Hub tokens, ``Authorization`` values and proxy
credentials are masked in everything curator prints (:func:`redacting_streams` wraps stdout
and stderr for the command line; library errors call :func:`redact` on their messages)."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

MASK = "***"
_PATTERNS = [
    re.compile(r"(?i)(\bBearer\s+)[^\s\"',;]+"),  # an Authorization header's credential
    re.compile(r"(?i)(\bBasic\s+)[A-Za-z0-9+/=]{8,}"),
    re.compile(r"()\bhf_[A-Za-z0-9]{6,}"),  # a Hugging Face token wherever it appears
    re.compile(r"(?i)(\b(?:token|authorization)[\"']?\s*[:=]\s*[\"']?)[^\s\"',;]{8,}"),
    re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s/:@]+:)[^\s/@]+(?=@)"),  # user:password@ in a URL
]
SECRET_ENV = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")


def _env_secrets() -> list[str]:
    return [v for v in (os.environ.get(k) for k in SECRET_ENV) if v and len(v) >= 6]


def redact(text: str, secrets: tuple[str | None, ...] = ()) -> str:
    """``text`` with every secret it holds (and each of ``secrets``) replaced by ``***``."""
    for secret in [*_env_secrets(), *(s for s in secrets if s and len(s) >= 6)]:
        text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingStream(io.TextIOBase):
    """A text stream that masks secrets before writing to ``inner``. Writes are passed on as
    they come (progress bars stay live); a secret split across two writes is the price, and
    nothing in curator writes one in pieces."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(redact(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")


@contextmanager
def redacting_streams() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`RedactingStream` while the
    command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = RedactingStream(saved[0]), RedactingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
