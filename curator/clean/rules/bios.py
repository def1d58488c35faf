"""Author bio lines under an article: "Eleanor Pike is the Gazette's transport reporter.",
"Priya Natarajan covers health for the Chronicle.", "Mathilde Roux est journaliste au ...".

Only a short line opening with the name of an author the byline gave is a bio: prose may
well start with a person's name, but not with the author's own."""

from __future__ import annotations

import re

from .base import Page, named

_VERBS = (
    r"(?:is|was|has|covers|writes|reports|joined|leads|edits|est|était|couvre|écrit|ist|war|schreibt"
    r"|berichtet|arbeitet|es|fue|escribe|cubre|trabaja)"
)
MAX_BIO_WORDS = 45


def is_bio(line: str, authors: list[str]) -> bool:
    text = line.strip()
    if len(text.split()) > MAX_BIO_WORDS:
        return False
    return any(re.match(rf"{re.escape(name)}\s+{_VERBS}\b", text, re.I) for name in authors if name)


@named("author-bio")
def rule(page: Page) -> None:
    authors = page.metadata.get("authors") or []
    if not authors:
        return
    for i in page.live():
        if is_bio(page.paragraphs[i], authors):
            page.remove(i, "author-bio")
