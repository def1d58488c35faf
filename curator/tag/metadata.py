"""Choose each metadata field from the candidates by a fixed precedence, check it, and say
where it came from (the record's ``provenance`` struct).

Precedence, first source with a usable value wins: :mod:`curator.tag.precedence`, one table
per field, and why; for ``published``, sources that agree outvote a lone first source.

Sanity rules on dates: a date after the fetch time (or now, without one) or before
``MIN_YEAR`` is dropped and the next source is tried; ``modified`` earlier than ``published``
is dropped the same way.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..normalise import normalise_line
from ..urls import host_of
from .authors import clean_authors
from .dates import parse_iso
from .precedence import PRECEDENCE
from .readers.base import Candidates

# Sources that guess a date from the whole page: they do not vote (htmldate often reads the
# very <time> or meta tag another source already counted).
GUESSING = {"trafilatura", "htmldate"}
# Fields where sources that agree outvote the first source in the precedence.
VOTED_FIELDS = {"published"}
# Title sources read from the page's one <h1> (the cleaner's headline is that <h1> too).
HEADING_SOURCES = {"html", "chrome"}
# An <h1> of at most this many words may be the site's or the section's name.
MAX_HEADING_WORDS = 5
# Author values the page declares for machines: a handle or the site's own name is the author.
DECLARED_AUTHORS = {"json-ld", "meta"}
LIST_FIELDS = {"authors", "section", "tags", "image_credits", "alternate_urls"}
DATE_FIELDS = {"published", "modified"}
# Before this, a date is a placeholder (the Unix epoch, year 1) rather than an article date.
MIN_YEAR = 1990
HOME = {
    "home",
    "homepage",
    "start",
    "accueil",
    "startseite",
    "inicio",
    "portada",
    "index",
    "front page",
}
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+")


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def strip_site(title: str, site_name: str | None, url: str | None) -> str:
    """'Headline | Site' or 'Site - Headline' to 'Headline' when one side is the site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {_fold(n) for n in (site_name, host_of(url), (host_of(url) or "").split(".")[0]) if n}
    if _fold(parts[-1]) in names or (site_name and _fold(site_name) in _fold(parts[-1])):
        return normalise_line(" - ".join(parts[:-1])) if len(parts) > 2 else parts[0]
    if _fold(parts[0]) in names:
        return parts[-1] if len(parts) == 2 else title
    return title


def _dedupe(values: list[str]) -> list[str]:
    return list({_fold(v): v for v in reversed(values) if _fold(v)}.values())[::-1]


def _tags(values: list[str]) -> list[str]:
    out = [t.strip() for v in values for t in re.split(r"[,;]", v)]
    return _dedupe([t for t in out if t and len(t) <= 80])


def _section(values: list[str], source: str, title: str | None) -> list[str]:
    if source in {"breadcrumb", "chrome"}:
        path = [normalise_line(v) for v in values]
        path = [p for p in path if p and p.lower() not in HOME]
        path = [p for i, p in enumerate(path) if i == 0 or p != path[i - 1]]
        if path and title and _fold(path[-1]) == _fold(title):  # the last crumb is the article
            path = path[:-1]
        return path
    first = values[0] if values else ""
    return [p.strip() for p in re.split(r"\s*[>/›»|]\s*", first) if p.strip()][:5]


