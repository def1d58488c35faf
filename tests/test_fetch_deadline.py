"""total_timeout is a wall-clock bound on a whole response, against servers on 127.0.0.1 that
send their headers or their body one byte at a time (each byte well inside read_timeout)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from test_fetch_site import fetcher_for

DRIP_EVERY = 0.2  # seconds between bytes: far inside read_timeout, so only a deadline stops it
GIVE_UP_AFTER = 6.0  # the server stops dripping, so a broken deadline fails the test, not hangs it
TOTAL = 1.0
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


def _drip(conn: socket.socket, prefix: bytes, stop: threading.Event) -> None:
    conn.sendall(prefix)
    ends = time.monotonic() + GIVE_UP_AFTER
    while not stop.is_set() and time.monotonic() < ends:
        conn.sendall(b"a")
        time.sleep(DRIP_EVERY)


def _answer(conn: socket.socket, prefix: bytes, stop: threading.Event) -> None:
    with conn:
        try:
            _read_request(conn)
            _drip(conn, prefix, stop)
        except OSError:
            pass  # the client hung up: what a deadline is for


@pytest.fixture
def drip_server() -> Iterator[callable]:
    """``start(prefix)`` serves ``prefix`` then one byte every DRIP_EVERY s; returns a URL."""
    stop = threading.Event()
    listeners: list[socket.socket] = []

    def start(prefix: bytes) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.2)
        listeners.append(listener)

        def serve() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                threading.Thread(target=_answer, args=(conn, prefix, stop), daemon=True).start()

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/slow-page-here.html"

    yield start
    stop.set()
    for listener in listeners:
        listener.close()


def _timed_fetch(tmp_path, url: str):
    fetcher = fetcher_for(
        tmp_path, obey_robots=False, retries=0, read_timeout=1, total_timeout=TOTAL
    )
    with fetcher:
        started = time.monotonic()
        result = fetcher.fetch(url)
        return result, time.monotonic() - started, fetcher.stats["127.0.0.1"]


def test_headers_sent_a_byte_at_a_time_stop_at_the_total_timeout(tmp_path, drip_server):
    url = drip_server(HEAD + b"X-Padding: ")  # the header line never ends
    result, elapsed, stats = _timed_fetch(tmp_path, url)
    assert elapsed < TOTAL + 1, f"took {elapsed:.1f}s"
    assert result.error is not None and result.error.startswith("timeout:"), result.error
    assert result.retryable and not result.ok and stats.failed == {"timeout": 1}


def test_body_sent_a_byte_at_a_time_stops_at_the_total_timeout(tmp_path, drip_server):
    url = drip_server(HEAD + b"Content-Length: 100000\r\n\r\n<html>")
    result, elapsed, stats = _timed_fetch(tmp_path, url)
    assert elapsed < TOTAL + 1, f"took {elapsed:.1f}s"
    assert result.error is not None and result.error.startswith("timeout:"), result.error
    assert result.truncated and result.body == b"" and stats.failed == {"timeout": 1}


def test_chunked_body_sent_a_byte_at_a_time_stops_at_the_total_timeout(tmp_path, drip_server):
    # a chunk-size line that never ends: one read1() would wait on it forever without a cut-off
    url = drip_server(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
    result, elapsed, _ = _timed_fetch(tmp_path, url)
    assert elapsed < TOTAL + 1, f"took {elapsed:.1f}s"
    assert result.error is not None and result.error.startswith("timeout:"), result.error
