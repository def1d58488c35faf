"""Link lists: "Related", "Read more", "Most read", "You may also like", "Lire aussi",
"Mehr zum Thema", "Lee también", and the headlines listed under such a heading."""

from __future__ import annotations

import re

from .base import Page, block_rule, is_sentence_like, line_rule, named

_HEADING = (
    r"related(?: (?:articles?|stories|news|posts|content|coverage|topics|links))?|more (?:on|about) this (?:story|topic)"
    r"|read (?:more|also|next)|see also|also read|further reading|most (?:read|popular|viewed|shared)|trending(?: now)?"
    r"|(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested(?: in)?)|recommended(?: for you)?|editor'?s picks|top stories"
    r"|lire (?:aussi|également|la suite)|à lire (?:aussi|également)|sur le même sujet|les plus (?:lus|partagés)|voir aussi|articles similaires"
    r"|mehr zum thema|lesen sie (?:auch|mehr)|auch interessant|meistgelesen|weitere artikel|das könnte sie auch interessieren"
    r"|lee (?:también|más)|leer más|te puede interesar|noticias relacionadas|lo más (?:leído|visto)|más noticias|relacionad[oa]s"
)
# The heading alone: the list follows on the next lines.
_BARE = re.compile(rf"^(?:{_HEADING})\s*[:.»›>…-]*\s*$", re.I)
# The heading with one linked headline on the same line: "Read more: Putin meets Trump".
_INLINE = re.compile(rf"^(?:{_HEADING})\s*(?::|»|›|>|-|–|—|\|)\s*\S", re.I)
MAX_INLINE_WORDS = 30


def is_inline_link(line: str) -> bool:
    return len(line.split()) <= MAX_INLINE_WORDS and bool(_INLINE.match(line))


# In HTML, "Read more" alone is a teaser's button, not the heading of a list: it goes, and
# what follows it stays (a resource list prints one under every item).
_BUTTON = re.compile(
    r"^(?:read more|continue reading|lire la suite|weiterlesen|leer más|seguir leyendo)\s*[:.»›>…-]*\s*$",
    re.I,
)
_list_rule = block_rule("related-links", lambda line: bool(_BARE.match(line)))
_html_list_rule = block_rule(
    "related-links", lambda line: bool(_BARE.match(line)) and not _BUTTON.match(line)
)
_inline_rule = line_rule("related-links", is_inline_link)
_button_rule = line_rule("related-links", lambda line: bool(_BUTTON.match(line)))


@named("related-links")
def rule(page: Page) -> None:
    if page.form == "html":
        _html_rule(page)
        return
    _inline_rule(page)
    _list_rule(page)


def _html_rule(page: Page) -> None:
    """In HTML the extractor has already dropped the link lists of the page; a "See also"
    list inside the article's prose is the article's own. Only the lists after its last
    prose paragraph go."""
    prose = [i for i in page.live() if is_sentence_like(page.paragraphs[i])]
    end = prose[-1] if prose else -1
    tail = Page(
        paragraphs=[p if i > end else "" for i, p in enumerate(page.paragraphs)],
        removed_by=dict(page.removed_by),
        form=page.form,
    )
    for i in range(end + 1):
        tail.removed_by.setdefault(i, "")
    for apply in (_inline_rule, _html_list_rule, _button_rule):
        apply(tail)
    for i, name in tail.removed_by.items():
        if name and i not in page.removed_by:
            page.remove(i, name)
