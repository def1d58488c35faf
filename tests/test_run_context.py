"""One run context for crawl, build and update: the deny-list holds before anything is
fetched, whichever command runs, against the fixture site served on 127.0.0.1; the
fetcher's middlewares are one ordered list a setting changes; the source registry and the
spec schema declare the same source types and keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_fetch_site
from test_fetch_site import fetcher_for, make_spec, serve_site
from warcio.archiveiterator import ArchiveIterator

import curator
from curator.denylist import DenyList
from curator.fetch import MIDDLEWARES, FetchConfig, Fetcher
from curator.fetch.middlewares import REQUIRED, ordered
from curator.owner import claim
from curator.package.remove import remove
from curator.sources import SOURCE_TYPES, RunContext, crawl, read_sources, remote_types
from curator.spec import SpecError, load_spec, spec_schema

_http_server = test_fetch_site._http_server  # fixtures shared by the fetch/source tests
server = test_fetch_site.server

RIVER = "/news/river-flood-closes-bridge.html"
COUNCIL = "/news/council-approves-new-budget.html"


def _asked(server) -> list[str]:
    return [request.path for request, _ in server.log]


def _archived(state: Path) -> set[str]:
    """Every URL with a record in the archive's WARC files (not only in its index)."""
    urls = set()
    for path in (state / "archive").glob("*.warc.gz"):
        with path.open("rb") as fh:
            urls |= {
                r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(fh)
                if r.rec_type == "response"
            }
    return urls


def _deny(spec, *urls: str) -> None:
    claim(spec.output, spec.name)  # a deny-list lives in a dataset folder curator owns
    deny = DenyList.load(spec.output, spec.mirrors)
    deny.add(None, *urls)
    deny.save(spec.output)


def _serve(server) -> str:
    """The fixture site, plus a page that redirects to the river story."""
    base = serve_site(server)
    server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": base + RIVER}
    )
    return base


def _site_spec(tmp_path, server):
    """The fixture site's sitemap (all three stories), plus a listed URL that redirects to
    the river story and the river story listed again with a tracking parameter."""
    base = _serve(server)
    sources = [
        {"type": "sitemap", "url": base + "/"},
        {"type": "urls", "urls": [base + "/moved", f"{base}{RIVER}?utm_source=feed"]},
    ]
    return base, make_spec(tmp_path, sources)


def test_a_denied_page_is_requested_by_no_build_update_or_crawl(tmp_path, server):
    base, spec = _site_spec(tmp_path, server)
    _deny(spec, base + RIVER)
    state = spec.output / ".curator"

    built = curator.build(spec, progress=False)
    assert built.version == "v1.0.0", built.summary()
    assert RIVER not in _asked(server) and COUNCIL in _asked(server)
    assert "/moved" in _asked(server)  # asked, but its redirect to the denied page stopped there
    assert built.counts["denied"] == 2  # the listing in the sitemap, the redirect's target
    assert built.by_host["127.0.0.1"]["denied"] == 2
    assert "denied" in built.hosts

    server.clear()
    _serve(server)
    updated = curator.update(spec, progress=False)  # conditional GETs for every archived page
    assert COUNCIL in _asked(server) and RIVER not in _asked(server)
    assert updated.counts["denied"] == 2

    server.clear()
    _serve(server)
    summary = crawl(spec, progress=False)
    assert COUNCIL in _asked(server) and RIVER not in _asked(server)
    assert summary.denied == {"127.0.0.1": 2}

    archived = _archived(state)
    assert base + COUNCIL in archived
    assert not [url for url in archived if RIVER in url]
    assert RIVER not in (state / "archive" / "index.jsonl").read_text()


def test_a_taken_down_article_is_not_fetched_again_by_the_next_update(tmp_path, server):
    base, spec = _site_spec(tmp_path, server)
    built = curator.build(spec, progress=False)
    state = spec.output / ".curator"
    assert built.version == "v1.0.0" and base + RIVER in _archived(state), built.summary()

    taken = remove(spec, url=base + RIVER, reason="request #17")
    assert taken.version == "v1.0.1"
    assert base + RIVER not in _archived(state)  # remove took it out of the archive

    server.clear()
    _serve(server)
    updated = curator.update(spec, progress=False)
    assert RIVER not in _asked(server) and COUNCIL in _asked(server)
    assert updated.version is None and updated.counts["denied"] == 2, updated.summary()
    assert not [url for url in _archived(state) if RIVER in url]
    rejects = "".join(
        p.read_text() for p in spec.output.rglob("*.jsonl") if ".curator" not in p.parts
    )
    assert RIVER not in rejects  # not reported as a reject either: it was never read


