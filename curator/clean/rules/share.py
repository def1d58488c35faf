"""Share and social prompts: "SHARE THIS ARTICLE", "Partager sur Facebook", "Auf Facebook
teilen", "Compartir en WhatsApp", "Follow us on X", lines made only of network names
("Facebook Twitter WhatsApp Email") and share counters ("1.2k shares"); share buttons written
as sentences ("Click to share on Twitter (Opens in new window)", "Cliquez pour imprimer"), and
the bullets and like box ("Like this:", "Like Loading...") printed between and after them."""

from __future__ import annotations

import re

from .base import Page, named, spread_over_runs

_VERB = (
    r"(?:share|partager|partagez|teilen|compartir|comparte|condividi|compartilhar|delen|tweet|pin)"
)
_OBJECT = r"(?:this|the|cet|cette|ce|l'|diesen|den|este|esta|la|el)?\s*(?:article|story|post|page|link|artikel|beitrag|artículo|noticia|nota)?"
_NETWORK = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|bluesky|threads|messenger|social media|réseaux sociaux|redes sociales|sozialen medien)"
_PREP = r"(?:on|sur|en|auf|via|by|par|per|por|with|avec|mit|con|in|dans)"
_PROMPT = re.compile(
    rf"^{_VERB}(?:\s+{_OBJECT})?(?:\s+{_PREP}\s+{_NETWORK})?\s*[:!.]?$"  # "Share this article on Facebook"
    rf"|^(?:{_PREP}\s+{_NETWORK}\s+|{_OBJECT}\s+|jetzt\s+)?{_VERB}\s*[:!.]?$"  # "Auf Facebook teilen", "Artikel teilen"
    rf"|^(?:follow us|suivez-nous|folgen sie uns|folge uns|síguenos|seguinos)(?:\s+{_PREP}\s+[\w ,&]+)?\s*[:!.]?$"
    r"|^\d+(?:[.,]\d+)?\s*[km]?\s+(?:shares?|partages|mal geteilt|compartidos)$",
    re.I,
)
NETWORKS = {
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "pinterest", "email", "e-mail",
    "mail", "print", "copy", "link", "copy link", "messenger", "bluesky", "threads", "mastodon", "flipboard",
    "share", "tweet", "imprimer", "drucken", "imprimir", "copier", "kopieren", "copiar", "le", "lien", "enlace",
    "sms", "tumblr", "vk", "xing", "pocket", "instagram", "youtube", "tiktok", "partager", "teilen", "compartir",
}  # fmt: skip
MAX_NETWORK_TOKENS = 12
_TOKEN = re.compile(r"[\w-]+")

# Share buttons as sentences: a link that says it opens a new window, with a share verb.
# Jetpack and the share plugins that copy it print one per button ("Click to share on
# Facebook (Opens in new window)", "Cliquez pour partager sur X(ouvre dans une nouvelle
# fenêtre)", "Klicken, um auf X zu teilen (Wird in neuem Fenster geöffnet)").
_NEW_WINDOW = re.compile(
    r"\bopens? in (?:a )?new (?:window|tab)\b|\bouvre dans (?:une nouvelle fenêtre|un nouvel onglet)"
    r"|\b(?:öffnet|wird) in (?:einem )?neue[mn]? (?:fenster|tab)\b"
    r"|\bse abre en (?:una )?(?:nueva ventana|ventana nueva|nueva pestaña|pestaña nueva)"
    r"|\bsi apre in una nuova (?:finestra|scheda)\b|\babre (?:em|numa) (?:uma )?nova (?:janela|aba|guia)\b",
    re.I,
)
# The verb opens the button, after one word at most ("Share on X", "Jetzt teilen"): a sentence
# of the article with a link note in it ("Readers can email the council (opens in new
# window)") has its verb further in.
_BUTTON_VERB = re.compile(
    r"^(?:[\w'’-]+\s+)?(?:share|email|e-mail|print|tweet|pin|send|partager|envoyer|imprimer|teilen|senden|drucken"
    r"|compartir|enviar|imprimir|condividere|condividi|stampare|stampa|partilhar|compartilhar|delen)\b",
    re.I,
)
# The same buttons without the window note: "Click to share on X", "Cliquez pour imprimer",
# "Klicken, um per E-Mail zu senden", "Haz clic para compartir en X", "Clique para partilhar".
_CLICK_TO = re.compile(
    r"^(?:click|tap) to (?:share|email|e-mail|print|tweet|pin)\b"
    r"|^(?:cliquez|cliquer) pour (?:partager|envoyer|imprimer)\b"
    r"|^klick(?:en)?,? um\b.{0,40}\bzu (?:teilen|senden|drucken)\b"
    r"|^(?:haz|hacer|fai) cli(?:c|ck) (?:para|per) (?:compartir|enviar|imprimir|condividere|stampare)\b"
    r"|^clique (?:para|pour) (?:partilhar|compartilhar|imprimir|enviar|partager)\b",
    re.I,
)
MAX_BUTTON_WORDS = 14
# A counter glued to a button by the renderer: "61Click to share on Facebook (...)61".
_COUNTER = re.compile(r"^\d+(?=[^\W\d])|(?<=[^\W\d)])\d+$")

