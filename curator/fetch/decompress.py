"""Decompression that counts what it produces, so a small gzip bomb cannot fill memory."""

from __future__ import annotations

import zlib


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"too large: body over {limit} bytes")


class UnsupportedEncoding(Exception):
    pass


def _decompressor(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()  # zlib-wrapped, which is what the RFC means by deflate
    raise UnsupportedEncoding(f"unsupported content-encoding {encoding!r}")


class LimitedDecoder:
    """Feed compressed chunks, get the decoded body; raises :class:`TooLarge` as soon as the
    decoded size passes ``limit``, never holding more than ``limit + 1`` decoded bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self._z = _decompressor(content_encoding)
        self._parts: list[bytes] = []
        self.size = 0

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(self.limit)
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._keep(chunk)
            return
        data = chunk
        while data:
            # max_length bounds each step's output; what is not yet inflated stays in the tail
            self._keep(self._z.decompress(data, self.limit - self.size + 1))
            data = self._z.unconsumed_tail

    def finish(self) -> bytes:
        if self._z is not None:
            self._keep(self._z.flush())
        return b"".join(self._parts)


def gunzip(data: bytes, limit: int) -> bytes:
    """A gzip file's content (e.g. ``sitemap.xml.gz``), refusing more than ``limit`` bytes."""
    decoder = LimitedDecoder("gzip", limit)
    try:
        decoder.feed(data)
        return decoder.finish()
    except zlib.error as exc:
        raise ValueError(f"bad gzip data: {exc}") from exc
