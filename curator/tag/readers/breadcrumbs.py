"""Breadcrumb trails: a microdata BreadcrumbList and blocks named by class (breadcrumb,
crumbs, fil d'Ariane, Brotkrumen, ...): their link texts, in order. (A JSON-LD
BreadcrumbList is read by the JSON-LD reader, which parses those blocks anyway.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ...normalise import normalise_line
from .base import Candidates, ReadContext, Reader, add

_CRUMB_CLASS = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|crumbs?|migas|trail|fil-d-ariane|ariane|brotkrumen)(?:$|[\s_-])",
    re.I,
)


@lru_cache(maxsize=4096)
def _is_crumb_label(label: str) -> bool:
    return bool(_CRUMB_CLASS.search(label))


def read(ctx: ReadContext, out: Candidates) -> None:
    for el in ctx.tree.xpath('//*[contains(@itemtype, "BreadcrumbList")]'):
        names = [normalise_line(n.text_content()) for n in el.xpath('.//*[@itemprop="name"]')]
        add(out, "section", "breadcrumb", [n for n in names if n] or None)
    for el, label in ctx.labelled:
        if _is_crumb_label(label):
            names = [normalise_line(a.text_content()) for a in el.iter("a")]
            add(out, "section", "breadcrumb", [n for n in names if n] or None)


READER = Reader("breadcrumbs", {"breadcrumb": ("section",)}, read)
