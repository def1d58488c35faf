"""The spec's [clean] settings reach the run: learned boilerplate on/off and its thresholds."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from conftest import write_spec

import curator

NOTICE = "This story first appeared in the Weekly Harbour, a member of the Coastal Press group."
TOPICS = ["ferries", "schools", "the library", "bus lanes", "the market", "flood walls", "parks"]


def _article(i: int, topic: str) -> str:
    sentences = [
        f"The council discussed {topic} on day {i} of the spring session in the town hall.",
        f"Residents who spoke about {topic} asked for clear dates and a published budget.",
        f"Officials said a decision on {topic} would follow a consultation over the summer.",
        f"Opposition members argued that {topic} had been delayed for too many years already.",
    ]
    return "\n\n".join([f"Story {i} on {topic}", *sentences, " ".join(sentences), NOTICE])


def _build(tmp_path, clean: str) -> list[str]:
    lines = [
        json.dumps({"url": f"https://harbour.example/news/story-{i}", "text": _article(i, t)})
        for i, t in enumerate(TOPICS)
    ]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n")
    spec = write_spec(
        tmp_path,
        f'name = "settings"\noutput = "out"\n[[sources]]\ntype = "jsonl"\npath = "pages.jsonl"\n{clean}',
    )
    result = curator.build(spec, progress=False, executor={"workers": 1})
    assert result.version == "v1.0.0", result.summary()
    shard = next((tmp_path / "out" / "data" / "v1.0.0").glob("*.parquet"))
    return [row["text"] for row in pq.read_table(shard).to_pylist()]


def test_a_notice_under_every_article_is_learned_and_removed(tmp_path):
    texts = _build(tmp_path, "")
    assert len(texts) == len(TOPICS) and not any(NOTICE in t for t in texts)


def test_thresholds_come_from_the_spec(tmp_path):
    texts = _build(tmp_path, "[clean]\nboilerplate_min_pages = 10\n")
    assert all(NOTICE in t for t in texts)  # 7 pages < 10: not enough evidence


def test_learning_can_be_switched_off(tmp_path):
    texts = _build(tmp_path, "[clean]\nlearn_boilerplate = false\n")
    assert all(NOTICE in t for t in texts)
