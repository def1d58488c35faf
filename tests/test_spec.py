"""Spec checking: every mistake is exit 2 and a message that names the key, never a traceback
and never a silent pass; what a user reasonably writes (an unquoted TOML date) is accepted."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT, write_spec

from curator.fetch.scope import Scope
from curator.spec import SpecError, check_spec, load_spec, spec_schema

SOURCE_TYPES = spec_schema()["properties"]["sources"]["items"]["properties"]["type"]["enum"]
VALID_SOURCE = {
    "manifest": 'path = "m.json"',
    "folder": 'path = "pages"\nform = "text"',
    "jsonl": 'path = "pages.jsonl"',
    "warc": 'path = "crawl.warc.gz"',
    "urls": 'urls = ["https://news.example.org/a"]\npath = "list.txt"',
    "sitemap": 'url = "https://news.example.org/sitemap.xml"',
    "feed": 'urls = ["https://news.example.org/rss.xml"]',
    "homepage": 'url = "https://news.example.org/"',
}
FOLDER = '[[sources]]\ntype = "folder"\npath = "pages"\n'


def spec_text(body: str, sources: str = FOLDER) -> str:
    return f'name = "t"\n{body}\n{sources}'


def run_build(tmp_path, text: str) -> subprocess.CompletedProcess:
    spec = write_spec(tmp_path, text)
    return subprocess.run(
        [sys.executable, "-m", "curator", "build", str(spec), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def problems_of(tmp_path, text: str) -> str:
    with pytest.raises(SpecError) as err:
        load_spec(write_spec(tmp_path, text))
    return str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (spec_text("", '[[sources]]\ntype = "warc"\n'), 'sources[0].path: required for type "warc"'),
        (spec_text('[scope]\ninclude = ["(unclosed"]'), "scope.include[0]: '(unclosed' is not a valid regex"),
        (spec_text("", '[[sources]]\ntype = "sitemap"\n'), 'sources[0].url: required for type "sitemap"'),
        (spec_text("", '[[sources]]\ntype = "urls"\n'), 'sources[0].urls: required for type "urls"'),
        (spec_text("[filters]\nmin_words = 100\nmax_words = 10"), "filters.min_words: 100 is more than filters.max_words (10)"),
        (spec_text("shard_size = 1000000000000000000"), "shard_size: 1000000000000000000 is greater than the maximum"),
        (spec_text("", FOLDER + 'pth = "x"\n'), 'sources[0].pth: not a key of a "folder" source'),
        (spec_text('output = "taken"'), "output: "),
    ],
    ids=["warc-path", "regex", "sitemap-url", "urls-urls", "min-max", "shard-size", "unknown-key", "output-file"],
)  # fmt: skip
def test_the_cli_refuses_a_bad_spec_with_exit_2_naming_the_key(tmp_path, text, message):
    (tmp_path / "taken").write_text("a file where the dataset folder would go")
    done = run_build(tmp_path, text)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", SOURCE_TYPES)
def test_each_source_type_has_its_own_keys(tmp_path, kind):
    # the valid entry is accepted; the same with a key of no reader is refused by name
    entry = f'[[sources]]\ntype = "{kind}"\n{VALID_SOURCE[kind]}\n'
    load_spec(write_spec(tmp_path, spec_text("", entry)))
    message = problems_of(tmp_path, spec_text("", entry + "bogus = 1\n"))
    assert f'sources[0].bogus: not a key of a "{kind}" source (its keys: type' in message


@pytest.mark.parametrize("kind", ["sitemap", "feed", "homepage"])
def test_a_remote_source_needs_a_url(tmp_path, kind):
    message = problems_of(tmp_path, spec_text("", f'[[sources]]\ntype = "{kind}"\n'))
    assert f'sources[0].url: required for type "{kind}" (or urls)' in message


@pytest.mark.parametrize("listed", ['urls = ["https://a.example/x"]', 'path = "list.txt"', 'url = "http://a.example/x"'])  # fmt: skip
def test_a_urls_source_takes_urls_or_a_list_file(tmp_path, listed):
    load_spec(write_spec(tmp_path, spec_text("", f'[[sources]]\ntype = "urls"\n{listed}\n')))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('type = "urls"\nurls = []', "sources[1].urls: [] should be non-empty"),
        ('type = "feed"\nurl = "news.example.org/rss"', "sources[1].url: 'news.example.org/rss': expected an http:// or https:// URL"),
        ('type = "warc"\npath = "a.warc"\nform = "html"', 'sources[1].form: not a key of a "warc" source'),
        ('path = "x"', "sources[1].type: required"),
    ],
)  # fmt: skip
def test_a_bad_source_entry_is_named_by_its_index(tmp_path, entry, message):
    # a good entry first, so the index in the message is the bad entry's
    assert message in problems_of(tmp_path, spec_text("", f"{FOLDER}[[sources]]\n{entry}\n"))


@pytest.mark.parametrize(
    "key",
    [
        "shard_size",
        "versions_kept",
        "fetch.retries",
        "fetch.requests_per_second",
        "fetch.max_bytes",
        "fetch.concurrency",
        "fetch.concurrency_per_host",
        "fetch.connect_timeout",
        "fetch.read_timeout",
        "fetch.total_timeout",
        "fetch.max_redirects",
        "fetch.backoff_seconds",
        "fetch.max_retry_after",
        "clean.timeout_seconds",
        "clean.boilerplate_min_pages",
        "scope.max_pages_per_host",
        "dedup.shingle_size",
        "filters.max_words",
    ],
)
def test_an_absurd_number_is_refused(tmp_path, key):
    section, _, name = key.rpartition(".")
    setting = f"[{section}]\n{name} = {10**18}" if section else f"{name} = {10**18}"
    message = problems_of(tmp_path, spec_text(setting))
    assert f"{key}: 1000000000000000000 is greater than the maximum" in message


def test_zero_shards_and_negative_retries_are_refused(tmp_path):
    message = problems_of(tmp_path, spec_text("shard_size = 0\n[fetch]\nretries = -1"))
    assert "shard_size: 0 is less than the minimum of 1" in message
    assert "fetch.retries: -1 is less than the minimum of 0" in message


def test_every_min_above_its_max_is_refused(tmp_path):
    filters = "[filters]\nmin_mean_word_length = 3.5\nmax_mean_word_length = 2.0"
    message = problems_of(tmp_path, spec_text(filters))
    assert "filters.min_mean_word_length: 3.5 is more than filters.max_mean_word_length" in message
    load_spec(write_spec(tmp_path, spec_text("[filters]\nmin_words = 10\nmax_words = 10")))


def test_dedup_bands_times_rows_must_fit_the_signature(tmp_path):
    # 64 bands with the default 5 rows need 320 signature slots; there are 128
    message = problems_of(tmp_path, spec_text("[dedup]\nbands = 64"))
    assert "dedup.bands: bands x rows is 320, more than 128" in message
    load_spec(write_spec(tmp_path, spec_text("[dedup]\nbands = 32\nrows = 4")))


@pytest.mark.parametrize("kind", ["folder", "sitemap"])
def test_a_bad_scope_regex_is_refused_for_local_and_remote_sources(tmp_path, kind):
    entry = f'[[sources]]\ntype = "{kind}"\n{VALID_SOURCE[kind]}\n'
    message = problems_of(tmp_path, spec_text('[scope]\nexclude = ["/video/", "[x"]', entry))
    assert "scope.exclude[1]: '[x' is not a valid regex" in message
    assert "exclude[0]" not in message


def test_every_problem_is_reported_at_once(tmp_path):
    text = spec_text('shard_size = 0\n[scope]\ninclude = ["("]', '[[sources]]\ntype = "warc"\n')
    message = problems_of(tmp_path, text)
    for key in ("shard_size", "scope.include[0]", "sources[0].path"):
        assert f"spec.toml: {key}: " in message


def test_an_output_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "taken").write_text("")
    message = problems_of(tmp_path, spec_text('output = "taken/sub"'))
    assert f"output: {tmp_path / 'taken'} is a file, not a folder" in message


def test_the_default_output_is_checked_too(tmp_path):
    (tmp_path / "t").write_text("")  # the spec's name, so its default output folder
    message = problems_of(tmp_path, spec_text(""))
    assert "output (default: the name 't'): " in message


@pytest.mark.parametrize(
    "since", ["2026-01-01", '"2026-01-01"', "2026-01-01T08:30:00Z", "2026-01-01T23:00:00"]
)
def test_since_may_be_a_native_toml_date_or_datetime(tmp_path, since):
    spec = load_spec(write_spec(tmp_path, spec_text(f"[scope]\nsince = {since}")))
    assert spec.section("scope")["since"] == "2026-01-01"
    assert Scope.from_spec(spec).since == date(2026, 1, 1)


def test_a_since_that_is_not_a_date_is_refused(tmp_path):
    message = problems_of(tmp_path, spec_text('[scope]\nsince = "last week"'))
    assert "scope.since: 'last week' is not a 'date'" in message


def test_check_spec_returns_the_data_with_dates_as_text():
    data = {"name": "t", "sources": [{"type": "folder", "path": "p"}]}
    data["scope"] = {"since": date(2026, 1, 1)}
    assert check_spec(data)["scope"]["since"] == "2026-01-01"
    assert data["scope"]["since"] == date(2026, 1, 1)  # the caller's dict is left alone
