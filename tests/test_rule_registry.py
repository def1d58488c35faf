"""The cleaner's rules cannot be half-wired (issue 18): every registered line rule has a
behavioural case here, every rule name that code relies on (``edges.BOUNDARY_RULES``, a
``removed_by.get(i) == "byline"`` test, the tagger reading ``item.rule``) is a name some rule
or DOM class really reports removals under, and every name the cleaner reports is one of
those.

Names are read from the source (the ``page.remove(i, "name")`` calls, ``line_rule("name",
...)`` and the like), so a renamed rule leaves its old name dangling in a reference and this
test fails; the behavioural cases check that the scan sees what the rules really do."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from curator.clean import clean_html, clean_text
from curator.clean.html import DOM_RULE_NAMES
from curator.clean.learned import LearnedBoilerplate
from curator.clean.rules import (
    RULES,
    ads,
    bios,
    breadcrumbs,
    bylines,
    captions,
    comments,
    cookies,
    copyright,
    edges,
    mirrors,
    navigation,
    newsletter,
    promos,
    related,
    repeated,
    share,
    span,
    threads,
)
from curator.clean.rules.base import Page

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "curator" / "clean" / "rules"
# Where rule names are relied on: the cleaner, the tagger (it reads removed bylines and
# headlines back), the real-page evaluation.
REFERENCING = [*sorted((ROOT / "curator").rglob("*.py")), ROOT / "scripts" / "eval_real.py"]
# Helpers of rules/base.py whose first argument is the name the rule removes lines under.
NAMING_HELPERS = {"line_rule", "harvest_rule", "block_rule"}
LEARNED_NAME = LearnedBoilerplate.name  # the learned per-site boilerplate's removals


# ---- names read from the source ------------------------------------------------------------


def _strings(node: ast.AST | None) -> set[str]:
    """The string constants a name expression can be: "a", "a" if x else "b", {"a", "b"}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return set().union(*(_strings(e) for e in node.elts)) if node.elts else set()
    return set()


