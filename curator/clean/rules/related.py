"""Link lists: "Related", "Read more", "Most read", "You may also like", "Lire aussi",
"Mehr zum Thema", "Lee también", and the headlines listed under such a heading."""

from __future__ import annotations

import re

from . import Page, block_rule, line_rule

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


_list_rule = block_rule("related-links", lambda line: bool(_BARE.match(line)))
_inline_rule = line_rule("related-links", is_inline_link)


def rule(page: Page) -> None:
    _inline_rule(page)
    _list_rule(page)
