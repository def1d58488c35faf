"""The fast path of the precision-mode extraction gives what trafilatura's full cascade gives."""

import json
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
import trafilatura

from curator.clean import html as H

CORPUS = Path(__file__).resolve().parent.parent / "datasets" / "raw" / "news-sample"
PAGES = [
    p for p in json.loads((CORPUS / "manifest.json").read_text())["pages"] if p["form"] == "html"
]


def _full(tree, url):
    return trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, deduplicate=False,
        with_metadata=False, favor_precision=True,
    )  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=[p["file"] for p in PAGES])
def test_extract_equals_the_full_cascade(page):
    tree = H.parse((CORPUS / page["file"]).read_bytes())
    H.preclean(tree)
    got = H.extract(tree, page.get("url"), mode="precision")
    want = _full(tree, page.get("url"))
    assert (got.text if got else None) == (want.text if want else None)


def test_a_page_the_fast_path_misses_is_extracted_in_full(monkeypatch):
    # pages whose fast extraction is empty: readability finds their text
    calls = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs.get("fast", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(H.trafilatura, "bare_extraction", spy)
    misses = 0
    for page in PAGES:
        tree = H.parse((CORPUS / page["file"]).read_bytes())
        H.preclean(tree)
        calls.clear()
        H.extract(tree, page.get("url"), mode="precision")
        misses += calls == [True, False]
    assert misses >= 5  # the five el-faro-del-sur pages of the sample need the full cascade


def test_comparison_guard_refuses_short_minority_and_unclean_extractions():
    article = "A sentence of the article with enough words in it to be prose. " * 6
    body = lxml.html.fromstring(f"<div><p>{article}</p></div>")
    quick = SimpleNamespace(text=article, body=body)
    page = "<html><body><p>{}</p><div>{}</div><script>{}</script></body></html>"
    scripts = "var x = 1; " * 500  # not readable text: does not count
    assert H._comparison_cannot_change(quick, H.parse(page.format(article, "menu " * 10, scripts)))
    longer_page = H.parse(page.format(article, "other visible text " * 200, ""))
    assert not H._comparison_cannot_change(quick, longer_page)  # under half the page
    short = SimpleNamespace(
        text="Too short.", body=lxml.html.fromstring("<div><p>Too short.</p></div>")
    )
    assert not H._comparison_cannot_change(short, H.parse(page.format("Too short.", "", "")))
    unclean = SimpleNamespace(
        text=article, body=lxml.html.fromstring(f"<div><p>{article}</p><nav>x</nav></div>")
    )
    assert not H._comparison_cannot_change(unclean, H.parse(page.format(article, "", "")))
    tables = SimpleNamespace(
        text=article, body=lxml.html.fromstring(f"<div><p>{article}</p><table/><table/></div>")
    )
    assert not H._comparison_cannot_change(tables, H.parse(page.format(article, "", "")))
