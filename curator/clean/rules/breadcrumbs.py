"""Breadcrumbs and section paths near the top of a page ("News / Foreign Policy / Russia").

The path goes to ``section``; a leading home crumb is dropped in any of the usual languages.
A trail is short names, at most ``MAX_CRUMBS`` of them and none with a digit: "Friday, March
20, 2026 | 48°F | Subscribe" is a masthead and "Home | News | Local | Sports | Opinion | ..."
a menu. Plain text also prints a trail one crumb per line ("Home" / "News" / "Transport", or
with "›" lines between): :func:`trail_above` finds it right above the headline.
"""

from __future__ import annotations

import re

from .base import Page, named

SEPARATORS = re.compile(r"\s+(?:/|›|»|>|\||→|·|•|::)\s+|\s*[›»→]\s*")
MENU_SEPARATORS = re.compile(r"\s(?:\||·|•)\s")  # menus use these; a trail with them starts at home
SEPARATOR_LINE = re.compile(r"^\s*(?:/|›|»|>|\||→|·|•|::|-)\s*$")
MAX_CRUMBS = 5
MAX_LINE_CRUMB_WORDS = 3
HOME = {"home", "homepage", "start", "accueil", "startseite", "inicio", "portada", "index", "main"}
TOP_REGION = 6  # breadcrumbs sit above the headline: only the first few live paragraphs
MAX_CRUMB_WORDS = 5


def crumbs(line: str) -> list[str] | None:
    """The segments of a breadcrumb line, or None when the line is not one."""
    parts = [p.strip() for p in SEPARATORS.split(line.strip())]
    if len(parts) < 2 or any(not p for p in parts):
        return None
    if any(len(p.split()) > MAX_CRUMB_WORDS or p[-1] in ".!?:;" for p in parts):
        return None
    if len(parts) > MAX_CRUMBS or any(c.isdigit() for p in parts for c in p):
        return None
    if MENU_SEPARATORS.search(line) and parts[0].lower() not in HOME:
        return None
    return parts


def section_path(parts: list[str]) -> list[str]:
    return [p for p in parts if p.lower() not in HOME]


@named("breadcrumbs")
def rule(page: Page) -> None:
    for i in page.live()[:TOP_REGION]:
        parts = crumbs(page.paragraphs[i])
        if parts and not page.metadata.get("section"):
            page.remove(i, "breadcrumbs")
            page.add_meta("section", *section_path(parts))


def _crumb_line(line: str) -> bool:
    text = line.strip()
    return bool(SEPARATOR_LINE.match(text)) or (
        0 < len(text.split()) <= MAX_LINE_CRUMB_WORDS
        and text[-1] not in ".!?:;,"
        and not any(c.isdigit() for c in text)
    )


def trail_above(page: Page, headline: int) -> list[int]:
    """The indices of a trail printed one crumb per line right above the headline: the short
    lines after the last home crumb ("Accueil" / "France" / "Transports"), or a run with
    separator lines between its crumbs ("News" / "›" / "Local"). Empty when there is none."""
    run: list[int] = []
    for i in range(headline - 1, -1, -1):
        rule_name = page.removed_by.get(i)
        if rule_name not in (None, "navigation", "leading-chrome") or not _crumb_line(
            page.paragraphs[i]
        ):
            break
        run.insert(0, i)
    homes = [pos for pos, i in enumerate(run) if page.paragraphs[i].strip().lower() in HOME]
    separators = [pos for pos, i in enumerate(run) if SEPARATOR_LINE.match(page.paragraphs[i])]
    if homes:
        trail = run[homes[-1] :]
    elif separators and separators[0] > 0:
        trail = run[separators[0] - 1 :]
    else:
        return []
    names = [i for i in trail if not SEPARATOR_LINE.match(page.paragraphs[i])]
    return trail if 2 <= len(names) <= MAX_CRUMBS else []
