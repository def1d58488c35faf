"""Candidate metadata values read from one page, each labelled with where it came from.

Readers here only collect; :mod:`curator.tag.metadata` chooses by precedence and checks.
Source labels (the values of the record's ``provenance`` struct):

json-ld      <script type="application/ld+json"> Article/NewsArticle/... objects
opengraph    <meta property="og:*"> and the OpenGraph article:* properties
meta         other <meta name=...> (description, author, keywords, dc.*, parsely-*, sailthru.*)
microdata    itemprop="datePublished"/"author"/... attributes
html         <link rel=canonical/license>, <time>, <h1>, <title>, rel=author links
breadcrumb   a breadcrumb trail (JSON-LD BreadcrumbList or the cleaner's removed <nav>)
byline       "By X and Y" lines the cleaner took out of the text
dateline     "Published ... | Updated ..." lines the cleaner took out of the text
chrome       other values the cleaner read from chrome it removed (captions, mirrors, headline)
hint         a feed, sitemap or manifest entry that pointed at the page
fetch        what the fetcher read from the HTTP response (a ``Link: rel="license"`` header)
htmldate     htmldate.find_date over the page
trafilatura  trafilatura's bare_extraction metadata
url          a /YYYY/MM/DD/ date in the URL path
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lxml import etree

from ..normalise import fix_encoding, normalise_line

Candidates = dict[str, list[tuple[str, Any]]]

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
    "liveblogposting", "socialmediaposting", "report", "techarticle", "scholarlyarticle",
}  # fmt: skip
PAGE_TYPES = {"webpage", "itempage", "collectionpage"}

# <meta> name/property (lower case) -> (field, source).
META_FIELDS: dict[str, tuple[str, str]] = {
    "og:title": ("title", "opengraph"),
    "og:description": ("description", "opengraph"),
    "og:site_name": ("site_name", "opengraph"),
    "og:url": ("canonical_url", "opengraph"),
    "article:published_time": ("published", "opengraph"),
    "og:article:published_time": ("published", "opengraph"),
    "article:modified_time": ("modified", "opengraph"),
    "og:article:modified_time": ("modified", "opengraph"),
    "og:updated_time": ("modified", "opengraph"),
    "article:author": ("authors", "opengraph"),
    "article:section": ("section", "opengraph"),
    "article:tag": ("tags", "opengraph"),
    "og:article:tag": ("tags", "opengraph"),
    "twitter:title": ("title", "meta"),
    "dc.title": ("title", "meta"),
    "dcterms.title": ("title", "meta"),
    "description": ("description", "meta"),
    "twitter:description": ("description", "meta"),
    "dc.description": ("description", "meta"),
    "application-name": ("site_name", "meta"),
    "twitter:site": ("site_name", "meta"),
    "author": ("authors", "meta"),
    "dc.creator": ("authors", "meta"),
    "dcterms.creator": ("authors", "meta"),
    "parsely-author": ("authors", "meta"),
    "sailthru.author": ("authors", "meta"),
    "byl": ("authors", "meta"),
    "citation_author": ("authors", "meta"),
    "article.author": ("authors", "meta"),
    "keywords": ("tags", "meta"),
    "news_keywords": ("tags", "meta"),
    "parsely-tags": ("tags", "meta"),
    "sailthru.tags": ("tags", "meta"),
    "section": ("section", "meta"),
    "parsely-section": ("section", "meta"),
    "article.section": ("section", "meta"),
    "dc.rights": ("license", "meta"),
    "dcterms.rights": ("license", "meta"),
    "dcterms.license": ("license", "meta"),
    "license": ("license", "meta"),
    "pubdate": ("published", "meta"),
    "publishdate": ("published", "meta"),
    "publish-date": ("published", "meta"),
    "publish_date": ("published", "meta"),
    "date": ("published", "meta"),
    "dc.date": ("published", "meta"),
    "dc.date.issued": ("published", "meta"),
    "dcterms.issued": ("published", "meta"),
    "dcterms.created": ("published", "meta"),
    "citation_publication_date": ("published", "meta"),
    "sailthru.date": ("published", "meta"),
    "parsely-pub-date": ("published", "meta"),
    "article.published": ("published", "meta"),
    "original-publish-date": ("published", "meta"),
    "last-modified": ("modified", "meta"),
    "lastmod": ("modified", "meta"),
    "dcterms.modified": ("modified", "meta"),
    "dc.date.modified": ("modified", "meta"),
    "article.updated": ("modified", "meta"),
    "revised": ("modified", "meta"),
}
ITEMPROP_FIELDS = {
    "datepublished": "published",
    "datecreated": "published",
    "datemodified": "modified",
    "headline": "title",
    "articlesection": "section",
    "keywords": "tags",
}
_PUBLISHED_HINT = re.compile(
    r"publish|pubdate|posted|created|date-?line|entry-date|article-date", re.I
)
_MODIFIED_HINT = re.compile(r"modif|updat|revis|edited|aktualis|mis-?a-?jour|actualiz", re.I)
_UPDATED_WORDS = re.compile(
    r"\b(?:updated?|modified|last modified|mis à jour|aktualisiert|actualizado|aggiornato)\b", re.I
)


def _attr_text(el: Any) -> str | None:
    for attr in ("content", "datetime", "href"):
        value = el.get(attr)
        if value and value.strip():
            return value.strip()
    text = normalise_line(el.text_content()) if hasattr(el, "text_content") else ""
    return text or None


# --- JSON-LD ---------------------------------------------------------------------------


def _json_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every object in every JSON-LD block, @graph and nesting flattened; broken JSON skipped."""
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and control characters are the usual breakage
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", raw)))
            except ValueError:
                continue
        yield from _walk(data)


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if "breadcrumblist" in _types(data):
            return  # its list items are read by _crumbs, not as objects of their own
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower().split("/")[-1] for k in kinds}


