"""What one batch's deduplication tells: a row per dropped duplicate, and counts.

The rows go to the version's ``duplicates.jsonl`` (the builder appends them as each batch
ends); the counts are ``input`` (live documents), ``kept``, one per reason (``url``,
``exact``, ``near``: duplicates dropped for it) and ``near_candidates`` (LSH candidate
pairs of the batch, when near-duplicate detection ran).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REASONS = ("url", "exact", "near")


@dataclass
class DedupReport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("input", "kept", *REASONS), 0)
    )

    def kept(self) -> None:
        self.stats["kept"] += 1

    def dropped(
        self,
        record: dict[str, Any],
        kept_id: str,
        kept_url: str | None,
        reason: str,
        similarity: float,
    ) -> None:
        """One duplicate dropped for ``reason`` in favour of the row ``kept_id``."""
        self.stats[reason] += 1
        self.rows.append(
            {
                "id": record["id"],
                "url": record.get("url"),
                "kept_id": kept_id,
                "kept_url": kept_url,
                "reason": reason,
                "similarity": similarity,
            }
        )