def _warc(path: Path, urls: list[str]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url in urls:
            body = test_fetch_site.page(url.rsplit("/", 1)[-1]).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(body), http_headers=headers
                )
            )


def test_a_denied_page_in_a_warc_file_is_not_read(tmp_path):
    urls = ["https://news.example/story-one-here", "https://news.example/story-two-here"]
    _warc(tmp_path / "old.warc.gz", urls)
    spec = make_spec(tmp_path, [{"type": "warc", "path": "old.warc.gz"}])
    deny = DenyList()
    deny.add(None, urls[0] + "?utm_campaign=x")
    with RunContext.from_spec(spec, denylist=deny) as context:
        docs = list(SOURCE_TYPES["warc"].read(spec.data["sources"][0], spec, context))
        assert [d.record["url"] for d in docs] == [urls[1]]
        assert context.host_stats()["news.example"].denied == 1
        assert context.denied_count() == 1


def test_a_denied_page_from_disk_is_left_out_by_the_run_context(tmp_path):
    rows = [
        {"text": "one", "url": "https://news.example/taken-down-story"},
        {"text": "two", "url": "https://news.example/kept-story"},
        {"text": "three"},
    ]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    spec = make_spec(tmp_path, [{"type": "jsonl", "path": "pages.jsonl"}])
    deny = DenyList()
    deny.add(None, "https://news.example/taken-down-story")
    with RunContext.from_spec(spec, denylist=deny) as context:
        docs = list(read_sources(context))
    assert [d.record["url"] for d in docs] == ["https://news.example/kept-story", None]
    assert context.denied_count() == 1


def test_the_fetcher_refuses_a_denied_url_itself(tmp_path, server):
    """Code that fetches without a reader (a sitemap, a feed, a redirect hop) meets the same
    check: the run context gives the fetcher its deny-list."""
    base = serve_site(server)
    spec = make_spec(tmp_path, [{"type": "urls", "url": base + COUNCIL}])
    deny = DenyList()
    deny.add(None, base + RIVER)
    with RunContext.from_spec(spec, tmp_path / "state", denylist=deny) as context:
        result = context.fetcher.fetch(base + RIVER)
        assert result.denied and result.error == "on the deny-list"
        assert context.fetcher.fetch(base + COUNCIL).ok
    assert RIVER not in _asked(server) and context.host_stats()["127.0.0.1"].denied == 1


# -- the middlewares: one ordered list a setting changes ------------------------------------


def test_the_default_chain_is_the_ordered_list():
    assert ordered() == [
        "redirect",
        "guard",
        "deny",
        "robots",
        "retry",
        "conditional",
        "archive",
        "throttle",
    ]
    fetcher = Fetcher(FetchConfig(), state_dir=None)  # no archive: no conditional GET either
    assert [name for name, _ in fetcher.middlewares] == [
        "redirect",
        "guard",
        "deny",
        "robots",
        "retry",
        "throttle",
    ]
    assert fetcher.middlewares[1][1] is fetcher.guard and fetcher.middlewares[2][1] is fetcher.deny
    assert fetcher.middlewares[3][1] is fetcher.robots


def test_a_setting_moves_or_leaves_out_a_middleware():
    assert ordered({"retry": 550, "conditional": False}) == [
        "redirect",
        "guard",
        "deny",
        "robots",
        "archive",
        "retry",
        "throttle",
    ]
    assert ordered({"throttle": 50})[0] == "throttle"
    for name in REQUIRED:
        with pytest.raises(ValueError, match="cannot be left out"):
            ordered({name: False})
    with pytest.raises(ValueError, match="unknown fetch middleware"):
        ordered({"cache": 10})
    assert REQUIRED == {"guard", "deny", "robots", "throttle"} and set(REQUIRED) <= set(MIDDLEWARES)


