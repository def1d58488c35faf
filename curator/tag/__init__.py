"""The tagger: metadata with per-field provenance, language, quality signals, and the filter.

``Tagger`` fills every tagged field of ``doc.record`` from ``doc.cleaned`` (the cleaner's
result), ``doc.hints`` (what a feed, sitemap or manifest said) and the URL; the choice rules
live in :mod:`curator.tag.metadata`, the readers in :mod:`curator.tag.sources`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..log import log
from ..normalise import normalise_text, words
from ..pipeline import Document, Step
from ..record import parse_datetime
from ..urls import host_of
from . import removed
from .dates import iso, parse_iso, parse_text_date
from .filters import QualityFilter, SinceScope
from .language import _get_factory, detect_language
from .metadata import PRECEDENCE, Chooser, add_dateline, add_url_date
from .quality import signals
from .removed import looks_like_nav
from .sources import Candidates, read_extraction, read_page

__all__ = ["Tagger", "QualityFilter", "SinceScope", "tag_document", "gather", "choose_metadata"]

# Order matters: site_name before title (to strip "| Site") and authors (to drop it);
# published before modified (modified may not precede it).
FIELD_ORDER = ["site_name", "title", "description", "canonical_url", "published", "modified",
               "authors", "section", "tags", "image_credits", "alternate_urls", "license"]  # fmt: skip
CHROME_FIELDS = ("title", "section", "image_credits", "alternate_urls", "authors")
GUESSING_SOURCES = {"trafilatura", "htmldate"}
# Spanish pages are mostly from Spain in our sources; Latin American outlets would need a
# per-site setting.
LOCAL_ZONES = {"de": "Europe/Berlin", "fr": "Europe/Paris", "es": "Europe/Madrid",
               "it": "Europe/Rome", "nl": "Europe/Amsterdam"}  # fmt: skip


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
    hints: dict[str, Any],
    language: str | None = None,
    fetched_at: datetime | None = None,
) -> Candidates:
    """Every candidate value for every metadata field, labelled with its source; relative
    stamps ("2 hours ago") count back from ``fetched_at``."""
    tree = getattr(cleaned, "tree", None)
    cands: Candidates = read_page(tree) if tree is not None else defaultdict(list)
    meta = getattr(cleaned, "metadata", None) or {}
    if cleaned is not None and tree is None:
        _add_removed(cands, cleaned, language, (hints or {}).get("site_name"))
    for field in CHROME_FIELDS:
        if field == "title" and meta.get("title") and looks_like_nav(meta["title"], language):
            continue  # the cleaner took a menu line for the headline
        if field == "section" and not _plausible_trail(meta.get("section")):
            continue
        if meta.get(field):
            # The cleaner's section comes from a breadcrumb trail it removed.
            cands[field].append(("breadcrumb" if field == "section" else "chrome", meta[field]))
    # Byline and dateline lines: from the cleaner first, then blocks found by class name.
    bylines = list(meta.get("bylines") or []) + [v for _, v in cands.pop("bylines", [])]
    datelines = list(meta.get("datelines") or []) + [v for _, v in cands.pop("datelines", [])]
    masthead = [v for _, v in cands.pop("masthead", [])]
    for line in dict.fromkeys(bylines):
        cands["authors"].append(("byline", line))
        add_dateline(cands, line, "byline", local_zone(language), fetched_at)
    for line in dict.fromkeys(datelines):
        add_dateline(cands, line, "dateline", local_zone(language), fetched_at)
    for field, value in (hints or {}).items():
        if field in PRECEDENCE and value not in (None, "", []):
            cands[field].append(("hint", value))
    read_extraction(getattr(cleaned, "extraction", None), cands)
    _drop_masthead_dates(cands, masthead, fetched_at)
    _drop_host_site_name(cands, url)
    add_url_date(cands, url)
    _relabel_url_dates(cands)
    return cands


def _add_removed(
    cands: Candidates, cleaned: Any, language: str | None, site_name: str | None
) -> None:
    title = removed.headline(cleaned, language, site_name)
    if title:
        cands["title"].append(("chrome", title))
    for trail in removed.trails(cleaned):
        cands["section"].append(("breadcrumb", trail))


def _plausible_trail(section: Any) -> bool:
    """A section path has short names without digits ("Friday, March 20, 2026" is a date)."""
    items = section if isinstance(section, list) else [section]
    return all(
        isinstance(s, str) and not any(c.isdigit() for c in s) and len(s.split()) <= 4
        for s in items
    )


def local_zone(language: str | None) -> ZoneInfo | None:
    """The zone for bare times in a dateline ("18:30 Uhr"): newsrooms print local time, and for
    these languages one zone covers nearly every outlet. English (UK/US/...) stays UTC."""
    name = LOCAL_ZONES.get(language or "")
    return ZoneInfo(name) if name else None


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


def _htmldate(tree: Any, limit: datetime | None) -> datetime | None:
    """htmldate's original date (day precision), with its extensive search (more often right
    on real pages than the fast one); asked only when no source above it in the precedence
    gave a date."""
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            original_date=True,
            extensive_search=True,
            max_date=limit.strftime("%Y-%m-%d") if limit else None,
        )
    except Exception as exc:  # htmldate raises on odd markup; a missing date is the right answer
        log.debug("htmldate gave up on a page: %s: %s", type(exc).__name__, exc)
        return None
    if not found or _copyright_year(tree, found):
        return None
    return parse_datetime(found)


def _copyright_year(tree: Any, found: str) -> bool:
    """htmldate's extensive search turns a footer's "© 2024" into 2024-01-01: not a date."""
    if not found.endswith("-01-01"):
        return False
    year = found[:4]
    text = " ".join(tree.itertext())
    return bool(re.search(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{year}", text, re.I))


def _below_htmldate(source: str | None) -> bool:
    """No source that precedes htmldate gave a date: htmldate is worth its cost."""
    order = PRECEDENCE["published"]
    return source is None or order.index(source) > order.index("htmldate")


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
    for field in FIELD_ORDER:
        chooser.choose(field)
        if field == "published" and tree is not None and _below_htmldate(chooser.provenance[field]):
            found = _htmldate(tree, fetched_at)
            masthead_days = {day for _, day in cands.get("masthead_days", [])}
            if found and found.date() not in masthead_days:
                cands["published"].append(("htmldate", found))
                chooser.choose("published")
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
    cands = gather(cleaned, url, doc.hints, record["language"], fetched_at)
    if record.get("license"):  # what the fetcher read (a Link header, rel=license) stands
        cands["license"].insert(0, ("fetch", record["license"]))
    local: dict[str, Any] = {}
    tree = getattr(cleaned, "tree", None)
    values, provenance = choose_metadata(cands, url, fetched_at, tree, local)
    record.update(values)
    provenance["language"] = "langdetect" if record["language"] else None
    record["provenance"] = provenance
    return local


class Tagger(Step):
    name = "tag"

    def __init__(self, settings: dict[str, Any] | None = None):
        self.settings = dict(settings or {})

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
        text = doc.record.get("text") or ""
        if (
            hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
            != doc.record["content_sha256"]
        ):
            doc.record.update(text_fields(text))
