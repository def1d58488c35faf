"""Plain-text cleaning: split into paragraphs, run the line rules, join what is left."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..normalise import join_paragraphs, normalise_text, paragraphs
from ..timeout import PageTimeout, time_bound
from .result import Cleaned
from .rules import RULES
from .rules.base import LineScorer, Page, Rule, count_words, is_sentence_like

MIN_ARTICLE_WORDS = 40  # below this a page is a stub, a teaser or an index, not an article
# An index or section page is headlines and links: its words are mostly outside prose
# paragraphs. An article's subheadings and lists are a small part of it.
MIN_PROSE_SHARE = 0.4
MIN_TEASERS = 2  # paragraphs cut off with "…": the teasers of an index page
MAX_TEXT_CHARS = 4_000_000  # a longer "page" is a dump or a book, not an article
TIMEOUT_SECONDS = 20.0  # per document; curator/timeout.py enforces it
# How plain text finds the article's run of lines: "model" scores each line with the learned
# line model shipped in the package (curator/clean/textmodel), "rules" with the hand-written
# scores of rules/span.py (the fallback, and what the model learns from).
TEXT_MODES = ("model", "rules")
DEFAULT_TEXT_MODE = "model"
# With a line model, a paragraph repeated within the page is the model's to judge (it sees
# whether a line repeats an earlier or a later one): out of fold on real pages, the blanket
# rule removed the article's copy of a headline or summary a teaser above had shown first as
# often as it removed chrome (readability F1 +0.01 on both renderings without it).
LEFT_TO_THE_MODEL = {"repeated-paragraph"}


def decode(data: str | bytes) -> str:
    """Bytes to text: UTF-8 when it is, else the best guess of charset-normalizer."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()  # a sample is enough to tell the encoding
        if best is None or not best.encoding:
            raise ValueError("undecodable: no text encoding fits these bytes") from None
        return data.decode(best.encoding, errors="replace")


# NUL, the control characters other than \n \r \t \f, and the replacement character.
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = len(_BINARY_CHARS.findall(sample))
    return bool(sample) and bad / len(sample) > 0.01


def run_rules(
    paras: list[str],
    url: str | None,
    title: str | None,
    form: str,
    headings: set[str] | None = None,
    line_model: LineScorer | None = None,
    rules: list[Rule] | None = None,
    advised: frozenset[str] | None = None,
) -> Page:
    """The page after the line rules (``rules``, default every rule of :data:`RULES`); the
    removals of the ``advised`` rules (default: the line model's) are flags for the model."""
    if advised is None:
        advised = line_model.advised if line_model is not None else frozenset()
    page = Page(
        paragraphs=paras,
        url=url,
        title=title,
        form=form,
        headings=headings or set(),
        line_model=line_model,
        advised=advised,
    )
    for rule in RULES if rules is None else rules:
        rule(page)
    return page


def _not_an_article(kept: list[str]) -> str | None:
    """Why the kept paragraphs are not an article body, or None when they are one."""
    words = sum(count_words(p) for p in kept)
    # Table rows are data, neither prose nor links: an article built around a table of figures
    # is judged by its text around the table.
    table = sum(count_words(p) for p in kept if p.startswith("|"))
    if words == 0:
        return "no article text: nothing left after removing chrome"
    if words < MIN_ARTICLE_WORDS:
        return f"not an article: only {words} words of body text (minimum {MIN_ARTICLE_WORDS})"
    prose = sum(count_words(p) for p in kept if is_sentence_like(p))
    if prose / max(words - table, 1) < MIN_PROSE_SHARE:
        return f"not an article: only {prose} of {words} words are in prose paragraphs (a list of links or headlines)"
    teasers = sum(p.rstrip().endswith(("…", "...")) for p in kept)
    # against the prose paragraphs: an index's dates and headlines between its teasers are
    # not article paragraphs
    sentences = sum(1 for p in kept if is_sentence_like(p))
    if teasers >= MIN_TEASERS and teasers * 2 >= sentences:
        return f"not an article: {teasers} of {len(kept)} paragraphs are truncated teasers (an index page)"
    return None


