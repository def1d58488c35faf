"""Plain-text cleaning: split into paragraphs, run the line rules, join what is left."""

from __future__ import annotations

from ..normalise import join_paragraphs, normalise_text, paragraphs
from .result import Cleaned
from .rules import RULES, Page

MIN_ARTICLE_WORDS = 40  # below this a page is a stub, a teaser or an index, not an article


def decode(data: str | bytes) -> str:
    """Bytes to text: UTF-8 when it is, else the best guess of charset-normalizer."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ValueError("undecodable: no text encoding fits these bytes") from None
        return str(best)


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if c == "\x00" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bool(sample) and bad / len(sample) > 0.01


def run_rules(paras: list[str], url: str | None, title: str | None, form: str) -> Page:
    page = Page(paragraphs=paras, url=url, title=title, form=form)
    for rule in RULES:
        rule(page)
    return page


def finish(page: Page, extra_meta: dict | None = None) -> Cleaned:
    """Join what the rules kept and reject a page with too little article text."""
    text = join_paragraphs(page.kept_text())
    metadata = {**(extra_meta or {}), **page.metadata}
    if page.title and "title" not in metadata:
        metadata["title"] = page.title
    cleaned = Cleaned(text=text, metadata=metadata, removed=page.removed())
    words = len(text.split())
    if words == 0:
        cleaned.rejected = "no article text: nothing left after removing chrome"
    elif words < MIN_ARTICLE_WORDS:
        cleaned.rejected = f"not an article: only {words} words of body text (minimum {MIN_ARTICLE_WORDS})"
    return cleaned


def clean_text(text: str | bytes, url: str | None = None, title: str | None = None) -> Cleaned:
    """Clean a page given as plain text (for instance as scraped from a browser)."""
    try:
        text = decode(text)
    except ValueError as exc:
        return Cleaned(rejected=str(exc))
    if looks_binary(text):
        return Cleaned(rejected="binary: the input is not text")
    paras = paragraphs(normalise_text(text))
    if not paras:
        return Cleaned(rejected="empty: no text in the input")
    return finish(run_rules(paras, url, title, "text"))
