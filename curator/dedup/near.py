"""Near-duplicate candidates inside one batch, datatrove style.

Stage 1 signs the batch in chunks and appends each band's (key, row) pairs to its own file
on disk; stage 2 reads one band at a time, sorts it and turns every bucket into candidate
pairs. Peak memory is one band of the batch, not all bands, and each band could be handled
by a different worker. Stage 3 (verification and union-find) is in :mod:`curator.dedup.linking`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from . import minhash as mh

CHUNK = 256  # texts per vectorised shingling call: small enough to stay in CPU cache
_BAND_DTYPE = np.dtype([("key", "<u8"), ("row", "<u4")])
# A bucket larger than this is paired by a sliding window instead of all pairs: real
# clusters of distinct texts are small (exact copies were merged before this step).
ALL_PAIRS_MAX = 32
WINDOW = 8


def sign(
    texts: Sequence[str], shingle_size: int, num_perm: int, bands: int, rows: int, spill: Path
) -> np.ndarray:
    """16-bit signatures of ``texts`` (n, num_perm); band keys are appended to ``spill``."""
    sig16 = np.zeros((len(texts), num_perm), dtype=np.uint16)
    files = [open(spill / f"band-{b:03d}.bin", "ab") for b in range(bands)]  # noqa: SIM115
    try:
        for start in range(0, len(texts), CHUNK):
            chunk = mh.compact(
                mh.signatures(
                    *mh.shingle_hashes(texts[start : start + CHUNK], shingle_size), num_perm
                )
            )
            sig16[start : start + len(chunk)] = chunk
            _append_bands(files, mh.band_keys(chunk, bands, rows), start)
    finally:
        for f in files:
            f.close()
    return sig16


def _append_bands(files: Sequence[BinaryIO], keys: np.ndarray, start: int) -> None:
    rec = np.empty(len(keys), dtype=_BAND_DTYPE)
    rec["row"] = np.arange(start, start + len(keys), dtype=np.uint32)
    for b, f in enumerate(files):
        rec["key"] = keys[:, b]
        f.write(rec.tobytes())


def candidate_pairs(spill: Path, bands: int) -> np.ndarray:
    """Distinct (i, j), i < j, pairs of rows that share a key in at least one band."""
    found = []
    for b in range(bands):
        rec = np.fromfile(spill / f"band-{b:03d}.bin", dtype=_BAND_DTYPE)
        rec.sort(order=("key", "row"))
        found.append(_bucket_pairs(rec["key"], rec["row"].astype(np.int64)))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def _bucket_pairs(keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Pairs of rows within each run of equal keys (all pairs, or a window for big runs)."""
    if len(keys) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    same = keys[1:] == keys[:-1]
    if not same.any():
        return np.zeros((0, 2), dtype=np.int64)
    out = []
    starts = np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)) == 1)
    ends = (
        np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)) == -1) + 1
    )
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        members = rows[s:e]
        reach = len(members) if len(members) <= ALL_PAIRS_MAX else WINDOW
        for offset in range(1, min(reach, len(members))):
            out.append(np.stack((members[:-offset], members[offset:]), axis=1))
    pairs = np.concatenate(out)
    return np.sort(pairs, axis=1)


def spill_dir() -> tempfile.TemporaryDirectory:
    """Scratch folder for band files; deleted when the batch is done."""
    return tempfile.TemporaryDirectory(prefix="curator-dedup-")
