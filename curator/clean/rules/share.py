"""Share and social prompts: "SHARE THIS ARTICLE", "Partager", "Teilen", "Compartir",
and lines made only of network names ("Facebook Twitter WhatsApp Email")."""

from __future__ import annotations

import re

from . import Page

_PROMPT = re.compile(
    r"^(?:share|partager|teilen|compartir|condividi|compartilhar|delen)"
    r"(?: (?:this|cet|cette|ce|diesen|den|este|esta|on|sur|en|auf|via|with|avec|mit|con))?"
    r"(?: (?:article|story|post|page|link|artikel|beitrag|artículo|noticia|nota|facebook|twitter|x|whatsapp|linkedin|email))?"
    r"(?: (?:on|sur|en|auf|via))?(?: social media| réseaux sociaux| redes sociales| sozialen medien)?\s*[:!.]?$",
    re.I,
)
NETWORKS = {
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "pinterest", "email", "e-mail",
    "mail", "print", "copy", "link", "copy link", "messenger", "bluesky", "threads", "mastodon", "flipboard",
    "share", "tweet", "imprimer", "drucken", "imprimir", "copier", "kopieren", "copiar", "le", "lien", "enlace",
    "sms", "tumblr", "vk", "xing", "pocket", "instagram", "youtube", "tiktok",
}  # fmt: skip


def is_share_line(line: str) -> bool:
    text = line.strip().strip("|·•-–— ")
    if not text:
        return False
    if _PROMPT.match(text):
        return True
    tokens = re.findall(r"[\w-]+", text.lower())
    return 1 <= len(tokens) <= 12 and all(t in NETWORKS for t in tokens) and len(tokens) >= 2


def rule(page: Page) -> None:
    for i in page.live():
        if is_share_line(page.paragraphs[i]):
            page.remove(i, "share-prompt")
