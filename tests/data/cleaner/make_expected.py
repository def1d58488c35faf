"""Writes expected/*.json and manifest.json for the hand-written plain-text pages in pages/.

Each page's body is the paragraphs from ``first`` to ``last`` (line prefixes), without the
lines listed in ``drop`` (ads, topic chips); the other fields are the labels, written by hand.

    .venv/bin/python tests/data/cleaner/make_expected.py
"""

from __future__ import annotations

import json
from pathlib import Path

BASE = Path(__file__).resolve().parent
EMPTY = {
    "tags": [],
    "image_credits": [],
    "alternate_urls": [],
    "license": None,
    "canonical_url": None,
}

PAGES = {
    "fenwick-gazette-bridge-repairs": dict(
        url="https://www.fenwickgazette.example/news/transport/old-swing-bridge-closure-repairs",
        fetched_at="2026-04-14T08:00:00Z", site="The Fenwick Gazette", language="en",
        first="The Old Swing Bridge across", last="Traders on the eastern side", drop=[],
        title="Old Swing Bridge to shut for six months of repairs", authors=["Eleanor Pike"],
        published="2026-04-13T17:40:00Z", modified=None, section=["News", "Transport"],
        description="Engineers found corrosion in the 1890s structure during a routine inspection last autumn",
    ),
    "kestrel-valley-housing-target": dict(
        url="https://kestrelvalleytimes.example/politics/council-misses-housing-target-a81234",
        fetched_at="2026-04-16T12:00:00Z", site="Kestrel Valley Times", language="en",
        first="Kestrel Valley council has missed", last="The council said it would publish", drop=[],
        title="Council misses housing target for third year running", authors=[],
        published=None, modified="2026-04-16T10:00:00Z", section=["Politics"],
        tags=["Housing", "Planning", "Kestrel Valley council"],
        description="Only 312 new homes were completed in the valley last year, against a target of 540",
    ),
    "courrier-collines-cantine-bio": dict(
        url="https://www.courrierdescollines.example/societe/education/cantines-100-bio-rentree-2026",
        fetched_at="2026-04-09T07:00:00Z", site="Le Courrier des Collines", language="fr",
        first="Les quatorze écoles primaires", last="Certains parents d'élèves", drop=[],
        title="Les cantines de la vallée passent au 100 % bio à la rentrée", authors=["Mathilde Roux"],
        published="2026-04-08T16:20:00Z", modified=None, section=["Société", "Éducation"], description=None,
    ),
    "talblick-buergerbus": dict(
        url="https://www.talblick-morgenpost.example/lokales/talstadt/buergerbus-abends-art-20417",
        fetched_at="2026-04-13T06:00:00Z", site="Talblick Morgenpost", language="de",
        first="Der Bürgerbus in Talstadt", last="Die Fahrt kostet weiterhin", drop=[],
        title="Bürgerbus soll ab Juni auch abends fahren", authors=["Katrin Albers"],
        published="2026-04-12T17:05:00Z", modified=None, section=["Lokales", "Talstadt"],
        tags=["Talstadt", "Nahverkehr", "Ehrenamt"],
        description="Der Verein sucht dafür zehn weitere ehrenamtliche Fahrerinnen und Fahrer",
    ),
    "ribera-alquiler-jovenes": dict(
        url="https://www.diariolaribera.example/vivienda/ayudas-alquiler-jovenes-menores-35_5521.html",
        fetched_at="2026-04-15T12:00:00Z", site="Diario La Ribera", language="es",
        first="El Ayuntamiento de La Ribera abrirá", last="Las asociaciones juveniles", drop=[],
        title="El ayuntamiento ofrecerá ayudas al alquiler para menores de 35 años",
        authors=["Irene Castaño"], published=None, modified="2026-04-15T09:00:00Z", section=[],
        tags=["Vivienda", "Alquiler", "Jóvenes"],
        description="Las ayudas cubrirán hasta el 40 % de la renta durante dos años",
    ),
    "bayside-chronicle-clinic-waits": dict(
        url="https://www.baysidechronicle.example/health/walk-in-clinic-waits-four-hours",
        fetched_at="2026-04-11T15:00:00Z", site="Bayside Chronicle", language="en",
        first="Patients at Bayside's only", last="The authority plans to open", drop=[],
        title="Walk-in clinic waits top four hours as staff shortages bite",
        authors=["Priya Natarajan"], published="2026-04-10T18:15:00Z",
        modified="2026-04-11T09:00:00Z", section=["Health"], description=None,
    ),
    "ashcombe-weekly-market-hall": dict(
        url="https://ashcombeweekly.example/news/market-hall-reopens",
        fetched_at="2026-04-11T09:00:00Z", site="Ashcombe Weekly", language="en",
        first="The Victorian market hall", last="The town council hopes",
        drop=["Advertisement", "Town centre", "Heritage", "Shopping"],
        title="Market hall reopens after two-year restoration", authors=[],
        published="2026-04-09T00:00:00Z", modified=None, section=[],
        tags=["Market hall", "Heritage"], description=None,
    ),
    "pinewood-post-cricket-pavilion": dict(
        url="https://www.pinewoodpost.example/sport/cricket/club-raises-80000-new-pavilion",
        fetched_at="2026-04-12T10:00:00Z", site="The Pinewood Post", language="en",
        first="Pinewood Cricket Club has raised", last="The fire in September 2024", drop=[],
        title="Village cricket club raises £80,000 for new pavilion", authors=["Tom Reyes", "Ana Sousa"],
        published=None, modified="2026-04-12T09:15:00Z", section=["Sport", "Cricket"],
        description="The old timber clubhouse was destroyed by fire in 2024",
    ),
}  # fmt: skip


def body(lines: list[str], first: str, last: str, drop: list[str]) -> str:
    start = next(i for i, p in enumerate(lines) if p.startswith(first))
    end = next(i for i, p in enumerate(lines) if p.startswith(last))
    return "\n\n".join(p for p in lines[start : end + 1] if p not in drop)


def main() -> None:
    manifest = {"name": "cleaner-text-pages", "pages": []}
    for name, spec in PAGES.items():
        spec = dict(spec)
        paras = [
            p.strip() for p in (BASE / "pages" / f"{name}.txt").read_text("utf-8").split("\n\n")
        ]
        text = body([p for p in paras if p], spec.pop("first"), spec.pop("last"), spec.pop("drop"))
        url, fetched, site = spec.pop("url"), spec.pop("fetched_at"), spec.pop("site")
        expected = {"is_article": True, "text": text, **EMPTY, "site_name": site, **spec}
        (BASE / "expected" / f"{name}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        manifest["pages"].append({
            "id": f"cleaner/{name}.txt", "file": f"pages/{name}.txt", "url": url, "fetched_at": fetched,
            "site": site, "form": "text", "expected": f"expected/{name}.json", "language": spec["language"],
            "kind": "article", "holdout": False, "duplicate_of": None,
        })  # fmt: skip
    (BASE / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )


if __name__ == "__main__":
    main()
