"""What every line rule shares: the page a rule sees (:class:`Page`), the rule type, and the
helpers sibling rules use so that they never repeat each other: :func:`line_rule` (remove
matching lines), :func:`harvest_rule` (remove matching lines and keep what they told),
:func:`block_rule` (a heading and the link list under it), :func:`short_match` (a phrase
pattern on a short line) and :func:`is_sentence_like`. A rule module imports from here, never
from the package, so the package can import every rule without a cycle."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..result import Removed


class LineScorer(Protocol):
    """What judges the lines of a plain-text page for the densest-run rule (the learned line
    model of :mod:`curator.clean.textmodel`; a rule module never imports it)."""

    @property
    def advised(self) -> frozenset[str]:
        """The rules whose removals are advice to it (:attr:`Page.advised`)."""
        ...

    def decide(self, page: Page) -> tuple[tuple[int, int] | None, dict[int, str]]:
        """The article's run of lines (first and last index; None: no run), and the flagged
        lines (:attr:`Page.flagged`) inside it that it agrees are chrome, with the rule that
        flagged them."""
        ...


@dataclass
class Page:
    paragraphs: list[str]
    url: str | None = None
    title: str | None = None  # the headline when known from HTML metadata
    form: str = "text"
    removed_by: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    # HTML: the lines the extractor marked as section headings (h2-h6), never the headline
    headings: set[str] = field(default_factory=set)
    # plain text: what scores the lines for ``outside-body`` (None: its hand-written scores)
    line_model: LineScorer | None = None
    # Plain text with a line model: the rules whose removals are advice. A line such a rule
    # would remove stays, flagged with the rule's name; the model sees the flag and decides
    # (rules/span.py). On rendered pages these rules removed article text too often to decide.
    advised: frozenset[str] = frozenset()
    flagged: dict[int, str] = field(default_factory=dict)

    def live(self) -> list[int]:
        return [i for i in range(len(self.paragraphs)) if i not in self.removed_by]

    def remove(self, index: int, rule: str) -> None:
        if rule in self.advised:
            self.flagged.setdefault(index, rule)
            return
        self.removed_by.setdefault(index, rule)

    def confirm(self, index: int) -> None:
        """Remove a flagged line under the name of the rule that flagged it."""
        self.removed_by.setdefault(index, self.flagged[index])

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

_TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
MIN_SENTENCE_WORDS = 6
LONG_PARAGRAPH_WORDS = 25


# Scripts written without spaces between words (Chinese, Japanese): about two characters a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UNSPACED_CHARS_PER_WORD = 2


def count_words(line: str) -> int:
    """Words in ``line``: whitespace-separated ones, plus the words of unspaced scripts
    (counted by characters), so that a Chinese paragraph is as long as its English translation
    rather than one "word"."""
    n = len(line.split())
    if line.isascii():
        return n
    return n + len(_UNSPACED.findall(line)) // UNSPACED_CHARS_PER_WORD


# Informal Chinese and Japanese writing separates clauses with spaces where a comma would go
# ("一波波寒流報到 已將後山層層山巒披上彩衣"): two such clauses of this many characters are a
# sentence even without closing punctuation. Menu items are words of two to four characters.
MIN_UNSPACED_CLAUSE_CHARS = 6


def _unspaced_clauses(line: str) -> bool:
    if line.isascii():
        return False
    clauses = [c for c in line.split() if len(_UNSPACED.findall(c)) >= MIN_UNSPACED_CLAUSE_CHARS]
    return len(clauses) >= 2


def is_sentence_like(line: str) -> bool:
    """Article prose: a long paragraph, or a sentence of a few words with closing punctuation."""
    n = count_words(line)
    return (
        n >= LONG_PARAGRAPH_WORDS
        or (n >= MIN_SENTENCE_WORDS and bool(_TERMINAL.search(line.strip())))
        or _unspaced_clauses(line)
    )


# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not
# lower them to it (İ, ı, ſ, the Kelvin sign): a line holding one skips the quick test.
_CASE_EXOTIC = "\u0130\u0131\u017f\u212a"


def may_contain(line: str, markers: tuple[str, ...]) -> bool:
    """False only when none of ``markers`` (lower-case ASCII) occurs in ``line``, ignoring case.

    A quick necessary condition for an expensive case-insensitive pattern every match of which
    contains one of the markers: lines that fail it cannot match, so the pattern is skipped
    (most article prose); lines that pass it still go through the pattern."""
    if not line.isascii() and any(c in line for c in _CASE_EXOTIC):
        return True
    low = line.lower()
    return any(m in low for m in markers)


def short_match(pattern: re.Pattern[str], max_words: int) -> Callable[[str], bool]:
    """A matcher for chrome phrases: the pattern found in a line of at most ``max_words``.

    The word limit is what keeps prose safe: an article may mention "cookies" or "subscribers",
    a notice is a short line."""

    def matches(line: str) -> bool:
        return len(line.split()) <= max_words and bool(pattern.search(line))

    return matches


def named(name: str) -> Callable[[Rule], Rule]:
    """Give a rule function the name it removes lines under (what ``--explain`` and
    ``scripts/eval_real.py`` report), so that every rule in ``RULES`` has a name of its own."""

    def name_it(rule: Rule) -> Rule:
        rule.__name__ = name
        return rule

    return name_it


def line_rule(name: str, matches: Callable[[str], bool]) -> Rule:
    """A rule that removes every live paragraph ``matches`` accepts."""

    def apply(page: Page) -> None:
        for i in page.live():
            if matches(page.paragraphs[i]):
                page.remove(i, name)

    apply.__name__ = name
    return apply


def harvest_rule(name: str, harvest: Callable[[str], dict[str, list[str]] | None]) -> Rule:
    """A rule that removes every live paragraph ``harvest`` recognises and appends the values
    it returns (metadata key -> values) to the page's metadata."""

    def apply(page: Page) -> None:
        for i in page.live():
            told = harvest(page.paragraphs[i])
            if told is None:
                continue
            page.remove(i, name)
            for key, values in told.items():
                page.add_meta(key, *values)

    apply.__name__ = name
    return apply


MAX_LIST_ITEMS = 12


def block_rule(name: str, heading: Callable[[str], bool], max_items: int = MAX_LIST_ITEMS) -> Rule:
    """A rule that removes a heading ("Related", "Most read") and the list of links under it:
    the lines that follow it up to the next sentence-like paragraph (headlines have no
    closing punctuation), at most ``max_items`` of them."""

    def apply(page: Page) -> None:
        live = page.live()
        for pos, i in enumerate(live):
            if i in page.removed_by or not heading(page.paragraphs[i]):
                continue
            page.remove(i, name)
            for j in live[pos + 1 : pos + 1 + max_items]:
                if is_sentence_like(page.paragraphs[j]):
                    break
                page.remove(j, name)

    apply.__name__ = name
    return apply


def spread_over_runs(gone: list[bool], companion: list[bool]) -> list[bool]:
    """``gone`` widened to the runs of companion lines that touch a gone line, on either side
    (lines in page order)."""
    out = list(gone)
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        prev = False
        for pos in order:
            out[pos] = out[pos] or (prev and companion[pos])
            prev = out[pos]
    return out
