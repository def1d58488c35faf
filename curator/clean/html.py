"""HTML cleaning: DOM-level removal of known chrome (harvesting what it tells), trafilatura for
the main content, then the same line rules as plain text."""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml import html as lxml_html

from ..normalise import normalise_line, normalise_text, paragraphs
from .result import Cleaned
from .rules.breadcrumbs import section_path
from .rules.captions import credit_of
from .text import decode, finish, looks_binary, run_rules

MAX_HTML_BYTES = 8_000_000  # bigger pages are archives or dumps, not articles
# Class/id tokens of blocks that are chrome wherever they appear. Matched as whole tokens
# so that "shareholders" or "related-party" text containers are not hit by accident.
CHROME_TOKENS = {
    "share", "sharing", "social", "sharebar", "share-bar", "share-buttons", "social-share", "related",
    "related-articles", "related-posts", "recommended", "recommendations", "more-stories", "most-read",
    "mostread", "popular", "trending", "newsletter", "subscribe", "subscription", "signup", "cookie",
    "cookies", "consent", "gdpr", "cookie-banner", "breadcrumb", "breadcrumbs", "comments", "comment-form",
    "promo", "advert", "advertisement", "ad-slot", "ads", "app-promo", "paywall", "outbrain", "taboola",
}  # fmt: skip
CHROME_TAGS = ("figcaption", "nav", "aside", "footer")
# A "chrome" container that holds this much of the page's text is the article wrapper, not chrome.
MAX_CHROME_SHARE = 0.5
_TOKEN_SPLIT = re.compile(r"[\s_]+")


def _tokens(el: Any) -> set[str]:
    attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    return {t for t in _TOKEN_SPLIT.split(attrs) if t}


def _text_len(el: Any) -> int:
    return len(" ".join(el.itertext()))


def _harvest(el: Any, meta: dict[str, Any]) -> None:
    """Keep what a removed block told: breadcrumbs to section, captions to image credits."""
    tokens = _tokens(el)
    if tokens & {"breadcrumb", "breadcrumbs"} or el.get("aria-label", "").lower() == "breadcrumb":
        crumbs = [normalise_line(t) for t in (a.text_content() for a in el.iter("a", "li", "span")) if normalise_line(t)]
        crumbs = list(dict.fromkeys(c for c in crumbs if len(c.split()) <= 5))
        if crumbs and not meta.get("section"):
            meta["section"] = section_path(crumbs)
    if el.tag == "figcaption":
        credit = credit_of(normalise_line(el.text_content()))
        for node in el.iter():  # credits often sit in their own element inside the caption
            if any(t in _tokens(node) for t in ("credit", "copyright", "photo-credit", "caption-credit")):
                credit = normalise_line(node.text_content())
        if credit:
            meta.setdefault("image_credits", []).append(credit)


def preclean(tree: Any) -> dict[str, Any]:
    """Remove chrome blocks from ``tree`` in place; return the metadata they carried."""
    meta: dict[str, Any] = {}
    body = tree.find("body")
    total = max(_text_len(body if body is not None else tree), 1)
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        is_chrome = el.tag in CHROME_TAGS or bool(_tokens(el) & CHROME_TOKENS)
        if is_chrome and _text_len(el) / total <= MAX_CHROME_SHARE:
            doomed.append(el)
    for el in doomed:
        _harvest(el, meta)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return meta


def parse(data: str | bytes) -> Any:
    text = decode(data)
    if looks_binary(text):
        raise ValueError("binary: the input is not HTML")
    # lxml refuses str input that declares its own encoding; strip the declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return lxml_html.document_fromstring(text) if text.strip() else None


def extract(tree: Any, url: str | None) -> Any:
    # favor_precision: news pages are chrome-heavy; deduplicate off: its cache is shared
    # across calls, so one page's text would depend on the pages seen before it.
    return trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, include_comments=False, include_tables=True,
        deduplicate=False, with_metadata=True,
    )  # fmt: skip


def clean_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Clean an HTML page: the article body, what the chrome told, and what was removed."""
    if len(html) > MAX_HTML_BYTES:
        return Cleaned(rejected=f"too large: {len(html) / 1e6:.1f} MB of HTML (limit {MAX_HTML_BYTES / 1e6:.0f} MB)")
    try:
        tree = parse(html)
    except ValueError as exc:
        return Cleaned(rejected=str(exc))
    except Exception as exc:  # lxml raises several types on broken markup
        return Cleaned(rejected=f"unparseable HTML: {type(exc).__name__}: {exc}")
    if tree is None:
        return Cleaned(rejected="empty: no markup in the input")
    original = lxml_html.fromstring(lxml_html.tostring(tree))  # the tagger reads metadata from the untouched page
    meta = preclean(tree)
    extraction = extract(tree, url)
    if extraction is None or not extraction.text:
        return Cleaned(rejected="no article text: the extractor found no main content", metadata=meta, tree=original)
    title = normalise_line(extraction.title) if extraction.title else None
    page = run_rules(paragraphs(normalise_text(extraction.text)), url, title, "html")
    cleaned = finish(page, meta)
    cleaned.tree, cleaned.extraction = original, extraction
    return cleaned
