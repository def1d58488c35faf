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

    def explain(self) -> str:
        width = max((len(r.rule) for r in self.removed), default=0)
        return "\n".join(f"{r.rule:<{width}}  {r.text}" for r in self.removed)
