"""The bottom of the chain: one HTTP GET over urllib3, streamed with size and time limits,
directly or through a proxy (:mod:`.proxy`), with the host's own headers, cookies and user
agent (``[fetch.hosts]``), checking the address of a guarded host's connection (:mod:`.guard`)."""

from __future__ import annotations

import re
import socket
import threading
import time
import zlib
from datetime import UTC, datetime
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from ..interrupt import INTERRUPTED, on_interrupt
from ..redact import redact
from .config import FetchConfig
from .content import accepts
from .decompress import LimitedDecoder, TooLarge, UnsupportedEncoding
from .guard import PrivateAddress, address_kind, refused
from .models import FetchResult, Request
from .proxy import Proxies, Proxy

READ_SIZE = 65536  # the most one read asks for; read1() returns what one recv() brought
# Describe the bytes on the wire, not the decoded body we keep; left in they would mislead
# anyone (or any WARC tool) reading the body back.
WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")
# urllib3 puts "<urllib3.connection.HTTPConnection object at 0x7f..>: " in its messages
_OBJECT_REPR = re.compile(r"<[^<>]* object at 0x[0-9a-fA-F]+>:?\s*")
# The watchdog of the fetch this thread is making, where its connection can find it: urllib3
# has no way to hand a connection anything per request.
_current = threading.local()


class _Deadline(Exception):
    pass


_ACTIVE: set[_Watchdog] = set()  # every fetch in flight, so an interrupt can cut them all
_ACTIVE_LOCK = threading.Lock()


def abandon_in_flight() -> None:
    """Cut the connection of every fetch in flight (the run is ending: Ctrl-C)."""
    with _ACTIVE_LOCK:
        watchdogs = list(_ACTIVE)
    for watchdog in watchdogs:
        watchdog._fire()


on_interrupt(abandon_in_flight)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def describe(exc: BaseException) -> str:
    """An exception as the tail of a reason: its class and its message."""
    message = _OBJECT_REPR.sub("", str(exc)).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _headers(response: urllib3.BaseHTTPResponse) -> dict[str, str]:
    return {name.lower(): ", ".join(response.headers.getlist(name)) for name in response.headers}


def _cut(sock: socket.socket) -> None:
    try:
        # shutdown wakes a recv() blocked in another thread, which close() does not; the plain
        # socket's method, so a TLS socket's state is left to the thread reading it
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # closed already


