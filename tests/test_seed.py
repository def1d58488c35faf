"""The seed page, a real scraped news page, comes out as the article alone."""

from __future__ import annotations

from conftest import FIXTURES

import curator

SEED = (FIXTURES / "seed-presstv.txt").read_bytes()


def test_seed_chrome_is_gone_and_told_as_metadata():
    result = curator.clean_text(SEED)
    assert result.rejected is None
    assert "SHARE THIS ARTICLE" not in result.text
    assert "alternate addresses" not in result.text and "presstv.co.uk" not in result.text
    assert "(Photo by Reuters)" not in result.text
    assert "\u00a0" not in result.text
    assert result.text.startswith("Russian President Vladimir Putin and his American counterpart")
    assert result.text.endswith("will really need personal meetings.”")
    assert "\n\nTrump, Putin didn't want to 'stop'\n\n" in result.text
    assert (
        result.metadata["title"]
        == "Putin, Trump talk various issues in 1st first face-to-face meeting"
    )
    assert result.metadata["section"] == ["News", "Foreign Policy", "Russia"]
    assert "Reuters" in result.metadata["image_credits"]
    assert "www.presstv.co.uk" in result.metadata["alternate_urls"]
    assert {r.rule for r in result.removed} >= {
        "breadcrumbs",
        "photo-caption",
        "mirror-notice",
        "share-prompt",
    }
