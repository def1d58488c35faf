"""Author lists from metadata values and from byline lines the cleaner took out of the text:
strip the "By"/"Par"/"Von"/"Por" lead, split "X and Y" / "X, Y & Z", drop the noise
("Email the author", "3 hours ago", "Staff", the site name, roles, dates, handles).

The rule is "better fewer authors than bad ones": a part that does not look like a name is
dropped, not kept."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..normalise import normalise_line
from .dates import MONTHS

# Byline leads in the corpus languages, with optional "Written"/"Reporting". Leads that are
# also surname particles ("De Niro", "Da Silva", "Di Caprio") count only in lower case.
_LEAD = re.compile(
    r"^(?:(?i:written|story|words|reporting|text|texte|report|reported)\s+)?"
    r"(?:(?i:by|par|von|por|przez|words:|text:|texte:|reporting:|autor(?:a|in)?:?|author:?|auteur:?|text:)|di|da|de|door|av):?\s+",
)
# Separators between names: "and" in the corpus languages, ampersand, comma, semicolon, pipe,
# bullet. Commas also separate a name from a role ("Jane Doe, Staff Writer"): roles are noise.
_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|/|\s&\s|\s(?:and|et|und|y|e|en|och|og|i|und)\s)\s*", re.I)
_AGO = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago\b"
    r"|\bil y a\b|\bvor \d+|\bhace \d+",
    re.I,
)
_DATEISH = re.compile(r"\d{1,4}[:/.-]\d{1,2}|\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b")
# Words that make a part a role, a call to action or a label, never a person's name.
NOISE_WORDS = {
    "email", "e-mail", "mail", "follow", "twitter", "facebook", "contact", "author", "authors",
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "editor", "editors",
    "editorial", "desk", "team", "newsroom", "contributor", "contributors", "columnist",
    "published", "updated", "posted", "modified", "read", "more", "view", "profile", "bio",
    "share", "comments", "comment", "photo", "photos", "photographer", "video", "min", "minutes",
    "hours", "ago", "subscribe", "opinion", "analysis", "senior", "chief", "political",
    "rédaction", "redaktion", "redacción", "redazione", "journaliste", "envoyé", "spécial",
    "correspondant", "korrespondent", "corresponsal", "updated:", "am", "pm", "gmt", "utc",
    "share:", "associated", "press", "wire", "services", "agencies", "agency",
}  # fmt: skip
# Short name particles allowed in lower case ("Ursula von der Leyen", "Luiz da Silva").
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos", "das", "bin", "al", "el", "ter", "ten", "y"}  # fmt: skip
MAX_NAME_WORDS = 5
_DATE_START = re.compile(
    rf"\b(?:{'|'.join(sorted((re.escape(m) for m in MONTHS if len(m) > 2), key=len, reverse=True))})"
    r"\.?\s+\d|\b\d",
    re.I,
)
_URL = re.compile(r"\(?\s*(?:https?://|www\.)[^\s)]*\s*\)?", re.I)
# Degrees and post-nominals after a comma ("Jane Doe, MA", "Jane Doe, Ph.D."): not names.
POST_NOMINALS = {
    "ma", "ms", "msc", "md", "phd", "ph.d", "mba", "rn", "bsn", "dds", "jd", "esq", "cpa",
    "mph", "lcsw", "ba", "bsc", "do", "dvm", "pharmd", "jr", "sr", "ii", "iii",
}  # fmt: skip


def _strip_lead(text: str) -> str:
    text = re.sub(r"^[\s\-–—:|]+", "", text)
    return _LEAD.sub("", text, count=1).strip()


# Words that make a value a call to action or a form label wherever it comes from.
CTA_WORDS = {
    "email", "e-mail", "mail", "follow", "twitter", "facebook", "contact", "read", "more", "view",
    "profile", "bio", "share", "share:", "comments", "comment", "subscribe", "name", "required",
    "says", "says:", "published", "updated", "updated:", "posted", "modified", "sponsored", "by",
    "by:", "last",
}  # fmt: skip
_LEAD_ONLY = re.compile(r"^(?i:by|par|von|por|door|av|di|da|de|autor|author|auteur):?$")


def _bad_text(part: str) -> bool:
    return (
        not part
        or "@" in part
        or "://" in part
        or "www." in part.lower()
        or any(c in part for c in "*{}<>=;")  # form labels, CSS and markup
        or any(c.isdigit() for c in part)
        or bool(_AGO.search(part))
        or bool(_LEAD_ONLY.match(part))
    )


def looks_like_name(part: str, site_name: str | None = None, declared: bool = False) -> bool:
    """A person's name: 1-5 words, starting upper case or a particle, no noise words, no
    digits, no URL or handle, not the site name. A ``declared`` value (JSON-LD, <meta>) may be
    a handle in lower case ("jdoe") or the site's own name (a personal site)."""
    if _bad_text(part) or part.lower().replace(".", "") in {
        p.replace(".", "") for p in POST_NOMINALS
    }:
        return False
    if site_name and _fold(part) in {_fold(site_name), _fold(site_name.split(".")[0])}:
        # A byline that names the site names the outlet; a declared author that is the
        # site's name is the person of a personal site, unless the name is a publication's.
        if not declared or any(w.lower() in PUBLICATION_WORDS for w in part.split()):
            return False
    tokens = part.split()
    if not 1 <= len(tokens) <= MAX_NAME_WORDS:
        return False
    if any(t.lower().strip(".:") in NOISE_WORDS | CTA_WORDS for t in tokens):
        return False
    if declared and len(tokens) == 1:
        return True
    return all(
        t[0].isupper() or t.lower() in PARTICLES or t[0] in "'’" for t in tokens if t[0].isalpha()
    )


