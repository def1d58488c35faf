"""What a daily job relies on when something goes wrong: ``--json`` that parses whatever
failed, no token in anything printed, one clear line on a full disk."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from versions_helpers import cli, make_spec, write_jsonl

from curator.package import load_manifest
from curator.package.validate import validate


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_update_json_parses_when_a_host_failed(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    port = _closed_port()
    spec = tmp_path / "spec.toml"
    spec.write_text(
        'name = "tiny"\noutput = "out"\n[fetch]\nobey_robots = false\nretries = 0\n'
        '[[sources]]\ntype = "jsonl"\npath = "pages.jsonl"\n'
        f'[[sources]]\ntype = "urls"\nurls = ["http://127.0.0.1:{port}/gone"]\n'
    )
    proc = cli("update", str(spec), "--quiet", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["version"] == "v1.0.0"
    [failed] = [h["failed"] for h in out["by_host"].values() if h["failed"]]
    assert sum(failed.values()) == 1 and all(isinstance(k, str) for k in failed)


class _EchoAuth(BaseHTTPRequestHandler):
    """A Hub that refuses every call and echoes the Authorization header back, as some
    proxies and misconfigured endpoints do."""

    def log_message(self, *args):
        pass

    def _refuse(self):
        auth = self.headers.get("authorization", "")
        body = json.dumps({"error": f"token {auth} is not valid"}).encode()
        self.send_response(403)
        self.send_header("x-error-message", f"token {auth} is not valid")
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _refuse


def test_push_never_prints_the_token_an_endpoint_echoes(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(2))
    from curator.builder import build

    dataset = build(make_spec(tmp_path, "jsonl"), progress=False).dataset
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoAuth)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    token = "hf_" + "Secr3tT0kenValue" * 2
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        env = {"HF_TOKEN": token, "HF_HUB_OFFLINE": "0"}
        proc = cli("push", str(dataset), "--repo", "me/tiny", "--endpoint", endpoint, env=env)
    finally:
        server.shutdown()
    printed = proc.stdout + proc.stderr
    assert proc.returncode == 1, printed
    assert "403" in printed and "***" in printed  # the echo reached us, masked
    assert token not in printed and "Secr3t" not in printed


def test_redact_masks_bearer_hub_tokens_and_url_credentials():
    from curator.redact import redact

    text = redact(
        "Authorization: Bearer abc.def-123 / hf_abcdefghijkl / http://bob:pa55w0rd@proxy:3128/"
    )
    assert "abc.def-123" not in text and "hf_abcdefghijkl" not in text and "pa55w0rd" not in text
    assert "bob" in text and "proxy:3128" in text  # what is not secret stays readable


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs; mounting needs root (CI runs as root)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("disk-full test needs root to mount a small tmpfs (CI runs as root)")
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)])
    if done.returncode != 0:
        pytest.skip("could not mount a tmpfs here (no CAP_SYS_ADMIN)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)])


def _fill(folder: Path, leave: int) -> None:
    """Fill the filesystem of ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    with (folder / "ballast").open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


@pytest.mark.parametrize("leave", [20_000, 120_000, 400_000])  # seen pages, dedup index, shard
def test_disk_full_is_one_line_and_the_last_version_survives(tmp_path, small_disk, leave):
    write_jsonl(small_disk / "pages.jsonl", range(3))
    spec = make_spec(small_disk, "jsonl")
    first = cli("build", str(spec), "--quiet")
    assert first.returncode == 0, first.stderr
    dataset = small_disk / "out"
    write_jsonl(small_disk / "pages.jsonl", range(400))  # a big update: ~400 more rows
    _fill(small_disk, leave)
    proc = cli("update", str(spec), "--quiet")
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    [line] = [x for x in proc.stderr.splitlines() if x.strip()]
    print(line)
    assert "no space left" in line and "last good version is intact" in line
    assert str(small_disk) in line  # it names the file it could not write
    (small_disk / "ballast").unlink()
    assert [v["version"] for v in load_manifest(dataset).versions] == ["v1.0.0"]
    assert validate(dataset) == []
    assert cli("update", str(spec), "--quiet").returncode == 0  # and the next run finishes
    assert validate(dataset) == []


def test_disk_full_after_the_version_is_published_exits_0_and_says_so(tmp_path, small_disk):
    write_jsonl(small_disk / "pages.jsonl", range(3))
    spec = make_spec(small_disk, "jsonl")
    assert cli("build", str(spec), "--quiet").returncode == 0
    write_jsonl(small_disk / "pages.jsonl", range(40))
    ballast = small_disk / "ballast"
    env = {"CURATOR_TEST_FILL_AT": "manifest", "CURATOR_TEST_FILL_FILE": str(ballast)}
    proc = cli("update", str(spec), "--quiet", "--json", env=env)  # the disk fills right after
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    out = json.loads(proc.stdout)
    assert out["version"] == "v1.1.0" and "no space was left" in out["message"]
    ballast.unlink()
    dataset = small_disk / "out"
    assert validate(dataset) == []
    assert [v["version"] for v in load_manifest(dataset).versions] == ["v1.0.0", "v1.1.0"]
    again = cli("update", str(spec), "--quiet", "--json")  # re-derives the index, adds nothing
    assert again.returncode == 0 and json.loads(again.stdout)["version"] is None
