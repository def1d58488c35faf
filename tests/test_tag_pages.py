"""The labelled tagger pages (tests/data/tagger) through the cleaner and the tagger: every
scored field must stay at or above the accuracy target."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_tagger  # noqa: E402

TARGET = 0.95


@pytest.fixture(scope="module")
def scored():
    pages = eval_tagger.load_tagger_pages()
    for page in pages:
        page["ours"] = eval_tagger.run_ours(page)
    return pages


@pytest.mark.parametrize("field", eval_tagger.FIELDS)
def test_field_accuracy(scored, field):
    right, total = eval_tagger.score(scored, "ours", False)[field]
    assert total == 0 or right / total >= TARGET, f"{field}: {right}/{total}"


def test_labelled_set_is_large_enough(scored):
    assert len(scored) >= 40
    assert any(p["holdout"] for p in scored)