def test_without_retry_a_server_error_is_tried_once(tmp_path, server):
    server.expect_request("/flaky").respond_with_data("down", status=503)
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    url = server.url_for("/flaky")
    with fetcher_for(tmp_path) as retrying:
        assert retrying.fetch(url).attempts == 3  # retries = 2 in the test settings
    with fetcher_for(tmp_path / "b", middlewares={"retry": False}) as once:
        assert [n for n, _ in once.middlewares].count("retry") == 0
        result = once.fetch(url)
    assert result.error == "HTTP 503" and result.attempts == 1


def _spec_with(tmp_path, middlewares: str) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(
        'name = "mw"\n[[sources]]\ntype = "urls"\nurl = "http://a.example/x"\n'
        f"[fetch.middlewares]\n{middlewares}\n",
        encoding="utf-8",
    )
    return path


def test_the_spec_takes_the_middlewares_setting_and_names_a_bad_key(tmp_path):
    spec = load_spec(_spec_with(tmp_path, "retry = false\narchive = 250"))
    config = FetchConfig.from_section(spec.section("fetch"))
    assert config.middlewares == {"retry": False, "archive": 250}
    assert [n for n, _ in Fetcher(config, tmp_path / "state").middlewares] == [
        "redirect",
        "guard",
        "deny",
        "robots",
        "archive",
        "conditional",
        "throttle",
    ]
    with pytest.raises(SpecError, match=r"fetch\.middlewares\.deny"):
        load_spec(_spec_with(tmp_path, "deny = false"))
    with pytest.raises(SpecError, match=r"fetch\.middlewares\.cache: not a key"):
        load_spec(_spec_with(tmp_path, "cache = 10"))
    schema = spec_schema()["properties"]["fetch"]["properties"]["middlewares"]["properties"]
    assert set(schema) == set(MIDDLEWARES)
    assert {n for n, s in schema.items() if s.get("type") == "integer"} == REQUIRED


# -- the source registry and the spec schema ------------------------------------------------


def _schema_source_keys() -> dict[str, set[str]]:
    """type -> the keys the spec schema lets a ``[[sources]]`` entry of that type have."""
    schema = spec_schema()
    items = schema["properties"]["sources"]["items"]
    keys = {}
    for rule in items["allOf"]:
        kind = rule["if"]["properties"]["type"]["const"]
        definition = schema["$defs"][rule["then"]["$ref"].rsplit("/", 1)[-1]]
        assert definition["additionalProperties"] is False
        keys[kind] = set(definition["properties"]) - {"type"}
    assert set(items["properties"]["type"]["enum"]) == set(keys)
    return keys


def test_the_schema_declares_what_the_registry_declares():
    assert _schema_source_keys() == {name: set(t.keys) for name, t in SOURCE_TYPES.items()}


def test_the_registry_says_which_sources_are_remote():
    assert set(remote_types()) == {"urls", "sitemap", "feed", "homepage"}
    assert all(t.name == name and callable(t.read) for name, t in SOURCE_TYPES.items())


def test_crawl_reads_only_the_remote_sources(tmp_path, server):
    base = serve_site(server)
    (tmp_path / "pages.jsonl").write_text(json.dumps({"text": "x", "url": base + RIVER}) + "\n")
    sources = [{"type": "jsonl", "path": "pages.jsonl"}, {"type": "urls", "url": base + COUNCIL}]
    summary = crawl(make_spec(tmp_path, sources), tmp_path / "state", progress=False)
    assert summary.by_host["127.0.0.1"].fetched == 1 and RIVER not in _asked(server)


# -- the import direction -------------------------------------------------------------------


def test_fetch_imports_nothing_from_sources_and_sources_has_no_cycle():
    from test_imports import cycles, import_graph

    graph = import_graph()
    fetch = {m for m in graph if m.startswith("curator.fetch")}
    assert not {
        m: graph[m] for m in fetch if any(t.startswith("curator.sources") for t in graph[m])
    }
    assert not {
        m: graph[m] for m in fetch if any(t.startswith("curator.package") for t in graph[m])
    }
    assert not [c for c in cycles(graph) if any(m.startswith("curator.sources") for m in c)]
    assert "curator.fetch.documents" not in graph and "curator.fetch.crawl" not in graph
