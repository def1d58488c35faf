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


def _links(rng: random.Random, n: int, prefix: str) -> str:
    return "".join(
        f'<li class="menu-item"><a href="/{prefix}/{k}" class="menu-link">{rng.choice(OBJECTS).title()}</a></li>'
        for k in range(n)
    )


def _script(rng: random.Random, size: int) -> str:
    """Inline JavaScript of about ``size`` characters (trackers, ad slots, app state)."""
    parts, total = [], 0
    while total < size:
        k = rng.randrange(10**6)
        part = (
            f"window.dataLayer=window.dataLayer||[];dataLayer.push({{'event':'pv','id':{k},"
            f"'slot':'ad-{k % 97}','section':'news'}});function f{k}(a,b){{return a*{k % 13}+b;}}\n"
        )
        parts.append(part)
        total += len(part)
    return "".join(parts)


def heavy_page(i: int, seed: int = 0) -> tuple[str, str]:
    """(url, html) of a generated page like a real news page (~40-80 KB): a big menu and
    footer, JSON-LD, inline scripts and styles, a related-stories grid, a cookie banner
    and comments around a longer article."""
    rng = random.Random(seed * 1_000_003 + i + 7_777_777)
    site = rng.choice(SITES)
    title = sentence(rng).rstrip(".")
    day = f"2026-03-{i % 28 + 1:02d}"
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(10, 22)))
    teasers = "".join(
        f'<div class="teaser"><a href="/news/{k}"><img src="/t{k}.jpg"><h4>{sentence(rng)}</h4></a>'
        f"<p>{sentence(rng)}</p></div>"
        for k in range(rng.randint(12, 24))
    )
    comments = "".join(
        f'<li class="comment"><span class="comment-author">reader{k}</span><p>{sentence(rng)}</p></li>'
        for k in range(rng.randint(5, 15))
    )
    style = "".join(
        f".c{k}{{margin:{k % 9}px;padding:{k % 5}px;color:#{k:06x}}}" for k in range(300)
    )
    ld = (
        '{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":"{title}","datePublished":"{day}T08:00:00Z","dateModified":"{day}T09:30:00Z",'
        '"author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],'
        f'"publisher":{{"@type":"Organization","name":"{site}","logo":{{"@type":"ImageObject","url":"https://www.{site}/logo.png"}}}},'
        f'"articleSection":"News","keywords":"council,harbour,budget","mainEntityOfPage":"https://www.{site}/news/{i}"}}'
    )
    url = f"https://www.{site}/news/2026/03/{i % 28 + 1:02d}/heavy-story-{i}"
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="description" content="{sentence(rng)}"><meta name="viewport" content="width=device-width">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="og:type" content="article"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="{day}T08:00:00Z"><link rel="canonical" href="{url}">
<style>{style}</style><script>{_script(rng, rng.randint(8000, 20000))}</script>
<script type="application/ld+json">{ld}</script></head><body>
<div id="cookie-banner" class="cookie-banner">We use cookies to improve your experience. Accept all cookies or manage settings.</div>
<header class="site-header"><div class="logo"><a href="/">{site}</a></div>
<nav class="main-menu"><ul>{_links(rng, rng.randint(60, 140), "section")}</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/news">News</a> › Local</div>
<main><article><h1>{title}</h1><p class="byline">By Jane Doe and John Roe</p>
<div class="share">Share this article Facebook Twitter Email</div>
<figure><img src="/a.jpg"><figcaption>A street in the city centre. (Photo by AFP)</figcaption></figure>
{body}<div class="ad-slot"><script>{_script(rng, 1500)}</script>Advertisement</div>
<div class="related"><h3>Related</h3>{teasers}</div></article>
<section class="comments"><h3>Comments</h3><ul>{comments}</ul></section></main>
<aside class="most-read"><h3>Most read</h3><ol>{_links(rng, 10, "top")}</ol></aside>
<div class="newsletter">Sign up for our newsletter to get the news every morning.</div>
<footer><ul>{_links(rng, rng.randint(40, 90), "about")}</ul><p>© 2026 {site}. All rights reserved.</p></footer>
<script>{_script(rng, rng.randint(4000, 12000))}</script></body></html>"""
    return url, html


def write_jsonl(path, n: int, seed: int = 0, copies: float = 0.05, heavy: bool = False) -> int:
    """``n`` generated pages as curator JSONL (``html``, ``url``, ``fetched_at``), with about
    ``copies`` of them repeated later under another URL (syndicated copies for dedup)."""
    import json

    make = heavy_page if heavy else page
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            url, html = make(i, seed)
            if i and rng.random() < copies:  # a copy of an earlier page on another site
                j = rng.randrange(i)
                html = make(j, seed)[1]
                url = f"https://www.copies.example/syndicated/{j}-{i}"
            row = {"html": html, "url": url, "fetched_at": "2026-04-01T00:00:00Z"}
            fh.write(json.dumps(row) + "\n")
            written += 1
    return written
