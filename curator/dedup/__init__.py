"""The deduplicator: URL keys, exact text hashes and MinHash near-duplicates, one cluster each.

For one batch (a build or an update) :class:`Deduplicator` links documents that share a
canonical URL key ("url"), the hash of their normalised text ("exact") or a verified MinHash
LSH candidate pair ("near"), in that order, with one union-find over the batch plus the
already published rows they touch. Each cluster keeps one row:

* a row already published always wins (published shards never change); the new copy is
  dropped and the published row is not re-emitted, so its ``dup_cluster_size`` stays as of
  its own version;
* otherwise the policy of :func:`curator.dedup.cluster.keep_key`: earliest published, then
  longest text, then most metadata, then id.

Near-duplicate defaults (see ``DEFAULTS``): word 5-grams like datatrove and RedPajama,
128-slot R-MinHash (rensa), 25 bands x 5 rows, Jaccard threshold 0.7. The threshold is at
the low end of the published 0.7-0.8 range because lightly edited syndicated copies (a
paragraph added, cut or truncated) measured 0.65-0.97 here while 0.8 misses many of them;
25x5 puts the LSH S-curve's 50% point near 0.53, so a pair at exactly 0.7 becomes a
candidate with probability 0.99 (datatrove's 14x8 gives only 0.56 there, RedPajama's 14x9
for 0.7 gives 0.49). The low band threshold makes more false candidates, which is why every
candidate is checked: exact 5-gram Jaccard when both texts are in the batch, the 128-slot
estimate against published rows whose text is not re-read.

Batches: one :meth:`Deduplicator.run` call is one batch, held in memory with its texts. A
build streams its documents through several calls of a bounded size (see
:mod:`curator.builder`); each call writes its segment to the index folder at once, under a
name the index manifest does not list yet, and adds it to the segments later calls look up.
So a later batch is deduplicated against the earlier batches of the same run exactly as
against published rows (their kept row wins; its ``dup_cluster_size`` counts the copies of
its own batch), while :meth:`commit` stays the only moment the index changes: a run that
dies first leaves unlisted folders that the next commit deletes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from ..extract import published_canonical
from ..pipeline import Document, Step
from ..urls import canonicalise, host_of, learn_mirrors, pick_canonical
from . import minhash as mh
from . import near
from .cluster import UnionFind, keep_key
from .index import DedupIndex, Segment, _write_segment, build_segment, id_to_int, int_to_id

__all__ = ["DEFAULTS", "Deduplicator", "assign_id", "url_key"]

DEFAULTS: dict[str, Any] = {
    "near": True,
    "threshold": 0.7,
    "shingle_size": 5,
    "bands": 25,
    "rows": 5,
}
NUM_PERM = 128  # slots per signature; bands x rows may use fewer, the estimate uses all
U64 = np.uint64


def assign_id(canonical_url: str | None, content_sha256: str) -> str:
    """The stable id of a new article: sha256 of its canonical URL, or of its text hash."""
    basis = canonical_url if canonical_url else content_sha256
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def url_key(canonical_url: str) -> int:
    """64-bit key of a canonical URL in the index."""
    return xxhash.xxh3_64_intdigest(canonical_url.encode("utf-8"))


def _hash_key(content_sha256: str) -> int:
    return int(content_sha256[:16], 16)


class _Batch:
    """Per-batch working state: documents, keys, the union-find and why each row joined."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.n = len(docs)
        self.uf = UnionFind(self.n)
        self.reason: list[str | None] = [None] * self.n
        self.old_node: dict[int, int] = {}  # published kept id -> union-find node
        self.sig16: np.ndarray | None = None
        self.signed: np.ndarray = np.zeros(0, dtype=np.int64)  # batch rows that were signed
        self.sig_pos: dict[str, int] = {}  # content_sha256 -> row of sig16
        self._shingles: dict[int, np.ndarray] = {}

    def link(self, i: int, other: int, reason: str) -> None:
        """Union two batch rows; each remembers the first kind of link it took part in."""
        if self.uf.union(i, other):
            for row in (i, other):
                if self.reason[row] is None:
                    self.reason[row] = reason

    def link_old(self, i: int, kept_id: int, reason: str) -> None:
        if kept_id not in self.old_node:
            self.old_node[kept_id] = self.uf.add()
        node = self.old_node[kept_id]
        if self.uf.union(i, node) and self.reason[i] is None:
            self.reason[i] = reason

    def shingles(self, i: int, k: int) -> np.ndarray:
        if i not in self._shingles:
            self.prefetch([i], k)
        return self._shingles[i]

    def prefetch(self, rows: Iterable[int], k: int) -> None:
        """Shingle sets of ``rows`` in vectorised chunks; the cache stays bounded."""
        rows = set(rows)
        if len(self._shingles) + len(rows) > 8192:
            self._shingles.clear()  # recomputing a set costs ~50 us: no need for LRU order
        missing = sorted(r for r in rows if r not in self._shingles)
        for start in range(0, len(missing), near.CHUNK):
            chunk = missing[start : start + near.CHUNK]
            flat, offsets = mh.shingle_hashes([self.docs[i].record["text"] for i in chunk], k)
            for n, i in enumerate(chunk):
                self._shingles[i] = np.unique(flat[offsets[n] : offsets[n + 1]])


