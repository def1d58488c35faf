"""One batch's working state, shared by linking, resolution and staging.

A batch is one :meth:`curator.dedup.Deduplicator.run` call, held in memory with its texts:
the documents, one union-find over them plus the published rows they touch, why each row
joined its cluster, and the shingle sets and MinHash signatures computed for them (each
computed once, when a job first needs it).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..pipeline import Document
from . import minhash as mh
from . import near
from .cluster import UnionFind
from .settings import NUM_PERM

SHINGLE_CACHE = 8192  # shingle sets held at once; recomputing one costs ~50 us


class Batch:
    """Per-batch state: documents, the union-find, why each row joined, texts' hashes."""

    def __init__(self, docs: list[Document], shingle_size: int) -> None:
        self.docs = docs
        self.n = len(docs)
        self.k = shingle_size
        self.uf = UnionFind(self.n)
        self.reason: list[str | None] = [None] * self.n
        self.old_node: dict[int, int] = {}  # published kept id -> union-find node
        self.sig16: np.ndarray | None = None  # signatures of the signed rows, once signed
        self.signed: np.ndarray = np.zeros(0, dtype=np.int64)  # batch rows that were signed
        self.sig_pos: dict[str, int] = {}  # content_sha256 -> row of sig16
        self._shingles: dict[int, np.ndarray] = {}

    # -- links -----------------------------------------------------------------------------

    def link(self, i: int, other: int, reason: str) -> None:
        """Union two batch rows; each remembers the first kind of link it took part in."""
        if self.uf.union(i, other):
            for row in (i, other):
                if self.reason[row] is None:
                    self.reason[row] = reason

    def link_old(self, i: int, kept_id: int, reason: str) -> None:
        """Union a batch row with a published kept row (one node per kept id)."""
        if kept_id not in self.old_node:
            self.old_node[kept_id] = self.uf.add()
        node = self.old_node[kept_id]
        if self.uf.union(i, node) and self.reason[i] is None:
            self.reason[i] = reason

    # -- texts -----------------------------------------------------------------------------

    def shingles(self, i: int) -> np.ndarray:
        if i not in self._shingles:
            self.prefetch([i])
        return self._shingles[i]

    def prefetch(self, rows: Iterable[int]) -> None:
        """Shingle sets of ``rows`` in vectorised chunks; the cache stays bounded."""
        rows = set(rows)
        if len(self._shingles) + len(rows) > SHINGLE_CACHE:
            self._shingles.clear()  # cheap to recompute: no need for LRU order
        missing = sorted(r for r in rows if r not in self._shingles)
        for start in range(0, len(missing), near.CHUNK):
            chunk = missing[start : start + near.CHUNK]
            flat, offsets = mh.shingle_hashes([self.docs[i].record["text"] for i in chunk], self.k)
            for n, i in enumerate(chunk):
                self._shingles[i] = np.unique(flat[offsets[n] : offsets[n + 1]])

    def signature(self, i: int) -> np.ndarray:
        """Row ``i``'s 16-bit signature: from the near-duplicate pass, or signed now."""
        pos = self.sig_pos.get(self.docs[i].record["content_sha256"])
        if pos is not None and self.sig16 is not None:
            return self.sig16[pos]
        return self.sign([i])[0]

    def sign(self, rows: list[int]) -> np.ndarray:
        """16-bit signatures of ``rows``, in vectorised chunks."""
        sig = np.zeros((len(rows), NUM_PERM), dtype=np.uint16)
        for start in range(0, len(rows), near.CHUNK):
            texts = [self.docs[i].record["text"] for i in rows[start : start + near.CHUNK]]
            flat, offsets = mh.shingle_hashes(texts, self.k)
            sig[start : start + len(texts)] = mh.compact(mh.signatures(flat, offsets, NUM_PERM))
        return sig