def _names(value: Any, people_only: bool = False, ids: dict[str, dict] | None = None) -> list[str]:
    """Names in a JSON-LD value: strings, {"name": ...} objects, {"@id": ...} references to
    objects elsewhere in the page (Yoast's @graph style), or lists of those."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, people_only, ids)]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in (ids or {}):
            value = (ids or {})[value["@id"]]
        if people_only and _types(value) & {"organization", "newsmediaorganization", "corporation"}:
            return []  # an organisation as "author" is the publisher, not a person
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(value.get("givenName"), str):
            return [f"{value['givenName']} {value.get('familyName', '')}".strip()]
    return []


def _listish(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,;]", value) if v.strip()]
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def _url_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("@id") or value.get("url")
    return None


def read_json_ld(tree: Any, out: Candidates) -> None:
    objects = list(_json_objects(tree))
    ids = {
        o["@id"]: o
        for o in objects
        if isinstance(o.get("@id"), str) and ("name" in o or "givenName" in o)
    }
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if _types(o) & PAGE_TYPES]
    for obj in articles + pages:
        src = "json-ld" if obj in articles else "json-ld-page"
        _add(
            out, "title", src, obj.get("headline") or (obj.get("name") if obj in articles else None)
        )
        _add(out, "description", src, obj.get("description"))
        _add(out, "published", src, obj.get("datePublished") or obj.get("dateCreated"))
        _add(out, "modified", src, obj.get("dateModified"))
        if obj in articles:
            _add(out, "authors", src, _names(obj.get("author"), True, ids) or None)
            _add(out, "section", src, _listish(obj.get("articleSection"))[:1] or None)
            _add(out, "tags", src, _listish(obj.get("keywords")) or None)
            _add(out, "license", src, _url_of(obj.get("license")))
            _add(out, "canonical_url", src, _url_of(obj.get("mainEntityOfPage")) or obj.get("url"))
        for publisher in _names(obj.get("publisher"), False, ids)[:1]:
            _add(out, "site_name", src, publisher)
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            _add(out, "section", "breadcrumb", _crumbs(obj) or None)
        elif _types(obj) & {"newsmediaorganization", "organization", "website"} and obj.get("name"):
            _add(out, "site_name", "json-ld-page", obj.get("name"))


def _crumbs(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement") or []
    items = items if isinstance(items, list) else [items]
    items = sorted(
        (i for i in items if isinstance(i, dict)), key=lambda i: _position(i.get("position"))
    )
    names = []
    for item in items:
        inner = item.get("item")
        name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
        if isinstance(name, str) and name.strip():
            names.append(normalise_line(name))
    return names


def _position(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


# --- meta, microdata, html ---------------------------------------------------------------


def read_meta(tree: Any, out: Candidates) -> None:
    for el in tree.iter("meta"):
        key = (
            (
                el.get("property")
                or el.get("name")
                or el.get("itemprop")
                or el.get("http-equiv")
                or ""
            )
            .strip()
            .lower()
        )
        value = el.get("content")
        if key in META_FIELDS and value and value.strip():
            field, src = META_FIELDS[key]
            _add(out, field, src, value.strip())


def read_microdata(tree: Any, out: Candidates) -> None:
    # Authors marked in one container ("By <span itemprop=author>A</span> and <span
    # itemprop=author>B</span>") are one value: the page's first author value is its byline.
    groups: dict[Any, list[str]] = {}
    for el in tree.xpath("//*[@itemprop]"):
        if el.tag == "meta" and el.getparent() is not None and el.getparent().tag == "head":
            continue  # head <meta itemprop> counted already as meta
        for prop in el.get("itemprop", "").lower().split():
            if prop in ITEMPROP_FIELDS:
                _add(out, ITEMPROP_FIELDS[prop], "microdata", _attr_text(el))
            elif prop == "author" and not _in_others(el):
                names = el.xpath('.//*[@itemprop="name"]')
                name = _attr_text(names[0]) if names else _attr_text(el)
                if name:
                    groups.setdefault(el.getparent(), []).append(name)
    for names in groups.values():
        _add(out, "authors", "microdata", names)


_CRUMB_CLASS = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|crumbs?|migas|trail|fil-d-ariane|ariane|brotkrumen)(?:$|[\s_-])",
    re.I,
)


_LABELLED = etree.XPath("descendant-or-self::*[@class or @id]")


def _labelled(tree: Any) -> list[tuple[Any, str]]:
    """The elements with a class or an id and their "class id" label, in document order (the
    tree itself included): the only ones a class-name reader can match, found without
    visiting every node, once for all the readers of a page."""
    return [(el, f"{el.get('class') or ''} {el.get('id') or ''}") for el in _LABELLED(tree)]


@lru_cache(maxsize=4096)
def _is_crumb_label(label: str) -> bool:
    return bool(_CRUMB_CLASS.search(label))


def read_breadcrumbs(tree: Any, out: Candidates, labelled: list[tuple[Any, str]]) -> None:
    """Microdata BreadcrumbList and breadcrumb blocks named by class: link texts in order."""
    for el in tree.xpath('//*[contains(@itemtype, "BreadcrumbList")]'):
        names = [normalise_line(n.text_content()) for n in el.xpath('.//*[@itemprop="name"]')]
        _add(out, "section", "breadcrumb", [n for n in names if n] or None)
    for el, label in labelled:
        if _is_crumb_label(label):
            names = [normalise_line(a.text_content()) for a in el.iter("a")]
            _add(out, "section", "breadcrumb", [n for n in names if n] or None)


_MASTHEAD = re.compile(
    r"masthead|topbar|top-bar|entete|en-tete|header|kopf|cabecera|site-date|today", re.I
)


def _in_masthead(el: Any) -> bool:
    """Inside the page header ("Friday, March 20, 2026" above the logo): today's date, not
    the article's. A <header> inside an <article> is the article's own header."""
    for node in (el, *el.iterancestors()):
        if node.tag == "article":
            return False
        if node.tag == "header" or _MASTHEAD.search(
            f"{node.get('class', '')} {node.get('id', '')}"
        ):
            return True
    return False


# Blocks whose dates are other posts' or readers' (comments, related and recommended
# teasers, sidebars), not the article's.
_OTHERS = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-\w+|replies|reply|related|recommend\w*|sidebar|widget"
    r"|teasers?|more-stories|read-next|popular|trending)(?:$|[\s_-])",
    re.I,
)


def _in_others(el: Any) -> bool:
    return any(
        node.tag in {"aside", "footer"}
        or _OTHERS.search(f"{node.get('class', '')} {node.get('id', '')}")
        for node in el.iterancestors()
    )


def _text_before(el: Any, limit: int = 40) -> str:
    """The words just before ``el`` in its parent: "mis à jour le <time>" labels that time."""
    parent = el.getparent()
    if parent is None:
        return ""
    parts = [parent.text or ""]
    for sib in parent:
        if sib is el:
            break
        parts.append(sib.text_content() if isinstance(sib.tag, str) else "")
        parts.append(sib.tail or "")
    return normalise_line("".join(parts))[-limit:]


_WITH_REL = etree.XPath("//link[@rel] | //a[@rel]")  # document order, without every <a>


def read_html(tree: Any, out: Candidates) -> None:
    for link in _WITH_REL(tree):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and link.tag == "link" and href:
            _add(out, "canonical_url", "html", href)
        if "license" in rels and href:
            _add(out, "license", "html", href)
        if "author" in rels and link.tag == "a" and not _in_others(link):
            _add(out, "authors", "html", normalise_line(link.text_content()) or None)
    for el in tree.iter("time"):
        if _in_masthead(el) or _in_others(el):
            continue
        value = el.get("datetime") or normalise_line(el.text_content())
        label = f"{el.get('class', '')} {el.get('itemprop', '')} {el.get('id', '')}"
        if el.get("pubdate") is not None:
            label += " pubdate"
        # WordPress marks an entry's one date "entry-date published updated": published.
        if (_MODIFIED_HINT.search(label) and not _PUBLISHED_HINT.search(label)) or (
            not _PUBLISHED_HINT.search(label) and _UPDATED_WORDS.search(_text_before(el))
        ):
            _add(out, "modified", "html", value)
        else:
            _add(out, "published", "html", value)
    h1s = [normalise_line(h.text_content()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if h]
    if len(h1s) == 1:  # several <h1> means a listing or a site logo, not a headline
        _add(out, "title", "html", h1s[0])
    for title in tree.iter("title"):
        _add(out, "title", "html-title", normalise_line(title.text_content()) or None)
        break


_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|by-line|author-?name|article-?author|author|authors|contributor|writer|autor|auteur)(?:$|[\s_-])",
    re.I,
)
_DATELINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:dateline|timestamp|date|pubdate|published|updated|article-?date|post-?date|meta-?date)(?:$|[\s_-])",
    re.I,
)
_NOT_BYLINE = re.compile(
    r"bio|avatar|img|image|photo|more|link|social|follow|email|box|card|list|info", re.I
)
MAX_LINE_CHARS = 200
_NOT_LINES = {"meta", "link", "script", "style", "time", "body", "html"}


def _lines_text(el: Any) -> str:
    """Text of ``el`` with <br> and block children turned into " | ", so that "By X<br>Staff
    Writer" stays two parts for the byline splitter."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        if node.tag in {"br", "p", "div", "li"} and node is not el:
            parts.append(" | ")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            parts.append(child.tail or "")

    visit(el)
    return normalise_line(re.sub(r"(?:\s*\|\s*)+", " | ", "".join(parts))).strip(" |")