class Deduplicator(Step):
    """Marks URL, exact and near duplicates and keeps one row per cluster (see module doc)."""

    name = "dedup"

    def __init__(
        self,
        state_dir: Path,
        settings: dict | None = None,
        mirrors: dict[str, str] | None = None,
        version: str = "v1.0.0",
    ) -> None:
        self.settings = {**DEFAULTS, **(settings or {})}
        if self.settings["bands"] * self.settings["rows"] > NUM_PERM:
            raise ValueError(f"dedup: bands x rows must be at most {NUM_PERM}")
        self.index = DedupIndex(Path(state_dir) / "dedup")
        self.spec_mirrors = dict(mirrors or {})
        self.version = version
        self.report: list[dict] = []
        self.stats: dict[str, int] = {}
        self._staged: list[Segment] = []  # this run's batches, unlisted until commit

    # -- public API ------------------------------------------------------------------------

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        alive = [d for d in docs if d.alive]
        self.report, self.stats = [], dict.fromkeys(("input", "kept", "url", "exact", "near"), 0)
        self.stats["input"] = len(alive)
        if alive:
            committed = self.index.segments
            self.index.segments = committed + self._staged  # earlier batches of this run too
            try:
                self._dedup(_Batch(alive))
            finally:
                self.index.segments = committed
        yield from docs

    def commit(self, version: str | None = None) -> None:
        """Persist the index atomically; call after ``version`` (by default the one this
        deduplicator was made for; a patch learns its number only at its commit) is published."""
        self.index.segments, self._staged = self.index.segments + self._staged, []
        self.index.commit(version or self.version)

    def remove(self, ids: Iterable[str]) -> None:
        """Forget ids (takedowns) from URL keys, hashes and bands at the next :meth:`commit`."""
        self.index.remove(ids)

    def lookup(self, url: str) -> str | None:
        """The id the index holds for a URL (canonicalised with the known mirrors)."""
        key = canonicalise(url, self._mirrors())
        return self.index.lookup(url_key(key)) if key else None

    # -- steps -----------------------------------------------------------------------------

    def _mirrors(self) -> dict[str, str]:
        return {**self.index.mirrors, **self.spec_mirrors}

    def _dedup(self, batch: _Batch) -> None:
        self._canonicalise(batch)
        keys = self._assign_ids(batch)
        self._link_urls(batch, keys)
        hashes = self._link_exact(batch)
        if self.settings["near"]:
            self._link_near(batch)
        kept_of = self._resolve(batch)
        self._stage_segment(batch, keys, hashes, kept_of)

    def _canonicalise(self, batch: _Batch) -> None:
        pages = [(d.record.get("url"), d.record.get("alternate_urls") or []) for d in batch.docs]
        learned = learn_mirrors(pages, self._mirrors())
        self.index.mirrors.update({h: m for h, m in learned.items() if h not in self.spec_mirrors})
        mirrors = self._mirrors()
        for doc in batch.docs:
            rec = doc.record
            chosen = pick_canonical(rec.get("url"), rec.get("canonical_url"))
            # The key form (https, mirrors folded) makes ids and dedup keys; the record keeps
            # the address as the page declared it.
            key = canonicalise(chosen, mirrors) or canonicalise(rec.get("url"), mirrors)
            doc.url_key = key
            rec["canonical_url"] = (
                published_canonical(rec.get("url"), rec.get("canonical_url")) or key
            )
            if not rec.get("source"):
                rec["source"] = host_of(key)

    def _assign_ids(self, batch: _Batch) -> np.ndarray:
        """Ids from the index for known URL keys, new ones otherwise; returns the URL keys."""
        urls = [d.url_key for d in batch.docs]
        keys = np.array([url_key(u) if u else 0 for u in urls], dtype=U64)
        stored, kept = self.index.lookup_urls(keys)
        for i, doc in enumerate(batch.docs):
            rec = doc.record
            rec["id"] = (
                int_to_id(stored[i]) if stored[i] else assign_id(urls[i], rec["content_sha256"])
            )
            if kept[i]:
                batch.link_old(i, int(kept[i]), "url")
        return keys

    def _link_urls(self, batch: _Batch, keys: np.ndarray) -> None:
        first: dict[int, int] = {}
        for i, key in enumerate(keys.tolist()):
            if key:
                batch.link(i, first.setdefault(key, i), "url")

    def _link_exact(self, batch: _Batch) -> np.ndarray:
        hashes = np.array([_hash_key(d.record["content_sha256"]) for d in batch.docs], dtype=U64)
        stored = self.index.lookup_hashes(hashes)
        first: dict[int, int] = {}
        for i, h in enumerate(hashes.tolist()):
            if stored[i]:
                batch.link_old(i, int(stored[i]), "exact")
            batch.link(i, first.setdefault(h, i), "exact")
        return hashes

    def _link_near(self, batch: _Batch) -> None:
        s = self.settings
        # One text per distinct hash: exact copies are already linked and would only fill buckets.
        _, first_rows = np.unique(
            [d.record["content_sha256"] for d in batch.docs], return_index=True
        )
        batch.signed = np.sort(first_rows)
        batch.sig_pos = {
            batch.docs[i].record["content_sha256"]: p for p, i in enumerate(batch.signed)
        }
        texts = [batch.docs[i].record["text"] for i in batch.signed]
        with near.spill_dir() as tmp:
            batch.sig16 = near.sign(
                texts, s["shingle_size"], NUM_PERM, s["bands"], s["rows"], Path(tmp)
            )
            pairs = near.candidate_pairs(Path(tmp), s["bands"])
        self.stats["near_candidates"] = len(pairs)
        self._verify_batch_pairs(batch, batch.signed[pairs] if len(pairs) else pairs)
        self._verify_index_pairs(batch)

    def _verify_batch_pairs(self, batch: _Batch, pairs: np.ndarray) -> None:
        k, threshold = self.settings["shingle_size"], self.settings["threshold"]
        for start in range(0, len(pairs), 2048):
            chunk = pairs[start : start + 2048].tolist()
            batch.prefetch((r for pair in chunk for r in pair), k)
            for i, j in chunk:
                if batch.uf.find(i) == batch.uf.find(j):
                    continue  # already one cluster: the check would change nothing
                if mh.jaccard(batch.shingles(i, k), batch.shingles(j, k)) >= threshold:
                    batch.link(j, i, "near")

    def _verify_index_pairs(self, batch: _Batch) -> None:
        s = self.settings
        keys = mh.band_keys(batch.sig16, s["bands"], s["rows"])
        seen: set[tuple[int, int]] = set()
        for new, old, seg in self.index.band_matches(keys, s["bands"], s["rows"]):
            for a, row in zip(new.tolist(), old.tolist(), strict=True):
                kept_id = int(seg["kept_id"][row])
                if (a, kept_id) in seen or self.index.is_removed(kept_id):
                    continue
                seen.add((a, kept_id))
                if seg.meta["num_perm"] != NUM_PERM:
                    continue  # signatures of another size cannot be compared slot by slot
                if mh.estimate(batch.sig16[a], seg["sig"][row]) >= s["threshold"]:
                    batch.link_old(int(batch.signed[a]), kept_id, "near")

    # -- clusters --------------------------------------------------------------------------

    def _resolve(self, batch: _Batch) -> list[int]:
        """Pick the kept row of every cluster; annotate kept rows, mark dropped ones."""
        old_of_node = {node: kid for kid, node in batch.old_node.items()}
        members: dict[int, list[int]] = {}
        for i in range(batch.n):
            members.setdefault(batch.uf.find(i), []).append(i)
        old_in: dict[int, list[int]] = {}
        for node, kid in old_of_node.items():
            old_in.setdefault(batch.uf.find(node), []).append(kid)
        kept_of = [0] * batch.n
        for root, rows in members.items():
            if root in old_in:  # a published row wins; several: the smallest id, deterministic
                self._drop_all(batch, rows, min(old_in[root]), kept_of)
            else:
                self._keep_best(batch, rows, kept_of)
        return kept_of

    def _keep_best(self, batch: _Batch, rows: list[int], kept_of: list[int]) -> None:
        best = min(rows, key=lambda i: keep_key(batch.docs[i].record, i))
        rec = batch.docs[best].record
        rec["dup_cluster_id"], rec["dup_cluster_size"] = rec["id"], len(rows)
        self.stats["kept"] += 1
        kept_of[best] = id_to_int(rec["id"])
        for i in rows:
            if i != best:
                self._drop(batch, i, best, None, kept_of)

    def _drop_all(self, batch: _Batch, rows: list[int], kept_id: int, kept_of: list[int]) -> None:
        for i in rows:
            self._drop(batch, i, None, kept_id, kept_of)

    def _drop(self, batch: _Batch, i: int, best: int | None, kept_id: int | None, kept_of) -> None:
        doc = batch.docs[i]
        reason = batch.reason[i] or "near"
        if best is not None:
            kept_rec = batch.docs[best].record
            kept_id_str, kept_url = kept_rec["id"], kept_rec.get("url")
            similarity = self._similarity(batch, i, best)
        else:
            kept_id_str = int_to_id(kept_id)
            kept_url, similarity = self._old_similarity(batch, i, kept_id, reason)
        doc.duplicate_of, doc.duplicate_reason, doc.similarity = kept_id_str, reason, similarity
        kept_of[i] = id_to_int(kept_id_str)
        self.stats[reason] += 1
        self.report.append(
            {
                "id": doc.record["id"],
                "url": doc.record.get("url"),
                "kept_id": kept_id_str,
                "kept_url": kept_url,
                "reason": reason,
                "similarity": similarity,
            }
        )

    def _similarity(self, batch: _Batch, i: int, best: int) -> float:
        a, b = batch.docs[i].record, batch.docs[best].record
        if a["content_sha256"] == b["content_sha256"]:
            return 1.0
        k = self.settings["shingle_size"]
        return round(mh.jaccard(batch.shingles(i, k), batch.shingles(best, k)), 4)

    def _old_similarity(self, batch: _Batch, i: int, kept_id: int, reason: str):
        """Kept URL and estimated similarity to a published row (its text is not re-read)."""
        found = self.index.kept_row(kept_id)
        if found is None:
            return None, 1.0 if reason == "exact" else 0.0
        seg, row = found
        if reason == "exact":
            return seg.kept_url(row), 1.0
        sig = self._sig_of(batch, i)
        if sig is None or seg.meta["num_perm"] != NUM_PERM:
            return seg.kept_url(row), 0.0
        return seg.kept_url(row), round(mh.estimate(sig, seg["sig"][row]), 4)

    def _sig_of(self, batch: _Batch, i: int) -> np.ndarray:
        pos = batch.sig_pos.get(batch.docs[i].record["content_sha256"])
        if pos is not None and batch.sig16 is not None:
            return batch.sig16[pos]
        return self._sign(batch, [i])[0]

    def _sign(self, batch: _Batch, rows: list[int]) -> np.ndarray:
        sig = np.zeros((len(rows), NUM_PERM), dtype=np.uint16)
        for start in range(0, len(rows), near.CHUNK):
            texts = [batch.docs[i].record["text"] for i in rows[start : start + near.CHUNK]]
            flat, offsets = mh.shingle_hashes(texts, self.settings["shingle_size"])
            sig[start : start + len(texts)] = mh.compact(mh.signatures(flat, offsets, NUM_PERM))
        return sig

    # -- index -----------------------------------------------------------------------------

    def _stage_segment(self, batch: _Batch, keys: np.ndarray, hashes: np.ndarray, kept_of) -> None:
        """Arrays for the index: every new id, its URL key and text hash, kept rows' bands."""
        kept_of = np.array(kept_of, dtype=U64)
        ids = np.array([id_to_int(d.record["id"]) for d in batch.docs], dtype=U64)
        _, member_rows = np.unique(ids, return_index=True)
        known_url = self.index.lookup_urls(keys)[0] != 0
        _, url_rows = np.unique(keys, return_index=True)
        url_rows = np.array([r for r in url_rows if keys[r] and not known_url[r]], dtype=np.int64)
        member_of = {int(ids[r]): n for n, r in enumerate(member_rows)}
        known_hash = self.index.lookup_hashes(hashes) != 0
        _, hash_rows = np.unique(hashes, return_index=True)
        hash_rows = hash_rows[~known_hash[hash_rows]]
        kept_rows, sig = self._kept_signatures(batch)
        s = self.settings
        meta = {
            "num_perm": NUM_PERM,
            "bands": s["bands"],
            "rows": s["rows"],
            "shingle_size": s["shingle_size"],
            "algorithm": mh.ALGORITHM,
            "seed": mh.SEED,
            "version": self.version,
        }
        self._stage(
            build_segment(
                meta,
                (ids[member_rows], kept_of[member_rows]),
                (
                    keys[url_rows],
                    np.array([member_of[int(ids[r])] for r in url_rows], dtype=np.uint32),
                ),
                (hashes[hash_rows], kept_of[hash_rows]),
                (
                    ids[kept_rows],
                    sig,
                    [batch.docs[r].url_key or "" for r in kept_rows],
                ),
            )
        )

    def _stage(self, segment: dict[str, Any]) -> None:
        """Write this batch's segment now, unlisted (see the module doc), and look it up from
        the next batch on; :meth:`commit` lists it with the rest."""
        name = _write_segment(self.index.root, self.version, segment)
        self._staged.append(Segment(self.index.root / name))

    def _kept_signatures(self, batch: _Batch) -> tuple[np.ndarray, np.ndarray]:
        """Rows kept in this batch and their 16-bit signatures (signed now if not yet)."""
        rows = [i for i, d in enumerate(batch.docs) if d.alive]
        if batch.sig16 is None:
            return np.array(rows, dtype=np.int64), self._sign(batch, rows)
        sig = (
            np.stack([self._sig_of(batch, i) for i in rows])
            if rows
            else np.zeros((0, NUM_PERM), np.uint16)
        )
        return np.array(rows, dtype=np.int64), sig
