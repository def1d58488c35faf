"""The tagger: metadata with per-field provenance, language, quality signals, and the filter.

``Tagger`` fills every tagged field of ``doc.record`` from ``doc.cleaned`` (the cleaner's
result), ``doc.hints`` (what a feed, sitemap or manifest said) and the URL; the choice rules
live in :mod:`curator.tag.metadata`, their order in :mod:`curator.tag.precedence`, the readers
in :mod:`curator.tag.readers`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..normalise import normalise_text, words
from ..pipeline import Document, Step
from ..record import parse_datetime
from ..urls import host_of
from .dates import iso, parse_iso, parse_text_date
from .filters import QualityFilter, SinceScope
from .language import _get_factory, detect_language
from .metadata import Chooser
from .precedence import PRECEDENCE
from .quality import signals
from .readers import ReadContext, read_page, readers, run
from .readers.base import Candidates

__all__ = ["Tagger", "QualityFilter", "SinceScope", "tag_document", "gather", "choose_metadata"]

# Order matters: site_name before title (to strip "| Site") and authors (to drop it);
# published before modified (modified may not precede it).
FIELD_ORDER = ["site_name", "title", "description", "canonical_url", "published", "modified",
               "authors", "section", "tags", "image_credits", "alternate_urls", "license"]  # fmt: skip
GUESSING_SOURCES = {"trafilatura", "htmldate"}


def text_fields(text: str) -> dict[str, Any]:
    """Normalised text, its counts, hash, language and quality signals."""
    text = normalise_text(text)
    language, probability = detect_language(text)
    toks = words(text)
    return {
        "text": text,
        "word_count": len(toks),
        "char_count": len(text),
        "content_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "language": language,
        "language_probability": probability,
        "quality": signals(text, toks, language),
    }


def gather(
    cleaned: Any,
    url: str | None,
    hints: Mapping[str, Any] | None,
    language: str | None = None,
    fetched_at: datetime | None = None,
    fetched_license: str | None = None,
) -> Candidates:
    """Every candidate value for every metadata field, labelled with its source (the page and
    document readers of :mod:`curator.tag.readers`); relative stamps ("2 hours ago") count
    back from ``fetched_at``."""
    tree = getattr(cleaned, "tree", None)
    cands: Candidates = read_page(tree) if tree is not None else defaultdict(list)
    ctx = ReadContext(tree, url, cleaned, hints or {}, language, fetched_at, fetched_license)
    masthead = [v for _, v in cands.pop("masthead", [])]
    run("document", ctx, cands)
    _drop_masthead_dates(cands, masthead, fetched_at)
    _drop_host_site_name(cands, url)
    _relabel_url_dates(cands)
    return cands


def _drop_masthead_dates(
    cands: Candidates, lines: list[str], fetched_at: datetime | None = None
) -> None:
    """Today's date in the page header is what htmldate/trafilatura find on a page with no
    date of its own; it is the fetch day, not the article's. Only a header date within a day
    of the fetch counts so: on real pages a dated header block is more often the article's
    own date line (scripts/eval_real_metadata.py: 23 of 75 such dates were the article's,
    and htmldate never wrongly agreed with one)."""
    days = {d.date() for d in (parse_text_date(line) for line in lines) if d}
    if fetched_at is not None:
        today = fetched_at.date()
        days = {d for d in days if abs((d - today).days) <= 1}
    cands["masthead_days"] = [("html", day) for day in days]
    if days:
        cands["published"] = [
            (s, v)
            for s, v in cands.get("published", [])
            if not (s in GUESSING_SOURCES and _day(v) in days)
        ]


def _day(value: Any) -> Any:
    parsed = value if isinstance(value, datetime) else parse_iso(str(value))
    return parsed.date() if parsed else None


def _drop_host_site_name(cands: Candidates, url: str | None) -> None:
    """trafilatura falls back to the host name for sitename; that is not a declared name."""
    host = host_of(url)
    cands["site_name"] = [
        (s, v)
        for s, v in cands.get("site_name", [])
        if not (s == "trafilatura" and host and str(v).lower() in {host, f"www.{host}"})
    ]


def _relabel_url_dates(cands: Candidates) -> None:
    """trafilatura reads the URL too: its date equal to the URL date is the URL's, labelled so."""
    url_days = {v for s, v in cands.get("published", []) if s == "url"}
    if url_days:
        cands["published"] = [
            (s, v) for s, v in cands["published"]
            if not (s == "trafilatura" and parse_datetime(str(v)) in url_days)
        ]  # fmt: skip


def _below(field: str, label: str, source: str | None) -> bool:
    """No source that precedes ``label`` gave a value: a fallback reader is worth its cost."""
    order = PRECEDENCE[field]
    return source is None or order.index(source) > order.index(label)


def choose_metadata(
    cands: Candidates,
    url: str | None,
    fetched_at: datetime | None,
    tree: Any = None,
    local: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, str | None]]:
    """(field values, provenance) for the metadata fields; dates as ISO 'Z' strings.
    ``local``, when given, gets the chosen dates as datetimes in the zone they were written in
    (the publisher's day)."""
    chooser = Chooser(cands, url, fetched_at)
    ctx = ReadContext(tree=tree, url=url, fetched_at=fetched_at)
    fallbacks = readers("fallback") if tree is not None else []
    for field in FIELD_ORDER:
        chooser.choose(field)
        for reader in fallbacks:
            for label, fields in reader.produces.items():
                if field in fields and _below(field, label, chooser.provenance[field]):
                    before = len(cands.get(field, []))
                    reader.read(ctx, cands)
                    if len(cands.get(field, [])) > before:
                        chooser.choose(field)
    values = dict(chooser.values)
    for field in ("published", "modified"):
        if local is not None:
            local[field] = values[field]
        values[field] = iso(values[field])
    return values, dict(chooser.provenance)


def tag_document(doc: Document) -> dict[str, Any]:
    """Tag ``doc.record``; returns the chosen dates as written on the page (their own zone),
    which the record holds in UTC."""
    cleaned = doc.cleaned
    record = doc.record
    text = cleaned.text if cleaned is not None else (record.get("text") or "")
    record.update(text_fields(text))
    url = record.get("url")
    fetched_at = parse_datetime(record.get("fetched_at"))
    # What the fetcher read (a Link header, rel=license) is the ``fetch`` reader's license.
    cands = gather(
        cleaned, url, doc.hints, record["language"], fetched_at, record.get("license") or None
    )
    local: dict[str, Any] = {}
    tree = getattr(cleaned, "tree", None)
    values, provenance = choose_metadata(cands, url, fetched_at, tree, local)
    record.update(values)
    provenance["language"] = "langdetect" if record["language"] else None
    record["provenance"] = provenance
    return local


class Tagger(Step):
    name = "tag"

    def warm_up(self) -> None:
        """Load the language profiles (~0.5 s) before a process pool forks its workers, so
        they inherit them instead of each loading its own."""
        _get_factory()

    def process(self, doc: Document) -> None:
        tag_document(doc)


class RefreshText(Step):
    """After a later step changed a tagged text (learned site boilerplate removed), bring the
    text-derived fields (counts, hash, language, quality) back in line with it."""

    name = "refresh"

    def process(self, doc: Document) -> None:
        # The tagged text is normalised and content_sha256 is its hash, so an unchanged text
        # is told by its hash alone; normalising every text again to find the few changed
        # ones cost the driver 2.4 s of 9.5 on 842 real pages.
        text = doc.record.get("text") or ""
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.record["content_sha256"]:
            doc.record.update(text_fields(text))
