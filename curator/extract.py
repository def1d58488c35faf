"""One page in, its record out: what a build computes from a page and its HTTP headers alone.

``curator.extract(html, url)`` runs the build's per-page steps (clean, tag) on one page and
fills the fields a build fills later from the page alone (``canonical_url``, ``source``)
with the build's own identity step (:func:`curator.dedup.identity.identify`, without an
index: no mirrors, no id).
Fields that depend on the dataset stay null: ``id`` (from the dedup index),
``version_added``, ``dup_cluster_id`` / ``dup_cluster_size``; learned site boilerplate is not
removed (it is learned from many pages of a site). This is the call a trafilatura user
reaches for in place of ``bare_extraction(..., with_metadata=True)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pipeline import Document
from .record import Record, format_datetime, parse_datetime

if TYPE_CHECKING:
    from .spec import Spec

__all__ = ["Extracted", "extract", "fetch_document", "header_license"]

DATASET_FIELDS = ("id", "version_added", "dup_cluster_id", "dup_cluster_size")
# The fetcher's reading of a Link header (RFC 8288) that declares the licence.
_LINK_LICENSE = re.compile(r"<([^>]+)>\s*;[^,]*rel\s*=\s*\"?[^\",]*\blicense\b", re.I)


@dataclass
class Extracted:
    """The record of one page; ``rejected`` says why the page yields no article (then the
    record holds what could still be read)."""

    record: Record = field(default_factory=dict)
    rejected: str | None = None
    local: dict[str, str] = field(default_factory=dict)  # dates in the page's own zone

    @property
    def text(self) -> str:
        return self.record.get("text") or ""

    @property
    def title(self) -> str | None:
        return self.record.get("title")

    @property
    def authors(self) -> list[str]:
        return list(self.record.get("authors") or [])

    @property
    def published(self) -> str | None:
        """The publication time as the page wrote it (ISO 8601 with its UTC offset, so its day
        is the publisher's day); ``record["published"]`` is the same instant in UTC."""
        return self.local.get("published") or self.record.get("published")

    @property
    def modified(self) -> str | None:
        return self.local.get("modified") or self.record.get("modified")

    @property
    def metadata(self) -> dict[str, Any]:
        """Every field but the text."""
        return {k: v for k, v in self.record.items() if k != "text"}

    def to_dict(self) -> dict[str, Any]:
        """The whole record (JSON-ready: dates as ISO text) plus ``rejected``."""
        return {**self.record, "rejected": self.rejected}

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.to_dict().get(key, default)


def header_license(headers: dict[str, str] | None) -> str | None:
    """A licence the server declares in a ``Link: <...>; rel="license"`` header."""
    for key, value in (headers or {}).items():
        if key.lower() == "link":
            match = _LINK_LICENSE.search(value or "")
            if match:
                return match.group(1).strip()
    return None


def fetch_document(url: str, spec: Spec | str | Path | None = None) -> Document:
    """Fetch one page as a build does, as a Document (a failure or a publisher's refusal is a
    rejection): the same :class:`~curator.fetch.Fetcher` and middlewares, so robots.txt,
    the User-Agent naming curator, the rate limit, retries, redirects and the SSRF guard all
    hold. With ``spec`` (a :class:`~curator.spec.Spec` or its path) its ``[fetch]`` settings,
    its dataset's deny-list and the hosts it names apply; nothing is archived either way.
    ``url``'s host is trusted by the SSRF guard (the caller named it); a redirect or the
    robots.txt of another host is checked."""
    from .fetch import FetchConfig, Fetcher
    from .sources.context import RunContext
    from .sources.remote import to_document
    from .spec import Spec, load_spec

    if spec is None:
        with Fetcher() as fetcher:
            return to_document(fetcher.fetch(url), fetcher.config)
    spec = spec if isinstance(spec, Spec) else load_spec(spec)
    # no state folder: a one-page fetch leaves the dataset's archive alone
    fetcher = Fetcher(FetchConfig.from_section(spec.section("fetch")))
    with RunContext.from_spec(spec, fetcher=fetcher) as context:
        context.fetcher.guard.trust([url])
        return to_document(context.fetcher.fetch(url), context.config)


def extract(
    html: bytes | str | None = None,
    url: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    fetched_at: str | datetime | None = None,
    fetch: bool = False,
    form: str = "html",
    spec: Spec | str | Path | None = None,
) -> Extracted:
    """The record a build makes of one page (``form="text"`` for a plain-text page).

    ``headers`` are the page's HTTP response headers (a ``Link: rel="license"`` is read);
    ``fetched_at`` dates relative stamps ("2 hours ago") and bounds future dates (default:
    now). ``fetch=True`` fetches ``url`` instead, politely and as a build does (robots.txt,
    User-Agent, rate limit, SSRF guard, noindex/noai wishes: :func:`fetch_document`), with
    ``spec``'s ``[fetch]`` settings and deny-list when given.
    """
    from .clean import CleanStep
    from .dedup.identity import identify  # numpy and friends: loaded with the cleaner
    from .tag import tag_document

    if fetch:
        if not url:
            raise ValueError("extract(fetch=True) needs a url")
        doc = fetch_document(url, spec)
    else:
        doc = Document(raw=html, form=form, origin=url or "")
        doc.record["url"] = url or None
        stamp = parse_datetime(fetched_at) if fetched_at else datetime.now(UTC)
        doc.record["fetched_at"] = format_datetime(stamp)
        doc.record["license"] = header_license(headers)
    local: dict[str, Any] = {}
    if doc.alive:
        next(iter(CleanStep().run([doc])))
    if doc.cleaned is not None and (doc.alive or doc.cleaned.tree is not None):
        # A page the cleaner rejects still has metadata worth reading (a listing's title);
        # the build tags only what it keeps, and says the same rejection.
        rejected, doc.rejected = doc.rejected, None
        try:
            local = tag_document(doc)
        except Exception as exc:  # as the build's tag step: one bad page is a rejection
            rejected = rejected or f"tag failed: {type(exc).__name__}: {exc}"
        doc.rejected = rejected
    identify(doc)
    record = doc.record
    for name in DATASET_FIELDS:
        record[name] = None
    dates = {k: v.isoformat() for k, v in local.items() if isinstance(v, datetime)}
    return Extracted(record=record, rejected=doc.rejected, local=dates)
