"""Operable from cron and CI: exit codes a script can trust, logs without terminal codes,
a report of every run, and a push that checks before it sends anything."""

from __future__ import annotations

import json
import socket

import pytest
from fakehub import FakeHub
from versions_helpers import cli, make_spec, write_jsonl

from curator.builder import build
from curator.layout import Layout
from curator.package.runs import KEPT, _prune, new_run_folder


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _remote_spec(tmp_path, local: bool) -> tuple:
    port = _closed_port()
    local_source = '[[sources]]\ntype = "jsonl"\npath = "pages.jsonl"\n' if local else ""
    spec = tmp_path / "spec.toml"
    spec.write_text(
        'name = "tiny"\noutput = "out"\n[fetch]\nobey_robots = false\nretries = 0\n'
        + local_source
        + f'[[sources]]\ntype = "urls"\nurls = ["http://127.0.0.1:{port}/a", "http://127.0.0.1:{port}/b"]\n'
    )
    return spec, port


def test_every_source_failing_exits_1_with_one_line_per_host(tmp_path):
    spec, port = _remote_spec(tmp_path, local=False)
    proc = cli("update", str(spec), "--quiet")
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = [x for x in proc.stderr.splitlines() if f"127.0.0.1:{port}" in x]
    assert len(lines) == 1 and "2 page(s) could not be fetched" in lines[0]
    assert f"http://127.0.0.1:{port}/a" in lines[0] and "fetch failed" in lines[0]


def test_some_sources_failing_exits_0_and_lists_them(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec, port = _remote_spec(tmp_path, local=True)
    proc = cli("update", str(spec), "--quiet", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["version"] == "v1.0.0" and not out["failed"]
    assert [f["count"] for f in out["failures"]] == [2]
    report = tmp_path / "out" / ".curator" / "reports" / "runs"
    [run] = list(report.iterdir())
    assert json.loads((run / "failures.json").read_text())[0]["host"].startswith("127.0.0.1")
    assert json.loads(
        (tmp_path / "out" / ".curator" / "reports" / "v1.0.0" / "run.json").read_text()
    ) == {"run": run.name}


def test_commands_on_a_folder_that_is_not_a_dataset_exit_2(tmp_path):
    (tmp_path / "some-folder").mkdir()
    folder = str(tmp_path / "some-folder")
    for args in (("info", folder), ("validate", folder), ("diff", folder, "v1.0.0", "v1.1.0")):
        proc = cli(*args)
        assert proc.returncode == 2 and "not a curator dataset" in proc.stderr, (args, proc.stderr)


def test_version_and_help_name_the_exit_codes():
    assert cli("--version").stdout.startswith("curator ")
    text = cli("update", "--help").stdout
    assert "130" in text and "lock" in text and "nothing new" in text


def test_a_log_gets_plain_progress_lines_and_no_terminal_codes(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(4))
    spec = make_spec(tmp_path, "jsonl")
    proc = cli("build", str(spec), "--log-file", str(tmp_path / "run.log"))  # stderr is a pipe
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr and "\x1b[" not in proc.stderr
    stages = [line for line in proc.stderr.splitlines() if line.endswith(" done")]
    assert [s.split()[1] for s in stages] == ["read", "clean+tag", "filter", "dedup+package"]
    assert "read 4/4 docs" in proc.stderr  # a total where the source knows it
    assert proc.stdout.startswith("wrote v1.0.0")  # the summary after the progress, on stdout
    log = (tmp_path / "run.log").read_text()
    assert "INFO curator: read 4/4 docs" in log
    quiet = cli("update", str(spec), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_run_that_writes_no_version_keeps_its_report_and_info_shows_it(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(3))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    (tmp_path / "pages.jsonl").write_text(
        json.dumps({"text": "too short", "url": "https://news.example/short"}) + "\n"
    )
    proc = cli("update", str(spec), "--quiet", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["version"] is None
    runs = sorted(Layout(dataset).runs.iterdir())
    assert len(runs) == 2
    rejects = (runs[-1] / "rejects.jsonl").read_text()
    assert "https://news.example/short" in rejects  # what it dropped is kept
    info = cli("info", str(dataset))
    assert f"last run: {runs[-1].name}" in info.stdout
    assert (
        json.loads(cli("info", str(dataset), "--json").stdout)["last_run"]["run"] == runs[-1].name
    )


def test_only_the_newest_runs_are_kept(tmp_path):
    layout = Layout(tmp_path)
    for i in range(KEPT + 3):
        (layout.runs / f"20260101T0000{i:02d}Z").mkdir(parents=True)
    _prune(layout)
    names = sorted(p.name for p in layout.runs.iterdir())
    assert len(names) == KEPT and names[0] == "20260101T000003Z"
    assert new_run_folder(layout).parent == layout.runs


@pytest.fixture
def hub(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with FakeHub() as fake:
        yield fake


@pytest.fixture
def tiny(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(2))
    return build(make_spec(tmp_path, "jsonl"), progress=False).dataset


def test_push_checks_token_and_repo_id_before_any_request(tiny, hub, monkeypatch):
    env = {"HF_TOKEN": "", "HF_HUB_OFFLINE": "0"}
    no_token = cli("push", str(tiny), "--repo", "me/tiny", "--endpoint", hub.endpoint, env=env)
    assert no_token.returncode == 2 and "HF_TOKEN is not set" in no_token.stderr
    env["HF_TOKEN"] = "hf_" + "x" * 20
    bad = cli("push", str(tiny), "--repo", "not a repo", "--endpoint", hub.endpoint, env=env)
    assert bad.returncode == 2 and "ORG/NAME" in bad.stderr
    assert hub.requests == []


def test_push_asks_whoami_first_and_can_make_a_public_repo(tiny, hub):
    env = {"HF_TOKEN": "hf_" + "x" * 20, "HF_HUB_OFFLINE": "0"}
    proc = cli(
        "push", str(tiny), "--repo", "me/tiny", "--endpoint", hub.endpoint, "--public", env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert hub.requests[0][1].startswith("/api/whoami")
    assert hub.private["me/tiny"] == "public"


def test_push_without_network_is_one_line_and_exit_1(tiny):
    env = {"HF_TOKEN": "hf_" + "x" * 20, "HF_HUB_OFFLINE": "0"}
    endpoint = f"http://127.0.0.1:{_closed_port()}"
    proc = cli("push", str(tiny), "--repo", "me/tiny", "--endpoint", endpoint, env=env)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "cannot reach" in proc.stderr


def test_json_from_validate_export_and_diff(tiny, tmp_path):
    v = json.loads(cli("validate", str(tiny), "--json").stdout)
    assert v["valid"] is True and v["problems"] == []
    e = json.loads(cli("export", str(tiny), "v1.0.0", str(tmp_path / "exp"), "--json").stdout)
    assert e["out"] == str(tmp_path / "exp")
    d = json.loads(cli("diff", str(tiny), "v1.0.0", "v1.0.0", "--json").stdout)
    assert d["counts"]["unchanged"] == 2 and d["added"] == []
