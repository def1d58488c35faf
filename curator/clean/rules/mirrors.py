"""Mirror and alternate-address notices, the bare domains that follow them, and bare URLs or
domains standing alone anywhere. Addresses announced by a notice go to ``alternate_urls``."""

from __future__ import annotations

import re

from ...urls import looks_like_domain
from .base import Page, is_sentence_like, may_contain, named

NOTICE = re.compile(
    r"alternat(?:e|ive) (?:address|domain|url|link)|mirror (?:site|address|domain)s?|can also be (?:accessed|reached|found) at"
    r"|adresses? (?:alternatives?|miroirs?)|également accessible|alternative (?:Adresse|Domain)|Spiegel-?(?:Seite|Adresse)"
    r"|direcci[oó]n(?:es)? alternativas?|dominios? alternativos?|tambi[eé]n (?:se puede|puede) acceder",
    re.I,
)
# Every match of NOTICE holds one of these.
_NOTICE_MARKERS = ("alternat", "mirror", "can also be", "adresse", "accessible", "spiegel", "direcci",
                   "dominio", "tambi")  # fmt: skip
_URL = re.compile(r"^(?:https?://)?[^\s/]+\.[a-z]{2,24}(?:[/?#]\S*)?$", re.I)


def is_address(line: str) -> bool:
    line = line.strip()
    if not _URL.match(line):
        return False
    host = re.sub(r"^https?://", "", line, flags=re.I).split("/")[0].split("?")[0]
    return looks_like_domain(host)


def _cited(page: Page, i: int) -> bool:
    """A URL with a path that the article cites: announced by the prose line above it ("you
    can find the code here:") or standing between two prose lines. A bare domain (a mirror, the
    site's own address) is never cited."""
    line = page.paragraphs[i].strip()
    if "/" not in re.sub(r"^https?://", "", line, flags=re.I).rstrip("/"):
        return False
    before = page.paragraphs[i - 1] if i > 0 else ""
    after = page.paragraphs[i + 1] if i + 1 < len(page.paragraphs) else ""
    if is_sentence_like(before) and before.rstrip().endswith((":", "：")):
        return True
    return is_sentence_like(before) and is_sentence_like(after)


@named("mirror-notice")
def rule(page: Page) -> None:
    after_notice = False
    for i in page.live():
        line = page.paragraphs[i]
        if may_contain(line, _NOTICE_MARKERS) and NOTICE.search(line) and len(line.split()) <= 30:
            page.remove(i, "mirror-notice")
            after_notice = True
            page.add_meta(
                "alternate_urls", *[w for w in line.split() if is_address(w.rstrip(".,;"))]
            )
        elif is_address(line) and (after_notice or not _cited(page, i)):
            page.remove(i, "mirror-notice" if after_notice else "bare-url")
            if after_notice:
                page.add_meta("alternate_urls", line.strip())
        else:
            after_notice = False
