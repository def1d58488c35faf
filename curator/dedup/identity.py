"""The identity step: the one stage that sets ``id``, ``canonical_url`` and ``source``.

Every page gets three addresses here, always the same way:

* ``doc.url_key``: the key form of its canonical URL (:func:`curator.urls.canonicalise`:
  https, no tracking parameters, mirrors folded), from the address the page declares
  (:func:`curator.urls.pick_canonical`) or, when that has no usable host, its own URL. Ids
  and URL dedup use it; it is never published as such.
* ``record["canonical_url"]``: the address as the page declared it (:func:`published_canonical`),
  or the key form for a page that declared nothing usable;
* ``record["source"]``: the key's host, unless a source already named one;
* ``record["id"]``: the id the dedup index holds for the key, else :func:`assign_id` of it.

There are two paths. :func:`identify` needs no index: it is what :func:`curator.extract`
uses (one page, no mirrors, no id: ids belong to a dataset). :class:`Identity` is the build's
path: mirrors are the spec's plus those learned from alternate-address notices (kept in the
index, so keys stay stable across versions), and ids come from the index.

Identity is the first job :class:`~curator.dedup.Deduplicator` composes, not a step of its
own in the builder's list, because it needs what only the deduplicator has at that moment:
the index *with this run's earlier batches staged* (a URL seen two batches ago must get
that batch's id) and the batch whose alternate notices teach the mirrors its own keys use.
As a separate step it would have to share the index and batch boundaries with the
deduplicator anyway; composed, one batch goes through identity, linking and resolution in
one place. The URL keys and the index's answer for them are returned for URL linking, so
the index is asked once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import numpy as np
import xxhash

from ..pipeline import Document
from ..record import Record
from ..urls import canonicalise, host_of, learn_mirrors, pick_canonical
from .index import DedupIndex, int_to_id

U64 = np.uint64


def assign_id(canonical_url: str | None, content_sha256: str) -> str:
    """The stable id of a new article: sha256 of its canonical URL, or of its text hash."""
    basis = canonical_url if canonical_url else content_sha256
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def url_key(canonical_url: str) -> int:
    """64-bit key of a canonical URL in the index."""
    return xxhash.xxh3_64_intdigest(canonical_url.encode("utf-8"))


def published_canonical(url: str | None, declared: str | None) -> str | None:
    """The canonical URL as the page declared it (made absolute against ``url``), or None
    when it declares none or only its site's home page (then the key form stands). The key
    form is for ids and dedup; it is published only for a page that declared nothing."""
    if not declared or pick_canonical(url, declared) != declared:
        return None
    chosen = urljoin(url, declared.strip()) if url else declared.strip()
    return chosen if "//" in chosen and host_of(chosen) else None


def key_form(record: Record, mirrors: Mapping[str, str] | None = None) -> str | None:
    """The key form of a record's canonical URL (see the module doc), or None without a host."""
    url = record.get("url")
    chosen = pick_canonical(url, record.get("canonical_url"))
    return canonicalise(chosen, mirrors) or canonicalise(url, mirrors)


def identify(doc: Document, mirrors: Mapping[str, str] | None = None) -> None:
    """Set ``doc.url_key``, ``canonical_url`` and ``source``; ``id`` is left to the index."""
    rec = doc.record
    key = key_form(rec, mirrors)
    doc.url_key = key
    rec["canonical_url"] = published_canonical(rec.get("url"), rec.get("canonical_url")) or key
    if not rec.get("source"):
        rec["source"] = host_of(key)


@dataclass
class Keys:
    """What identity found for one batch, row by row: the 64-bit URL keys (0: no URL) and,
    for keys the index knows, their stored id and the id of the row their cluster kept
    (0 for a key it does not know)."""

    url: np.ndarray
    stored: np.ndarray
    kept: np.ndarray


class Identity:
    """The build's identity: mirrors from the spec and the index, ids from the index."""

    def __init__(self, index: DedupIndex, spec_mirrors: Mapping[str, str] | None = None) -> None:
        self.index = index
        self.spec_mirrors = dict(spec_mirrors or {})

    def mirrors(self) -> dict[str, str]:
        """Every known mirror host -> its main host; the spec's win over learned ones."""
        return {**self.index.mirrors, **self.spec_mirrors}

    def lookup(self, url: str) -> str | None:
        """The id the committed index holds for a URL (canonicalised with the known mirrors)."""
        key = canonicalise(url, self.mirrors())
        return self.index.lookup(url_key(key)) if key else None

    def assign(self, docs: list[Document]) -> Keys:
        """Learn mirrors from the batch, then set every document's identity and id."""
        self._learn(docs)
        mirrors = self.mirrors()
        for doc in docs:
            identify(doc, mirrors)
        urls = [d.url_key for d in docs]
        keys = np.array([url_key(u) if u else 0 for u in urls], dtype=U64)
        stored, kept = self.index.lookup_urls(keys)
        for i, doc in enumerate(docs):
            rec = doc.record
            rec["id"] = (
                int_to_id(stored[i]) if stored[i] else assign_id(urls[i], rec["content_sha256"])
            )
        return Keys(url=keys, stored=stored, kept=kept)

    def _learn(self, docs: list[Document]) -> None:
        """Mirrors the batch's alternate-address notices teach, kept in the index; a spec
        mirror is never overridden (it stays out of the index, the spec owns it)."""
        pages = [(d.record.get("url"), d.record.get("alternate_urls") or []) for d in docs]
        learned = learn_mirrors(pages, self.mirrors())
        self.index.mirrors.update({h: m for h, m in learned.items() if h not in self.spec_mirrors})
