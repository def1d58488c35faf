"""HTML chrome removed before extraction is reported too, under the rule that removed it."""

from __future__ import annotations

import subprocess
import sys

from curator.clean import clean_html

BODY = "".join(
    f"<p>The harbour board met on Monday and agreed paragraph {i} of the new ferry plan, "
    "which residents had asked for since the spring floods closed the old pier.</p>"
    for i in range(6)
)
PAGE = f"""<html><head><title>Ferry plan agreed</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry plan agreed</h1>
<figure><img src="a.jpg"><figcaption>The old pier. <span class="credit">Foto: Anna Berg/dpa</span></figcaption></figure>
{BODY}
<div class="share-tools">Share this article Facebook Twitter</div></article>
<footer>© 2026 Harbour News. All rights reserved.</footer></body></html>"""


def test_dom_removals_are_explained_with_their_rule():
    result = clean_html(PAGE)
    rules = {r.rule: r.text for r in result.removed}
    assert rules["dom-nav"] == "Home News Sport"
    assert rules["dom-figcaption"].startswith("The old pier.")
    assert "Share this article" in rules["dom-share"]
    assert rules["dom-footer"].startswith("© 2026")
    assert "Share this article" not in result.text and "Home News Sport" not in result.text


def test_credit_element_loses_its_label():
    assert clean_html(PAGE).metadata["image_credits"] == ["Anna Berg/dpa"]


def test_explain_output_survives_a_closed_pipe(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    cmd = f"{sys.executable} -m curator clean {page} --explain | head -1"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    assert proc.stdout.startswith("dom-") and "Traceback" not in proc.stderr