class _Watchdog:
    """Cuts the connection of one fetch when its total_timeout runs out. Socket timeouts bound
    each recv(), not a response: a server sending a byte every half second never trips them,
    and http.client reads the header block in one call we cannot check the clock inside."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._outer = getattr(_current, "watchdog", None)
        _current.watchdog = self
        with _ACTIVE_LOCK:
            _ACTIVE.add(self)
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with _ACTIVE_LOCK:
            _ACTIVE.discard(self)
        self._timer.cancel()
        with self._lock:
            self._sock = None  # a late timer must not cut a connection gone back to the pool
        _current.watchdog = self._outer

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                _cut(sock)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._sock is not None:
                _cut(self._sock)


class _Watched:
    """A connection that hands its socket to the running fetch's watchdog before the response
    is read (a pooled connection is reused by later fetches, so it is handed over each time),
    and that refuses, for a guarded request, a peer at a non-public address."""

    sock: socket.socket | None
    host: str

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        if getattr(_current, "guarded", False):
            try:
                peer = str(sock.getpeername()[0])
            except OSError:
                peer = ""
            kind = address_kind(peer)
            if kind:  # the address really connected to: a rebinding cannot get past this
                sock.close()
                raise PrivateAddress(self.host, peer, kind)
        return sock

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        watchdog = getattr(_current, "watchdog", None)
        if watchdog is not None and self.sock is not None:
            watchdog.watch(self.sock)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class Transport:
    """Sends the request with no retries or redirects of its own: those are the middlewares' job.

    ``total_timeout`` bounds connect, headers and body together, by the clock."""

    def __init__(self, config: FetchConfig) -> None:
        self.config = config
        self.proxies = Proxies(config.proxy, config.no_proxy)
        per_host = [t.get("concurrency", 0) for t in config.hosts.values()]
        self._maxsize = max([config.concurrency_per_host, *per_host])
        self.pool = self._manager(urllib3.PoolManager)
        self._via: dict[str, urllib3.ProxyManager] = {}  # proxy URL -> its manager
        self._via_lock = threading.Lock()
        # total caps connect and the first read; the watchdog caps the rest
        self.timeout = urllib3.Timeout(
            connect=config.connect_timeout, read=config.read_timeout, total=config.total_timeout
        )

    def _manager(self, cls: type, **kwargs: Any) -> Any:
        manager = cls(num_pools=64, maxsize=self._maxsize, retries=False, **kwargs)
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
        return manager

    def _pool_for(self, proxy: Proxy | None) -> urllib3.PoolManager:
        if proxy is None:
            return self.pool
        with self._via_lock:
            manager = self._via.get(proxy.url)
            if manager is None:
                manager = self._via[proxy.url] = self._manager(
                    urllib3.ProxyManager, proxy_url=proxy.url, proxy_headers=proxy.headers
                )
            return manager

    def _redact(self, text: str) -> str:
        """An error message with no proxy credential in it: it goes into reports."""
        return redact(text, self.proxies.secrets)

    def __call__(self, request: Request) -> FetchResult:
        if INTERRUPTED.is_set():  # the run is ending: no new connection
            return FetchResult(request.url, error="interrupted: the run was stopped")
        response = None
        watchdog = _Watchdog(self.config.total_timeout)
        try:
            with watchdog:
                sent = self._send(request, watchdog)
                if isinstance(sent, FetchResult):
                    return sent
                response, latency = sent
                result = self._read(request, response, watchdog)
                result.latency = latency
                return result
        finally:
            # after the watchdog stopped, so it cannot cut a connection back in the pool
            if response is not None:
                if watchdog.fired:
                    response.close()
                response.release_conn()

    def _past_deadline(self, what: str) -> str:
        return f"timeout: {what} within total_timeout ({self.config.total_timeout:g}s)"

    def _no_response(self, url: str) -> FetchResult:
        return FetchResult(url, error=self._past_deadline("no response"), retryable=True)

    def _send(
        self, request: Request, watchdog: _Watchdog
    ) -> tuple[urllib3.BaseHTTPResponse, float] | FetchResult:
        headers = {
            "Accept-Encoding": "gzip, deflate",
            **self.config.for_host(request.url).request_headers(),
            **request.headers,
        }
        proxy = self.proxies.for_url(request.url)
        # the connection to a proxy is the proxy's: the guard checked the target's name already
        _current.guarded = request.guarded and proxy is None
        started = time.monotonic()
        try:
            response = self._pool_for(proxy).request(
                "GET",
                request.url,
                headers=headers,
                preload_content=False,
                decode_content=False,
                redirect=False,
                retries=False,
                timeout=self.timeout,
            )
        except PrivateAddress as exc:
            return refused(request.url, exc)
        except (Urllib3Error, OSError) as exc:
            if watchdog.fired:
                return self._no_response(request.url)
            # NewConnectionError is a ConnectTimeoutError to urllib3, even for a refusal
            if isinstance(exc, Urllib3Timeout) and not isinstance(exc, NewConnectionError):
                return FetchResult(
                    request.url, error="timeout: no response in time", retryable=True
                )
            return FetchResult(
                request.url,
                error=self._redact(f"connection failed: {describe(exc)}"),
                retryable=True,
            )
        finally:
            _current.guarded = False
        return response, time.monotonic() - started

    def _read(
        self, request: Request, response: urllib3.BaseHTTPResponse, watchdog: _Watchdog
    ) -> FetchResult:
        if watchdog.fired:  # a cut ends the header block early: what came is not the response
            return self._no_response(request.url)
        result = FetchResult(
            request.url,
            status=response.status,
            headers=_headers(response),
            fetched_at=utc_now(),
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
            result.body = self._stream(response, content_encoding, watchdog)
        except (TooLarge, UnsupportedEncoding) as exc:
            result.error = str(exc)
        except (_Deadline, Urllib3Error, OSError, zlib.error) as exc:
            result.error, result.retryable = self._body_failure(exc, watchdog), True
        if result.error:
            result.truncated = True
            response.close()  # never give a half-read connection back to the pool
        return result

    def _body_failure(self, exc: Exception, watchdog: _Watchdog) -> str:
        if isinstance(exc, _Deadline) or watchdog.fired:  # a cut breaks the read it stops
            return self._past_deadline("body not read")
        if isinstance(exc, Urllib3Timeout):
            return "timeout: body not read in time"  # one recv() waited read_timeout
        return self._redact(f"broken response: {describe(exc)}")

    def _stream(
        self, response: urllib3.BaseHTTPResponse, content_encoding: str, watchdog: _Watchdog
    ) -> bytes:
        decoder = LimitedDecoder(content_encoding, self.config.max_bytes)
        while True:
            self._bound_next_read(response, watchdog)
            chunk = response.read1(READ_SIZE, decode_content=False)
            if not chunk:
                break
            decoder.feed(chunk)
        if watchdog.fired:  # a cut reads like the end of the body: it was not
            raise _Deadline
        return decoder.finish()

    def _bound_next_read(self, response: urllib3.BaseHTTPResponse, watchdog: _Watchdog) -> None:
        """The next recv() waits no longer than read_timeout, nor past the deadline."""
        remaining = watchdog.remaining()
        if remaining <= 0:
            raise _Deadline
        sock = getattr(response.connection, "sock", None)
        if sock is not None:
            sock.settimeout(min(self.config.read_timeout, remaining))