def finish(page: Page, extra_meta: dict | None = None) -> Cleaned:
    """Join what the rules kept and reject a page with too little article text."""
    kept = page.kept_text()
    metadata = {**(extra_meta or {})}
    for key, value in page.metadata.items():  # list fields from the DOM and the rules add up
        if isinstance(value, list) and isinstance(metadata.get(key), list):
            value = list(dict.fromkeys(metadata[key] + value))
        metadata[key] = value
    if page.title and "title" not in metadata:
        metadata["title"] = page.title
    rejected = _not_an_article(kept)
    # a rejected page gives no text: what it kept is not an article body
    text = "" if rejected else join_paragraphs(kept)
    return Cleaned(text=text, metadata=metadata, removed=page.removed(), rejected=rejected)


def guarded(work: Callable[[], Cleaned], what: str, timeout: float | None) -> Cleaned:
    """Run one page's cleaning so that it never raises and never runs past its time bound."""
    seconds = TIMEOUT_SECONDS if timeout is None else timeout
    try:
        with time_bound(seconds):
            return work()
    except PageTimeout as exc:
        return Cleaned(rejected=f"timeout: cleaning this {what} page {exc}")
    except RecursionError:
        return Cleaned(
            rejected=f"too deeply nested: the {what} exceeds the parser's recursion limit"
        )
    except MemoryError:
        return Cleaned(rejected=f"too large: out of memory while cleaning this {what} page")
    except Exception as exc:  # one bad page must never end a run; the reason names the failure
        return Cleaned(rejected=f"cleaner failed on this {what} page: {type(exc).__name__}: {exc}")


def text_rules(with_model: bool) -> list[Rule]:
    """The line rules plain text runs, in :data:`RULES` order."""
    return [r for r in RULES if not (with_model and r.__name__ in LEFT_TO_THE_MODEL)]


def _line_model(mode: str, line_model: LineScorer | None) -> LineScorer | None:
    if mode not in TEXT_MODES:
        raise ValueError(f"clean_text: unknown mode {mode!r} (one of {', '.join(TEXT_MODES)})")
    if mode == "rules":
        return None
    if line_model is not None:
        return line_model
    from .textmodel import default_model  # numpy and the model file load only when needed

    return default_model()


def _clean_text(
    text: str | bytes, url: str | None, title: str | None, line_model: LineScorer | None
) -> Cleaned:
    if len(text) > MAX_TEXT_CHARS:
        return Cleaned(
            rejected=f"too large: {len(text) / 1e6:.1f} M characters of text (limit {MAX_TEXT_CHARS / 1e6:.0f} M)"
        )
    try:
        text = decode(text)
    except ValueError as exc:
        return Cleaned(rejected=str(exc))
    if looks_binary(text):
        return Cleaned(rejected="binary: the input is not text")
    paras = paragraphs(normalise_text(text))
    if not paras:
        return Cleaned(rejected="empty: no text in the input")
    rules = text_rules(line_model is not None)
    return finish(run_rules(paras, url, title, "text", line_model=line_model, rules=rules))


def clean_text(
    text: str | bytes,
    url: str | None = None,
    title: str | None = None,
    *,
    timeout: float | None = None,
    mode: str = DEFAULT_TEXT_MODE,
    line_model: LineScorer | None = None,
) -> Cleaned:
    """Clean a page given as plain text (for instance as scraped from a browser).

    ``mode`` is how the article's run of lines is found (:data:`TEXT_MODES`): ``"model"``, the
    learned line model (``line_model``, or the one shipped in the package), or ``"rules"``, the
    hand-written scores. A bad ``mode`` raises ValueError, and a shipped model file that cannot
    be read RuntimeError; otherwise it never raises: bad input, a crash or a page slower than
    ``timeout`` seconds give ``.rejected``."""
    model = _line_model(mode, line_model)
    return guarded(lambda: _clean_text(text, url, title, model), "text", timeout)
