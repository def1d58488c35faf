"""A version's row statistics (by source, language and year), counted as rows are written
and subtracted when rows leave (a takedown, a correction's replaced row)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..record import Record

TABLES = ("by_source", "by_language", "by_year")


def stat_keys(r: Record) -> dict[str, str]:
    """Where a row counts in the card's tables: its source, language and year published."""
    return {
        "by_source": r["source"] or "unknown",
        "by_language": r["language"] or "unknown",
        "by_year": (r["published"] or "")[:4] or "unknown",
    }


class StatsCounter:
    """The manifest's per-version stats, counted one record at a time."""

    def __init__(self) -> None:
        self.rows = 0
        self.tables: dict[str, Counter] = {t: Counter() for t in TABLES}

    def add(self, r: Record) -> None:
        self.rows += 1
        for table, key in stat_keys(r).items():
            self.tables[table][key] += 1

    def merged(self, previous: dict[str, Any] | None) -> dict[str, Any]:
        stats = previous or {"rows": 0, **{t: {} for t in TABLES}}
        return {
            "rows": stats["rows"] + self.rows,
            **{t: dict(sorted((Counter(stats[t]) + self.tables[t]).items())) for t in TABLES},
        }


def subtract(stats: dict[str, Any], gone: list[Record]) -> dict[str, Any]:
    """``stats`` less the rows ``gone``."""

    def minus(counter: dict[str, int], values: list[str]) -> dict[str, int]:
        left = Counter(counter)
        left.subtract(values)
        return {k: v for k, v in sorted(left.items()) if v > 0}

    return {
        **stats,
        "rows": stats["rows"] - len(gone),
        **{t: minus(stats[t], [stat_keys(r)[t] for r in gone]) for t in TABLES},
    }