@lru_cache(maxsize=4096)
def _line_kind(label: str, is_header: bool) -> str | None:
    """Which kind of line an element with this class/id label holds, if any (labels repeat
    across a page's menus and teasers, so the answer is cached)."""
    if _BYLINE_CLASS.search(label) and not _NOT_BYLINE.search(label):
        return "bylines"
    if _MASTHEAD.search(label) and not is_header:
        return "masthead"
    if _DATELINE_CLASS.search(label):
        return "datelines"
    return None


def read_lines(labelled: list[tuple[Any, str]], out: Candidates) -> None:
    """Byline and dateline blocks by their class names, as the cleaner would pass them: raw
    lines for :mod:`authors` and :mod:`metadata` to parse. Outermost match only."""
    seen: set[Any] = set()
    for el, label in labelled:
        if el.tag in _NOT_LINES:
            continue
        # The label decides which kind of line this could be; the text (a walk of the
        # subtree) is only read for the few elements whose label matches.
        kind = _line_kind(label, el.tag == "header")
        if kind is None or (kind == "bylines" and _in_others(el)):
            continue
        if seen and any(a in seen for a in el.iterancestors()):
            continue
        text = _lines_text(el)
        if not text or len(text) > MAX_LINE_CHARS:
            continue
        if kind == "datelines" and _in_masthead(el):
            continue
        out[kind].append(("html", text))
        seen.add(el)


