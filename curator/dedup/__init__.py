"""The deduplicator: one identity, URL, exact and near-duplicate links, one row per cluster.

:class:`Deduplicator` is the pipeline step; one :meth:`~Deduplicator.run` call is one batch
(a build streams several, see :mod:`curator.builder`). It composes one module per job:

* :mod:`.identity` sets ``id``, ``canonical_url`` and ``source`` (mirrors folded, ids from
  the index) and gives the URL keys;
* :mod:`.linking` links the rows that share a URL key, a text hash or a verified MinHash
  candidate pair, within the batch and to published rows (:mod:`.near` finds the batch's
  candidates, :mod:`.minhash` shingles and signs);
* :mod:`.resolve` picks each cluster's kept row (:mod:`.cluster` holds the policy) and marks
  the others, writing :mod:`.report`'s rows and counts;
* :mod:`.staging` turns the batch into an index segment, which :mod:`.index` writes at once
  and lists at :meth:`~Deduplicator.commit`.

:mod:`.settings` holds the one settings dataclass and the reasoning behind its defaults.
Submodules never import this package (no import cycles): they import each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..pipeline import Document, Step
from .batch import Batch
from .identity import Identity, assign_id, url_key
from .index import DedupIndex
from .linking import link_exact, link_near, link_urls
from .report import DedupReport
from .resolve import resolve
from .settings import NUM_PERM, DedupSettings
from .staging import batch_segment

__all__ = ["NUM_PERM", "DedupSettings", "Deduplicator", "assign_id", "url_key"]

# The defaults by name, read-only, for readers that want a mapping (the spec check and the
# card); :class:`DedupSettings` is where they are set.


class Deduplicator(Step):
    """Marks URL, exact and near duplicates and keeps one row per cluster (see module doc)."""

    name = "dedup"

    def __init__(
        self,
        state_dir: Path,
        settings: DedupSettings | Mapping[str, Any] | None = None,
        mirrors: Mapping[str, str] | None = None,
        version: str = "v1.0.0",
    ) -> None:
        self.settings = (
            settings
            if isinstance(settings, DedupSettings)
            else DedupSettings.from_section(settings)
        )
        self.index = DedupIndex(Path(state_dir) / "dedup")
        self.identity = Identity(self.index, mirrors)
        self.version = version
        self.last = DedupReport()  # of the latest batch

    @property
    def report(self) -> list[dict[str, Any]]:
        """The latest batch's dropped duplicates, one row each (see :mod:`.report`)."""
        return self.last.rows

    @property
    def stats(self) -> dict[str, int]:
        """The latest batch's counts (see :mod:`.report`)."""
        return self.last.stats

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        alive = [d for d in docs if d.alive]
        self.last = DedupReport()
        self.last.stats["input"] = len(alive)
        if alive:
            self._dedup(Batch(alive, self.settings.shingle_size))
        yield from docs

    def commit(self, version: str | None = None) -> None:
        """Persist the index atomically; call after ``version`` (by default the one this
        deduplicator was made for; a patch learns its number only at its commit) is published."""
        self.index.commit(version or self.version)

    def remove(self, ids: Iterable[str]) -> None:
        """Forget ids (takedowns) from URL keys, hashes and bands at the next :meth:`commit`."""
        self.index.remove(ids)

    def lookup(self, url: str) -> str | None:
        """The id the committed index holds for a URL (canonicalised with the known mirrors)."""
        return self.identity.lookup(url)

    def _dedup(self, batch: Batch) -> None:
        keys = self.identity.assign(batch.docs)
        link_urls(batch, keys)
        hashes = link_exact(batch, self.index)
        if self.settings.near:
            self.last.stats["near_candidates"] = link_near(batch, self.index, self.settings)
        kept_of = resolve(batch, self.index, self.last)
        segment = batch_segment(batch, keys, hashes, kept_of, self.settings, self.version)
        self.index.stage(segment, self.version)
