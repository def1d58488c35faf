"""Cookie and consent notices: "We use cookies to ...", "Accept all", "Nous utilisons des
cookies", "Wir verwenden Cookies", "Utilizamos cookies", "Manage consent"."""

from __future__ import annotations

import re

from .base import line_rule, may_contain

_COOKIE = r"(?:cookies?|traceurs|témoins)"
_PHRASES = re.compile(
    rf"\b(?:we|this (?:site|website)|our (?:site|website|partners)) (?:uses?|store|set|place)s? {_COOKIE}"
    rf"|\b{_COOKIE} (?:policy|settings|preferences|consent|notice|banner)\b|\baccept (?:all )?{_COOKIE}"
    r"|^(?:accept all|reject all|accept|agree|i agree|ok,? (?:i agree|got it)|manage (?:consent|preferences|options))$"
    r"|by continuing (?:to (?:browse|use)|your visit)|privacy (?:settings|preferences)\b|\bconsent (?:to|preferences|management)"
    rf"|nous utilisons des {_COOKIE}|ce site utilise des {_COOKIE}|accepter (?:les |tous les )?{_COOKIE}|tout accepter|tout refuser|en poursuivant votre navigation"
    r"|wir verwenden cookies|diese (?:website|seite) (?:verwendet|nutzt) cookies|cookie-einstellungen|alle akzeptieren|alle ablehnen|datenschutzeinstellungen"
    r"|utilizamos cookies|usamos cookies|(?:este|nuestro) (?:sitio|portal)(?: web)? (?:utiliza|usa) cookies|aceptar (?:todas|todo|cookies)|rechazar todas|pol[ií]tica de cookies"
    r"|\bcookies? (?:help|helfen|nos permiten|nous permettent)"
    # The site speaking of its own cookies, in any of the four languages.
    rf"|\b(?:we|our|nous|nos|wir|unsere|utilizamos|usamos|nuestr\w+|this (?:site|website)|ce site|diese (?:website|seite)|este sitio)\b.{{0,80}}\b{_COOKIE}",
    re.I,
)
MAX_WORDS = 60  # consent notices run to a few sentences; prose about cookies is longer

_COOKIE_LINK = re.compile(rf"\b{_COOKIE}\b|\bcookie-", re.I)
MAX_LINK_WORDS = 6  # "Gestion des cookies", "Cookie settings": a link, never a sentence


# Every match of _PHRASES longer than its whole-line answers ("manage preferences", at most
# 19 characters) holds one of these, and every match of _COOKIE_LINK holds a cookie word.
_MARKERS = ("cookie", "traceurs", "moins", "continuing", "privacy", "consent", "accepter", "refuser",
            "poursuivant", "akzeptieren", "ablehnen", "datenschutzeinstellungen", "aceptar", "rechazar")  # fmt: skip
MAX_BARE_ANSWER_CHARS = 24


def is_cookie_notice(line: str) -> bool:
    if len(line) > MAX_BARE_ANSWER_CHARS and not may_contain(line, _MARKERS):
        return False
    n = len(line.split())
    return (n <= MAX_WORDS and bool(_PHRASES.search(line))) or (
        n <= MAX_LINK_WORDS and bool(_COOKIE_LINK.search(line))
    )


rule = line_rule("cookie-notice", is_cookie_notice)
