"""Bad input gives a clear reason per document (.rejected): never an exception, never a
silently empty body, never a hang."""

import re
import time

import pytest

from curator.clean import clean_html, clean_text, html
from curator.timeout import PageTimeout, time_bound

ARTICLE = (
    "<p>"
    + " ".join(["The council approved the harbour budget after a long and heated debate."] * 3)
    + "</p>"
)
PAGE = (
    f"<html><head><title>Budget</title></head><body><article>{ARTICLE * 4}</article></body></html>"
)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n ", "empty"), (bytes(range(256)) * 40, "binary|undecodable"), (b"\x00\x01\x02" * 1000, "binary"),
    ("x" * 20_000_001, "too large"), (b"<p>Read more</p>", "no article text"),
    ("<html><body><ul>" + "<li><a href='/a'>Headline of a story</a></li>" * 50 + "</ul></body></html>", "article"),
])  # fmt: skip
def test_html_bad_input_is_rejected_with_a_reason(data, reason):
    cleaned = clean_html(data)
    assert cleaned.rejected and re.search(reason, cleaned.rejected) and cleaned.text == ""


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"\x00\xff" * 3000, "binary|undecodable"), ("word " * 1_000_000, "too large"), ("Menu\nHome\nContact", "article"),
])  # fmt: skip
def test_text_bad_input_is_rejected_with_a_reason(data, reason):
    cleaned = clean_text(data)
    assert cleaned.rejected and re.search(reason, cleaned.rejected)


def test_non_utf8_is_decoded_not_rejected():
    cleaned = clean_html(PAGE.replace("council", "conseil général élu").encode("cp1252"))
    assert cleaned.rejected is None and "général" in cleaned.text


@pytest.mark.parametrize("markup", [
    "<div>" * 50_000 + ARTICLE * 4 + "</div>" * 50_000,  # deeply nested
    "<html><body><p>" + ARTICLE * 4 + "<table><tr><td><p><b><i>unclosed" * 200,  # malformed
    "<<<>>><p>" + ARTICLE + "</div></div></html></p><!-- unterminated",
])  # fmt: skip
def test_pathological_markup_never_raises(markup):
    start = time.monotonic()
    cleaned = clean_html(markup)
    assert time.monotonic() - start < 10
    assert cleaned.rejected or cleaned.text.strip()  # a body, or a reason: never silently empty


def test_a_slow_page_is_cut_off_by_the_time_bound(monkeypatch):
    monkeypatch.setattr(html, "extract", lambda *a, **k: time.sleep(5))
    start = time.monotonic()
    cleaned = clean_html(PAGE, timeout=0.2)
    assert time.monotonic() - start < 2
    assert cleaned.rejected and cleaned.rejected.startswith("timeout")


def test_a_crash_in_the_extractor_becomes_a_reason(monkeypatch):
    monkeypatch.setattr(html, "extract", lambda *a, **k: 1 / 0)
    assert "ZeroDivisionError" in clean_html(PAGE).rejected


def test_time_bound_restores_an_outer_timer():
    import signal

    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_bound(5):
            pass
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.5
        with pytest.raises(PageTimeout), time_bound(0.05):
            time.sleep(1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
