"""The bottom of the chain: one HTTP GET over urllib3, streamed with size and time limits."""

from __future__ import annotations

import time
import zlib
from datetime import UTC, datetime

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from .config import FetchConfig
from .content import accepts
from .decompress import LimitedDecoder, TooLarge, UnsupportedEncoding
from .models import FetchResult, Request

CHUNK = 65536
# Describe the bytes on the wire, not the decoded body we keep; left in they would mislead
# anyone (or any WARC tool) reading the body back.
WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


class _Deadline(Exception):
    pass


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _headers(response: urllib3.BaseHTTPResponse) -> dict[str, str]:
    return {name.lower(): ", ".join(response.headers.getlist(name)) for name in response.headers}


class Transport:
    """Sends the request with no retries or redirects of its own: those are the middlewares' job."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        self.pool = urllib3.PoolManager(
            num_pools=64, maxsize=config.concurrency_per_host, retries=False
        )
        self.timeout = urllib3.Timeout(connect=config.connect_timeout, read=config.read_timeout)

    def __call__(self, request: Request) -> FetchResult:
        headers = {
            "User-Agent": self.config.user_agent_header,
            "Accept-Encoding": "gzip, deflate",
            **request.headers,
        }
        try:
            response = self.pool.request(
                "GET",
                request.url,
                headers=headers,
                preload_content=False,
                decode_content=False,
                redirect=False,
                retries=False,
                timeout=self.timeout,
            )
        except Urllib3Timeout:
            return FetchResult(request.url, error="timeout: no response in time", retryable=True)
        except (Urllib3Error, OSError) as exc:
            return FetchResult(
                request.url, error=f"connection failed: {type(exc).__name__}", retryable=True
            )
        try:
            return self._read(request, response)
        finally:
            response.release_conn()

    def _read(self, request: Request, response: urllib3.BaseHTTPResponse) -> FetchResult:
        result = FetchResult(
            request.url, status=response.status, headers=_headers(response), fetched_at=utc_now()
        )
        content_encoding = result.headers.get("content-encoding", "")
        for name in WIRE_HEADERS:
            result.headers.pop(name, None)
        if 200 <= response.status < 300 and not accepts(
            result.headers.get("content-type", ""), request.accept
        ):
            # refused before the body is read: a PDF or video is not worth the bandwidth
            response.close()  # draining would download the very body we refuse
            result.error = f"not accepted: content-type {result.content_type}"
            result.truncated = True  # no body read: nothing a later, less picky fetch could reuse
            return result
        try:
            result.body = self._stream(response, content_encoding)
        except (Urllib3Timeout, _Deadline):
            result.error, result.retryable = "timeout: body not read in time", True
        except (TooLarge, UnsupportedEncoding) as exc:
            result.error = str(exc)
        except (Urllib3Error, OSError, zlib.error) as exc:
            result.error, result.retryable = f"broken response: {type(exc).__name__}", True
        if result.error:
            result.truncated = True
            response.close()  # never give a half-read connection back to the pool
        return result

    def _stream(self, response: urllib3.BaseHTTPResponse, content_encoding: str) -> bytes:
        decoder = LimitedDecoder(content_encoding, self.config.max_bytes)
        deadline = time.monotonic() + self.config.total_timeout
        for chunk in response.stream(CHUNK, decode_content=False):
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise _Deadline
        return decoder.finish()