# The last word of a team that signs as the author ("News Desk", "Everfit Team").
TEAM_WORDS = {
    "team", "desk", "staff", "editors", "editorial", "newsroom", "contributor", "contributors",
    "redaktion", "rédaction", "redacción", "redazione", "redactie",
}  # fmt: skip
# A site name with one of these words is a publication, not a person who runs a site.
PUBLICATION_WORDS = {
    "the", "news", "times", "gazette", "herald", "post", "courier", "journal", "tribune", "press",
    "daily", "weekly", "magazine", "media", "radio", "tv", "network", "review", "chronicle",
    "observer", "standard", "telegraph", "mail", "express", "today", "zeitung", "le", "la", "el",
}  # fmt: skip


def _declared_team(value: str, site_name: str | None, declared: bool) -> str | None:
    """An author that is a team or desk ("News Desk", "Podium Staff", "Great Day Editorial
    Team"): publishers name it as the author, so it is one; "Staff" alone says nothing, and
    in a byline (not ``declared``) the site's name alone is the outlet."""
    value = _tidy(_strip_lead(normalise_line(value)))
    tokens = value.split()
    if _bad_text(value) or not 1 < len(tokens) <= MAX_NAME_WORDS or "," in value:
        return None
    if not declared and site_name and _fold(value) == _fold(site_name):
        return None
    words = [t.lower().strip(".:") for t in tokens]
    if any(w in CTA_WORDS for w in words) or all(w in NOISE_WORDS for w in words):
        return None
    return value if words[-1] in TEAM_WORDS else None


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _tidy(name: str) -> str:
    name = normalise_line(name).strip(" .,:;-–—|")
    if name.isupper() and len(name) > 3:  # "JANE DOE" in a byline is styling, not the name
        name = name.title()
    return name


def _first_line(text: str) -> str:
    """A byline's names are on its first line; later lines are a role, a date or an outlet
    ("Jane Doe\\nSenior Reporter"). A lead alone on its line ("By\\nJane Doe") joins the next."""
    lines = [ln.strip() for ln in re.split(r"\s*\n\s*", text) if ln.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and _LEAD_ONLY.match(lines[0]):
        return f"{lines[0]} {lines[1]}"
    return lines[0]


def split_byline(line: str, site_name: str | None = None, declared: bool = False) -> list[str]:
    """Author names in one byline or author value, noise dropped, order kept."""
    line = normalise_line(_first_line(line))
    line = _URL.sub(" ", line)  # "Jane Doe (https://jane.example/)": the name, not the link
    line = _AGO.split(line)[0]  # "Jane Doe 3 hours ago" / "3 hours ago" tails
    line = re.split(r"\s+[|–—]\s+|\s-\s", line)[0] if not _LEAD.match(line) else line
    line = _strip_lead(line)
    line = re.split(r"\s+[|–—·•-]\s+", line)[0]  # "By Jane Doe - Mar 27, 2024"
    # "Jane Doe December 17, 2025": the name ends where a date starts.
    stamp = _DATE_START.search(line)
    if stamp and stamp.start() > 0:
        line = line[: stamp.start()]
    # "By Jane Doe Updated March 3" or "By Jane Doe, Published 2024-03-03": cut at the stamp.
    line = re.split(
        r"\b(?:updated|published|posted|last modified|mis à jour|publié|aktualisiert)\b",
        line,
        flags=re.I,
    )[0]
    parts = [_tidy(_strip_lead(p)) for p in _SPLIT.split(line)]
    names = [p for p in parts if looks_like_name(p, site_name, declared)]
    if not names:
        team = _declared_team(line, site_name, declared)
        names = [team] if team else []
    return names


def clean_authors(
    values: Iterable[str], site_name: str | None = None, declared: bool = False
) -> list[str]:
    """Flatten, split, drop noise and deduplicate (case-insensitively, first spelling kept).
    ``declared``: the values come from the page's metadata (JSON-LD, <meta>), not its text."""
    seen: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            continue
        for name in split_byline(value, site_name, declared):
            seen.setdefault(_fold(name), name)
    return list(seen.values())
