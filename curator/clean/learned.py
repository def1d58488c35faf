"""Site-learned boilerplate: lines a host prints under many of its articles (a standing
notice, a licence line, a slogan) that no hand-written rule knows.

Threshold: a line is boilerplate for a host when it was seen on at least
:data:`MIN_PAGES` (5) distinct pages of that host **and** on at least :data:`MIN_SHARE`
(50 %) of the pages seen for that host. The page floor keeps a quote that two or three
articles share (a politician's sentence reported twice) in the text; the share keeps a
sentence that recurs in a few of a big site's thousands of articles. Lines are compared
after case-folding and collapsing punctuation, and stored as 64-bit hashes (no text kept),
at most :data:`MAX_LINES_PER_HOST` per host (the rarest dropped first), so the state file
stays small: a few tens of bytes per line.

Counts persist across dataset versions in a JSON file (``BoilerplateModel.load/save``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..normalise import join_paragraphs, paragraphs
from ..pipeline import Document, Step
from ..urls import host_of
from .result import Cleaned, Removed
from .text import MIN_ARTICLE_WORDS

MIN_PAGES = 5
MIN_SHARE = 0.5
MAX_LINES_PER_HOST = 5000
FORMAT_VERSION = 1


_NON_WORD = re.compile(r"\W+")
# ASCII non-word characters to spaces: on an ASCII line, translate + split gives what the
# regex gives, 3x faster (this runs for every line of every page).
_ASCII_NON_WORD = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}


def line_key(line: str) -> str:
    """64-bit hash of a line, insensitive to case, spacing and punctuation."""
    low = line.casefold()
    if low.isascii():
        text = " ".join(low.translate(_ASCII_NON_WORD).split())
    else:
        text = _NON_WORD.sub(" ", low).strip()
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def page_line_keys(text: str) -> list[str]:
    """The :func:`line_key` of every paragraph of ``text``, in order."""
    return [line_key(line) for line in paragraphs(text)]


def keys_of(cleaned: Cleaned) -> list[str]:
    """The paragraph keys of ``cleaned.text``: those the worker computed, when they are of
    this text, else computed now."""
    if cleaned.line_keys is not None and cleaned.line_keys[0] == len(cleaned.text):
        return cleaned.line_keys[1]
    return page_line_keys(cleaned.text)


class LineKeys(Step):
    """The per-page half of :class:`LearnedBoilerplate`, run with the other per-document steps
    in the workers: hashing every line is most of the learning's cost, and the step that
    learns runs in the driver, one core for the whole run (measured on 842 real pages: 2.7 s
    of the driver's 9.5 s)."""

    name = "line-keys"

    def process(self, doc: Document) -> None:
        if doc.cleaned is not None and doc.cleaned.text:
            doc.cleaned.line_keys = (len(doc.cleaned.text), page_line_keys(doc.cleaned.text))


@dataclass
class HostCounts:
    pages: int = 0
    lines: dict[str, int] = field(default_factory=dict)

    def prune(self) -> None:
        if len(self.lines) > MAX_LINES_PER_HOST:
            keep = sorted(self.lines.items(), key=lambda kv: -kv[1])[:MAX_LINES_PER_HOST]
            self.lines = dict(keep)


class BoilerplateModel:
    """Per-host counts of the pages each (hashed) line was seen on."""

    def __init__(
        self,
        hosts: dict[str, HostCounts] | None = None,
        min_pages: int = MIN_PAGES,
        min_share: float = MIN_SHARE,
    ):
        self.hosts: dict[str, HostCounts] = hosts or {}
        self.min_pages, self.min_share = min_pages, min_share

    @classmethod
    def load(cls, path: str | Path, **thresholds: Any) -> BoilerplateModel:
        """The model saved at ``path`` (an empty one when there is no file yet), judging with
        ``min_pages`` and ``min_share`` when given (the spec's ``[clean]`` settings)."""
        path = Path(path)
        if not path.exists():
            return cls(**thresholds)
        data = json.loads(path.read_text("utf-8"))
        if data.get("version") != FORMAT_VERSION:
            return cls(**thresholds)  # an unknown format is relearned, not misread
        hosts = {h: HostCounts(c["pages"], c["lines"]) for h, c in data["hosts"].items()}
        return cls(hosts, **thresholds)

    def save(self, path: str | Path) -> None:
        """Write atomically, so a run killed mid-write leaves the previous counts."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        hosts = {h: {"pages": c.pages, "lines": c.lines} for h, c in sorted(self.hosts.items())}
        write_atomic(
            path, json.dumps({"version": FORMAT_VERSION, "hosts": hosts}, separators=(",", ":"))
        )

    def observe(self, host: str, lines: Iterable[str]) -> None:
        """Count one page of ``host``: each distinct line once."""
        self.observe_keys(host, [line_key(line) for line in lines if line.strip()])

    def observe_keys(self, host: str, keys: Iterable[str]) -> None:
        """:meth:`observe` given the pages' :func:`line_key` values."""
        counts = self.hosts.setdefault(host, HostCounts())
        counts.pages += 1
        for key in set(keys):
            counts.lines[key] = counts.lines.get(key, 0) + 1
        counts.prune()

    def is_boilerplate(self, host: str, line: str) -> bool:
        return self.is_boilerplate_key(host, line_key(line))

    def is_boilerplate_key(self, host: str, key: str) -> bool:
        counts = self.hosts.get(host)
        if counts is None or counts.pages == 0:
            return False
        seen = counts.lines.get(key, 0)
        return seen >= self.min_pages and seen / counts.pages >= self.min_share


class LearnedBoilerplate(Step):
    """Pipeline step after ``clean``: buffers ``batch_size`` documents, learns their lines per
    host, then removes the learned boilerplate from each (``doc.cleaned.text`` and
    ``doc.record["text"]``), logging ``Removed(line, "site-boilerplate")``. With
    ``state_path`` the counts are loaded from and saved to that file, so what earlier
    versions saw counts too. A page left too short is rejected with a reason."""

    name = "site-boilerplate"

    def __init__(
        self,
        state_path: str | Path | None = None,
        batch_size: int = 2000,
        model: BoilerplateModel | None = None,
    ):
        self.state_path = Path(state_path) if state_path else None
        self.batch_size = batch_size
        self.model = model or (
            BoilerplateModel.load(self.state_path) if self.state_path else BoilerplateModel()
        )

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)
        if self.state_path:
            self.model.save(self.state_path)

    def _flush(self, batch: list[Document]) -> list[Document]:
        seen_urls: set[str | None] = set()
        keyed: list[tuple[Document, Cleaned, str, list[str]]] = []  # lines hashed once
        for doc in batch:
            host, url, cleaned = self._host(doc), doc.record.get("url"), doc.cleaned
            if not host or cleaned is None:
                continue
            keys = keys_of(cleaned)
            keyed.append((doc, cleaned, host, keys))
            if url not in seen_urls:  # one page counts once, however often it comes
                seen_urls.add(url)
                self.model.observe_keys(host, keys)
        for doc, cleaned, host, keys in keyed:
            try:
                self._strip(doc, cleaned, host, keys)
            except Exception as exc:  # one bad page must never end a run
                doc.reject(f"{self.name} failed: {type(exc).__name__}: {exc}")
        return batch

    def _host(self, doc: Document) -> str | None:
        if not doc.alive or doc.cleaned is None or not doc.cleaned.text:
            return None
        return host_of(doc.record.get("url"))

    def _strip(self, doc: Document, cleaned: Cleaned, host: str, keys: list[str]) -> None:
        learned = [self.model.is_boilerplate_key(host, key) for key in keys]
        if not any(learned):  # most pages: their lines are not needed again
            return
        kept: list[str] = []
        gone: list[str] = []
        for line, is_learned in zip(paragraphs(cleaned.text), learned, strict=True):
            (gone if is_learned else kept).append(line)
        cleaned.text = doc.record["text"] = join_paragraphs(kept)
        cleaned.removed.extend(Removed(line, "site-boilerplate") for line in gone)
        words = len(cleaned.text.split())
        if words < MIN_ARTICLE_WORDS:
            doc.reject(f"not an article: only {words} words left after removing site boilerplate")
