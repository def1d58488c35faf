"""The deduplicator's settings: one frozen dataclass, built from the spec's ``[dedup]`` table.

Near-duplicate defaults: word 5-grams like datatrove and RedPajama, 128-slot R-MinHash
(rensa), 25 bands x 5 rows, Jaccard threshold 0.7. The threshold is at the low end of the
published 0.7-0.8 range because lightly edited syndicated copies (a paragraph added, cut or
truncated) measured 0.65-0.97 here while 0.8 misses many of them; 25x5 puts the LSH
S-curve's 50% point near 0.53, so a pair at exactly 0.7 becomes a candidate with
probability 0.99 (datatrove's 14x8 gives only 0.56 there, RedPajama's 14x9 for 0.7 gives
0.49). The low band threshold makes more false candidates, which is why every candidate is
checked (see :mod:`curator.dedup.linking`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

NUM_PERM = 128  # slots per signature; bands x rows may use fewer, the estimate uses all


@dataclass(frozen=True)
class DedupSettings:
    """What ``[dedup]`` may set; the defaults are reasoned in the module doc."""

    near: bool = True  # False: URL and exact duplicates only
    threshold: float = 0.7  # 5-gram Jaccard at or above which two texts are one article
    shingle_size: int = 5  # words per shingle
    bands: int = 25  # LSH bands ...
    rows: int = 5  # ... of this many signature slots each

    def __post_init__(self) -> None:
        _check_fit(self.bands, self.rows, "bands")

    @classmethod
    def from_section(cls, table: Mapping[str, Any] | None) -> DedupSettings:
        """The settings of a spec's ``[dedup]`` table (missing keys take the defaults);
        an unknown key is refused by name, so a typo does not silently fall back."""
        table = dict(table or {})
        known = [f.name for f in fields(cls)]
        for key in table:
            if key not in known:
                raise ValueError(f"dedup.{key}: unknown setting (known: {', '.join(known)})")
        default = cls()
        named = "rows" if "rows" in table and "bands" not in table else "bands"
        _check_fit(table.get("bands", default.bands), table.get("rows", default.rows), named)
        return cls(**table)

    def as_dict(self) -> dict[str, Any]:
        """The settings by name, in field order (the card lists them so)."""
        return asdict(self)


def _check_fit(bands: int, rows: int, key: str) -> None:
    """Bands x rows must fit in the signature; ``key`` is the setting the error names."""
    if bands * rows > NUM_PERM:
        raise ValueError(f"dedup.{key}: bands x rows is {bands * rows}, more than {NUM_PERM}")
