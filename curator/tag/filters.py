"""The optional ``[filters]`` table of the dataset spec: drop documents below thresholds,
recording the first failed threshold as the rejection reason."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..pipeline import Document, Step

# spec key -> (record path, comparison): "min" rejects values below, "max" values above.
THRESHOLDS: dict[str, tuple[str, str]] = {
    "min_words": ("word_count", "min"),
    "max_words": ("word_count", "max"),
    "min_mean_word_length": ("quality.mean_word_length", "min"),
    "max_mean_word_length": ("quality.mean_word_length", "max"),
    "min_terminal_punctuation_fraction": ("quality.terminal_punctuation_fraction", "min"),
    "min_stopword_ratio": ("quality.stopword_ratio", "min"),
    "max_non_alpha_fraction": ("quality.non_alpha_fraction", "max"),
    "max_duplicate_line_fraction": ("quality.duplicate_line_fraction", "max"),
}
# Every key the [filters] table takes: the thresholds and the language list.
FILTER_KEYS = (*THRESHOLDS, "languages")


def _lookup(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def rejection(record: dict[str, Any], filters: dict[str, Any]) -> str | None:
    """Why ``record`` fails ``filters``, or None. A null signal (no stop-word list for the
    language, no lines) does not fail a threshold: we cannot tell, so we keep."""
    for key, (path, kind) in THRESHOLDS.items():
        if key not in filters:
            continue
        limit, value = filters[key], _lookup(record, path)
        if value is None:
            continue
        if (kind == "min" and value < limit) or (kind == "max" and value > limit):
            word = "<" if kind == "min" else ">"
            return f"filter: {path.split('.')[-1]} {value:g} {word} {key} {limit:g}"
    langs = filters.get("languages")
    if langs and record.get("language") not in langs:
        return f"filter: language {record.get('language')} not in {sorted(langs)}"
    return None


class QualityFilter(Step):
    name = "filter"

    def __init__(self, filters: dict[str, Any] | None = None):
        unknown = set(filters or {}) - set(FILTER_KEYS)
        if unknown:
            raise UsageError(f"unknown filter keys: {sorted(unknown)}")
        self.filters = dict(filters or {})

    def process(self, doc: Document) -> None:
        reason = rejection(doc.record, self.filters)
        if reason:
            doc.reject(reason)


class SinceScope(Step):
    """``[scope] since`` for pages no listing dated (a homepage's links): once tagged, a page
    published before ``since`` is out of scope, and counted so in the scope's per-host
    skips (the summary's "out of scope"). Pages without a date are kept, as before a fetch."""

    name = "scope"

    def __init__(self, scope: Any):
        self.scope = scope

    def process(self, doc: Document) -> None:
        from ..urls import host_of
        from .dates import parse_iso

        since = getattr(self.scope, "since", None)
        published = parse_iso(doc.record.get("published") or "")
        if since is None or published is None or published.date() >= since:
            return
        host = host_of(doc.record.get("url")) or "(none)"
        lock = getattr(self.scope, "_lock", None)
        if lock is not None:
            with lock:
                self.scope.skipped[host]["before since"] += 1
        else:
            self.scope.skipped[host]["before since"] += 1
        doc.reject(f"out of scope: published {published.date()} before since {since}")