def _add(out: Candidates, field: str, source: str, value: Any) -> None:
    if value is None or value == "" or value == []:
        return
    if isinstance(value, str):
        value = normalise_line(fix_encoding(value))  # pages with mojibake have it in <title> too
        if not value:
            return
    out[field].append((source, value))


def read_page(tree: Any) -> Candidates:
    """All candidates a parsed page declares, in document order per source."""
    out: Candidates = defaultdict(list)
    if tree is None:
        return out
    read_json_ld(tree, out)
    read_meta(tree, out)
    read_microdata(tree, out)
    labelled = _labelled(tree)
    read_breadcrumbs(tree, out, labelled)
    read_html(tree, out)
    read_lines(labelled, out)
    return out


def read_extraction(extraction: Any, out: Candidates) -> None:
    """trafilatura's metadata, the fallback for every field it covers."""
    if extraction is None:
        return
    get = lambda name: getattr(extraction, name, None)  # noqa: E731
    _add(out, "title", "trafilatura", get("title"))
    _add(out, "description", "trafilatura", get("description"))
    _add(out, "site_name", "trafilatura", get("sitename"))
    _add(out, "authors", "trafilatura", get("author"))
    _add(out, "published", "trafilatura", get("date"))
    _add(out, "section", "trafilatura", list(get("categories") or [])[:1] or None)
    _add(out, "tags", "trafilatura", list(get("tags") or []) or None)
    _add(out, "license", "trafilatura", get("license"))
    # not its url: trafilatura falls back to the fetched URL, and canonical_url must stay
    # null when the page declares none.
