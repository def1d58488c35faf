"""`curator report`: one self-contained HTML page of charts (inline SVG from matplotlib, no
script, nothing fetched), opened in a real headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by selenium): the charts are drawn and the console is clean. The
card's chart pictures are drawn by `report --card-assets` (and `push`), never by a build."""

from __future__ import annotations

import io
import re
import shutil
import warnings
from pathlib import Path

import pytest

from curator.cli import main
from curator.layout import Layout
from curator.report import collect, render_html, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
CHARTS = ["versions", "languages", "hosts", "published", "words", "rejects", "duplicates", "fetch", "quality"]  # fmt: skip


def test_report_is_one_self_contained_page(sample_copy, tmp_path):
    out = tmp_path / "r.html"
    assert main(["report", str(sample_copy), "--out", str(out), "-q"]) == 0
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == len(CHARTS)
    for chart in CHARTS:
        assert f'<figure id="{chart}">' in page
    # nothing to fetch: no script, no stylesheet or image from elsewhere
    assert "<script" not in page and "<link" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<h2>Failures of the latest run</h2>" in page


def test_report_default_path_and_version(sample_copy):
    assert main(["report", str(sample_copy), "--version", "v1.0.0", "-q"]) == 0
    assert Layout(sample_copy).report_page.is_file()
    assert main(["report", str(sample_copy), "--version", "v9.9.9", "-q"]) == 2


def test_report_data_from_the_run_reports(built_sample):
    data = collect(built_sample)
    assert sum(data.languages.values()) == data.version["stats"]["rows"]
    assert data.rejects and data.duplicates  # from the version's rejects/duplicates reports
    assert data.run is not None and data.run["version"] == "v1.0.0"  # the run of issue 16
    assert len(data.words) == data.version["stats"]["rows"]


def test_report_failures_table(built_sample):
    data = collect(built_sample)
    data.failures = [
        {
            "host": "a.example",
            "count": 2,
            "first_url": "https://a.example/<x>",
            "error": "fetch failed: 503",
        }
    ]
    page = render_html(data)
    assert "<td>a.example</td><td>2</td><td>https://a.example/&lt;x&gt;</td>" in page


def test_card_assets_are_drawn_by_report_not_by_build(sample_copy):
    assert not Layout(sample_copy).assets.exists()  # a build draws nothing
    assert "![Languages]" not in (sample_copy / "README.md").read_text()
    assert main(["report", str(sample_copy), "--card-assets", "-q"]) == 0
    pngs = sorted(p.name for p in Layout(sample_copy).assets.iterdir())
    assert pngs == ["hosts.png", "languages.png", "published.png", "versions.png"]
    card = (sample_copy / "README.md").read_text()
    assert "![Languages](assets/languages.png)" in card
    assert main(["validate", str(sample_copy), "-q"]) == 0


def test_push_uploads_the_card_assets(built_sample):
    from curator.package.push import push

    result = push(built_sample, "org/news", dry_run=True)
    files = {f["path"] for c in result.commits for f in c["files"]}
    assert {"assets/languages.png", "assets/versions.png", "README.md"} <= files
    assert not Layout(built_sample).assets.exists()  # drawn for the push, not written locally


# -- in a real browser --------------------------------------------------------------------------
def _browser_missing() -> str | None:
    if not CHROMIUM or not DRIVER:
        return (
            "Chromium is not installed: `apt-get install chromium chromium-driver` (as root) to "
            "run the browser test of `curator report`; .ci/run installs them"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


@pytest.fixture
def browser():
    reason = _browser_missing()
    if reason:
        warnings.warn(UserWarning(f"browser test skipped: {reason}"), stacklevel=1)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1000,1400", "--force-device-scale-factor=1"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _drawn_fraction(png: bytes) -> float:
    """Share of the picture's pixels that are not the white background."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int32)
    return float((pixels.sum(axis=2) < 3 * 240).mean())


def test_report_in_headless_chromium(browser, sample_copy, tmp_path):
    from selenium.webdriver.common.by import By

    out = report(sample_copy, out=tmp_path / "report.html")
    browser.get(Path(out).as_uri())
    assert browser.title.endswith("curator report")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert _drawn_fraction(shot.read_bytes()) > 0.02  # the page shows more than background
    figures = browser.find_elements(By.CSS_SELECTOR, "figure svg")
    assert len(figures) == len(CHARTS)
    for chart in CHARTS:
        element = browser.find_element(By.CSS_SELECTOR, f"figure#{chart} svg")
        assert element.size["width"] > 300 and element.size["height"] > 100, chart
        browser.execute_script("arguments[0].scrollIntoView()", element)
        assert _drawn_fraction(element.screenshot_as_png) > 0.01, f"{chart}: nothing drawn"
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors
