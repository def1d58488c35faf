"""Text normalisation shared by every stage; applied before hashing so equal text hashes equal."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.chardata import CONTROL_CHARS

# Every Unicode space separator except the plain space, plus zero-width characters that
# scrapers leave between words.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MULTI_SPACE = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")
_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


MAX_FIX_PASSES = 3
# ASCII characters some ftfy fix with our settings could change (line breaks, terminal
# escapes, control characters); printable ASCII, "\n" and "\t" pass through ftfy unchanged.
_ASCII_FIXABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _badness_chars() -> re.Pattern[str]:
    """Runs of the non-ASCII characters ftfy's badness expression names: every alternative of
    it matches at least one of them, so text without any is never "bad"."""
    chars = {
        c for c in map(chr, range(0x80, 0x10000))
        if not 0xD800 <= ord(c) <= 0xDFFF and _IN_BADNESS.search(c)
    }  # fmt: skip
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")


# ftfy's badness expression, with "^" also matching at line starts (ftfy checks line by line)
_BAD = re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)
# Any character the expression names, literally or in a class (x-flag: spaces are ignored).
_IN_BADNESS = re.compile(
    "[" + "".join(re.escape(c) for c in set(BADNESS_RE.pattern) if ord(c) > 0x7F) + "]"
    + "|[" + "".join(
        f"{re.escape(v)}" for v in MOJIBAKE_CATEGORIES.values()
    ).replace("\\-", "-") + "]"
)  # fmt: skip
_BADNESS_CHARS: re.Pattern[str] | None = None
_REACH = 8  # the longest match of the expression is 7 characters
# What ftfy's other fixes with our settings act on: C1 and other control characters, line
# breaks other than "\n", surrogates, terminal escapes.
_OTHER_FIXABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\r\u2028\u2029\ud800-\udfff"
    + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS))
    + "]"
)


def looks_broken(text: str) -> bool:
    """ftfy's ``is_bad`` (a badness match on some line), checked only around the characters
    that can take part in a match: text without them (most text) costs one C scan. Never
    False where ftfy would find a match; may be True where it would not (then ftfy decides)."""
    global _BADNESS_CHARS
    if _BADNESS_CHARS is None:
        _BADNESS_CHARS = _badness_chars()
    end = -1
    start = 0
    for m in _BADNESS_CHARS.finditer(text):
        s, e = max(0, m.start() - _REACH), m.end() + _REACH
        if s > end:
            if end >= 0 and _BAD.search(text, start, end):
                return True
            start = s
        end = e
    return end >= 0 and bool(_BAD.search(text, start, end))


def fix_encoding(text: str) -> str:
    """Repair mojibake (UTF-8 read as cp1252 and the like) without touching anything else."""
    if text.isascii() and not _ASCII_FIXABLE.search(text):
        return text  # ASCII is never mojibake, and no other fix applies: skip ftfy (~50 us)
    if not _OTHER_FIXABLE.search(text) and not looks_broken(text):
        # Nothing ftfy (with these settings) would change: no mojibake match on any line and
        # no character its other fixes act on. ftfy's own check costs ~3 ms on a long page.
        return text
    return ftfy.fix_text(
        text,
        unescape_html=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        normalization=None,
    )


def normalise_line(line: str) -> str:
    if line.isascii() and not _ASCII_CONTROLS.search(line):
        # Nothing for the first three patterns to do (they only match non-ASCII and control
        # characters): the common case, done without them.
        return (_MULTI_SPACE.sub(" ", line) if "  " in line else line).strip()
    line = _ZERO_WIDTH.sub("", line)
    line = _ODD_SPACES.sub(" ", line)
    line = _CONTROL.sub("", line)
    return _MULTI_SPACE.sub(" ", line).strip()


def normalise_text(text: str) -> str:
    """Mojibake repaired, NFC, odd spaces to plain ones, no control characters, paragraphs
    separated by exactly one blank line, no leading or trailing spaces on any line.

    Idempotent: removing a control character can join two characters into something ftfy
    reads as mojibake, so the steps repeat (a bounded number of times) until stable."""
    for _ in range(MAX_FIX_PASSES):
        normalised = _normalise_once(text)
        if normalised == text:
            break
        text = normalised
    return text


def _normalise_once(text: str) -> str:
    # Paragraph separators first: ftfy's line-break fix would fold U+2029 into a single "\n".
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    text = unicodedata.normalize("NFC", fix_encoding(text))
    lines = [normalise_line(line) for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs of normalised text, one per line or blank-separated block."""
    return [p for p in (normalise_line(x) for x in text.split("\n")) if p]


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(p for p in paras if p)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text, flags=re.UNICODE)
