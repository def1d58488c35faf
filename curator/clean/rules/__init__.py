"""Line rules: one module per class of chrome, each a small named unit.

A rule sees the page as a list of paragraphs (:class:`Page`) and marks paragraphs removed,
saying which rule removed them, and records what the chrome told as metadata. Rules run in
:data:`RULES` order; a rule never sees paragraphs an earlier rule removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..result import Removed


@dataclass
class Page:
    paragraphs: list[str]
    url: str | None = None
    title: str | None = None  # the headline when known from HTML metadata
    form: str = "text"
    removed_by: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    def live(self) -> list[int]:
        return [i for i in range(len(self.paragraphs)) if i not in self.removed_by]

    def remove(self, index: int, rule: str) -> None:
        self.removed_by.setdefault(index, rule)

    def add_meta(self, key: str, *values: str) -> None:
        """Append to a list field, keeping order and dropping repeats."""
        bucket = self.metadata.setdefault(key, [])
        for value in values:
            if value and value not in bucket:
                bucket.append(value)

    def kept_text(self) -> list[str]:
        return [p for i, p in enumerate(self.paragraphs) if i not in self.removed_by]

    def removed(self) -> list[Removed]:
        return [Removed(self.paragraphs[i], rule) for i, rule in sorted(self.removed_by.items())]


Rule = Callable[[Page], None]


def line_rule(name: str, matches: Callable[[str], bool]) -> Rule:
    """A rule that removes every live paragraph ``matches`` accepts."""

    def apply(page: Page) -> None:
        for i in page.live():
            if matches(page.paragraphs[i]):
                page.remove(i, name)

    apply.__name__ = name
    return apply


from . import (  # noqa: E402
    breadcrumbs,
    captions,
    edges,
    mirrors,
    promos,
    repeated,
    share,
)

# Order matters: rules that harvest metadata run before the generic edge trimming, so the
# section, credits and mirror addresses are recorded under their own rule names.
RULES: list[Rule] = [
    breadcrumbs.rule,
    repeated.title_rule,
    captions.rule,
    mirrors.rule,
    share.rule,
    promos.rule,
    repeated.paragraph_rule,
    edges.rule,
]
