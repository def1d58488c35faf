"""Union-find over duplicate links, and the policy that picks the row a cluster keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..record import parse_datetime

# Metadata fields counted by the "most metadata" rule of the keep policy.
METADATA_FIELDS = (
    "title",
    "description",
    "site_name",
    "published",
    "modified",
    "authors",
    "section",
    "tags",
    "image_credits",
    "license",
    "language",
)
_LATEST = datetime.max.replace(tzinfo=UTC)  # undated rows sort after every dated one


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    def __init__(self, n: int = 0) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def add(self) -> int:
        self.parent.append(len(self.parent))
        self.size.append(1)
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True


def metadata_count(record: dict[str, Any]) -> int:
    return sum(1 for name in METADATA_FIELDS if record.get(name) not in (None, "", [], {}))


def keep_key(record: dict[str, Any], position: int) -> tuple:
    """Sort key of the keep policy: the smallest key in a cluster is kept.

    Earliest ``published`` first (the original, not the syndicated copy; undated rows
    last), then the longest text (least truncated), then the most metadata fields, then
    the id, then the content hash and the input position so equal ids (two copies with one
    canonical URL) still order the same way on every run.
    """
    try:
        published = parse_datetime(record.get("published")) or _LATEST
    except ValueError:
        published = _LATEST
    return (
        published,
        -len(record.get("text") or ""),
        -metadata_count(record),
        record.get("id") or "",
        record.get("content_sha256") or "",
        position,
    )
