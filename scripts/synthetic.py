"""Generated news pages for benchmarks: realistic chrome around made-up article text.

Not a test fixture: the text is random sentences from a small vocabulary, good enough to
exercise extraction, language identification and deduplication at any size.
"""

from __future__ import annotations

import random

SUBJECTS = ["The council", "The minister", "Residents", "The company", "Local officials", "The union",
            "Researchers", "The mayor", "Investors", "Health workers", "The court", "Farmers"]  # fmt: skip
VERBS = [
    "announced",
    "rejected",
    "debated",
    "approved",
    "criticised",
    "welcomed",
    "delayed",
    "proposed",
]
OBJECTS = ["a new plan for the harbour", "the budget for next year", "changes to the bus network",
           "a report on river pollution", "higher fees for parking", "the merger of two hospitals",
           "a review of school meals", "plans for a wind farm", "new rules for short-term rentals"]  # fmt: skip
TAILS = ["on Tuesday", "after a long meeting", "despite strong protests", "in a statement",
         "according to people familiar with the talks", "for the second time this year"]  # fmt: skip
SITES = [f"site{i}.example" for i in range(20)]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def page(i: int, seed: int = 0) -> tuple[str, str]:
    """(url, html) of generated page ``i``: same ``i`` and ``seed``, same page."""
    rng = random.Random(seed * 1_000_003 + i)
    site = rng.choice(SITES)
    title = sentence(rng).rstrip(".")
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(6, 12)))
    url = f"https://www.{site}/news/2026/03/{i % 28 + 1:02d}/story-{i}"
    html = f"""<!doctype html><html lang="en"><head><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="2026-03-{i % 28 + 1:02d}T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/news">News</a> › Local</div>
<article><h1>{title}</h1><p class="byline">By Jane Doe and John Roe</p>
<div class="share">Share this article Facebook Twitter Email</div>
<figure><img src="/a.jpg"><figcaption>A street in the city centre. (Photo by AFP)</figcaption></figure>
{body}<div class="related"><h3>Related</h3><ul><li><a href="/x">{sentence(rng)}</a></li></ul></div></article>
<div class="newsletter">Sign up for our newsletter to get the news every morning.</div>
<footer>© 2026 {site}. All rights reserved.</footer></body></html>"""
    return url, html


def write_jsonl(path, n: int, seed: int = 0, copies: float = 0.05) -> int:
    """``n`` generated pages as curator JSONL (``html``, ``url``, ``fetched_at``), with about
    ``copies`` of them repeated later under another URL (syndicated copies for dedup)."""
    import json

    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            url, html = page(i, seed)
            if i and rng.random() < copies:  # a copy of an earlier page on another site
                j = rng.randrange(i)
                html = page(j, seed)[1]
                url = f"https://www.copies.example/syndicated/{j}-{i}"
            row = {"html": html, "url": url, "fetched_at": "2026-04-01T00:00:00Z"}
            fh.write(json.dumps(row) + "\n")
            written += 1
    return written
