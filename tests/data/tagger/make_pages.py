"""Writes the labelled tagger pages (pages/*.html) and their labels (labels.json).

Each page is written by hand below as a small spec: the markup pieces that carry metadata and
the values a careful reader would record. Run ``python tests/data/tagger/make_pages.py``
after editing. Pages flagged ``holdout`` were never looked at while tuning the tagger.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

BODY = {
    "en": [
        "The city council voted on Tuesday to approve a new budget that expands bus services across the northern districts, after months of debate over fares and routes.",
        "Officials said the plan would add forty buses by the end of next year and extend evening services on the busiest lines, which commuters have long complained about.",
        "Opposition members argued that the money would be better spent on repairing roads, many of which were damaged during the unusually harsh winter.",
        "The mayor defended the decision, saying that reliable public transport was the fastest way to cut traffic and pollution in the centre of the city.",
        "Local business groups welcomed the vote but asked for more detail on how the new routes would be chosen and when the first changes would take effect.",
        "A public consultation on the timetable is expected to open in the spring, and the council has promised to publish the results before any final decision.",
    ],
    "fr": [
        "Le conseil municipal a approuvé mardi un nouveau budget qui prévoit d'étendre le réseau de bus dans les quartiers du nord, après des mois de débats sur les tarifs.",
        "Selon les responsables, le plan permettra d'ajouter quarante bus d'ici la fin de l'année prochaine et de prolonger les services du soir sur les lignes les plus chargées.",
        "Les élus de l'opposition estiment que cet argent aurait été mieux utilisé pour réparer les routes, dont beaucoup ont été abîmées pendant un hiver particulièrement rude.",
        "Le maire a défendu cette décision en expliquant que des transports publics fiables étaient le moyen le plus rapide de réduire la circulation et la pollution.",
        "Les associations de commerçants ont salué le vote, tout en demandant davantage de précisions sur le choix des nouvelles lignes et sur le calendrier.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen, der den Busverkehr in den nördlichen Bezirken ausbaut, nachdem monatelang über Preise und Linien gestritten worden war.",
        "Nach Angaben der Verwaltung sollen bis Ende nächsten Jahres vierzig zusätzliche Busse fahren und die Abendverbindungen auf den meistgenutzten Linien verlängert werden.",
        "Die Opposition kritisierte, das Geld wäre besser in die Reparatur der Straßen geflossen, von denen viele im ungewöhnlich harten Winter beschädigt worden seien.",
        "Der Bürgermeister verteidigte die Entscheidung und sagte, ein verlässlicher Nahverkehr sei der schnellste Weg, um Verkehr und Luftverschmutzung in der Innenstadt zu verringern.",
        "Die örtlichen Wirtschaftsverbände begrüßten den Beschluss, forderten aber mehr Einzelheiten darüber, wie die neuen Linien ausgewählt werden sollen.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes un nuevo presupuesto que amplía el servicio de autobuses en los distritos del norte, tras meses de debate sobre tarifas y recorridos.",
        "Según los responsables, el plan añadirá cuarenta autobuses antes de que termine el próximo año y prolongará el servicio nocturno en las líneas más utilizadas.",
        "La oposición sostuvo que el dinero debería haberse destinado a reparar las calles, muchas de las cuales quedaron dañadas durante un invierno especialmente duro.",
        "El alcalde defendió la decisión y afirmó que un transporte público fiable es la forma más rápida de reducir el tráfico y la contaminación en el centro.",
        "Las asociaciones de comerciantes celebraron la votación, aunque pidieron más detalles sobre cómo se elegirán las nuevas rutas y cuándo entrarán en vigor.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì un nuovo bilancio che amplia il servizio di autobus nei quartieri settentrionali, dopo mesi di discussioni su tariffe e percorsi.",
        "Secondo i responsabili, il piano aggiungerà quaranta autobus entro la fine del prossimo anno e prolungherà le corse serali sulle linee più frequentate.",
        "L'opposizione ha sostenuto che i fondi sarebbero stati spesi meglio per riparare le strade, molte delle quali sono state danneggiate durante un inverno molto rigido.",
        "Il sindaco ha difeso la decisione, spiegando che un trasporto pubblico affidabile è il modo più rapido per ridurre il traffico e l'inquinamento in centro.",
    ],
}


def head(p: dict) -> str:
    parts = [f"<title>{p['html_title']}</title>"] if p.get("html_title") else []
    for key, value in p.get("meta", []):
        attr = "property" if key.startswith(("og:", "article:")) else "name"
        parts.append(f'<meta {attr}="{key}" content="{value}">')
    for rel, href in p.get("links", []):
        parts.append(f'<link rel="{rel}" href="{href}">')
    for block in p.get("jsonld", []):
        parts.append(
            f'<script type="application/ld+json">{json.dumps(block, ensure_ascii=False)}</script>'
        )
    return "\n".join(parts)


def page_html(p: dict, n: int) -> str:
    lang = p.get("lang", "en")
    paras = BODY[lang][n % 2 :] + BODY[lang][: n % 2]
    body = "\n".join(f"<p>{x}</p>" for x in paras)
    top = "\n".join(p.get("top", []))
    return (
        f'<!DOCTYPE html><html lang="{p.get("html_lang", lang)}"><head><meta charset="utf-8">\n{head(p)}\n</head>'
        f"<body><header><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></header>\n"
        f"<main><article>\n{p.get('h1', '')}\n{top}\n{body}\n{p.get('bottom', '')}\n</article></main>"
        f"<footer><p>© 2024 All rights reserved. Contact us. Privacy policy.</p></footer></body></html>\n"
    )


def article_ld(**kw) -> dict:
    return {"@context": "https://schema.org", "@type": kw.pop("type", "NewsArticle"), **kw}


PAGES: list[dict] = []


def page(name: str, **spec) -> None:
    PAGES.append({"name": name, **spec})


# --- Pages ---------------------------------------------------------------------------------
# Bare times in fr/de/es/it datelines are local time (as the sample corpus labels them).
# Each: url, fetched_at, markup pieces, expected{title, authors, published, modified,
# site_name, section, language, canonical_url}. Missing expected keys are not scored.

page(
    "wp-two-authors",
    url="https://www.northgazette.example/2024/03/05/council-backs-bus-plan/",
    fetched_at="2024-03-10T12:00:00Z",
    html_title="Council backs bus plan | North Gazette",
    meta=[
        ("og:title", "Council backs bus plan"),
        ("og:site_name", "North Gazette"),
        ("article:published_time", "2024-03-05T09:30:00+00:00"),
        ("article:modified_time", "2024-03-06T11:00:00+00:00"),
        ("article:section", "Local"),
        ("og:url", "https://www.northgazette.example/2024/03/05/council-backs-bus-plan/"),
    ],
    h1="<h1>Council backs bus plan</h1>",
    top=['<p class="byline">By Sarah Jones and Tom Baker</p>'],
    expected=dict(
        title="Council backs bus plan",
        authors=["Sarah Jones", "Tom Baker"],
        published="2024-03-05T09:30:00Z",
        modified="2024-03-06T11:00:00Z",
        site_name="North Gazette",
        section=["Local"],
        language="en",
        canonical_url="https://www.northgazette.example/2024/03/05/council-backs-bus-plan/",
    ),
)

page(
    "jsonld-vs-og",
    url="https://daily.example/politics/budget-vote-123",
    fetched_at="2024-04-02T08:00:00Z",
    html_title="Budget vote passes after long night - The Daily",
    meta=[
        ("og:title", "Budget vote passes | The Daily"),
        ("og:site_name", "The Daily"),
        ("article:published_time", "2024-04-01T22:00:00Z"),
    ],
    jsonld=[
        article_ld(
            headline="Budget vote passes after long night",
            datePublished="2024-04-01T23:15:00+01:00",
            dateModified="2024-04-02T07:00:00+01:00",
            author=[{"@type": "Person", "name": "Priya Patel"}],
            publisher={"@type": "Organization", "name": "The Daily"},
            articleSection="Politics",
        )
    ],
    h1="<h1>Budget vote passes after long night</h1>",
    expected=dict(
        title="Budget vote passes after long night",
        authors=["Priya Patel"],
        published="2024-04-01T22:15:00Z",
        modified="2024-04-02T06:00:00Z",
        site_name="The Daily",
        section=["Politics"],
        language="en",
        canonical_url=None,
    ),
)

page(
    "dateline-updated",
    url="https://citypost.example/news/bus-fares",
    fetched_at="2024-05-20T10:00:00Z",
    html_title="Bus fares to rise | City Post",
    h1="<h1>Bus fares to rise</h1>",
    top=[
        '<div class="byline">By Mark Evans</div>',
        '<div class="dateline">Published 3 May 2024, 10:05 GMT | Updated 4 May 2024, 08:00 GMT</div>',
    ],
    expected=dict(
        title="Bus fares to rise",
        authors=["Mark Evans"],
        published="2024-05-03T10:05:00Z",
        modified="2024-05-04T08:00:00Z",
        language="en",
        canonical_url=None,
    ),
)

page(
    "url-date-only",
    url="https://ledger.example/2023/11/14/harbour-reopens",
    fetched_at="2023-12-01T00:00:00Z",
    html_title="Harbour reopens",
    h1="<h1>Harbour reopens</h1>",
    expected=dict(
        title="Harbour reopens",
        authors=[],
        published="2023-11-14T00:00:00Z",
        modified=None,
        language="en",
        site_name=None,
        section=[],
        canonical_url=None,
    ),
)

page(
    "no-metadata",
    url="https://plainnews.example/story/harbour",
    fetched_at="2024-01-15T00:00:00Z",
    html_title="Harbour works delayed",
    h1="<h1>Harbour works delayed</h1>",
    expected=dict(
        title="Harbour works delayed",
        authors=[],
        published=None,
        modified=None,
        site_name=None,
        section=[],
        language="en",
        canonical_url=None,
    ),
)

page(
    "url-date-vs-meta",
    url="https://ledger.example/2024/02/01/rail-strike",
    fetched_at="2024-02-10T00:00:00Z",
    html_title="Rail strike called off | The Ledger",
    meta=[
        ("article:published_time", "2024-02-03T17:45:00Z"),
        ("og:site_name", "The Ledger"),
        ("og:title", "Rail strike called off"),
    ],
    expected=dict(
        title="Rail strike called off",
        published="2024-02-03T17:45:00Z",
        site_name="The Ledger",
        language="en",
    ),
)

page(
    "future-date",
    url="https://herald.example/news/storm-warning",
    fetched_at="2024-06-01T12:00:00Z",
    html_title="Storm warning issued",
    meta=[("article:published_time", "2031-01-01T00:00:00Z"), ("og:title", "Storm warning issued")],
    jsonld=[
        article_ld(
            headline="Storm warning issued",
            datePublished="2099-05-01T00:00:00Z",
            dateModified="2099-05-01T00:00:00Z",
        )
    ],
    top=['<time class="published" datetime="2024-05-31T18:20:00Z">31 May 2024</time>'],
    expected=dict(
        title="Storm warning issued", published="2024-05-31T18:20:00Z", modified=None, language="en"
    ),
)

page(
    "modified-before-published",
    url="https://herald.example/news/bridge",
    fetched_at="2024-06-01T12:00:00Z",
    jsonld=[
        article_ld(
            headline="Bridge closes for repairs",
            datePublished="2024-05-20T09:00:00Z",
            dateModified="2024-05-19T09:00:00Z",
            author={"@type": "Person", "name": "Lena Ortiz"},
        )
    ],
    h1="<h1>Bridge closes for repairs</h1>",
    expected=dict(
        title="Bridge closes for repairs",
        authors=["Lena Ortiz"],
        published="2024-05-20T09:00:00Z",
        modified=None,
        language="en",
    ),
)

page(
    "author-noise",
    url="https://metro.example/local/school-funding",
    fetched_at="2024-03-01T12:00:00Z",
    html_title="School funding row | Metro Times",
    meta=[
        ("author", "Staff"),
        ("og:site_name", "Metro Times"),
        ("og:title", "School funding row"),
        ("article:published_time", "2024-02-29T15:00:00-05:00"),
    ],
    top=['<div class="byline">By Jane Doe | Email the author | 3 hours ago</div>'],
    expected=dict(
        title="School funding row",
        authors=["Jane Doe"],
        published="2024-02-29T20:00:00Z",
        site_name="Metro Times",
        language="en",
    ),
)

page(
    "org-author",
    url="https://wire.example/world/summit-ends",
    fetched_at="2024-03-01T12:00:00Z",
    jsonld=[
        article_ld(
            headline="Summit ends without deal",
            datePublished="2024-02-28T10:00:00Z",
            author={"@type": "Organization", "name": "Wire Service"},
            publisher={"@type": "Organization", "name": "Wire Service"},
        )
    ],
    h1="<h1>Summit ends without deal</h1>",
    expected=dict(
        title="Summit ends without deal",
        authors=[],
        published="2024-02-28T10:00:00Z",
        site_name="Wire Service",
        language="en",
    ),
)

page(
    "fr-par-et",
    lang="fr",
    url="https://lequotidien.example/politique/budget-bus",
    fetched_at="2024-02-20T00:00:00Z",
    html_title="Le budget des bus adopté - Le Quotidien",
    meta=[("og:site_name", "Le Quotidien")],
    h1="<h1>Le budget des bus adopté</h1>",
    top=[
        '<p class="auteur">Par Jean Dupont et Marie Martin</p>',
        '<p class="date">Publié le 12 février 2024 à 14h30, mis à jour le 13 février 2024 à 09h00</p>',
    ],
    expected=dict(
        title="Le budget des bus adopté",
        authors=["Jean Dupont", "Marie Martin"],
        published="2024-02-12T13:30:00Z",
        modified="2024-02-13T08:00:00Z",
        site_name="Le Quotidien",
        language="fr",
    ),
)

page(
    "de-von-und",
    lang="de",
    url="https://stadtanzeiger.example/lokales/busse",
    fetched_at="2024-02-20T00:00:00Z",
    html_title="Mehr Busse für den Norden | Stadtanzeiger",
    meta=[("og:site_name", "Stadtanzeiger"), ("og:title", "Mehr Busse für den Norden")],
    top=[
        '<div class="autor">Von Hans Müller und Anna Schmidt</div>',
        '<div class="date">Veröffentlicht am 12.02.2024, 14:30 Uhr</div>',
    ],
    expected=dict(
        title="Mehr Busse für den Norden",
        authors=["Hans Müller", "Anna Schmidt"],
        published="2024-02-12T13:30:00Z",
        site_name="Stadtanzeiger",
        language="de",
    ),
)

page(
    "es-por-y",
    lang="es",
    url="https://eldiario.example/2024/01/10/autobuses-norte",
    fetched_at="2024-02-20T00:00:00Z",
    html_title="Más autobuses para el norte",
    meta=[
        ("og:title", "Más autobuses para el norte"),
        ("article:published_time", "2024-01-10T08:00:00+01:00"),
    ],
    top=['<span class="author-name">Por Juan Pérez y María López</span>'],
    expected=dict(
        title="Más autobuses para el norte",
        authors=["Juan Pérez", "María López"],
        published="2024-01-10T07:00:00Z",
        language="es",
    ),
)

page(
    "yoast-graph",
    url="https://blogpaper.example/economy/rates-hold/",
    fetched_at="2024-04-20T00:00:00Z",
    html_title="Rates hold steady - Blog Paper",
    links=[("canonical", "https://blogpaper.example/economy/rates-hold/")],
    jsonld=[
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "Article",
                    "@id": "https://blogpaper.example/economy/rates-hold/#article",
                    "headline": "Rates hold steady",
                    "datePublished": "2024-04-18T12:00:00+00:00",
                    "dateModified": "2024-04-19T08:30:00+00:00",
                    "author": {"@id": "https://blogpaper.example/#/schema/person/1"},
                    "publisher": {"@id": "https://blogpaper.example/#organization"},
                    "articleSection": ["Economy"],
                    "keywords": ["rates", "central bank"],
                },
                {
                    "@type": "WebPage",
                    "@id": "https://blogpaper.example/economy/rates-hold/",
                    "name": "Rates hold steady - Blog Paper",
                    "datePublished": "2024-04-18T12:00:00+00:00",
                },
                {
                    "@type": "Organization",
                    "@id": "https://blogpaper.example/#organization",
                    "name": "Blog Paper",
                },
                {
                    "@type": "Person",
                    "@id": "https://blogpaper.example/#/schema/person/1",
                    "name": "Omar Haddad",
                },
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": "Home",
                            "item": "https://blogpaper.example/",
                        },
                        {
                            "@type": "ListItem",
                            "position": 2,
                            "name": "Economy",
                            "item": "https://blogpaper.example/economy/",
                        },
                        {"@type": "ListItem", "position": 3, "name": "Rates hold steady"},
                    ],
                },
            ],
        }
    ],
    expected=dict(
        title="Rates hold steady",
        authors=["Omar Haddad"],
        published="2024-04-18T12:00:00Z",
        modified="2024-04-19T08:30:00Z",
        site_name="Blog Paper",
        section=["Economy"],
        language="en",
        canonical_url="https://blogpaper.example/economy/rates-hold/",
    ),
)

page(
    "canonical-vs-og",
    url="https://m.courier.example/news/flood?utm_source=tw",
    fetched_at="2024-04-20T00:00:00Z",
    html_title="Flood defences tested | The Courier",
    links=[("canonical", "https://www.courier.example/news/flood")],
    meta=[
        ("og:url", "https://courier.example/news/flood-amp"),
        ("og:site_name", "The Courier"),
        ("og:title", "Flood defences tested"),
        ("article:published_time", "2024-04-19T06:00:00Z"),
    ],
    expected=dict(
        title="Flood defences tested",
        canonical_url="https://www.courier.example/news/flood",
        site_name="The Courier",
        published="2024-04-19T06:00:00Z",
        language="en",
    ),
)

page(
    "time-elements",
    url="https://valleynews.example/story/dam",
    fetched_at="2024-07-01T00:00:00Z",
    html_title="Dam inspection ordered | Valley News",
    top=[
        '<p>Posted <time datetime="2024-06-20T14:00:00-04:00">June 20</time></p>',
        '<p>Updated <time datetime="2024-06-21T09:00:00-04:00">June 21</time></p>',
    ],
    h1="<h1>Dam inspection ordered</h1>",
    expected=dict(
        title="Dam inspection ordered",
        published="2024-06-20T18:00:00Z",
        modified="2024-06-21T13:00:00Z",
        language="en",
    ),
)

page(
    "meta-author-list",
    url="https://techwire.example/2024/03/01/chips",
    fetched_at="2024-03-05T00:00:00Z",
    meta=[
        ("author", "Alice Smith, Bob Jones"),
        ("og:title", "Chip plant approved"),
        ("og:site_name", "TechWire"),
        ("article:published_time", "2024-03-01T13:00:00Z"),
        ("article:tag", "chips"),
        ("article:tag", "industry"),
    ],
    expected=dict(
        title="Chip plant approved",
        authors=["Alice Smith", "Bob Jones"],
        published="2024-03-01T13:00:00Z",
        site_name="TechWire",
        language="en",
    ),
)

page(
    "og-author-url",
    url="https://magazine.example/culture/festival",
    fetched_at="2024-08-05T00:00:00Z",
    meta=[
        ("article:author", "https://www.facebook.com/someone"),
        ("og:title", "Festival returns"),
        ("og:site_name", "The Magazine"),
        ("article:published_time", "2024-08-01T10:00:00Z"),
    ],
    top=['<a rel="author" href="/authors/kim">Kim Lee</a>'],
    expected=dict(
        title="Festival returns",
        authors=["Kim Lee"],
        published="2024-08-01T10:00:00Z",
        site_name="The Magazine",
        language="en",
    ),
)

page(
    "breadcrumb-html",
    url="https://broadsheet.example/world/europe/ports",
    fetched_at="2024-08-05T00:00:00Z",
    html_title="Ports strike spreads | Broadsheet",
    meta=[
        ("og:title", "Ports strike spreads"),
        ("og:site_name", "Broadsheet"),
        ("article:section", "World"),
    ],
    top=[
        '<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a> › <a href="/world/europe">Europe</a></nav>'
    ],
    expected=dict(
        title="Ports strike spreads",
        site_name="Broadsheet",
        section=["World", "Europe"],
        language="en",
    ),
)

page(
    "it-di",
    lang="it",
    url="https://ilgiornale.example/2024/05/02/autobus",
    fetched_at="2024-05-10T00:00:00Z",
    meta=[
        ("og:title", "Più autobus per il nord"),
        ("og:site_name", "Il Giornale Locale"),
        ("article:published_time", "2024-05-02T09:00:00+02:00"),
    ],
    top=['<div class="byline">di Marco Rossi e Giulia Bianchi</div>'],
    expected=dict(
        title="Più autobus per il nord",
        authors=["Marco Rossi", "Giulia Bianchi"],
        published="2024-05-02T07:00:00Z",
        site_name="Il Giornale Locale",
        language="it",
    ),
)

page(
    "naive-date",
    url="https://countynews.example/news/fair",
    fetched_at="2024-09-10T00:00:00Z",
    meta=[("og:title", "County fair opens"), ("pubdate", "2024-09-08 16:30:00")],
    expected=dict(title="County fair opens", published="2024-09-08T16:30:00Z", language="en"),
)

page(
    "sailthru-parsely",
    url="https://tribune.example/a/8812",
    fetched_at="2024-09-10T00:00:00Z",
    meta=[
        ("og:title", "Water bills to fall"),
        ("parsely-author", "Dana White"),
        ("parsely-pub-date", "2024-09-07T07:00:00Z"),
        ("parsely-section", "Business"),
    ],
    expected=dict(
        title="Water bills to fall",
        authors=["Dana White"],
        published="2024-09-07T07:00:00Z",
        section=["Business"],
        language="en",
    ),
)

page(
    "caps-byline",
    url="https://sentinel.example/news/ferry",
    fetched_at="2024-09-10T00:00:00Z",
    html_title="Ferry service resumes - The Sentinel",
    meta=[("og:site_name", "The Sentinel")],
    top=[
        '<p class="article-author">BY ROBERT KING, STAFF WRITER</p>',
        '<time class="published" datetime="2024-09-09">Sept. 9, 2024</time>',
    ],
    expected=dict(
        title="Ferry service resumes",
        authors=["Robert King"],
        published="2024-09-09T00:00:00Z",
        site_name="The Sentinel",
        language="en",
    ),
)

page(
    "mdy-dateline",
    url="https://postdispatch.example/news/levee",
    fetched_at="2024-10-10T00:00:00Z",
    html_title="Levee repairs finished",
    top=[
        '<div class="timestamp">Oct. 7, 2024 at 9:00 a.m. ET | Updated Oct. 8, 2024 at 5:30 p.m. ET</div>'
    ],
    expected=dict(
        title="Levee repairs finished",
        published="2024-10-07T14:00:00Z",
        modified="2024-10-08T22:30:00Z",
        language="en",
    ),
)

page(
    "license-cc",
    url="https://opennews.example/story/solar",
    fetched_at="2024-10-10T00:00:00Z",
    html_title="Solar farm approved | Open News",
    meta=[
        ("og:site_name", "Open News"),
        ("og:title", "Solar farm approved"),
        ("article:published_time", "2024-10-01T00:00:00Z"),
    ],
    links=[("license", "https://creativecommons.org/licenses/by/4.0/")],
    expected=dict(
        title="Solar farm approved",
        site_name="Open News",
        published="2024-10-01T00:00:00Z",
        language="en",
        license="https://creativecommons.org/licenses/by/4.0/",
    ),
)

page(
    "liveblog-several-dates",
    url="https://live.example/2024/11/05/election-live",
    fetched_at="2024-11-06T06:00:00Z",
    jsonld=[
        article_ld(
            type="LiveBlogPosting",
            headline="Election night live",
            datePublished="2024-11-05T18:00:00Z",
            dateModified="2024-11-06T05:30:00Z",
            author=[
                {"@type": "Person", "name": "Ana Souza"},
                {"@type": "Person", "name": "Ben Cho"},
            ],
        )
    ],
    top=[
        '<p><time datetime="2024-11-06T05:30:00Z">05:30</time> Results are still coming in.</p>',
        '<p><time datetime="2024-11-05T23:10:00Z">23:10</time> Polls have closed.</p>',
    ],
    expected=dict(
        title="Election night live",
        authors=["Ana Souza", "Ben Cho"],
        published="2024-11-05T18:00:00Z",
        modified="2024-11-06T05:30:00Z",
        language="en",
    ),
)

page(
    "site-name-as-author",
    url="https://gazette.example/news/library",
    fetched_at="2024-10-10T00:00:00Z",
    meta=[
        ("author", "The Gazette"),
        ("og:site_name", "The Gazette"),
        ("og:title", "Library extends hours"),
        ("article:published_time", "2024-10-09T11:00:00Z"),
    ],
    expected=dict(
        title="Library extends hours",
        authors=[],
        site_name="The Gazette",
        published="2024-10-09T11:00:00Z",
        language="en",
    ),
)

page(
    "epoch-date",
    url="https://brokencms.example/news/park",
    fetched_at="2024-10-10T00:00:00Z",
    meta=[
        ("og:title", "Park to get new playground"),
        ("article:published_time", "1970-01-01T00:00:00Z"),
    ],
    jsonld=[
        article_ld(headline="Park to get new playground", datePublished="2024-10-02T12:00:00Z")
    ],
    expected=dict(
        title="Park to get new playground", published="2024-10-02T12:00:00Z", language="en"
    ),
)

page(
    "broken-jsonld",
    url="https://sloppy.example/news/market",
    fetched_at="2024-10-10T00:00:00Z",
    html_title="Market hall to reopen",
    meta=[("og:title", "Market hall to reopen")],
    bottom='<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Market hall to reopen", "datePublished": "2024-10-03T10:00:00Z",}</script>',
    expected=dict(title="Market hall to reopen", published="2024-10-03T10:00:00Z", language="en"),
)

page(
    "de-aktualisiert",
    lang="de",
    url="https://rundschau.example/politik/haushalt",
    fetched_at="2024-12-01T00:00:00Z",
    html_title="Haushalt beschlossen",
    top=[
        '<p class="meta-date">12. November 2024, 18:05 Uhr | Aktualisiert: 13. November 2024, 07:40 Uhr</p>'
    ],
    expected=dict(
        title="Haushalt beschlossen",
        published="2024-11-12T17:05:00Z",
        modified="2024-11-13T06:40:00Z",
        language="de",
    ),
)

page(
    "fr-jsonld-person-list",
    lang="fr",
    url="https://lemonde-local.example/2024/03/01/budget",
    fetched_at="2024-03-10T00:00:00Z",
    jsonld=[
        article_ld(
            headline="Un budget pour les bus",
            datePublished="2024-03-01T06:00:00+01:00",
            author=[
                {"@type": "Person", "name": "Claire Petit"},
                {"@type": "Person", "name": "Luc Moreau"},
            ],
            publisher={"@type": "NewsMediaOrganization", "name": "Le Monde Local"},
        )
    ],
    expected=dict(
        title="Un budget pour les bus",
        authors=["Claire Petit", "Luc Moreau"],
        published="2024-03-01T05:00:00Z",
        site_name="Le Monde Local",
        language="fr",
    ),
)

page(
    "hint-only-date",
    url="https://feeds.example/item/771",
    fetched_at="2024-03-10T00:00:00Z",
    html_title="Tram line extended",
    hints={"published": "2024-03-08T09:00:00Z", "site_name": "Feeds Daily"},
    expected=dict(
        title="Tram line extended",
        published="2024-03-08T09:00:00Z",
        site_name="Feeds Daily",
        language="en",
    ),
)

page(
    "es-fecha",
    lang="es",
    url="https://elnorte.example/ciudad/tranvia",
    fetched_at="2024-03-10T00:00:00Z",
    html_title="El tranvía llega al norte | El Norte",
    meta=[("og:site_name", "El Norte")],
    top=[
        '<p class="fecha">Publicado el 5 de marzo de 2024</p>',
        '<p class="autor">Por Lucía Gómez</p>',
    ],
    expected=dict(
        title="El tranvía llega al norte",
        authors=["Lucía Gómez"],
        published="2024-03-05T00:00:00Z",
        site_name="El Norte",
        language="es",
    ),
)

page(
    "itemprop-microdata",
    url="https://regional.example/news/airport",
    fetched_at="2024-03-10T00:00:00Z",
    top=[
        '<div itemscope itemtype="https://schema.org/NewsArticle"><h2 itemprop="headline">Airport expansion paused</h2>'
        '<meta itemprop="datePublished" content="2024-03-07T16:00:00+00:00">'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Nora Quinn</span></span></div>'
    ],
    expected=dict(
        title="Airport expansion paused",
        authors=["Nora Quinn"],
        published="2024-03-07T16:00:00Z",
        language="en",
    ),
)

page(
    "byline-with-date",
    url="https://weekly.example/news/harbour-lights",
    fetched_at="2024-03-10T00:00:00Z",
    html_title="Harbour lights restored",
    top=['<div class="byline">By Paul Grant | March 4, 2024</div>'],
    expected=dict(
        title="Harbour lights restored",
        authors=["Paul Grant"],
        published="2024-03-04T00:00:00Z",
        language="en",
    ),
)

page(
    "three-authors",
    url="https://chronicle.example/2024/02/02/inquiry",
    fetched_at="2024-03-10T00:00:00Z",
    meta=[
        ("og:title", "Inquiry opens into contract"),
        ("article:published_time", "2024-02-02T12:00:00Z"),
    ],
    top=['<p class="byline">By Alice Smith, Bob Jones and Carol White</p>'],
    expected=dict(
        title="Inquiry opens into contract",
        authors=["Alice Smith", "Bob Jones", "Carol White"],
        published="2024-02-02T12:00:00Z",
        language="en",
    ),
)

# Holdout: written last, never used while tuning.
page(
    "holdout-agency",
    holdout=True,
    url="https://observer.example/2024/06/12/wildfire",
    fetched_at="2024-06-13T00:00:00Z",
    html_title="Wildfire forces evacuations - The Observer",
    meta=[
        ("og:site_name", "The Observer"),
        ("og:title", "Wildfire forces evacuations"),
        ("article:published_time", "2024-06-12T19:30:00+02:00"),
        ("article:modified_time", "2024-06-12T21:00:00+02:00"),
    ],
    top=['<p class="byline">By Emma Clarke and Reuters staff</p>'],
    expected=dict(
        title="Wildfire forces evacuations",
        authors=["Emma Clarke"],
        published="2024-06-12T17:30:00Z",
        modified="2024-06-12T19:00:00Z",
        site_name="The Observer",
        language="en",
    ),
)

page(
    "holdout-fr-maj",
    holdout=True,
    lang="fr",
    url="https://ouest.example/region/port",
    fetched_at="2024-06-13T00:00:00Z",
    html_title="Le port rouvre ses portes | Ouest Matin",
    meta=[("og:site_name", "Ouest Matin")],
    top=[
        '<div class="dateline">Publié le 10 juin 2024 à 07h15 Mis à jour le 11 juin 2024 à 12h00</div>',
        '<div class="author">Par Sophie Laurent</div>',
    ],
    expected=dict(
        title="Le port rouvre ses portes",
        authors=["Sophie Laurent"],
        published="2024-06-10T05:15:00Z",
        modified="2024-06-11T10:00:00Z",
        site_name="Ouest Matin",
        language="fr",
    ),
)

page(
    "holdout-jsonld-string-author",
    holdout=True,
    url="https://coast.example/news/surf",
    fetched_at="2024-07-13T00:00:00Z",
    jsonld=[
        article_ld(
            headline="Surf contest returns",
            datePublished="2024-07-10T08:00:00-07:00",
            author="Rita Alvarez and Sam Cole",
            publisher={"@type": "Organization", "name": "Coast Times"},
        )
    ],
    expected=dict(
        title="Surf contest returns",
        authors=["Rita Alvarez", "Sam Cole"],
        published="2024-07-10T15:00:00Z",
        site_name="Coast Times",
        language="en",
    ),
)

page(
    "holdout-nothing-but-url",
    holdout=True,
    url="https://archive.example/2022/09/30/old-mill",
    fetched_at="2024-07-13T00:00:00Z",
    html_title="Old mill converted into flats",
    expected=dict(
        title="Old mill converted into flats",
        authors=[],
        published="2022-09-30T00:00:00Z",
        modified=None,
        language="en",
    ),
)

page(
    "holdout-es-actualizado",
    holdout=True,
    lang="es",
    url="https://sur.example/economia/puerto",
    fetched_at="2024-08-13T00:00:00Z",
    html_title="El puerto bate récords - Diario Sur",
    meta=[("og:site_name", "Diario Sur")],
    top=[
        '<p class="byline">Por Andrés Ruiz y Elena Torres</p>',
        '<p class="date">10/08/2024 09:30 | Actualizado 11/08/2024 10:00</p>',
    ],
    expected=dict(
        title="El puerto bate récords",
        authors=["Andrés Ruiz", "Elena Torres"],
        published="2024-08-10T07:30:00Z",
        modified="2024-08-11T08:00:00Z",
        site_name="Diario Sur",
        language="es",
    ),
)


def main() -> None:
    labels = {}
    for n, p in enumerate(PAGES):
        (HERE / "pages" / f"{p['name']}.html").write_text(page_html(p, n), encoding="utf-8")
        labels[p["name"]] = {
            "file": f"pages/{p['name']}.html", "url": p["url"], "fetched_at": p["fetched_at"],
            "hints": p.get("hints", {}), "holdout": p.get("holdout", False), "expected": p["expected"],
        }  # fmt: skip
    (HERE / "labels.json").write_text(
        json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(labels)} pages")


if __name__ == "__main__":
    main()
