"""The same steps give the same documents inline, in a process pool and on Ray."""

from __future__ import annotations

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
