"""Copyright and licence footers: "© 2024 Example Media. All rights reserved.", "Copyright
(c) 2017 ...", "Tous droits réservés", "Alle Rechte vorbehalten", "Todos los derechos
reservados", agency redistribution notices, and "published under a Creative Commons ...
licence" (the licence goes to ``license``). The © sign and "(c) <year>" need no language."""

from __future__ import annotations

import re

from .base import harvest_rule, may_contain

_COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|^copyright\s*(?:©|\(c\)|(?:19|20)\d\d|:|by\b|\w+\s+(?:19|20)\d\d)|\bcopyright (?:©|\(c\)|(?:19|20)\d\d)"
    r"|all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati"
    r"|may not be (?:published|reproduced|copied)|reproduction (?:interdite|totale ou partielle)|nachdruck nur mit",
    re.I,
)
_LICENCE = re.compile(
    r"\b(?:licen[cs]ed? under|published under|available under|sous (?:la )?licence|unter (?:der|einer) .{0,20}lizenz|bajo (?:la |una )?licencia)\b"
    r".{0,80}\bcreative commons\b|\bcreative commons\b.{0,80}\b(?:licen[cs]e|licence|lizenz|licencia)\b",
    re.I,
)
_CC_PARTS = [("attribution", "BY"), ("namensnennung", "BY"), ("reconocimiento", "BY"), ("non-?commercial", "NC"),
             ("pas d'utilisation commerciale", "NC"), ("share-?alike", "SA"), ("no-?deriv", "ND")]  # fmt: skip
MAX_WORDS = 40
# A long line is a notice only when it opens with the notice ("© 2024 ...", "Copyright ..."):
# prose may mention a licence or carry a "™©" in passing.
MAX_ANYWHERE_WORDS = 15
_OPENS = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.I)
# Every match of _COPYRIGHT holds one of these; every match of _LICENCE holds "creative commons".
_COPYRIGHT_MARKERS = ("©", "(c)", "copyright", "all rights reserved", "tous droits r", "alle rechte vorbehalten",
                      "todos los derechos reservados", "tutti i diritti riservati", "may not be", "reproduction",
                      "nachdruck nur mit")  # fmt: skip


def licence_of(line: str) -> str:
    """The short name of a Creative Commons licence line ("CC BY-SA 4.0"), else the line."""
    parts = [short for word, short in _CC_PARTS if re.search(word, line, re.I)]
    version = re.search(r"\b(\d\.\d)\b", line)
    if not parts or parts[0] != "BY":
        return line
    return f"CC {'-'.join(dict.fromkeys(parts))}" + (f" {version.group(1)}" if version else "")


# A long line names a licence as a notice only in its first sentence ("This work is licensed
# under ..."): prose that gets there later is telling about a licence ("We aren't using ...").
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?:\s|$)")


def _licence_notice(line: str) -> bool:
    if not (may_contain(line, ("creative commons",)) and _LICENCE.search(line)):
        return False
    if len(line.split()) <= MAX_ANYWHERE_WORDS:
        return True
    first = _FIRST_SENTENCE.match(line)
    return bool(_LICENCE.search(first.group(0) if first else line))


def harvest(line: str) -> dict[str, list[str]] | None:
    if len(line.split()) > MAX_WORDS:
        return None
    if _licence_notice(line):
        return {"licenses": [licence_of(line)]}
    if not (may_contain(line, _COPYRIGHT_MARKERS) and _COPYRIGHT.search(line)):
        return None
    if len(line.split()) > MAX_ANYWHERE_WORDS and not _OPENS.match(line):
        return None
    return {}


rule = harvest_rule("copyright", harvest)
