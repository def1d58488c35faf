"""The seed page: the body is exactly the article, and the chrome's information is kept."""

from pathlib import Path

from curator.clean import clean_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_seed_body_is_exactly_the_article():
    cleaned = clean_text((FIXTURES / "seed-presstv.txt").read_bytes())
    expected = (FIXTURES / "seed-presstv.expected.txt").read_text("utf-8").strip()
    assert cleaned.rejected is None
    assert cleaned.text == expected
    assert cleaned.text.startswith("Russian President Vladimir Putin and his American counterpart")
    assert cleaned.text.endswith("will really need personal meetings.”")
    assert "\n\nTrump, Putin didn't want to 'stop'\n\n" in cleaned.text
    assert "(Photo by" not in cleaned.text and "\u00a0" not in cleaned.text


def test_seed_metadata_from_the_chrome():
    meta = clean_text((FIXTURES / "seed-presstv.txt").read_bytes()).metadata
    assert meta["title"] == "Putin, Trump talk various issues in 1st first face-to-face meeting"
    assert meta["section"] == ["News", "Foreign Policy", "Russia"]
    assert "Reuters" in meta["image_credits"]
    assert "www.presstv.co.uk" in meta["alternate_urls"]


def test_seed_explain_names_a_rule_per_removed_line():
    removed = {
        r.text: r.rule for r in clean_text((FIXTURES / "seed-presstv.txt").read_bytes()).removed
    }
    assert removed["SHARE THIS ARTICLE"] == "share-prompt"
    assert removed["www.presstv.co.uk"] == "mirror-notice"
    assert removed["News / Foreign Policy / Russia"] == "breadcrumbs"