class Chooser:
    """Picks every field of one page from its candidates; ``provenance`` says who won."""

    def __init__(self, candidates: Candidates, url: str | None, fetched_at: datetime | None):
        self.cands = candidates
        self.url = url
        self.limit = fetched_at or datetime.now(UTC)
        self.values: dict[str, Any] = {}
        self.provenance: dict[str, str | None] = {}

    def by_source(self, field: str) -> list[tuple[str, list[Any]]]:
        """Values of ``field`` grouped by source, in precedence order."""
        groups: dict[str, list[Any]] = {}
        for source, value in self.cands.get(field, []):
            groups.setdefault(source, []).append(value)
        return [(s, groups[s]) for s in PRECEDENCE[field] if s in groups]

    def choose(self, field: str) -> Any:
        for source, values in self.by_source(field):
            value = self.usable(field, source, values)
            if value not in (None, [], ""):
                self.values[field], self.provenance[field] = value, source
                if field in VOTED_FIELDS:
                    self.vote(field)
                if field in DATE_FIELDS:
                    self.refine(field)
                return self.values[field]
        self.values[field] = [] if field in LIST_FIELDS else None
        self.provenance[field] = None
        return self.values[field]

    def usable(self, field: str, source: str, values: list[Any]) -> Any:
        if field in DATE_FIELDS:
            return self.date(field, values)
        if field == "authors":
            # The first value that names someone: a page's later author values are those of
            # comments, teasers and related stories (one value may list several names).
            declared = source in DECLARED_AUTHORS
            for value in values:
                names = clean_authors(_as_list(value), self.values.get("site_name"), declared)
                if names:
                    return names
            return []
        if field == "tags":
            return _tags([s for v in values for s in _as_list(v)])
        if field == "section":
            title = self.values.get("title")
            if source in {"breadcrumb", "chrome"}:  # several trails on a page: the longest
                trails = [_section(_as_list(v), source, title) for v in values]
                return max(trails, key=len, default=[])
            return _section([s for v in values for s in _as_list(v)], source, title)
        if field in LIST_FIELDS:
            return _dedupe([s for v in values for s in _as_list(v)])
        text = next((v for v in values if isinstance(v, str) and v.strip()), None)
        if field == "title" and text and source in HEADING_SOURCES and self.site_heading(text):
            return None
        if field == "title" and text:
            stripped = strip_site(text, self.values.get("site_name"), self.url)
            # The page's own headline (its one <h1>) with the same "| Site" tail: the tail is
            # part of the title.
            headline = {_fold(v) for s, v in self.cands.get("title", []) if s == "html"}
            text = text if stripped != text and _fold(text) in headline else stripped
        return text

    def vote(self, field: str) -> None:
        """Two or more sources that give the same day outvote a chosen day fewer sources
        give: on real pages the lone first source is then a republication or a last edit
        date (JSON-LD), or a UTC stamp past midnight whose publisher's day the URL, the
        byline and the dateline all give (scripts/eval_real_metadata.py --sources). Each
        source counts its first usable value; the guessing sources do not vote."""
        days: dict[Any, list[tuple[str, datetime]]] = {}
        for source, values in self.by_source(field):
            if source in GUESSING:
                continue
            parsed = self.date(field, values)
            if parsed is not None:
                days.setdefault(parsed.date(), []).append((source, parsed))
        chosen = self.values[field].date()
        support = len(days.get(chosen, []))
        day, voters = max(days.items(), key=lambda kv: len(kv[1]), default=(None, []))
        if day != chosen and len(voters) >= 2 and len(voters) > support:
            # the day's first source in the precedence is its provenance
            self.provenance[field], self.values[field] = voters[0]

    def site_heading(self, heading: str) -> bool:
        """The one <h1> names the site or the section ("Allergies Health Center", "Antoyo's
        Blog"), not the article, when it is short, the page's <title> does not contain it,
        and that <title> without its site tail is longer: then the <title> is the headline
        (scripts/eval_real_metadata.py: 4 more titles right on real pages, none lost)."""
        page_title = next((v for s, v in self.cands.get("title", []) if s == "html-title"), None)
        if not isinstance(page_title, str) or len(heading.split()) > MAX_HEADING_WORDS:
            return False
        own = strip_site(page_title, self.values.get("site_name"), self.url)
        return _fold(heading) not in _fold(page_title) and len(heading.split()) < len(own.split())

    def refine(self, field: str) -> None:
        """A date-only winner (midnight) takes the time of a later candidate on the same day:
        a masthead "12 March 2026" and a dateline "12 March 2026, 11:00" are one date."""
        chosen = self.values.get(field)
        if chosen is None or (chosen.hour, chosen.minute, chosen.second) != (0, 0, 0):
            return
        for source, values in self.by_source(field):
            for value in values:
                parsed = value if isinstance(value, datetime) else parse_iso(str(value))
                if parsed and parsed.date() == chosen.date() and parsed != chosen:
                    if self.date(field, [parsed]) is not None:
                        self.values[field], self.provenance[field] = parsed, source
                        return

    def date(self, field: str, values: list[Any]) -> datetime | None:
        for value in values:
            parsed = value if isinstance(value, datetime) else parse_iso(str(value))
            if parsed is None or parsed > self.limit or parsed.year < MIN_YEAR:
                continue
            published = self.values.get("published")
            if field == "modified" and published is not None and parsed < published:
                continue
            return parsed
        return None
