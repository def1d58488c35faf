"""URL canonicalisation shared by every stage.

courlan does the generic work (case, default ports, sorted query); on top of it news
needs: one scheme, no ``www.``/mobile/AMP variants, no tracking parameters, no fragment,
no trailing slash, and mirror domains folded into one host. Canonical forms are keys only:
records keep URLs as the page gave them.

courlan's own ``strict`` mode is not used: it also drops query parameters that carry the
article id on many news CMSs (``?storyid=``, ``?article=``, ``?q=``), which would merge
different articles into one key. We drop a list of known tracking parameters instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

# Host prefixes that serve the same page as the bare host.
_VARIANT_HOST = re.compile(r"^(?:www\d*|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp(?=/|$)|\.amp(?=$|\.html?$))")
_AMP_PARAMS = {"amp", "outputtype", "output", "_amp"}
_TRACKING = re.compile(
    r"^(?:utm_|mc_|pk_|hsa_|itm_|at_|_ga|_gl|__twitter|fb_|ga_|vero_|oly_|wt\.|"
    r"(?:ref|ref_src|ref_url|cmp|cmpid|ocid|smid|smtyp|s_cid|fbclid|gclid|gclsrc|dclid|"
    r"msclkid|yclid|igshid|twclid|ttclid|li_fat_id|mkt_tok|ncid|spm|share|sr_share|"
    r"rss|src|from|via|xtor|guccounter|guce_referrer|guce_referrer_sig|phpsessid|"
    r"sessionid|jsessionid|cid|icid|intcmp|partner|campaign_id|soc_src|soc_trk)$)"
)
_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", re.I)
_DEFAULT_PORTS = {None, 80, 443}


def host_of(url: str | None) -> str | None:
    """Host without port, lower case, without www./m./amp. prefixes."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return _VARIANT_HOST.sub("", host.lower().rstrip(".")) if host else None


def looks_like_domain(text: str) -> bool:
    return bool(_BARE_DOMAIN.match(text.strip().rstrip("/")))


def _is_amp_flag(key: str, value: str) -> bool:
    return key in _AMP_PARAMS and value.lower() in {"", "1", "amp", "true"}


def _clean_query(query: str) -> str:
    pairs = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        low = key.lower()
        if not _TRACKING.match(low) and not _is_amp_flag(low, value):
            pairs.append((key, value))
    return urlencode(sorted(pairs))


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:  # a port that is not a number: treat the URL as broken
        raise ValueError(f"bad port in {parts.netloc!r}") from None


def canonicalise(url: str | None, mirrors: Mapping[str, str] | None = None) -> str | None:
    """The key form of ``url``; ``mirrors`` maps a mirror host to its main host.

    A bare domain ("www.presstv.co.uk") is read as ``https://presstv.co.uk``. Returns None
    for anything that has no usable host.
    """
    if not url or not url.strip():
        return None
    url = url.strip()
    if "//" not in url:
        url = f"https://{url}"
    try:
        url = courlan.normalize_url(url, trailing_slash=False)
        parts = urlsplit(url)
        port = _port(parts)
    except (ValueError, TypeError):
        return None
    host = host_of(url)
    if not host:
        return None
    host = (mirrors or {}).get(host, host)
    if port not in _DEFAULT_PORTS:  # a non-default port can be a different site
        host = f"{host}:{port}"
    path = _AMP_PATH.sub("", parts.path).rstrip("/")
    return urlunsplit(("https", host, path, _clean_query(parts.query), ""))


def pick_canonical(url: str | None, declared: str | None) -> str | None:
    """The address to key a page by: what the page declares (rel=canonical / og:url) or its URL.

    A declared canonical that is only a site's home page while the page itself has a path is
    a common CMS mistake; trusting it would merge every article of the site into one key.
    """
    if not declared:
        return url
    if url and _is_home(declared) and not _is_home(url):
        return url
    return declared


def _is_home(url: str) -> bool:
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
    except ValueError:
        return False
    return parts.path.strip("/") == "" and not parts.query


def mirror_map(groups: Mapping[str, list[str]]) -> dict[str, str]:
    """``{"main.example": ["mirror.example"]}`` to ``{"mirror.example": "main.example"}``."""
    out: dict[str, str] = {}
    for main, mirrors in groups.items():
        for mirror in mirrors:
            out[host_of(mirror) or mirror] = host_of(main) or main
    return out


def learn_mirrors(
    pages: Iterable[tuple[str | None, Iterable[str]]], known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Mirror hosts learned from alternate-address notices.

    ``pages`` yields ``(page_url, alternate_urls)``; every bare domain among the alternates
    (the cleaner puts notices such as "also at www.presstv.co.uk" there) is taken to serve
    the same pages as the page's own host. ``known`` (spec mirrors and mirrors learned
    earlier) wins: a host that is already mapped keeps its main host, so keys computed in
    earlier versions stay valid. Returns the combined map.
    """
    out = dict(known or {})
    mains = set(out.values())
    for page_url, alternates in pages:
        page_host = host_of(page_url)
        if not page_host:
            continue
        main = out.get(page_host, page_host)
        for alt in alternates or ():
            if not looks_like_domain(alt):
                continue  # a full alternate URL is one page, not a whole mirror site
            alt_host = host_of(alt)
            # A host that is already a main host or a mirror keeps its mapping, so keys
            # written by earlier versions stay valid.
            if alt_host and alt_host != main and alt_host not in out and alt_host not in mains:
                out[alt_host] = main
                mains.add(main)
    return out
