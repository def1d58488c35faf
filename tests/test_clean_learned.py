"""Site-learned boilerplate: the threshold, quotes shared by two articles, persistence, and
the pipeline step."""

import hashlib
import re

from hypothesis import given
from hypothesis import strategies as st

from curator.clean import Cleaned, LearnedBoilerplate
from curator.clean.learned import MIN_PAGES, BoilerplateModel, line_key
from curator.pipeline import Document

NOTICE = "Press TV's website can also be accessed at the following alternate addresses."
QUOTE = "We look forward to a lot of very positive things happening, the president said."


def body(n: int, *extra: str) -> list[str]:
    return [
        f"Article number {n} tells its own story with twenty or so different words in it, page {n}.",
        *extra,
    ]


def test_a_line_on_enough_pages_is_learned_and_a_shared_quote_is_not():
    model = BoilerplateModel()
    for n in range(10):
        model.observe("example.com", body(n, NOTICE, QUOTE if n < 2 else ""))
    assert model.is_boilerplate("example.com", NOTICE)
    assert model.is_boilerplate("example.com", NOTICE.upper())  # case and punctuation do not matter
    assert not model.is_boilerplate("example.com", QUOTE)
    assert not model.is_boilerplate("other.example", NOTICE)  # learned per host


def test_threshold_needs_both_the_page_floor_and_the_share():
    model = BoilerplateModel()
    for n in range(MIN_PAGES - 1):
        model.observe("a.example", body(n, NOTICE))
    assert not model.is_boilerplate("a.example", NOTICE)  # 4 of 4 pages: too few pages
    model.observe("a.example", body(99, NOTICE))
    assert model.is_boilerplate("a.example", NOTICE)
    for n in range(20):
        model.observe("a.example", body(100 + n))
    assert not model.is_boilerplate("a.example", NOTICE)  # 5 of 25 pages: too rare on this host


def test_counts_persist_as_hashes(tmp_path):
    model = BoilerplateModel()
    for n in range(6):
        model.observe("example.com", body(n, NOTICE))
    path = tmp_path / "state" / "boilerplate.json"
    model.save(path)
    assert NOTICE not in path.read_text()
    assert BoilerplateModel.load(path).is_boilerplate("example.com", NOTICE)
    assert not BoilerplateModel.load(tmp_path / "missing.json").hosts


def doc(n: int, host: str = "example.com") -> Document:
    text = "\n\n".join(body(n, " ".join(["More words of this article."] * 10), NOTICE))
    d = Document(record={"url": f"https://www.{host}/story-{n}", "text": text})
    d.cleaned = Cleaned(text=text)
    return d


def test_step_learns_a_batch_removes_and_explains(tmp_path):
    path = tmp_path / "boilerplate.json"
    docs = list(
        LearnedBoilerplate(path, batch_size=100).run(
            [doc(n) for n in range(6)] + [doc(0, "solo.example")]
        )
    )
    for d in docs[:6]:
        assert NOTICE not in d.record["text"] and d.record["text"] == d.cleaned.text
        assert d.cleaned.removed[-1].rule == "site-boilerplate"
    assert NOTICE in docs[6].record["text"]  # one page of its host: nothing learned
    assert BoilerplateModel.load(path).is_boilerplate("example.com", NOTICE)


def test_step_counts_a_repeated_url_once():
    docs = list(LearnedBoilerplate().run([doc(1) for _ in range(8)]))
    assert NOTICE in docs[0].record["text"]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_line_key_ascii_fast_path_equals_the_regex(line):
    # the ASCII fast path must give the keys the state files of earlier versions hold
    expected = re.sub(r"\W+", " ", line.casefold()).strip()
    assert line_key(line) == hashlib.blake2b(expected.encode(), digest_size=8).hexdigest()


def test_keys_hashed_in_the_worker_are_what_the_driver_would_hash():
    from curator.clean.learned import LineKeys, keys_of, page_line_keys

    d = doc(3)
    LineKeys().process(d)
    assert d.cleaned.line_keys is not None
    assert keys_of(d.cleaned) == page_line_keys(d.cleaned.text)
    # a text changed after the worker hashed it is hashed again, never matched on old keys
    d.cleaned.text += "\n\nOne more paragraph the editor added after the page was cleaned."
    assert keys_of(d.cleaned) == page_line_keys(d.cleaned.text)
    assert len(keys_of(d.cleaned)) == len(d.cleaned.line_keys[1]) + 1


def test_step_gives_the_same_text_with_keys_from_the_workers():
    from curator.clean.learned import LineKeys

    plain = list(LearnedBoilerplate().run([doc(n) for n in range(6)]))
    keyed = [doc(n) for n in range(6)]
    for d in keyed:
        LineKeys().process(d)
    keyed = list(LearnedBoilerplate().run(keyed))
    assert [d.record["text"] for d in keyed] == [d.record["text"] for d in plain]
    assert all(NOTICE not in d.record["text"] for d in keyed)
