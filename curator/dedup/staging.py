"""What one batch adds to the index: the columns of its segment.

Every new id with the id of the row its cluster kept; URL keys and text hashes the index
did not know yet; the batch's kept rows with their 16-bit signatures and key-form URLs (for
the band keys and for later reports). :meth:`DedupIndex.stage` writes it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import minhash as mh
from .batch import Batch
from .identity import Keys
from .index import build_segment, id_to_int
from .settings import NUM_PERM, DedupSettings

U64 = np.uint64


def batch_segment(
    batch: Batch,
    keys: Keys,
    hashes: tuple[np.ndarray, np.ndarray],
    kept_of: list[int],
    settings: DedupSettings,
    version: str,
) -> dict[str, Any]:
    """The segment of a resolved batch; ``hashes`` are its text-hash keys and the kept ids
    the index held for them, ``kept_of`` the kept id of each row (see :mod:`.resolve`)."""
    kept_of_rows = np.array(kept_of, dtype=U64)
    ids = np.array([id_to_int(d.record["id"]) for d in batch.docs], dtype=U64)
    _, member_rows = np.unique(ids, return_index=True)
    member_of = {int(ids[r]): n for n, r in enumerate(member_rows)}
    url_rows = _new_key_rows(keys.url, keys.stored != 0, skip_zero=True)
    hash_keys, hash_known = hashes
    hash_rows = _new_key_rows(hash_keys, hash_known != 0, skip_zero=False)
    kept_rows, sig = _kept_signatures(batch)
    meta = {
        "num_perm": NUM_PERM,
        "bands": settings.bands,
        "rows": settings.rows,
        "shingle_size": settings.shingle_size,
        "algorithm": mh.ALGORITHM,
        "seed": mh.SEED,
        "version": version,
    }
    return build_segment(
        meta,
        (ids[member_rows], kept_of_rows[member_rows]),
        (
            keys.url[url_rows],
            np.array([member_of[int(ids[r])] for r in url_rows], dtype=np.uint32),
        ),
        (hash_keys[hash_rows], kept_of_rows[hash_rows]),
        (ids[kept_rows], sig, [batch.docs[r].url_key or "" for r in kept_rows]),
    )


def _new_key_rows(keys: np.ndarray, known: np.ndarray, skip_zero: bool) -> np.ndarray:
    """The first row of each distinct key the index does not know (0 is no key for URLs)."""
    _, rows = np.unique(keys, return_index=True)
    rows = rows[~known[rows]]
    return rows[keys[rows] != 0] if skip_zero else rows


def _kept_signatures(batch: Batch) -> tuple[np.ndarray, np.ndarray]:
    """Rows kept in this batch and their 16-bit signatures (signed now if not yet)."""
    rows = [i for i, d in enumerate(batch.docs) if d.alive]
    if batch.sig16 is None:
        return np.array(rows, dtype=np.int64), batch.sign(rows)
    sig = (
        np.stack([batch.signature(i) for i in rows]) if rows else np.zeros((0, NUM_PERM), np.uint16)
    )
    return np.array(rows, dtype=np.int64), sig
