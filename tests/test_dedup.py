"""The deduplicator on real state folders: URL, exact and near duplicates, clusters, index."""

import hashlib
import json
import random

import numpy as np
import pytest

from curator.dedup import Deduplicator, DedupSettings, assign_id
from curator.dedup import minhash as mh
from curator.pipeline import Document
from curator.record import empty_record

WORDS = [f"w{i}" for i in range(5000)]


def paragraph(rng: random.Random, n: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def article(seed: int, paragraphs: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [paragraph(rng) for _ in range(paragraphs)]


def doc(url, paras, published=None, title="A title", **extra) -> Document:
    text = "\n\n".join(paras)
    rec = empty_record()
    rec.update(url=url, canonical_url=None, text=text, title=title, published=published)
    rec["content_sha256"] = hashlib.sha256(text.encode()).hexdigest()
    rec.update(extra)
    return Document(record=rec)


def run(dedup: Deduplicator, docs: list[Document]) -> list[Document]:
    return list(dedup.run(docs))


def test_assign_id_from_url_or_text():
    sha = "a" * 64
    assert (
        assign_id("https://example.com/a", sha)
        == hashlib.sha256(b"https://example.com/a").hexdigest()[:16]
    )
    assert assign_id(None, sha) == hashlib.sha256(sha.encode()).hexdigest()[:16]


def test_shingles_ignore_case_punctuation_and_spacing():
    a = mh.shingle_set("The Minister said, on Monday: taxes will rise.")
    b = mh.shingle_set("the minister said on monday\n\ntaxes   will rise")
    assert np.array_equal(a, b)
    assert mh.jaccard(a, mh.shingle_set("the minister said on tuesday taxes will rise")) < 0.5


def test_url_duplicates_with_tracking_and_mirror(tmp_path):
    paras = article(1)
    docs = [
        doc("https://www.presstv.ir/Detail/1", paras, "2024-01-01T10:00:00Z"),
        doc("https://presstv.ir/Detail/1?utm_source=tw", paras[:-1], "2024-01-01T11:00:00Z"),
        doc("https://www.presstv.co.uk/Detail/1/", article(2), "2024-01-01T12:00:00Z"),
    ]
    d = Deduplicator(tmp_path, mirrors={"presstv.co.uk": "presstv.ir"})
    out = run(d, docs)
    assert out[0].alive and out[0].record["dup_cluster_size"] == 3
    assert [o.duplicate_reason for o in out[1:]] == ["url", "url"]  # updated text: still "url"
    assert {o.duplicate_of for o in out[1:]} == {out[0].record["id"]}
    assert out[2].record["canonical_url"] == "https://presstv.ir/Detail/1"
    assert out[2].record["url"] == "https://www.presstv.co.uk/Detail/1/"  # kept as given
    assert d.stats["url"] == 2 and len(d.report) == 2


def test_mirror_learned_from_alternate_notice(tmp_path):
    paras = article(3)
    docs = [
        doc("https://presstv.ir/Detail/9", paras, alternate_urls=["www.presstv.co.uk"]),
        doc("https://www.presstv.co.uk/Detail/9", article(4)),
    ]
    out = run(Deduplicator(tmp_path), docs)
    assert out[1].duplicate_reason == "url"


def test_exact_duplicate(tmp_path):
    paras = article(5)
    docs = [
        doc("https://a.example/x", paras, "2024-02-01T00:00:00Z"),
        doc("https://b.example/y", paras),
    ]
    out = run(Deduplicator(tmp_path), docs)
    assert out[0].alive and not out[1].alive
    assert (out[1].duplicate_reason, out[1].similarity) == ("exact", 1.0)


def test_near_duplicate_merged_but_same_event_article_is_not(tmp_path):
    rng = random.Random(99)
    story = article(6)
    quote = paragraph(rng, 25)  # the same statement quoted by two different articles
    syndicated = story[:4] + [paragraph(rng)] + story[4:]  # a local paragraph added
    other = [quote] + article(7, 7)  # same event, written independently
    docs = [
        doc("https://wire.example/story", [quote] + story, "2024-03-01T08:00:00Z"),
        doc("https://local.example/news/1", [quote] + syndicated, "2024-03-01T09:00:00Z"),
        doc("https://rival.example/story", other, "2024-03-01T08:30:00Z"),
    ]
    d = Deduplicator(tmp_path)
    out = run(d, docs)
    assert out[1].duplicate_of == out[0].record["id"] and out[1].duplicate_reason == "near"
    assert 0.7 <= out[1].similarity < 1.0
    assert out[2].alive and out[2].record["dup_cluster_size"] == 1
    assert out[0].record["dup_cluster_size"] == 2


def test_near_disabled_keeps_near_copies(tmp_path):
    story = article(8)
    docs = [doc("https://a.example/1", story), doc("https://b.example/1", story + article(9, 1))]
    out = run(Deduplicator(tmp_path, settings={"near": False}), docs)
    assert all(o.alive for o in out)


def test_keep_policy_is_deterministic(tmp_path):
    story = article(10)
    cands = [
        doc("https://c.example/1", story, "2024-04-02T00:00:00Z"),
        doc("https://a.example/1", story[:-1] + [story[-1][:100]], "2024-04-01T00:00:00Z"),
        doc("https://b.example/1", story, None),
        doc("https://d.example/1", story, "2024-04-01T00:00:00Z", description="More metadata"),
    ]
    kept = []
    for order in ([0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]):
        docs = [
            doc(
                c.record["url"],
                [c.record["text"]],
                c.record["published"],
                description=c.record["description"],
            )
            for c in (cands[i] for i in order)
        ]
        out = run(Deduplicator(tmp_path / str(order)), docs)
        kept.append([o.record["url"] for o in out if o.alive])
    # earliest published wins; among the two earliest the longer text (d, not truncated a)
    assert kept == [["https://d.example/1"]] * 3


def test_dead_documents_pass_through_untouched(tmp_path):
    dead = doc("https://a.example/1", article(11)).reject("too short")
    out = run(Deduplicator(tmp_path), [dead])
    assert out[0] is dead and out[0].record["id"] is None and out[0].duplicate_of is None


def _build(state, docs, version="v1.0.0") -> list[Document]:
    d = Deduplicator(state, version=version)
    out = run(d, docs)
    d.commit()
    return out


def test_cross_batch_drops_copy_and_keeps_old_id(tmp_path):
    story = article(12)
    first = _build(
        tmp_path,
        [
            doc("https://a.example/story?id=1", story, "2024-05-01T00:00:00Z"),
            doc("https://a.example/other", article(13)),
        ],
    )
    old_id = first[0].record["id"]
    d = Deduplicator(tmp_path, version="v1.1.0")
    out = run(
        d,
        [
            doc("https://www.a.example/story?id=1&utm_source=x", story),  # same URL
            doc("https://mirror.example/copy", story[:-1] + [paragraph(random.Random(5))]),  # near
            doc("https://b.example/exact", article(13)),  # exact copy of the other article
            doc("https://c.example/new", article(14)),
        ],
    )
    assert out[0].record["id"] == old_id and out[0].duplicate_of == old_id
    assert [o.duplicate_reason for o in out[:3]] == ["url", "near", "exact"]
    assert out[1].duplicate_of == old_id and out[1].similarity >= 0.7
    assert out[3].alive and out[3].record["dup_cluster_size"] == 1
    assert d.report[0]["kept_url"] == "https://a.example/story?id=1"
    assert d.lookup("http://a.example/story/?id=1") == old_id


def test_uncommitted_run_leaves_old_index(tmp_path):
    _build(tmp_path, [doc("https://a.example/1", article(15))])
    manifest = (tmp_path / "dedup" / "index.json").read_bytes()
    d = Deduplicator(tmp_path, version="v1.1.0")
    run(d, [doc("https://a.example/2", article(16))])  # no commit: e.g. publishing failed
    assert (tmp_path / "dedup" / "index.json").read_bytes() == manifest
    again = Deduplicator(tmp_path, version="v1.1.0")
    out = run(again, [doc("https://a.example/2", article(16))])
    assert out[0].alive  # the uncommitted batch left no trace
    assert (
        again.lookup("https://a.example/1") is not None
        and again.lookup("https://a.example/2") is None
    )


def test_commit_is_atomic_manifest_and_collects_orphans(tmp_path):
    _build(tmp_path, [doc("https://a.example/1", article(17))])
    orphan = tmp_path / "dedup" / "seg-v9.9.9-deadbeef"
    orphan.mkdir()
    _build(tmp_path, [doc("https://a.example/2", article(18))], "v1.1.0")
    manifest = json.loads((tmp_path / "dedup" / "index.json").read_text())
    assert len(manifest["segments"]) == 2 and not orphan.exists()
    assert not list((tmp_path / "dedup").glob("*.tmp"))


def test_remove_forgets_ids(tmp_path):
    story = article(19)
    first = _build(
        tmp_path, [doc("https://a.example/1", story), doc("https://a.example/2", article(20))]
    )
    gone = first[0].record["id"]
    d = Deduplicator(tmp_path, version="v1.1.0")
    d.remove([gone])
    d.commit()
    d = Deduplicator(tmp_path, version="v1.2.0")
    assert d.lookup("https://a.example/1") is None
    assert d.lookup("https://a.example/2") == first[1].record["id"]
    out = run(
        d,
        [
            doc("https://b.example/copy", story),
            doc("https://c.example/near", story + [paragraph(random.Random(1))]),
        ],
    )
    # text hash and bands of the removed row are gone too: the two copies cluster together,
    # and the longer one is kept instead of the removed published row
    assert out[1].alive and out[1].record["dup_cluster_size"] == 2
    assert out[0].duplicate_of == out[1].record["id"] and out[0].duplicate_reason == "near"
    assert gone not in {r["kept_id"] for r in d.report}


def test_learned_mirror_persists_across_versions(tmp_path):
    _build(
        tmp_path, [doc("https://presstv.ir/Detail/1", article(21), alternate_urls=["presstv.com"])]
    )
    out = run(
        Deduplicator(tmp_path, version="v1.1.0"), [doc("https://presstv.com/Detail/1", article(22))]
    )
    assert out[0].duplicate_reason == "url"


def test_settings_come_from_the_spec_table_and_a_bad_key_is_named(tmp_path):
    assert DedupSettings.from_section({"rows": 4}) == DedupSettings(rows=4)
    for table, message in (
        ({"treshold": 0.8}, "dedup.treshold: unknown setting"),
        ({"rows": 6}, "dedup.rows: bands x rows is 150, more than 128"),
        ({"bands": 30, "rows": 5}, "dedup.bands: bands x rows is 150"),
    ):
        with pytest.raises(ValueError, match=message):
            Deduplicator(tmp_path, settings=table)
    with pytest.raises(ValueError, match="dedup.bands"):
        DedupSettings(bands=64)


def test_a_batch_is_staged_at_once_and_listed_only_at_commit(tmp_path):
    story = article(23)
    d = Deduplicator(tmp_path)
    first = run(d, [doc("https://a.example/1", story, "2024-06-01T00:00:00Z")])
    folder = tmp_path / "dedup"
    assert [p.name for p in folder.glob("seg-*")] and not (folder / "index.json").exists()
    # the next batch of the same run sees the first one as it would a published row
    second = run(
        d, [doc("https://b.example/1", story), doc("https://a.example/1?utm_source=x", story)]
    )
    assert [o.duplicate_of for o in second] == [first[0].record["id"]] * 2
    assert [o.duplicate_reason for o in second] == ["exact", "url"]
    assert first[0].record["dup_cluster_size"] == 1  # as of its own batch
    assert d.lookup("https://a.example/1") is None  # staged is not published
    d.commit()
    assert len(json.loads((folder / "index.json").read_text())["segments"]) == 2
    assert d.lookup("https://a.example/1") == first[0].record["id"]


def test_batch_counts_and_report_rows(tmp_path):
    story = article(24)
    d = Deduplicator(tmp_path)
    run(
        d,
        [
            doc("https://a.example/1", story, "2024-07-01T00:00:00Z"),
            doc("https://b.example/1", story),
        ],
    )
    assert d.stats == {"input": 2, "kept": 1, "url": 0, "exact": 1, "near": 0, "near_candidates": 0}
    (row,) = d.report
    assert (row["url"], row["kept_url"], row["reason"], row["similarity"]) == (
        "https://b.example/1",
        "https://a.example/1",
        "exact",
        1.0,
    )
