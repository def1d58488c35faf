"""Advertising labels left where an ad slot was: "Advertisement", "Anzeige", "Publicité",
"Publicidad", "Sponsored content"."""

from __future__ import annotations

import re

from .base import line_rule

_LABEL = re.compile(
    r"^\W*(?:advertisement|advertising|advert|ad|sponsored(?: content)?|paid content|anzeige|werbung"
    r"|publicité|publicidad|publi|contenido patrocinado|contenu sponsorisé)\W*$",
    re.I,
)


def is_ad_label(line: str) -> bool:
    return bool(_LABEL.match(line.strip()))


rule = line_rule("advertisement", is_ad_label)
