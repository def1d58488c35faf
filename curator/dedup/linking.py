"""Candidates and linking: which rows of a batch are one article, and why.

Rows are linked in this order, within the batch and to the published rows of the index:
a shared canonical URL key ("url"), the same hash of the normalised text ("exact"), then a
verified MinHash LSH candidate pair ("near"). A row remembers the first kind of link it
took part in; that is the reason its report row gives.

The banding (see :mod:`curator.dedup.settings`) is tuned to miss few true pairs, so it makes
false candidates too, and every candidate is checked before it links: exact 5-gram Jaccard
when both texts are in the batch, the 128-slot signature estimate against published rows
(whose text is not re-read).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import minhash as mh
from . import near
from .batch import Batch
from .identity import Keys
from .index import DedupIndex
from .settings import NUM_PERM, DedupSettings

U64 = np.uint64
VERIFY_CHUNK = 2048  # candidate pairs whose shingle sets are computed together


def hash_key(content_sha256: str) -> int:
    """64-bit key of a text hash in the index: its first 16 hex digits."""
    return int(content_sha256[:16], 16)


def link_urls(batch: Batch, keys: Keys) -> None:
    """Rows whose URL key the index knows join its kept row; rows sharing a key, each other."""
    for i, kept in enumerate(keys.kept.tolist()):
        if kept:
            batch.link_old(i, kept, "url")
    first: dict[int, int] = {}
    for i, key in enumerate(keys.url.tolist()):
        if key:
            batch.link(i, first.setdefault(key, i), "url")


def link_exact(batch: Batch, index: DedupIndex) -> tuple[np.ndarray, np.ndarray]:
    """Rows with the text of a published kept row join it; equal texts, each other.
    Returns the rows' text-hash keys and the kept id the index holds for each (or 0)."""
    hashes = np.array([hash_key(d.record["content_sha256"]) for d in batch.docs], dtype=U64)
    stored = index.lookup_hashes(hashes)
    first: dict[int, int] = {}
    for i, h in enumerate(hashes.tolist()):
        if stored[i]:
            batch.link_old(i, int(stored[i]), "exact")
        batch.link(i, first.setdefault(h, i), "exact")
    return hashes, stored


def link_near(batch: Batch, index: DedupIndex, settings: DedupSettings) -> int:
    """Sign the batch, link verified near pairs in it and to the index; returns how many
    candidate pairs the batch's own buckets gave."""
    # One text per distinct hash: exact copies are already linked and would only fill buckets.
    _, first_rows = np.unique([d.record["content_sha256"] for d in batch.docs], return_index=True)
    batch.signed = np.sort(first_rows)
    batch.sig_pos = {batch.docs[i].record["content_sha256"]: p for p, i in enumerate(batch.signed)}
    texts = [batch.docs[i].record["text"] for i in batch.signed]
    s = settings
    with near.spill_dir() as tmp:
        batch.sig16 = near.sign(texts, s.shingle_size, NUM_PERM, s.bands, s.rows, Path(tmp))
        pairs = near.candidate_pairs(Path(tmp), s.bands)
    _verify_batch_pairs(batch, batch.signed[pairs] if len(pairs) else pairs, s.threshold)
    _verify_index_pairs(batch, index, settings)
    return len(pairs)


def _verify_batch_pairs(batch: Batch, pairs: np.ndarray, threshold: float) -> None:
    for start in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[start : start + VERIFY_CHUNK].tolist()
        batch.prefetch(r for pair in chunk for r in pair)
        for i, j in chunk:
            if batch.uf.find(i) == batch.uf.find(j):
                continue  # already one cluster: the check would change nothing
            if mh.jaccard(batch.shingles(i), batch.shingles(j)) >= threshold:
                batch.link(j, i, "near")


def _verify_index_pairs(batch: Batch, index: DedupIndex, settings: DedupSettings) -> None:
    assert batch.sig16 is not None  # signed by link_near just before
    s = settings
    keys = mh.band_keys(batch.sig16, s.bands, s.rows)
    seen: set[tuple[int, int]] = set()
    for new, old, seg in index.band_matches(keys, s.bands, s.rows):
        for a, row in zip(new.tolist(), old.tolist(), strict=True):
            kept_id = int(seg["kept_id"][row])
            if (a, kept_id) in seen or index.is_removed(kept_id):
                continue
            seen.add((a, kept_id))
            if seg.meta["num_perm"] != NUM_PERM:
                continue  # signatures of another size cannot be compared slot by slot
            if mh.estimate(batch.sig16[a], seg["sig"][row]) >= s.threshold:
                batch.link_old(int(batch.signed[a]), kept_id, "near")