def _is_removed_by(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "removed_by"


def emitted_in(path: Path) -> set[str]:
    """The names a rule module removes lines under."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "remove" and len(node.args) == 2:
                names |= _strings(node.args[1])  # page.remove(i, "name")
            if isinstance(func, ast.Name) and func.id in NAMING_HELPERS and node.args:
                names |= _strings(node.args[0])  # line_rule("name", ...)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and _is_removed_by(target.value):
                    names |= _strings(node.value)  # page.removed_by[i] = "name"
                if isinstance(target, ast.Attribute) and target.attr == "__name__":
                    names |= _strings(node.value)  # rule.__name__ = "name"
    return names


def emitted_by_module() -> dict[str, set[str]]:
    return {path.stem: emitted_in(path) for path in sorted(RULES_DIR.glob("*.py"))}


def emitted_names() -> set[str]:
    return set().union(*emitted_by_module().values())


def _is_rule_lookup(node: ast.AST) -> bool:
    """``page.removed_by.get(i)``, ``item.rule`` / ``r.rule``, or a local named ``rule_name``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "get" and _is_removed_by(node.func.value)
    if isinstance(node, ast.Attribute):
        return node.attr == "rule"
    return isinstance(node, ast.Name) and node.id == "rule_name"


_RULE_SET_NAME = re.compile(r"^[A-Z_]+_RULES$")  # BOUNDARY_RULES, HEADER_RULES, ...


def referenced_in(path: Path) -> dict[str, int]:
    """Rule names ``path`` relies on -> the line of the first reference: constants named
    ``*_RULES`` holding strings, and strings compared with a rule lookup."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: set[str] = set()
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and _RULE_SET_NAME.match(t.id) for t in node.targets
        ):
            names = _strings(node.value)
        elif isinstance(node, ast.Compare) and _is_rule_lookup(node.left):
            names = set().union(*(_strings(c) for c in node.comparators))
        for name in names:
            found.setdefault(name, node.lineno)
    return found


def known_names() -> set[str]:
    return emitted_names() | DOM_RULE_NAMES | {LEARNED_NAME}


# ---- behavioural cases: one per registered rule ----------------------------------------------

PROSE = "The council approved the budget on Tuesday after a long debate about the harbour and the market."
MORE = "Residents said the new car park would bring more traffic to the narrow streets of the old town."


@dataclass
class Case:
    lines: list[str]
    removed: dict[int, str]  # index -> the rule name it must be removed under; nothing else goes
    page: dict[str, Any] = field(default_factory=dict)  # Page fields: title, form, metadata


# Every rule in RULES, run alone on lines we wrote. A new rule without a case fails
# test_every_registered_rule_has_a_case.
CASES: dict[Any, Case] = {
    breadcrumbs.rule: Case(["Home › News › Local", PROSE], {0: "breadcrumbs"}),
    repeated.title_rule: Case(
        ["Harbour plans approved", PROSE],
        {0: "repeated-title"},
        {"title": "Harbour plans approved"},
    ),
    captions.rule: Case([PROSE, "(Photo by Reuters)"], {1: "photo-caption"}),
    mirrors.rule: Case(
        [
            "The site can also be accessed at the following alternate addresses:",
            "www.mirror.example",
        ]
        + [PROSE, "example.org"],
        {0: "mirror-notice", 1: "mirror-notice", 3: "bare-url"},
    ),
    bylines.rule: Case(["By John Smith and Jane Doe", PROSE], {0: "byline"}),
    bios.rule: Case(
        [PROSE, "Jane Doe covers health for the Herald."],
        {1: "author-bio"},
        {"metadata": {"authors": ["Jane Doe"]}},
    ),
    share.rule: Case(["SHARE THIS ARTICLE", PROSE], {0: "share-prompt"}),
    promos.rule: Case(["Download our app", PROSE], {0: "app-promo"}),
    newsletter.rule: Case(["Sign up for our newsletter", PROSE], {0: "newsletter"}),
    cookies.rule: Case(["We use cookies to improve your experience.", PROSE], {0: "cookie-notice"}),
    comments.rule: Case([PROSE, "Leave a comment"], {1: "comment-prompt"}),
    related.rule: Case(
        [PROSE, "Read more", "Putin meets Trump in Hamburg", "Markets rally on rate hopes"],
        {1: "related-links", 2: "related-links", 3: "related-links"},
    ),
    copyright.rule: Case(
        [PROSE, "© 2026 The Harbour Herald Ltd. All rights reserved."], {1: "copyright"}
    ),
    ads.rule: Case(["Advertisement", PROSE], {0: "advertisement"}),
    navigation.rule: Case(
        ["Home", "News", "Sport", PROSE],
        {0: "navigation", 1: "navigation", 2: "navigation"},
        {"form": "text"},
    ),
    repeated.paragraph_rule: Case(
        [PROSE, MORE, PROSE], {2: "repeated-paragraph"}, {"form": "text"}
    ),
    edges.rule: Case(
        ["Menu", "Search", PROSE, MORE, "Terms of use"],
        {0: "leading-chrome", 1: "leading-chrome", 4: "trailing-chrome"},
        {"form": "text"},
    ),
    threads.rule: Case(
        [*[PROSE, MORE] * 3, "Sam · May 1, 2024 at 9:41 AM", MORE, "Jo · May 1 at 10:02 AM", MORE]
        + ["Al · May 2, 2024 at 8:15 PM", MORE],
        {i: "comment-thread" for i in range(6, 12)},
        {"form": "text"},
    ),
    span.rule: Case(
        ["Home News Sport Weather Contact", "Harbour Herald", PROSE, MORE, "Privacy Terms Jobs"],
        {0: "outside-body", 1: "outside-body", 4: "outside-body"},
        {"form": "text"},
    ),
}


def _rule_id(rule: Any) -> str:
    return f"{rule.__module__.rsplit('.', 1)[-1]}.{rule.__qualname__}"


def _run(rule: Any, case: Case) -> Page:
    page = Page(paragraphs=list(case.lines), **case.page)
    rule(page)
    return page


# ---- the tests ---------------------------------------------------------------------------------


def test_every_registered_rule_has_a_case():
    missing = [_rule_id(r) for r in RULES if r not in CASES]
    stale = [_rule_id(r) for r in CASES if r not in RULES]
    assert not missing, f"registered rules without a behavioural case in CASES: {missing}"
    assert not stale, f"CASES holds rules that are not registered in RULES: {stale}"
    assert len(set(map(id, RULES))) == len(RULES), "a rule is registered twice"


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_each_rule_removes_its_lines_and_nothing_else(rule):
    case = CASES[rule]
    page = _run(rule, case)
    assert page.removed_by == case.removed
    assert any(PROSE in page.paragraphs[i] for i in page.live())  # the article stays


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_the_source_scan_sees_the_names_each_rule_reports(rule):
    # the scan is what the reference check relies on: it must find what the rules do
    module = rule.__module__.rsplit(".", 1)[-1]
    emitted = emitted_by_module()
    observed = set(_run(rule, CASES[rule]).removed_by.values())
    helper_made = module == "base"  # line_rule & co. are defined in base, named by their callers
    assert observed <= (emitted_names() if helper_made else emitted[module])


def test_every_rule_has_a_name_and_the_names_are_unique():
    assert all(callable(r) and getattr(r, "__name__", "") for r in RULES)
    names = [r.__name__ for r in RULES]
    assert len(set(names)) == len(names), f"rule names repeat: {sorted(names)}"
    for rule in RULES:  # its name is the one --explain and eval_real.py report it under
        assert rule.__name__ in set(CASES[rule].removed.values()), _rule_id(rule)


# Which of the tests above fail until every rule module names its rule (the patch for
# curator/clean/rules/** is in the issue 18 report): generic function names ("rule",
# "title_rule") repeat. Strict, so the marker must go when the names land.
_UNNAMED = [r for r in RULES if r.__name__ not in set(CASES[r].removed.values())]
if _UNNAMED:
    test_every_rule_has_a_name_and_the_names_are_unique = pytest.mark.xfail(
        strict=True,
        reason=f"rules/** not yet named: {[_rule_id(r) for r in _UNNAMED]}",
    )(test_every_rule_has_a_name_and_the_names_are_unique)


def test_every_rule_name_relied_on_is_reported_by_some_rule():
    known = known_names()
    dangling = {
        f"{path.relative_to(ROOT)}:{line}": name
        for path in REFERENCING
        for name, line in referenced_in(path).items()
        if name not in known
    }
    assert not dangling, f"rule names referred to that no rule or DOM class reports: {dangling}"


def test_the_reference_scan_finds_the_known_references():
    # edges.py relies on the boundary and header rules, the tagger on bylines and headlines
    edges_refs = referenced_in(RULES_DIR / "edges.py")
    assert edges.BOUNDARY_RULES | edges.HEADER_RULES <= edges_refs.keys()
    tagger_refs = referenced_in(ROOT / "curator" / "tag" / "removed.py")
    assert {"byline", "headline", "leading-chrome"} <= tagger_refs.keys()


def test_a_dangling_name_would_be_caught(tmp_path):
    source = tmp_path / "rule_module.py"
    source.write_text(
        'LEAD_RULES = {"navigation", "old-rule-name"}\n'
        "def f(page, item, i):\n"
        '    return page.removed_by.get(i) == "renamed-rule" or item.rule in ("byline",)\n',
        encoding="utf-8",
    )
    found = referenced_in(source)
    assert found.keys() == {"navigation", "old-rule-name", "renamed-rule", "byline"}
    assert found.keys() - known_names() == {"old-rule-name", "renamed-rule"}


def test_names_in_the_boundary_and_header_sets_exist():
    assert edges.BOUNDARY_RULES <= known_names()
    assert edges.HEADER_RULES <= known_names()


CHROME_PAGE = (
    "<html><head><title>Harbour plans approved</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<div class='breadcrumb'><a href='/'>Home</a> › <a href='/news'>News</a></div>"
    "<article><h1>Harbour plans approved</h1><p class='byline'>By Jane Doe</p>"
    + "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(5))
    + "<div class='share-buttons'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>"
    "<figure><img src='a.jpg'><figcaption>Photo: AFP</figcaption></figure></article>"
    "<aside><a href='/x'>Most read: the market hall reopens</a></aside>"
    "<div class='newsletter'>Sign up for our newsletter</div>"
    "<div id='cookie-banner'>We use cookies.</div>"
    "<section class='comments'><p>Reader one wrote a comment.</p></section>"
    "<footer>© 2026 The Harbour Herald</footer></body></html>"
)


def test_every_name_the_cleaner_reports_is_a_known_rule_or_dom_class():
    html = clean_html(CHROME_PAGE, "https://news.example/local/2026/harbour-plans-approved")
    text = clean_text(
        "\n\n".join(["Home | News | Sport | Weather", "Harbour plans approved", "By Jane Doe"])
        + "\n\n"
        + "\n\n".join(f"{PROSE} Paragraph {i}." for i in range(5))
        + "\n\nShare this article\n\nSign up for our newsletter\n\n© 2026 The Harbour Herald"
    )
    reported = {r.rule for r in html.removed} | {r.rule for r in text.removed}
    assert {r.rule for r in html.removed} & DOM_RULE_NAMES  # the page exercised the DOM pass
    assert reported <= known_names(), reported - known_names()


def test_dom_rule_names_cover_every_chrome_tag_and_label():
    from curator.clean import html as clean_html_module

    for tag in clean_html_module.CHROME_TAGS:
        assert f"dom-{tag}" in DOM_RULE_NAMES
    for token in clean_html_module.CHROME_TOKENS | clean_html_module.CHROME_PARTS:
        assert f"dom-{token}" in DOM_RULE_NAMES
    assert "dom-byline" in DOM_RULE_NAMES


def _readme_rule_table() -> list[tuple[str, str]]:
    """(rule, verdict) rows of the README's removal-precision table (scripts/eval_real.py's)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.find("| rule | units | pages | precision |")
    if start < 0:
        return []
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cells[0], cells[-1]))
    return rows


def test_the_rules_the_readme_judges_exist_unless_marked_gone():
    rows = _readme_rule_table()
    if not rows:
        pytest.skip("the README has no removal-precision table")
    unknown = [
        rule for rule, verdict in rows if rule not in known_names() and "gone" not in verdict
    ]
    assert not unknown, f"README judges rules no rule or DOM class reports: {unknown}"
