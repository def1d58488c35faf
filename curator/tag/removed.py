"""What the cleaner removed from a plain-text page, read for metadata it did not pass on:
the headline above the byline and a "Home » Section » Sub" trail. HTML pages have markup
for both; text pages only have these lines."""

from __future__ import annotations

import re
from typing import Any

from ..normalise import normalise_line
from .authors import clean_authors
from .quality import stopwords_for

_NAV_SEPARATORS = re.compile(r"\s[|·•]\s")
_CRUMB_SEPARATORS = re.compile(r"\s*(?:»|›|>|/|→)\s*")
_CRUMB_LEAD = re.compile(
    r"^(?:you are here|vous êtes ici|sie sind hier|está en|estás en)\s*:?\s*", re.I
)
_CAPTION = re.compile(r"\b(?:credit|photo|foto|image|bild|picture)\s*:|©|\(photo", re.I)
MAX_HEADLINE_WORDS = 25


def looks_like_nav(line: str, language: str | None = None) -> bool:
    """A menu ("Home | News | Local", "Portada Andalucía España Economía ..."): many separators,
    or many capitalised words and not one stop word."""
    if len(_NAV_SEPARATORS.findall(line)) >= 3:
        return True
    tokens = line.split()
    stops = stopwords_for(language) or stopwords_for("en")
    capitalised = all(t[:1].isupper() for t in tokens if t[:1].isalpha())
    return len(tokens) >= 5 and capitalised and not any(t.lower() in stops for t in tokens)


def looks_like_headline(line: str, language: str | None = None) -> bool:
    words = line.split()
    if not 3 <= len(words) <= MAX_HEADLINE_WORDS or line.endswith((".", ":", ";")):
        return False
    return (
        not looks_like_nav(line, language)
        and not _CAPTION.search(line)
        and not any(c.isdigit() for c in line[:4])
    )


def _above_byline(cleaned: Any) -> list[Any]:
    """Removed lines above the first byline that names someone (a date-only "byline" is not it)."""
    out = []
    for item in getattr(cleaned, "removed", None) or []:
        if item.rule == "byline" and clean_authors([item.text]):
            break
        out.append(item)
    return out


def headline(cleaned: Any, language: str | None = None, site_name: str | None = None) -> str | None:
    """The line the cleaner took for the headline when it is headline-like, else the last
    headline-like line removed above the byline (a headline sits just above it)."""
    best = None
    for item in getattr(cleaned, "removed", None) or []:
        text = normalise_line(item.text)
        if item.rule == "headline" and looks_like_headline(text, language):
            if not (site_name and text.casefold() == site_name.casefold()):
                return text
    for item in _above_byline(cleaned):
        text = normalise_line(item.text)
        if site_name and text.casefold() == site_name.casefold():
            continue
        if item.rule in {"leading-chrome", "headline"} and looks_like_headline(text, language):
            best = text
    return best


def crumb_trail(line: str) -> list[str] | None:
    line = _CRUMB_LEAD.sub("", normalise_line(line))
    parts = [p.strip() for p in _CRUMB_SEPARATORS.split(line)]
    if len(parts) < 2 or any(
        not p or len(p.split()) > 4 or any(c.isdigit() for c in p) for p in parts
    ):
        return None
    return parts


def trails(cleaned: Any) -> list[list[str]]:
    """Breadcrumb trails among the removed lines above the byline."""
    found = []
    for item in _above_byline(cleaned):
        trail = crumb_trail(item.text)
        if trail:
            found.append(trail)
    return found
