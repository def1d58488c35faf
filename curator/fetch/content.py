"""Content-type checks and charset detection for pages whose declared encoding is wrong."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# WHATWG: browsers read these labels as windows-1252, and so do pages that declare them.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_CHAOS_MARGIN = 0.05
# The WHATWG Encoding Standard's legacy single- and multi-byte encodings (Python codec names):
# what browsers can decode, so what real pages use. charset-normalizer also offers DOS and
# Mac code pages (cp775, mac_latin2) that fit short Western text as well as cp1252 does.
WEB_ENCODINGS = {
    *(f"cp{n}" for n in (866, 874, *range(1250, 1259))),
    *(f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    "koi8_r",
    "koi8_u",
    "mac_roman",
    "mac_cyrillic",
    "gbk",
    "gb18030",
    "big5",
    "euc_jp",
    "iso2022_jp",
    "shift_jis",
    "euc_kr",
    "utf_16",
}


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def accepts(content_type: str, accept: tuple[str, ...] | None) -> bool:
    """Whether a response's Content-Type is one the caller asked for. A missing type is let
    through: many servers omit it, and the parsers downstream refuse what they cannot read."""
    kind = media_type(content_type)
    if accept is None or not kind:
        return True
    return any(
        kind == a
        or (a.endswith("/*") and kind.startswith(a[:-1]))
        or kind.endswith("+" + a.rsplit("/", 1)[-1])
        for a in accept
    )


def _known(label: str | None) -> str | None:
    if not label:
        return None
    label = _WHATWG_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str) -> str | None:
    """The charset the header declares, else the one a <meta> in the first bytes declares."""
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    if match and _known(match.group(1)):
        return _known(match.group(1))
    meta = _META_CHARSET.search(body[:4096])
    return _known(meta.group(1).decode("ascii", "ignore")) if meta else None


def decode_body(body: bytes, content_type: str = "") -> tuple[str, str]:
    """(text, encoding used). The declaration is trusted only when the bytes decode cleanly
    with it; otherwise charset-normalizer guesses from the bytes themselves."""
    candidates = [declared_charset(body, content_type), "utf-8"]
    for encoding in filter(None, candidates):
        try:
            return body.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    encoding = _guess(body) or "cp1252"
    return body.decode(encoding, errors="replace"), encoding


def _guess(body: bytes) -> str | None:
    """charset-normalizer's pick among near-equally clean decodings is close to arbitrary on
    short pages (it reads French cp1252 as Baltic cp1257), so among web encodings within a small
    chaos margin take the best language fit, and on a tie windows-1252, the web's usual one."""
    matches = list(charset_normalizer.from_bytes(body))
    matches = [m for m in matches if m.encoding in WEB_ENCODINGS] or matches
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least_chaos + _CHAOS_MARGIN]
    best = max(close, key=lambda m: (round(m.coherence, 2), "cp1252" in m.could_be_from_charset))
    return _known(best.encoding)
