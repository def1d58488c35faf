"""Share and social prompts: "SHARE THIS ARTICLE", "Partager sur Facebook", "Auf Facebook
teilen", "Compartir en WhatsApp", "Follow us on X", lines made only of network names
("Facebook Twitter WhatsApp Email") and share counters ("1.2k shares")."""

from __future__ import annotations

import re

from .base import Page, named

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


def _network_tokens(line: str) -> int:
    """How many network names the line is made of; 0 when it holds anything else."""
    count = 0
    for m in _TOKEN.finditer(line.lower()):  # stops at the first word that is not a network
        count += 1
        if count > MAX_NETWORK_TOKENS or m.group() not in NETWORKS:
            return 0
    return count


def is_share_line(line: str) -> bool:
    text = line.strip().strip("|·•-–— ")
    return bool(text) and (bool(_PROMPT.match(text)) or _network_tokens(text) >= 2)


@named("share-prompt")
def rule(page: Page) -> None:
    """Share lines, and one-name lines ("Facebook") that sit next to another share line:
    share buttons printed one per line. A lone "Email" or "Print" line stays."""
    live = page.live()
    share = {i for i in live if is_share_line(page.paragraphs[i])}
    single = {i for i in live if _network_tokens(page.paragraphs[i]) == 1}
    for pos, i in enumerate(live):
        neighbours = set(live[max(pos - 1, 0) : pos + 2]) - {i}
        if i in share or (i in single and neighbours & (share | single)):
            page.remove(i, "share-prompt")
