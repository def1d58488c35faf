"""Newsletter and subscribe boxes: "Sign up for our newsletter", "Get the best stories in
your inbox", "Abonnez-vous à notre newsletter", "Newsletter abonnieren", "Suscríbete al boletín".

News paragraphs are often one short sentence, so a bare mention of "newsletter" or
"subscribers" is not enough: the phrase must be the call to act."""

from __future__ import annotations

import re

from .base import line_rule, short_match

_PHRASES = re.compile(
    r"\b(?:our|free|daily|weekly|morning|evening|email|e-mail) newsletters?\b|\bnewsletters? (?:sign[- ]?up|abonnieren|gratuites?)\b"
    r"|\b(?:sign up|subscribe|register|inscri\w*|abonn\w*|anmelden|suscr[ií]b\w*) (?:\w+ ){0,3}(?:newsletter|boletín|bulletin)"
    r"|\b(?:delivered |straight |direct(?:ly)? )?(?:to|in|into) your inbox\b"
    r"|^(?:subscribe|sign up)(?: now| today| here)?\s*[.!:]?$|\bsubscribe (?:now|today|here)\b|\bsubscribe to (?:our|the) \w+ (?:channel|podcast|feed)"
    r"|\bbecome a (?:subscriber|member)\b|\balready a subscriber\b|\bsubscribers? only\b"
    r"|^(?:s'inscrire|sign up|anmelden|registrieren|suscribirse|inscribirse|registrarse)\s*[.!]?$"
    r"|\b(?:receive|get) (?:our|the) .{0,40}\b(?:every|each) (?:morning|day|week|weekday)|\brecevez (?:chaque|gratuitement|notre)"
    r"|\berhalten sie (?:jeden|täglich|unseren)|\brecibe (?:cada|gratis|nuestr)"
    r"|abonnez-vous|inscrivez-vous|je m'abonne|lettre d'information|déjà abonné"
    r"|jetzt (?:abonnieren|anmelden)|bereits abonnent|newsletter bestellen"
    r"|suscr[ií]bete|suscr[ií]base|(?:nuestro|al) bolet[ií]n|ya eres suscriptor",
    re.I,
)
MAX_WORDS = 30  # a subscribe box is a line or two; an article about newsletters is longer

is_newsletter = short_match(_PHRASES, MAX_WORDS)
rule = line_rule("newsletter", is_newsletter)
