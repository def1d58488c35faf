"""The same steps give the same documents inline, in a process pool and on Ray."""

from __future__ import annotations

import os
import signal
import time

import pytest
from conftest import FIXTURES

from curator.clean import CleanStep
from curator.executors import InlineExecutor, make_executor
from curator.pipeline import Document, Step

PARAGRAPH = (
    "The council voted on Tuesday to extend the harbour ferry timetable through the winter, "
    "after months of complaints from commuters who said the last boat left too early. "
)


class Explode(Step):
    """Fails on one document: the run must go on and record why."""

    name = "explode"

    def process(self, doc: Document) -> None:
        if "boom" in doc.origin:
            raise RuntimeError("parser crashed")


class Hang(Step):
    """Hangs on one document, like a parser stuck on a pathological page."""

    name = "hang"

    def process(self, doc: Document) -> None:
        if "hang" in doc.origin:
            time.sleep(60)


class KillWorker(Step):
    """Kills its own process on one document, like a segfault in a C extension."""

    name = "kill"

    def process(self, doc: Document) -> None:
        if "fatal" in doc.origin:
            os.kill(os.getpid(), signal.SIGKILL)


def _docs() -> list[Document]:
    seed = Document(raw=(FIXTURES / "seed-presstv.txt").read_bytes(), form="text", origin="seed")
    made = [
        Document(
            raw=(f"Story {i}\n\n" + PARAGRAPH * (3 + i % 4)).encode(),
            form="text",
            origin=f"story-{i}",
        )
        for i in range(40)
    ]
    empty = Document(raw=b"", form="text", origin="empty")
    boom = Document(raw=PARAGRAPH.encode() * 5, form="text", origin="boom")
    return [seed, *made, empty, boom]


def _summary(docs: list[Document]) -> list[tuple]:
    return [(d.origin, d.rejected, d.record["text"]) for d in docs]


def test_process_pool_matches_inline_and_keeps_order():
    steps = [CleanStep(), Explode()]
    inline = list(InlineExecutor(chunk_size=7).run(steps, _docs()))
    pooled = list(make_executor("local", workers=2).run(steps, _docs()))
    assert _summary(pooled) == _summary(inline)
    assert [d.origin for d in pooled][:2] == ["seed", "story-0"]
    verdicts = {d.origin: d.rejected for d in pooled}
    assert verdicts["empty"].startswith("empty")
    assert "parser crashed" in verdicts["boom"]
    assert verdicts["seed"] is None


def test_documents_come_back_without_unpicklable_transients():
    out = list(make_executor("local", workers=2).run([CleanStep()], _docs()[:3]))
    assert all(d.raw is None and (d.cleaned is None or d.cleaned.tree is None) for d in out)


def test_unknown_executor_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("dask")


@pytest.mark.slow
def test_ray_executor_matches_inline(ray_session):
    steps = [CleanStep(), Explode()]
    inline = list(InlineExecutor().run(steps, _docs()))
    on_ray = list(make_executor("ray", workers=2).run(steps, _docs()))
    assert _summary(on_ray) == _summary(inline)


def _with(origin: str, at: int = 9) -> list[Document]:
    docs = _docs()
    docs.insert(at, Document(raw=PARAGRAPH.encode() * 5, form="text", origin=origin))
    return docs


def test_a_hanging_page_is_cut_off_in_its_worker_and_the_run_goes_on():
    steps = [CleanStep(), Hang()]
    start = time.monotonic()
    out = list(make_executor("local", workers=2, doc_timeout=0.5).run(steps, _with("hang")))
    assert time.monotonic() - start < 20
    verdicts = {d.origin: d.rejected for d in out}
    assert verdicts["hang"].startswith("timeout:") and "0.5 s" in verdicts["hang"]
    assert verdicts["seed"] is None and verdicts["story-39"] is None
    assert [d.origin for d in out] == [d.origin for d in _with("hang")]


def test_the_deadline_also_holds_inline():
    out = list(InlineExecutor(doc_timeout=0.3).run([Hang()], _with("hang", at=1)[:3]))
    assert [d.rejected is not None and d.rejected.startswith("timeout") for d in out] == [
        False,
        True,
        False,
    ]


def test_a_page_that_kills_its_worker_is_rejected_and_the_run_goes_on():
    steps = [CleanStep(), KillWorker()]
    inline = {d.origin: d.record["text"] for d in InlineExecutor().run([CleanStep()], _docs())}
    out = list(make_executor("local", workers=2).run(steps, _with("fatal")))
    assert [d.origin for d in out] == [d.origin for d in _with("fatal")]
    verdicts = {d.origin: d.rejected for d in out}
    assert verdicts["fatal"].startswith("worker crashed")
    # the pages that shared the dead worker's chunk were redone, not lost
    assert all(d.record["text"] == inline[d.origin] for d in out if d.origin != "fatal")


@pytest.mark.slow
def test_ray_workers_cut_off_a_hanging_page(ray_session):
    # 2 s: far below the hang (60 s), and above what a worker's first page costs on a busy
    # two-core machine (imports and the line model's first load; 0.5 s cut off the seed there)
    out = list(make_executor("ray", doc_timeout=2.0).run([CleanStep(), Hang()], _with("hang")))
    verdicts = {d.origin: d.rejected for d in out}
    assert verdicts["hang"].startswith("timeout:")
    assert verdicts["seed"] is None


def test_a_failing_source_fails_the_run_and_an_early_stop_does_not_hang():
    def broken_source():
        yield from _docs()[:3]
        raise RuntimeError("feed went away")

    with pytest.raises(RuntimeError, match="feed went away"):
        list(make_executor("local", workers=2).run([CleanStep()], broken_source()))
    stream = make_executor("local", workers=2).run([CleanStep()], iter(_docs()))
    first = next(stream)
    stream.close()  # the consumer stops early: the feeder thread and the pool must end
    assert first.origin == "seed"


def test_chunks_close_at_their_byte_budget_and_never_come_empty():
    from curator.executors import chunked

    docs = [Document(raw=b"x" * size, origin=str(i)) for i, size in enumerate([600, 600, 50, 5000])]
    sizes = [[d.origin for d in c] for c in chunked(docs, 32, max_bytes=1000)]
    assert sizes == [["0", "1"], ["2", "3"]]  # a page over the budget still travels
    assert [len(c) for c in chunked(docs, 3)] == [3, 1]  # no budget: by count only
