"""Cookie and consent notices: "We use cookies to ...", "Accept all", "Nous utilisons des
cookies", "Wir verwenden Cookies", "Utilizamos cookies", "Manage consent"; the long notices
that open with such a sentence, and the cookie declarations of consent plugins ("Hotjar sets
this cookie to ...", "Necessary cookies are absolutely essential ...")."""

from __future__ import annotations

import re

from .base import Page, may_contain, named

_COOKIE = r"(?:cookies?|traceurs|témoins)"
_PHRASES = re.compile(
    rf"\b(?:we|this (?:site|website)|our (?:site|website|partners)) (?:uses?|store|set|place)s? {_COOKIE}"
    rf"|\b{_COOKIE} (?:policy|settings|preferences|consent|notice|banner)\b|\baccept (?:all )?{_COOKIE}"
    r"|^(?:accept all|reject all|accept|agree|i agree|ok,? (?:i agree|got it)|manage (?:consent|preferences|options))$"
    r"|by continuing (?:to (?:browse|use)|your visit)|\bconsent (?:to|preferences|management)"
    rf"|nous utilisons des {_COOKIE}|ce site utilise des {_COOKIE}|accepter (?:les |tous les )?{_COOKIE}|tout accepter|tout refuser|en poursuivant votre navigation"
    r"|wir verwenden cookies|diese (?:website|seite) (?:verwendet|nutzt) cookies|cookie-einstellungen|alle akzeptieren|alle ablehnen|datenschutzeinstellungen"
    r"|utilizamos cookies|usamos cookies|(?:este|nuestro) (?:sitio|portal)(?: web)? (?:utiliza|usa) cookies|aceptar (?:todas|todo|cookies)|rechazar todas|pol[ií]tica de cookies"
    r"|\bcookies? (?:help|helfen|nos permiten|nous permettent)"
    # The site speaking of its own cookies, in any of the four languages.
    rf"|\b(?:we|our|nous|nos|wir|unsere|utilizamos|usamos|nuestr\w+|this (?:site|website)|ce site|diese (?:website|seite)|este sitio)\b.{{0,80}}\b{_COOKIE}"
    # A consent plugin's declaration: one line per cookie, one per category of cookies.
    r"|\bsets? (?:this|the) cookie\b|\bthis cookie (?:is|was) (?:set|used|installed)\b"
    r"|\b(?:necessary|essential|functional|performance|analytic(?:al|s)?|advertisement|advertising|marketing|targeting|uncategori[sz]ed) cookies (?:are|help|ensure|allow|enable|track|collect)\b"
    r"|\bcookies that may not be (?:particularly )?necessary\b"
    r"|^(?:we value your privacy|your privacy is important to us|we care about your privacy|your privacy matters to us)\W*$",
    re.I,
)
MAX_WORDS = 60  # consent notices run to a few sentences; prose about cookies is longer

# A longer notice still opens with the site saying it uses cookies or asking consent to them
# ("We use cookies", "Like most websites, this site uses cookies"); an article paragraph that
# speaks of cookies opens with something else, or with "we" later in its first sentence.
_CONSENT_OPENING = re.compile(
    r"^(?:[^.,;:!?]{0,60}[,:]\s*)?(?:"  # a short lead-in: "Like most websites, "
    rf"(?:we|we and our (?:\w+ )?partners|this (?:site|website|web site)|our (?:site|website)) (?:\w+ )?(?:use|uses|utili[sz]es?|store|place|set|sets) (?:\w+ ){{0,3}}{_COOKIE}\b"
    rf"|(?:nous utilisons|nous et nos partenaires utilisons|ce site (?:web )?utilise|notre site utilise) (?:\w+ ){{0,3}}{_COOKIE}\b"
    r"|(?:wir verwenden|wir nutzen|wir setzen|diese (?:website|webseite|seite) (?:verwendet|nutzt)) (?:\w+ ){0,3}cookies\b"
    r"|(?:utilizamos|usamos|(?:este|nuestro) (?:sitio|portal)(?: web)? (?:utiliza|usa)) (?:\w+ ){0,3}cookies\b"
    r"|(?:utilizziamo|usiamo|questo sito(?: web)? (?:utilizza|usa)) (?:\w+ ){0,2}cookies?\b"
    r"|(?:wij gebruiken|deze (?:website|site) gebruikt) (?:\w+ ){0,2}cookies\b"
    # the consent frameworks' dialogs: data shared with partners, and the answer asked for
    r"|we and our (?:\d+ )?(?:\w+ )?partners (?:store and/or access|access and/or store|use|process)\b"
    r"|(?:we value your privacy|your privacy is important to us|we care about your privacy|your privacy matters to us)\b"
    r"|by (?:clicking|selecting|tapping|continuing|using (?:this|our) (?:site|website))\b.{0,60}\byou (?:\w+ ){0,3}(?:agree|accept|consent|grant your consent)\b)"
    rf"|\bwith our (?:third[- ]party |advertising )?(?:partners|vendors)\b.{{0,200}}\b(?:{_COOKIE}|your consent)\b",
    re.I,
)
MAX_NOTICE_WORDS = 150
MAX_OPENING_WORDS = 80  # a consent dialog's first sentence can run on through its purposes
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“«(]?[A-ZÀ-Ý])")
_QUOTE_OPENING = re.compile(r"^[\"“”«„'‘]")  # a quote of a company's words is reported prose

