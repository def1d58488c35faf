"""Faults no in-worker signal can handle, with real processes: a driver SIGKILLed mid-run must
not leave its pool workers running, and a page stuck where the deadline's alarm cannot reach
gets its worker killed and replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import ROOT

from curator.executors.local import LocalExecutor
from curator.pipeline import Document, Step

# A driver that runs a process pool over pages each taking 30 s: when it is killed, its two
# workers are busy, as the workers of a killed build were.
DRIVER = textwrap.dedent(
    """
    import time
    from curator.executors.local import LocalExecutor
    from curator.pipeline import Document, Step

    class Slow(Step):
        name = "slow"

        def process(self, doc):
            time.sleep(30)

    docs = [Document(raw=b"page", form="text", origin=f"page-{i}") for i in range(8)]
    for _ in LocalExecutor(workers=2, chunk_size=1).run([Slow()], docs):
        pass
    """
)


def _alive(pid: int) -> bool:
    """Running, from /proc: a zombie (dead, not yet reaped by its new parent) is not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid``, from /proc/*/stat (field 4 is the parent)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_pool_workers_die_with_a_killed_driver(tmp_path):
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    driver = subprocess.Popen([sys.executable, str(script)], cwd=ROOT)
    workers: list[int] = []
    try:
        assert _wait_until(lambda: len(_children(driver.pid)) >= 2, 30), "no workers started"
        time.sleep(0.5)  # both on a page by now
        workers = _children(driver.pid)
        driver.kill()
        driver.wait()
        assert _wait_until(lambda: not any(_alive(pid) for pid in workers), 5), [
            pid for pid in workers if _alive(pid)
        ]
    finally:
        driver.kill()
        for pid in workers:  # survivors of a failed run: ours to end, by pid
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


STUCK_SECONDS = 15


class Unstoppable(Step):
    """Logs each page it runs; on the "stuck" page, sleeps with SIGALRM blocked, as lxml
    parsing a pathological page holds its worker: the deadline's alarm waits, pending."""

    name = "unstoppable"

    def __init__(self, log: Path):
        self.log = log

    def process(self, doc: Document) -> None:
        with self.log.open("a") as log:
            log.write(f"{os.getpid()} {doc.origin}\n")
        if doc.origin == "stuck":
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            try:
                time.sleep(STUCK_SECONDS)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def test_a_page_stuck_past_its_deadline_gets_its_worker_killed_and_is_not_run_again(tmp_path):
    log = tmp_path / "runs.log"
    origins = [f"page-{i}" for i in range(12)]
    origins[5] = "stuck"  # the second page of the second chunk of four
    docs = [Document(raw=b"page", form="text", origin=o) for o in origins]
    executor = LocalExecutor(workers=2, chunk_size=4, doc_timeout=1.0, kill_grace=1.0)
    start = time.monotonic()
    out = list(executor.run([Unstoppable(log)], docs))
    assert time.monotonic() - start < 8  # 15 s if the worker were left to finish the page
    assert [d.origin for d in out] == origins
    verdicts = {d.origin: d.rejected for d in out}
    assert verdicts.pop("stuck").startswith("timeout: the per-document steps timed out")
    assert set(verdicts.values()) == {None}
    runs = [line.split() for line in log.read_text().splitlines()]
    assert [origin for _, origin in runs].count("stuck") == 1  # rejected, not run again
    # its chunk's first page ran before it and again after the kill, alone in a new worker
    assert [origin for _, origin in runs].count("page-4") >= 2
    stuck_pid = next(int(pid) for pid, origin in runs if origin == "stuck")
    assert not _alive(stuck_pid)