# Jetpack's like box, printed right under its share buttons. Alone it could be anything.
_LIKE_BOX = re.compile(
    r"^(?:like this|like loading|loading|be the first to like this|one blogger likes this|\d+ bloggers like this"
    r"|j[’']aime ceci|j[’']aime chargement|chargement|soyez le premier à aimer ceci"
    r"|gefällt mir|gefällt mir wird geladen|wird geladen"
    r"|me gusta esto|me gusta cargando|cargando|sé el primero en decir que te gusta"
    r"|mi piace questo|mi piace caricamento|caricamento|curtir isso|curtir carregando|carregando)[\s:.…!]*$",
    re.I,
)

# The list bullets and heading marks a text renderer prints before a line ("* Share",
# "o Print" for a nested list, "### Share this:").
_MARKER = re.compile(r"^(?:[*+•·‣◦▪|–—-]|o(?=\s)|#{1,6}(?=\s|$))\s*")


def strip_marker(line: str) -> str:
    text = line.strip()
    while text and (m := _MARKER.match(text)):
        text = text[m.end() :]
    return text


def _network_tokens(line: str) -> int:
    """How many network names the line is made of; 0 when it holds anything else."""
    count = 0
    for m in _TOKEN.finditer(line.lower()):  # stops at the first word that is not a network
        count += 1
        if count > MAX_NETWORK_TOKENS or m.group() not in NETWORKS:
            return 0
    return count


def is_share_button(text: str) -> bool:
    """A share, email or print button written as a sentence (``text`` without its bullet)."""
    if len(text.split()) > MAX_BUTTON_WORDS:
        return False
    text = _COUNTER.sub("", text)
    return bool(_CLICK_TO.match(text)) or (
        bool(_NEW_WINDOW.search(text)) and bool(_BUTTON_VERB.match(text))
    )


MAX_BUTTON_CHARS = 160  # a longer line is neither a button nor a companion: a prompt at most


def _classify(line: str) -> tuple[bool, bool, bool]:
    """(a share line, a one-name line, a companion line) for one line: a companion goes only
    beside share lines (one network name, a bare bullet, the like box)."""
    text = strip_marker(line)
    bare = text.strip("|·•-–— ")
    if not bare:
        return False, False, True
    if len(bare) > MAX_BUTTON_CHARS:
        return bool(_PROMPT.match(bare)), False, False
    networks = _network_tokens(bare)
    share = bool(_PROMPT.match(bare)) or networks >= 2 or is_share_button(bare)
    return share, networks == 1, networks == 1 or bool(_LIKE_BOX.match(text))


def is_share_line(line: str) -> bool:
    return _classify(line)[0]


@named("share-prompt")
def rule(page: Page) -> None:
    """Share lines, and the lines that sit in a run with them: one-name lines ("Facebook"),
    bare bullets and the like box. Two one-name lines together are buttons too. A lone
    "Email", "Print" or "Like this:" line stays."""
    live = page.live()
    kinds = [_classify(page.paragraphs[i]) for i in live]
    single = [kind[1] for kind in kinds]
    seeds = [
        share
        or (
            single[pos] and (pos > 0 and single[pos - 1] or pos + 1 < len(live) and single[pos + 1])
        )
        for pos, (share, _, _) in enumerate(kinds)
    ]
    companion = [kind[2] for kind in kinds]
    for i, gone in zip(live, spread_over_runs(seeds, companion), strict=True):
        if gone:
            page.remove(i, "share-prompt")
