"""Breadcrumbs and section paths near the top of a page ("News / Foreign Policy / Russia").

The path goes to ``section``; a leading home crumb is dropped in any of the usual languages.
"""

from __future__ import annotations

import re

from . import Page

SEPARATORS = re.compile(r"\s+(?:/|›|»|>|\||→|·|•|::)\s+|\s*[›»→]\s*")
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
    return parts


def section_path(parts: list[str]) -> list[str]:
    return [p for p in parts if p.lower() not in HOME]


def rule(page: Page) -> None:
    for i in page.live()[:TOP_REGION]:
        parts = crumbs(page.paragraphs[i])
        if parts and not page.metadata.get("section"):
            page.remove(i, "breadcrumbs")
            page.add_meta("section", *section_path(parts))
