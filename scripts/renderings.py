"""Real pages rendered to chrome-included plain text, for measuring and fitting ``clean_text``.

Each renderer has fixed settings (listed in the README): a page as a browser's "save as text",
a scraper's ``get_text`` or a terminal browser would give it, menus, teasers and footers
included. Used by ``eval_real.py`` and ``train_text_model.py``.
"""

from __future__ import annotations


def _inscriptis(html: str) -> str:
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    # strict CSS profile (block elements on their own lines, no extra indentation), no links
    return get_text(html, ParserConfig(css=CSS_PROFILES["strict"], display_links=False))


def _html2text(html: str) -> str:
    import html2text

    h = html2text.HTML2Text()
    # plain reading text: no link targets, no images, no line wrapping, unicode kept
    h.ignore_links, h.ignore_images, h.ignore_emphasis = True, True, True
    h.body_width, h.unicode_snob = 0, True
    return h.handle(html)


RENDERERS = {"inscriptis": _inscriptis, "html2text": _html2text}


def decoded(html: bytes) -> str:
    from curator.clean.text import decode

    try:
        return decode(html)
    except ValueError:
        return html.decode("utf-8", errors="replace")


def render(html: bytes) -> dict[str, str]:
    """The page rendered by every renderer; a renderer that fails on a page gives ""."""
    text = decoded(html)
    out = {}
    for name, renderer in RENDERERS.items():
        try:
            out[name] = renderer(text)
        except Exception:
            out[name] = ""
    return out
