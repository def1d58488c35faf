"""URL canonicalisation shared by every stage.

courlan does the generic work (case, default ports, tracking parameters, sorted query);
on top of it news needs: one scheme, no ``www.``/mobile/AMP variants, no fragment, no
trailing slash, and mirror domains folded into one host. Canonical forms are keys only:
records keep URLs as the page gave them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

# Host prefixes that serve the same page as the bare host.
_VARIANT_HOST = re.compile(r"^(?:www\d*|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp(?=/|$)|\.amp(?=$|\.html?$))")
_AMP_PARAMS = {"amp", "outputtype", "output"}
_EXTRA_TRACKING = re.compile(r"^(?:utm_|mc_|pk_|hsa_|itm_|_ga|_gl|ref$|ref_src$|cmpid$|ocid$|smid$|s_cid$|fbclid$|gclid$|dclid$|msclkid$|yclid$|igshid$)")
_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", re.I)


def host_of(url: str | None) -> str | None:
    """Host without port, lower case, without www./m./amp. prefixes."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return _VARIANT_HOST.sub("", host.lower()) if host else None


def looks_like_domain(text: str) -> bool:
    return bool(_BARE_DOMAIN.match(text.strip().rstrip("/")))


def _clean_query(query: str) -> str:
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if not _EXTRA_TRACKING.match(k.lower()) and not (k.lower() in _AMP_PARAMS and v.lower() in {"", "1", "amp", "true"})
    ]
    return urlencode(sorted(pairs))


def canonicalise(url: str | None, mirrors: Mapping[str, str] | None = None) -> str | None:
    """The key form of ``url``; ``mirrors`` maps a mirror host to its main host."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if "//" not in url:
        url = f"https://{url}"
    try:
        url = courlan.normalize_url(url, trailing_slash=False)
        parts = urlsplit(url)
    except (ValueError, TypeError):
        return None
    host = host_of(url)
    if not host:
        return None
    host = (mirrors or {}).get(host, host)
    path = _AMP_PATH.sub("", parts.path).rstrip("/") or ""
    return urlunsplit(("https", host, path, _clean_query(parts.query), ""))


def mirror_map(groups: Mapping[str, list[str]]) -> dict[str, str]:
    """``{"main.example": ["mirror.example"]}`` to ``{"mirror.example": "main.example"}``."""
    out: dict[str, str] = {}
    for main, mirrors in groups.items():
        for mirror in mirrors:
            out[host_of(mirror) or mirror] = host_of(main) or main
    return out
