"""64-bit keys of hex ids and digests, kept as sorted ``uint64`` arrays (8 bytes each): how the
builder remembers seen pages and published ids, and how corrections find published rows."""

from __future__ import annotations

import numpy as np


def hex_key(hex_text: str) -> int:
    """The first 64 bits of a hex id or digest (an id is exactly 64 bits)."""
    return int(hex_text[:16], 16)


def find_sorted(sorted_keys: np.ndarray, key: int) -> int | None:
    """Position of ``key`` in a sorted ``uint64`` array, None when it is not there."""
    if not len(sorted_keys):
        return None
    wanted = np.uint64(key)
    pos = int(np.searchsorted(sorted_keys, wanted))
    return pos if pos < len(sorted_keys) and sorted_keys[pos] == wanted else None