# "Gestion des cookies", "Cookie settings", "Manage cookies": a link, never a sentence. It
# opens with the cookie word (after a management verb): "I love cookies!" or "Chocolate chip
# cookies" are not links to a cookie policy.
_COOKIE_LINK = re.compile(
    r"^(?:(?:manage|about|use of|gérer|gestion|paramétrer|paramètres|à propos|utilisation|verwalten"
    r"|administrar|configurar|configuración|uso)\s+(?:(?:les|des|de|my|your|the|our|de las|los)\s+)?)?"
    rf"{_COOKIE}\b(?!.*[!?]$)|\bcookie-(?:einstellungen|richtlinie|hinweis|erklärung|banner|policy|settings)\b"
    r"|\bprivacy (?:settings|preferences)$",
    re.I,
)
MAX_LINK_WORDS = 6


# Every match of _PHRASES longer than its whole-line answers ("manage preferences", at most
# 19 characters) holds one of these, every match of _COOKIE_LINK a cookie word or "privacy",
# every match of _CONSENT_OPENING a cookie word, "partners" or a word of agreeing.
_MARKERS = ("cookie", "traceurs", "moins", "continuing", "privacy", "consent", "accepter", "refuser",
            "poursuivant", "akzeptieren", "ablehnen", "datenschutzeinstellungen", "aceptar", "rechazar",
            "partners", "agree", "accept")  # fmt: skip
MAX_BARE_ANSWER_CHARS = 24


MAX_OPENING_CHARS = 800  # MAX_OPENING_WORDS words and then some


def _opens_with_consent(line: str) -> bool:
    """The line's first sentence is a cookie-consent sentence."""
    # The pattern first, on the line's head: most lines fail it, and then need no splitting.
    if _QUOTE_OPENING.match(line) or not _CONSENT_OPENING.search(line[:MAX_OPENING_CHARS]):
        return False
    first = _SENTENCE_END.split(line, maxsplit=1)[0]
    return len(first.split()) <= MAX_OPENING_WORDS and bool(_CONSENT_OPENING.search(first))


def is_cookie_notice(line: str) -> bool:
    if len(line) > MAX_BARE_ANSWER_CHARS and not may_contain(line, _MARKERS):
        return False
    n = len(line.split())
    text = line.strip().lstrip("*+•·-–— ")
    return (
        (n <= MAX_WORDS and bool(_PHRASES.search(line)))
        or (n <= MAX_LINK_WORDS and bool(_COOKIE_LINK.search(text)))
        or (n <= MAX_NOTICE_WORDS and _opens_with_consent(text))
    )


# A consent dialog of several paragraphs: the one between two notices that speaks of data
# ("Any data you provide will be stored in the United States") is the dialog's too.
_DATA_WORD = re.compile(
    r"\b(?:data|privacy|consent|cookies?|partners|données|daten|datos|dati)\b", re.I
)


@named("cookie-notice")
def rule(page: Page) -> None:
    live = page.live()
    notice = [is_cookie_notice(page.paragraphs[i]) for i in live]
    for pos, i in enumerate(live):
        line = page.paragraphs[i]
        inside = (
            0 < pos < len(live) - 1
            and notice[pos - 1]
            and notice[pos + 1]
            and len(line.split()) <= MAX_NOTICE_WORDS
            and bool(_DATA_WORD.search(line))
        )
        if notice[pos] or inside:
            page.remove(i, "cookie-notice")
