"""Cluster resolution: which row each cluster keeps, and how alike the dropped ones were.

Each cluster of the batch's union-find keeps one row:

* a row already published always wins (published shards never change); the new copies
  are dropped and the published row is not re-emitted, so its ``dup_cluster_size`` stays
  as of its own version; of several published rows, the smallest id (deterministic);
* otherwise the policy of :func:`curator.dedup.cluster.keep_key`: earliest published, then
  longest text, then most metadata, then id. The kept row gets ``dup_cluster_id`` (its id)
  and ``dup_cluster_size``.

A dropped document gets ``duplicate_of``, ``duplicate_reason`` and ``similarity``: exact
5-gram Jaccard with a kept row of the batch, the signature estimate with a published one.
"""

from __future__ import annotations

from . import minhash as mh
from .batch import Batch
from .cluster import keep_key
from .index import DedupIndex, id_to_int, int_to_id
from .report import DedupReport
from .settings import NUM_PERM


def resolve(batch: Batch, index: DedupIndex, report: DedupReport) -> list[int]:
    """Pick the kept row of every cluster; annotate kept rows, mark dropped ones. Returns,
    per row, the id (as an int) of the row its cluster kept."""
    return _Resolver(batch, index, report).run()


class _Resolver:
    def __init__(self, batch: Batch, index: DedupIndex, report: DedupReport) -> None:
        self.batch, self.index, self.report = batch, index, report
        self.kept_of = [0] * batch.n

    def run(self) -> list[int]:
        batch = self.batch
        members: dict[int, list[int]] = {}
        for i in range(batch.n):
            members.setdefault(batch.uf.find(i), []).append(i)
        old_in: dict[int, list[int]] = {}
        for kid, node in batch.old_node.items():
            old_in.setdefault(batch.uf.find(node), []).append(kid)
        for root, rows in members.items():
            if root in old_in:
                for i in rows:
                    self._drop_for_published(i, min(old_in[root]))
            else:
                self._keep_best(rows)
        return self.kept_of

    def _keep_best(self, rows: list[int]) -> None:
        docs = self.batch.docs
        best = min(rows, key=lambda i: keep_key(docs[i].record, i))
        rec = docs[best].record
        rec["dup_cluster_id"], rec["dup_cluster_size"] = rec["id"], len(rows)
        self.report.kept()
        self.kept_of[best] = id_to_int(rec["id"])
        for i in rows:
            if i != best:
                kept = docs[best].record
                self._drop(i, kept["id"], kept.get("url"), self._similarity(i, best))

    def _drop_for_published(self, i: int, kept_id: int) -> None:
        kept_url, similarity = self._published_similarity(i, kept_id)
        self._drop(i, int_to_id(kept_id), kept_url, similarity)

    def _drop(self, i: int, kept_id: str, kept_url: str | None, similarity: float) -> None:
        doc = self.batch.docs[i]
        reason = self.batch.reason[i] or "near"
        doc.duplicate_of, doc.duplicate_reason, doc.similarity = kept_id, reason, similarity
        self.kept_of[i] = id_to_int(kept_id)
        self.report.dropped(doc.record, kept_id, kept_url, reason, similarity)

    def _similarity(self, i: int, best: int) -> float:
        batch = self.batch
        if batch.docs[i].record["content_sha256"] == batch.docs[best].record["content_sha256"]:
            return 1.0
        return round(mh.jaccard(batch.shingles(i), batch.shingles(best)), 4)

    def _published_similarity(self, i: int, kept_id: int) -> tuple[str | None, float]:
        """Kept URL and estimated similarity to a published row (its text is not re-read)."""
        reason = self.batch.reason[i] or "near"
        found = self.index.kept_row(kept_id)
        if found is None:
            return None, 1.0 if reason == "exact" else 0.0
        seg, row = found
        if reason == "exact":
            return seg.kept_url(row), 1.0
        if seg.meta["num_perm"] != NUM_PERM:
            return seg.kept_url(row), 0.0
        return seg.kept_url(row), round(mh.estimate(self.batch.signature(i), seg["sig"][row]), 4)
