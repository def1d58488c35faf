"""The persistent dedup index, stored with the dataset in ``<state>/dedup/``.

Layout, like an LSM tree of immutable segments (one per published version)::

    dedup/index.json            manifest: segment names, learned mirrors; replaced atomically
    dedup/seg-<version>-<uid>/  one segment, never modified once listed in the manifest
        meta.json               MinHash parameters the segment was built with
        member_id, member_kept  every article seen (kept or dropped) -> id of its kept row
        url_key, url_member     xxh3 of the canonical URL (sorted) -> row in member_*
        hash_key, hash_kept     first 64 bits of content_sha256 (sorted) -> kept id
        kept_id, sig            published rows (sorted by id) and their 16-bit signatures
        kept_url.bin/_off       their canonical URLs, for reports
        band_key, band_row      per band: sorted band keys -> row in kept_*

Arrays are ``.npy`` files read with ``mmap_mode="r"``: a lookup touches O(log n) pages per
segment, so memory does not grow with the size of the dataset.

Staged segments: a build streams its documents through several dedup batches of a bounded
size (see :mod:`curator.builder`). :meth:`DedupIndex.stage` writes each batch's segment at
once, under a name the manifest does not list yet, and every lookup from then on searches
it too. So a later batch is deduplicated against the earlier batches of the same run exactly
as against published rows (their kept row wins; its ``dup_cluster_size`` counts the copies
of its own batch), while :meth:`DedupIndex.commit` stays the only moment the index changes:
it lists the staged segments with the rest and switches the manifest atomically. A run that
dies before leaves the previous manifest, and the segment folders it does not list are
deleted by the next commit.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from ..atomic import TMP_SUFFIX, atomic_folder, write_atomic
from . import minhash as mh

FORMAT = 1
MANIFEST = "index.json"
U64 = np.uint64
_EMPTY = np.zeros(0, dtype=U64)


def id_to_int(id_: str) -> int:
    return int(id_, 16)


def int_to_id(value: int) -> str:
    return f"{int(value):016x}"


class Segment:
    """One immutable folder of arrays, opened lazily as memory maps."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta: dict[str, Any] = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        self._arrays: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._arrays:
            self._arrays[name] = np.load(self.path / f"{name}.npy", mmap_mode="r")
        return self._arrays[name]

    def kept_url(self, row: int) -> str | None:
        off = self["kept_url_off"]
        with open(self.path / "kept_url.bin", "rb") as f:
            f.seek(int(off[row]))
            text = f.read(int(off[row + 1] - off[row])).decode("utf-8")
        return text or None

    def band_table(self, bands: int, rows: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Sorted band keys and rows for ``bands`` x ``rows``; None if signatures differ.

        Band keys are built from the stored 16-bit signature, so a spec that changes only
        bands/rows recomputes them from ``sig`` instead of losing the old versions.
        """
        meta = self.meta
        if meta["num_perm"] < bands * rows or meta["algorithm"] != mh.ALGORITHM:
            return None
        if (meta["bands"], meta["rows"]) == (bands, rows):
            return self["band_key"], self["band_row"]
        return sorted_bands(mh.band_keys(np.asarray(self["sig"]), bands, rows))


def sorted_bands(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n, bands) keys to per-band sorted keys and the rows they came from, both (bands, n)."""
    order = np.argsort(keys.T, axis=1, kind="stable").astype(np.uint32)
    return np.take_along_axis(keys.T, order, axis=1), order


def _lookup_sorted(keys: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``queries`` in sorted ``keys`` and whether each was found."""
    if not len(keys) or not len(queries):
        return np.zeros(len(queries), dtype=np.int64), np.zeros(len(queries), dtype=bool)
    pos = np.searchsorted(keys, queries)
    found = pos < len(keys)
    found[found] = keys[pos[found]] == queries[found]
    return pos, found


class DedupIndex:
    """URL keys, content hashes and band keys of every article of every published version."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        manifest = self._read_manifest()
        self.segments = [Segment(self.root / name) for name in manifest["segments"]]  # listed
        self.mirrors: dict[str, str] = dict(manifest.get("mirrors", {}))
        self._staged: list[Segment] = []  # this run's batches, written but not listed yet
        self._removed: set[int] = set()

    def _read_manifest(self) -> dict[str, Any]:
        path = self.root / MANIFEST
        if not path.exists():
            return {"format": FORMAT, "segments": [], "mirrors": {}}
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: unknown dedup index format {data.get('format')!r}")
        return data

    def _searched(self) -> list[Segment]:
        """Segments a lookup searches: the listed ones, then this run's staged batches."""
        return self.segments + self._staged

    # -- lookups ---------------------------------------------------------------------------

    def lookup_urls(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each URL key: (id, id of its kept row), 0 where the key is unknown."""
        return self._lookup_urls(keys, self._searched())

    def _lookup_urls(
        self, keys: np.ndarray, segments: list[Segment]
    ) -> tuple[np.ndarray, np.ndarray]:
        ids, kept = np.zeros(len(keys), dtype=U64), np.zeros(len(keys), dtype=U64)
        for seg in segments:
            pos, found = _lookup_sorted(seg["url_key"], keys)
            found &= ids == 0
            member = seg["url_member"][pos[found]]
            ids[found] = seg["member_id"][member]
            kept[found] = seg["member_kept"][member]
        return self._drop_removed(ids, kept)

    def lookup_hashes(self, keys: np.ndarray) -> np.ndarray:
        """For each content-hash key: the id of the kept row with that text, or 0."""
        kept = np.zeros(len(keys), dtype=U64)
        for seg in self._searched():
            pos, found = _lookup_sorted(seg["hash_key"], keys)
            found &= kept == 0
            kept[found] = seg["hash_kept"][pos[found]]
        return self._drop_removed(kept, kept)[1]

    def _drop_removed(self, ids: np.ndarray, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self._removed:
            gone = np.isin(ids, self._removed_array()) | np.isin(kept, self._removed_array())
            ids, kept = np.where(gone, U64(0), ids), np.where(gone, U64(0), kept)
        return ids, kept

    def _removed_array(self) -> np.ndarray:
        return np.fromiter(self._removed, dtype=U64, count=len(self._removed))

    def lookup(self, url_key: int) -> str | None:
        """The id the committed index holds for one URL key (see
        :func:`curator.dedup.identity.url_key`); this run's staged batches are not published
        yet, so they are not searched."""
        ids, _ = self._lookup_urls(np.array([url_key], dtype=U64), self.segments)
        return int_to_id(ids[0]) if ids[0] else None

    def is_removed(self, id_: int) -> bool:
        return id_ in self._removed

    def kept_row(self, kept_id: int) -> tuple[Segment, int] | None:
        """The segment and row holding the signature of a kept id."""
        if kept_id in self._removed:
            return None
        for seg in self._searched():
            pos, found = _lookup_sorted(seg["kept_id"], np.array([kept_id], dtype=U64))
            if found[0]:
                return seg, int(pos[0])
        return None

    def band_matches(
        self, keys: np.ndarray, bands: int, rows: int, per_key: int = 8
    ) -> list[tuple[np.ndarray, np.ndarray, Segment]]:
        """Candidate pairs (new row, stored row, segment) sharing a band key.

        ``per_key`` caps how many stored rows one bucket contributes, so one huge bucket
        (a template page published a thousand times) cannot blow up the candidate list.
        """
        out = []
        for seg in self._searched():
            table = seg.band_table(bands, rows)
            if table is None or not len(seg["kept_id"]):
                continue
            for b in range(bands):
                new, old = _bucket_pairs(table[0][b], table[1][b], keys[:, b], per_key)
                if len(new):
                    out.append((new, old, seg))
        return out

    # -- changes ---------------------------------------------------------------------------

    def stage(self, segment: dict[str, Any], version: str) -> None:
        """Write one batch's segment now, unlisted (see the module doc); lookups search it
        from now on and :meth:`commit` lists it."""
        name = _write_segment(self.root, version, segment)
        self._staged.append(Segment(self.root / name))

    def remove(self, ids: Iterable[str]) -> None:
        """Forget ids (takedowns) from URL keys, hashes and bands at the next :meth:`commit`."""
        self._removed.update(id_to_int(i) for i in ids)

    def commit(self, version: str) -> None:
        """List the staged segments, rewrite those holding removed ids, then switch the
        manifest atomically and delete the folders it no longer lists."""
        self.root.mkdir(parents=True, exist_ok=True)
        names = [self._without_removed(seg, version) for seg in self._searched()]
        manifest = {"format": FORMAT, "segments": names, "mirrors": self.mirrors}
        write_atomic(self.root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        self._collect_garbage(set(names))
        self.segments = [Segment(self.root / name) for name in names]
        self._staged, self._removed = [], set()

    def _without_removed(self, seg: Segment, version: str) -> str:
        """The segment's name, or the name of a rewritten copy without the removed ids."""
        if not self._removed:
            return seg.path.name
        removed = self._removed_array()
        gone = np.isin(seg["member_id"], removed) | np.isin(seg["member_kept"], removed)
        if not gone.any():
            return seg.path.name
        return _write_segment(self.root, version, _filter_segment(seg, ~gone, removed))

    def _collect_garbage(self, live: set[str]) -> None:
        for path in self.root.iterdir():
            if path.is_dir() and path.name.startswith("seg-") and path.name not in live:
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.endswith((".tmp", TMP_SUFFIX)):
                path.unlink(missing_ok=True)


def _bucket_pairs(
    sorted_keys: np.ndarray, rows: np.ndarray, queries: np.ndarray, per_key: int
) -> tuple[np.ndarray, np.ndarray]:
    lo = np.searchsorted(sorted_keys, queries, side="left")
    hi = np.minimum(np.searchsorted(sorted_keys, queries, side="right"), lo + per_key)
    hit = np.flatnonzero(hi > lo)
    if not len(hit):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    counts = hi[hit] - lo[hit]
    new = np.repeat(hit, counts)
    starts = np.repeat(lo[hit], counts)
    within = np.arange(len(new)) - np.repeat(np.cumsum(counts) - counts, counts)
    return new, np.asarray(rows[starts + within], dtype=np.int64)


def _filter_segment(seg: Segment, keep_member: np.ndarray, removed: np.ndarray) -> dict[str, Any]:
    """The arrays of ``seg`` without the members in ``removed`` or clustered under them."""
    member_rows = np.flatnonzero(keep_member)
    new_row = np.full(len(keep_member), -1, dtype=np.int64)
    new_row[member_rows] = np.arange(len(member_rows))
    url_ok = new_row[seg["url_member"]] >= 0
    hash_ok = ~np.isin(seg["hash_kept"], removed)
    kept_ok = ~np.isin(seg["kept_id"], removed)
    kept_rows = np.flatnonzero(kept_ok)
    urls = [seg.kept_url(int(r)) or "" for r in kept_rows]
    return {
        "meta": seg.meta,
        "member_id": seg["member_id"][member_rows],
        "member_kept": seg["member_kept"][member_rows],
        "url_key": seg["url_key"][url_ok],
        "url_member": new_row[seg["url_member"][url_ok]].astype(np.uint32),
        "hash_key": seg["hash_key"][hash_ok],
        "hash_kept": seg["hash_kept"][hash_ok],
        "kept_id": seg["kept_id"][kept_rows],
        "sig": np.asarray(seg["sig"][kept_rows]),
        "kept_url": urls,
    }


def build_segment(
    meta: dict[str, Any],
    members: tuple[np.ndarray, np.ndarray],
    urls: tuple[np.ndarray, np.ndarray],
    hashes: tuple[np.ndarray, np.ndarray],
    kept: tuple[np.ndarray, np.ndarray, list[str]],
) -> dict[str, Any]:
    """Arrays of a new segment from unsorted columns; sorting happens in :func:`_write_segment`."""
    return {
        "meta": meta,
        "member_id": members[0],
        "member_kept": members[1],
        "url_key": urls[0],
        "url_member": urls[1].astype(np.uint32),
        "hash_key": hashes[0],
        "hash_kept": hashes[1],
        "kept_id": kept[0],
        "sig": kept[1],
        "kept_url": kept[2],
    }


def _write_segment(root: Path, version: str, seg: dict[str, Any]) -> str:
    """Write a segment folder under a temporary name and rename it into place."""
    name = f"seg-{version}-{uuid.uuid4().hex[:8]}"
    root.mkdir(parents=True, exist_ok=True)
    with atomic_folder(root / name) as tmp:
        _fill_segment(tmp, seg)
    return name


def _fill_segment(tmp: Path, seg: dict[str, Any]) -> None:
    url_order = np.argsort(seg["url_key"], kind="stable")
    hash_order = np.argsort(seg["hash_key"], kind="stable")
    kept_order = np.argsort(seg["kept_id"], kind="stable")
    sig = np.asarray(seg["sig"], dtype=np.uint16)
    sig = sig.reshape(len(kept_order), seg["meta"]["num_perm"])[kept_order]  # -1 fails when empty
    meta = seg["meta"]
    band_key, band_row = sorted_bands(mh.band_keys(sig, meta["bands"], meta["rows"]))
    arrays = {
        "member_id": seg["member_id"],
        "member_kept": seg["member_kept"],
        "url_key": seg["url_key"][url_order],
        "url_member": seg["url_member"][url_order],
        "hash_key": seg["hash_key"][hash_order],
        "hash_kept": seg["hash_kept"][hash_order],
        "kept_id": seg["kept_id"][kept_order],
        "sig": sig,
        "band_key": band_key,
        "band_row": band_row,
    }
    for key, value in arrays.items():
        np.save(tmp / f"{key}.npy", np.ascontiguousarray(value))
    _write_urls(tmp, [seg["kept_url"][i] for i in kept_order])
    (tmp / "meta.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")


def _write_urls(folder: Path, urls: list[str]) -> None:
    blobs = [u.encode("utf-8") for u in urls]
    offsets = np.zeros(len(blobs) + 1, dtype=np.uint64)
    np.cumsum([len(b) for b in blobs], out=offsets[1:])
    (folder / "kept_url.bin").write_bytes(b"".join(blobs))
    np.save(folder / "kept_url_off.npy", offsets)
