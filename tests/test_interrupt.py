"""Ctrl-C during a slow fetch: the run stops within 2 seconds (the fetch in flight is
abandoned, not read to its end), exits 130, and the last good version is intact."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

from versions_helpers import ROOT, load_ids, make_spec, write_jsonl

from curator.builder import build
from curator.package import load_manifest
from curator.package.validate import validate


def _slow_server(asked: threading.Event, stop: threading.Event) -> int:
    """Answers every request with a status line, then one header byte a second, for ever."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(4096)
                asked.set()
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                while not stop.is_set():
                    conn.sendall(b"X")
                    time.sleep(1.0)
            except OSError:
                pass  # the client hung up

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=answer, args=(conn,), daemon=True).start()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def test_ctrl_c_during_a_slow_fetch_stops_within_2_seconds(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    before = set(load_ids(dataset, "default", tmp_path / "cache0"))
    asked, stop = threading.Event(), threading.Event()
    port = _slow_server(asked, stop)
    spec.write_text(
        spec.read_text()
        + "[fetch]\nobey_robots = false\nretries = 0\ntotal_timeout = 60\nread_timeout = 30\n"
        + f'[[sources]]\ntype = "urls"\nurls = ["http://127.0.0.1:{port}/slow"]\n'
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "curator", "update", str(spec), "--quiet"],
        cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert asked.wait(60), "the slow page was never asked for"
        time.sleep(0.5)  # well inside the fetch now
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        stop.set()
        proc.kill()
    assert proc.returncode == 130, err
    assert took < 2.0, f"took {took:.1f} s to stop"
    assert "interrupted" in err and "last good version is intact" in err
    assert validate(dataset) == []
    assert [v["version"] for v in load_manifest(dataset).versions] == ["v1.0.0"]
    assert set(load_ids(dataset, "default", tmp_path / "cache1")) == before
