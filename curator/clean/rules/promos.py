"""App and store promos: "Download our app", "Get it on Google Play", "… Roku", "Apple TV"."""

from __future__ import annotations

import re

from . import Page

_STORE = re.compile(
    r"app ?store|google play|play store|apple tv|android tv|amazon fire|fire tv|\broku\b|huawei appgallery"
    r"|\b(?:our|the|free|news) app\b|\bmobile app\b|\bapplication mobile\b|notre appli|unsere app|nuestra app|la app\b",
    re.I,
)
MAX_PROMO_WORDS = 16  # a promo is a short line; a paragraph about app stores is news


def is_promo(line: str) -> bool:
    return len(line.split()) <= MAX_PROMO_WORDS and bool(_STORE.search(line))


def rule(page: Page) -> None:
    for i in page.live():
        if is_promo(page.paragraphs[i]):
            page.remove(i, "app-promo")
