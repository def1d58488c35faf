"""App and store promos: "Download our app", "Get it on Google Play", "… Roku", "Apple TV",
"Téléchargez l'application", "Laden Sie unsere App", "Descarga nuestra app"."""

from __future__ import annotations

import re

from .base import line_rule, short_match

_STORE = re.compile(
    r"app ?store|google play|play store|apple tv|android tv|amazon fire|fire tv|\broku\b|huawei appgallery"
    r"|\b(?:our|the|free|news) app\b|\bmobile app\b|\bget the app\b|\bdownload (?:the|our) \w+ app\b"
    r"|\bapplication mobile\b|notre appli|téléchargez l'appli|unsere app|die app\b|app herunterladen|laden sie (?:die|unsere)"
    r"|nuestra app|la app\b|descarga (?:la|nuestra) (?:app|aplicaci[oó]n)",
    re.I,
)
MAX_PROMO_WORDS = 16  # a promo is a short line; a paragraph about app stores is news

is_promo = short_match(_STORE, MAX_PROMO_WORDS)
rule = line_rule("app-promo", is_promo)
