"""What cleaning a page gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removed:
    text: str
    rule: str


@dataclass
class Cleaned:
    text: str = ""
    # Record field names (title, section, image_credits, alternate_urls, authors, ...) to values
    # the chrome told; "bylines" and "datelines" hold raw lines for the tagger to parse.
    metadata: dict[str, Any] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    rejected: str | None = None
    # Transient: the parsed page for the tagger (lxml tree) and trafilatura's metadata document.
    tree: Any = None
    extraction: Any = None
    # Transient: the learned-boilerplate key of each paragraph of ``text``, computed where the
    # page is cleaned (a worker) so the driver only counts them; with the length of the text
    # they were computed from, so keys of a text changed since are never used.
    line_keys: tuple[int, list[str]] | None = None

    def explain(self) -> str:
        width = max((len(r.rule) for r in self.removed), default=0)
        return "\n".join(f"{r.rule:<{width}}  {r.text}" for r in self.removed)
