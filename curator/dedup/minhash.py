"""Word shingles, MinHash signatures and LSH band keys, vectorised over a batch of texts.

Shingling in Python (split, join 5-grams, hash each) runs at ~3,000 documents/s and is the
bottleneck of near-duplicate detection, so it is done in numpy over the UTF-8 bytes of a
whole batch: a polynomial hash of every word from prefix sums, five word hashes combined
into a shingle hash, one 64-bit mixer. rensa then builds R-MinHash signatures from the
flat hash buffer in Rust (``digest_matrix_from_flat_token_hashes``); it measured ~50k
signatures/s against ~1.3k for datasketch on this machine.

Words are maximal runs of ASCII letters and digits or non-ASCII bytes, compared lower-cased,
so punctuation, spacing and line breaks (which differ between copies of one story on
different sites) do not change the shingles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import rensa

U64 = np.uint64
# rensa's seed and algorithm version: stored signatures are only comparable with the same pair.
SEED = 20261101
ALGORITHM = f"rensa-rminhash-{rensa.RMinHash.ALGORITHM_VERSION}"

_P = 0x100000001B3  # odd, so it has an inverse mod 2**64
_P_INV = pow(_P, -1, 1 << 64)
_Q = U64(0x9E3779B97F4A7C15)
_M1 = U64(0xBF58476D1CE4E5B9)
_M2 = U64(0x94D049BB133111EB)

_WORD_BYTE = np.zeros(256, dtype=bool)
for _lo, _hi in ((48, 57), (65, 90), (97, 122), (128, 255)):
    _WORD_BYTE[_lo : _hi + 1] = True


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads every input bit over all 64 output bits."""
    x = x ^ (x >> U64(30))
    x = x * _M1
    x = x ^ (x >> U64(27))
    x = x * _M2
    return x ^ (x >> U64(31))


class _Powers:
    """P**i and P**-i mod 2**64 for i < n, grown on demand and shared by every call."""

    pow: np.ndarray = np.ones(1, dtype=U64)
    inv: np.ndarray = np.ones(1, dtype=U64)

    @classmethod
    def upto(cls, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(cls.pow) < n:
            size = max(n, 2 * len(cls.pow), 1 << 16)
            cls.pow = np.cumprod(np.full(size, _P, dtype=U64)) * U64(_P_INV)
            cls.inv = np.cumprod(np.full(size, _P_INV, dtype=U64)) * U64(_P)
        return cls.pow[:n], cls.inv[:n]


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit hash per word of every text, and the index of the text it belongs to."""
    parts = [t.lower().encode("utf-8", "ignore") for t in texts]
    # A zero byte between texts is not a word byte, so no word spans two texts.
    buf = np.frombuffer(b"\0".join(parts), dtype=np.uint8)
    lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    text_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    edges = np.diff(_WORD_BYTE[buf].view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    powers, inverse = _Powers.upto(len(buf))
    # prefix[i] = sum_{k<i} b_k P**-k, so sum_{k=s}^{e-1} b_k P**(e-1-k) = P**(e-1) (prefix[e]-prefix[s]).
    prefix = np.zeros(len(buf) + 1, dtype=U64)
    np.cumsum((buf.astype(U64) + U64(1)) * inverse, out=prefix[1:])
    raw = powers[ends - 1] * (prefix[ends] - prefix[starts])
    owner = np.searchsorted(text_start, starts, side="right") - 1
    return mix64(raw), owner


def shingle_hashes(texts: Sequence[str], k: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word ``k``-grams of each text as one flat uint64 array plus row offsets.

    Row ``i`` is ``flat[offsets[i]:offsets[i+1]]``. A text shorter than ``k`` words gives one
    shingle of all its words; a text without words gives an empty row.
    """
    words, owner = _word_hashes(texts)
    n, m = len(texts), max(len(words) - k + 1, 0)
    grams = words[:m].copy()
    for i in range(1, k):
        grams = grams * _Q + words[i : i + m]
    same_text = owner[:m] == owner[k - 1 : k - 1 + m]
    flat, row = mix64(grams[same_text]), owner[:m][same_text]
    counts = np.bincount(owner, minlength=n)
    short = np.flatnonzero((counts > 0) & (counts < k))
    if len(short):
        flat, row = _add_short(flat, row, words, owner, short)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=offsets[1:])
    return flat, offsets


def _add_short(
    flat: np.ndarray, row: np.ndarray, words: np.ndarray, owner: np.ndarray, short: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    extra = []
    with np.errstate(over="ignore"):  # the combination is meant to wrap mod 2**64
        for text in short:
            h = U64(0)
            for w in words[owner == text]:
                h = h * _Q + w
            extra.append(h)
    flat = np.concatenate((flat, mix64(np.array(extra, dtype=U64))))
    row = np.concatenate((row, short))
    order = np.argsort(row, kind="stable")
    return flat[order], row[order]


def shingle_set(text: str, k: int = 5) -> np.ndarray:
    """Sorted distinct shingle hashes of one text, for exact Jaccard."""
    flat, _ = shingle_hashes([text], k)
    return np.unique(flat)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted distinct hash arrays."""
    if not len(a) and not len(b):
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def signatures(flat: np.ndarray, offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """R-MinHash signature of every row as an (n, num_perm) uint32 matrix."""
    n = len(offsets) - 1
    if n == 0:
        return np.zeros((0, num_perm), dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(n, num_perm)


def compact(sigs: np.ndarray) -> np.ndarray:
    """The low 16 bits of each slot (b-bit MinHash): what the index stores.

    Two unrelated slots agree by chance with probability 2**-16, so estimates and band keys
    lose nothing measurable while the stored signature halves.
    """
    return (sigs & 0xFFFF).astype(np.uint16)


def band_keys(sig16: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """An (n, bands) uint64 key per LSH band, computed from the stored 16-bit signature."""
    n = sig16.shape[0]
    out = np.empty((n, bands), dtype=U64)
    for b in range(bands):
        h = np.full(n, ((b + 1) * int(_Q)) % (1 << 64), dtype=U64)
        for c in range(b * rows, (b + 1) * rows):
            h = mix64(h ^ sig16[:, c].astype(U64))
        out[:, b] = h
    return out


def estimate(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard from two 16-bit signatures: the fraction of equal slots."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)
