"""Golden cases for the shared normalisation applied before hashing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator.normalise import join_paragraphs, normalise_line, normalise_text, paragraphs, words


def test_nbsp_and_odd_spaces_become_plain_spaces():
    assert normalise_text("a\u00a0b\u2009c\u202fd\u3000e") == "a b c d e"


def test_zero_width_and_soft_hyphen_removed():
    assert normalise_text("co\u200boperate\u00adly\ufeff") == "cooperately"


def test_mojibake_repaired():
    assert normalise_text("CafÃ© â€œquotedâ€\x9d") == "Café “quoted”"


def test_nfc():
    assert normalise_text("e\u0301te\u0301") == "\u00e9t\u00e9"


def test_control_characters_removed():
    assert normalise_text("a\x00b\x07c\x1bd\x7fe") == "abcde"


def test_paragraphs_separated_by_exactly_one_blank_line():
    assert (
        normalise_text("one\n\n\n\ntwo\r\n\r\nthree\n \n\t\nfour") == "one\n\ntwo\n\nthree\n\nfour"
    )


def test_no_trailing_or_leading_spaces():
    assert normalise_text("  one  \n\n two \t\n") == "one\n\ntwo"


def test_line_separators():
    assert normalise_text("a\u2029b\u2028c") == "a\n\nb\nc"


def test_helpers():
    assert normalise_line("  a \u00a0 b ") == "a b"
    assert paragraphs("a\n\n b \n\n\nc") == ["a", "b", "c"]
    assert join_paragraphs(["a", "", "b"]) == "a\n\nb"
    assert words("L'été, 2024!") == ["L", "été", "2024"]


@given(st.text())
def test_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\n\n\n" not in once
    assert all(line == line.strip() for line in once.split("\n"))
