"""``[scope] since`` applied after tagging, for pages no listing dated (homepage links)."""

from __future__ import annotations

from curator.fetch import Scope
from curator.pipeline import Document
from curator.tag import SinceScope


def _doc(url: str, published: str | None) -> Document:
    doc = Document()
    doc.record.update(url=url, published=published)
    return doc


def test_pages_before_since_are_rejected_and_counted_out_of_scope():
    scope = Scope.from_section({"since": "2026-01-01"})
    docs = [
        _doc("https://news.example/old-story", "2025-12-31T23:00:00Z"),
        _doc("https://news.example/new-story", "2026-01-02T08:00:00Z"),
        _doc("https://news.example/undated", None),
    ]
    out = list(SinceScope(scope).run(docs))
    assert [d.rejected is None for d in out] == [False, True, True]
    assert "before since" in out[0].rejected and "out of scope" in out[0].rejected
    assert scope.skipped["news.example"]["before since"] == 1


def test_no_since_keeps_everything():
    scope = Scope.from_section({})
    out = list(SinceScope(scope).run([_doc("https://news.example/a", "1999-01-01T00:00:00Z")]))
    assert out[0].rejected is None and not scope.skipped
