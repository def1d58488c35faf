"""Comment prompts and counters: "Leave a comment", "Comments (12)", "Join the conversation",
"Laisser un commentaire", "Kommentar schreiben", "Deja un comentario", "Comments are closed"."""

from __future__ import annotations

import re

from .base import line_rule, short_match

_PHRASES = re.compile(
    r"^(?:\d+\s+)?(?:comments?|commentaires?|kommentare?|comentarios?|reactions?|réactions?)\s*(?:\(\d+\)|:?\s*\d+)?\s*(?:[·|•–-]\s*\S.*)?$"
    r"|\b(?:leave|post|add|write|submit|view|show|read|see|load) (?:a |your |all |the )?(?:\d+ )?comments?\b"
    r"|\bjoin the (?:conversation|discussion|debate)\b|\bbe the first to comment\b|\bcomments? (?:are|is) (?:closed|disabled)\b"
    r"|\bcommenting (?:is|has been) (?:closed|disabled)\b|\bcomment on this (?:story|article)\b"
    r"|^réagir$|laisser un commentaire|ajouter un commentaire|réagir à cet article|voir les commentaires|les commentaires sont fermés"
    r"|kommentar (?:schreiben|verfassen|abgeben)|kommentare (?:anzeigen|lesen|geschlossen)|diskutieren sie mit"
    r"|deja (?:un|tu) comentario|escribe (?:un|tu) comentario|ver comentarios|comentarios cerrados",
    re.I,
)
MAX_WORDS = 16

is_comment_prompt = short_match(_PHRASES, MAX_WORDS)
rule = line_rule("comment-prompt", is_comment_prompt)
