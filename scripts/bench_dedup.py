"""Benchmark of the deduplicator on a synthetic news corpus with planted duplicates.

    .venv/bin/python scripts/bench_dedup.py --n 10000

The corpus has originals (~600 words, 10 paragraphs, Zipf vocabulary), planted copies of
them (different chrome, light word edits, a paragraph added or cut, truncation, exact
copies on another site, the same URL with tracking parameters) and hard negatives
(independent articles about the same event sharing a quote, template pages with short
bodies). The first half is built and committed as v1.0.0, the second half is an update
deduplicated against that index, so cross-version matching is measured too.

Precision: of the dropped documents, the share whose kept row has the same origin.
Recall: of the planted copies, the share dropped into their origin's cluster; shown for
copies whose exact 5-gram Jaccard with the original is >= the threshold and below it.
Not a timed test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # rensa's batch APIs: measure one core

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from curator.dedup import NUM_PERM, Deduplicator, DedupSettings  # noqa: E402
from curator.dedup import minhash as mh  # noqa: E402
from curator.pipeline import Document  # noqa: E402
from curator.record import empty_record, format_datetime  # noqa: E402

COPY_KINDS = ("chrome", "edit", "para_added", "para_cut", "truncated", "exact", "url")
NEGATIVE_KINDS = ("same_event", "template")
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)
SETTINGS = DedupSettings()  # what a spec without [dedup] gets


@dataclass
class Item:
    url: str
    text: str
    origin: int  # index of the original; -1 for a document that duplicates nothing
    kind: str  # "original", a copy kind or a negative kind
    true_j: float = 1.0


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        lengths = self.rng.integers(2, 10, size=30000)
        self.vocab = np.array(["".join(self.rng.choice(letters, n)) for n in lengths])
        ranks = np.arange(1, len(self.vocab) + 1)
        self.cdf = np.cumsum(1 / ranks**1.1)
        self.cdf /= self.cdf[-1]

    def words(self, n: int) -> list[str]:
        return self.vocab[np.searchsorted(self.cdf, self.rng.random(n))].tolist()

    def paragraph(self, n: int = 60) -> str:
        w = self.words(n)
        w[0] = w[0].capitalize()
        return " ".join(w) + "."

    def article(self, paragraphs: int = 10) -> list[str]:
        return [self.paragraph(int(self.rng.integers(45, 75))) for _ in range(paragraphs)]


def make_copy(c: Corpus, paras: list[str], kind: str) -> list[str]:
    rng = c.rng
    if kind == "chrome":
        head = f"By Staff Reporter | {c.paragraph(8)} | Share on Facebook Twitter"
        return [head] + paras + ["Subscribe to our newsletter. " + c.paragraph(10)]
    if kind == "edit":
        words = "\n\n".join(paras).split(" ")
        for i in rng.choice(
            len(words), max(1, int(len(words) * rng.uniform(0.005, 0.03))), replace=False
        ):
            words[i] = c.words(1)[0]
        return [" ".join(words)]
    if kind == "para_added":
        at = int(rng.integers(1, len(paras)))
        return paras[:at] + [c.paragraph()] + paras[at:]
    if kind == "para_cut":
        at = int(rng.integers(0, len(paras)))
        return paras[:at] + paras[at + 1 :]
    if kind == "truncated":
        return paras[: int(len(paras) * rng.uniform(0.55, 0.9)) or 1]
    return list(paras)  # exact, url


def build(n: int, seed: int) -> list[Item]:
    """``n`` documents: ~55% originals, ~33% planted copies, ~12% hard negatives."""
    c = Corpus(seed)
    items: list[Item] = []
    originals: list[list[str]] = []
    template = c.paragraph(45)
    while len(items) < n:
        roll = c.rng.random()
        if roll < 0.55 or not originals:
            paras = c.article()
            originals.append(paras)
            items.append(
                Item(
                    f"https://site{len(items) % 97}.example/a/{len(items)}",
                    "\n\n".join(paras),
                    len(originals) - 1,
                    "original",
                )
            )
        elif roll < 0.88:
            o = int(c.rng.integers(0, len(originals)))
            kind = COPY_KINDS[int(c.rng.integers(0, len(COPY_KINDS)))]
            url = f"https://copy{len(items) % 31}.example/s/{len(items)}"
            if kind == "url":
                url = _orig_url(items, o) + "?utm_source=feed&fbclid=x"
            items.append(Item(url, "\n\n".join(make_copy(c, originals[o], kind)), o, kind))
        elif roll < 0.94:
            o = int(c.rng.integers(0, len(originals)))
            quote = originals[o][0][:200]
            paras = [quote] + c.article(9)
            items.append(
                Item(
                    f"https://rival{len(items) % 13}.example/{len(items)}",
                    "\n\n".join(paras),
                    -1,
                    "same_event",
                )
            )
        else:
            body = [template, c.paragraph(int(c.rng.integers(20, 45)))]
            items.append(
                Item(f"https://tpl.example/p/{len(items)}", "\n\n".join(body), -1, "template")
            )
    _true_jaccard(items)
    return items


def _orig_url(items: list[Item], origin: int) -> str:
    for it in items:
        if it.kind == "original" and it.origin == origin:
            return it.url
    raise KeyError(origin)


def _true_jaccard(items: list[Item]) -> None:
    orig = {it.origin: it.text for it in items if it.kind == "original"}
    for it in items:
        if it.kind in COPY_KINDS:
            it.true_j = mh.jaccard(mh.shingle_set(it.text), mh.shingle_set(orig[it.origin]))


def to_doc(it: Item, i: int) -> Document:
    rec = empty_record()
    rec.update(url=it.url, text=it.text, title=f"Title {i}")
    rec["content_sha256"] = hashlib.sha256(it.text.encode()).hexdigest()
    rec["published"] = format_datetime(BASE_TIME + timedelta(seconds=i))  # copies come later
    return Document(record=rec)


def sign_rate(texts: list[str]) -> float:
    """Documents per second for shingling + signatures alone."""
    start = time.perf_counter()
    for s in range(0, len(texts), 256):
        mh.signatures(*mh.shingle_hashes(texts[s : s + 256], SETTINGS.shingle_size), NUM_PERM)
    return len(texts) / (time.perf_counter() - start)


def dedup(items: list[Item], state: Path) -> tuple[dict[int, Document], float, dict]:
    half = len(items) // 2
    out: dict[int, Document] = {}
    stats: dict[str, int] = {}
    start = time.perf_counter()
    for version, (lo, hi) in (("v1.0.0", (0, half)), ("v1.1.0", (half, len(items)))):
        d = Deduplicator(state, SETTINGS, version=version)
        docs = [to_doc(items[i], i) for i in range(lo, hi)]
        for i, doc in zip(range(lo, hi), d.run(docs), strict=True):
            out[i] = doc
        d.commit()
        for k, v in d.stats.items():
            stats[k] = stats.get(k, 0) + v
    return out, len(items) / (time.perf_counter() - start), stats


def score(items: list[Item], out: dict[int, Document], threshold: float) -> list[tuple]:
    cluster = {i: d.record["id"] if d.alive else d.duplicate_of for i, d in out.items()}
    origin_cluster = {it.origin: cluster[i] for i, it in enumerate(items) if it.kind == "original"}
    id_origin = {d.record["id"]: items[i].origin for i, d in out.items() if d.alive}
    dropped = [i for i, d in out.items() if not d.alive]
    correct = sum(
        1 for i in dropped if items[i].origin >= 0 and id_origin.get(cluster[i]) == items[i].origin
    )
    rows = [("precision (dropped -> right cluster)", correct, len(dropped))]

    def found(i: int) -> bool:  # the copy shares a cluster with its original
        return cluster[i] == origin_cluster[items[i].origin]

    for kind in (*COPY_KINDS, None):
        for above in (True, False):
            sel = [i for i, it in enumerate(items) if it.kind in ((kind,) if kind else COPY_KINDS)]
            sel = [i for i in sel if (items[i].true_j >= threshold) == above]
            if sel:
                name = f"recall {kind or 'ALL'} J{'>=' if above else '<'}{threshold}"
                rows.append((name, sum(map(found, sel)), len(sel)))
    for kind in NEGATIVE_KINDS:
        sel = [i for i, it in enumerate(items) if it.kind == kind]
        rows.append(
            (
                f"hard negatives {kind} wrongly dropped",
                sum(1 for i in sel if not out[i].alive),
                len(sel),
            )
        )
    return rows


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100000, help="documents in the corpus")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    items = build(args.n, args.seed)
    words = np.mean([len(it.text.split()) for it in items])
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"corpus: {len(items)} docs, {words:.0f} words/doc on average, built in {time.perf_counter() - t0:.1f}s"
    )
    rate = sign_rate([it.text for it in items])
    with tempfile.TemporaryDirectory() as tmp:
        out, e2e, stats = dedup(items, Path(tmp))
        index_bytes = folder_bytes(Path(tmp) / "dedup")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"params: {SETTINGS.as_dict()} num_perm={NUM_PERM}; stats: {stats}\n")
    print(f"| {'metric':<40} | {'value':>22} |\n|{'-' * 42}|{'-' * 24}|")
    for name, hit, total in score(items, out, SETTINGS.threshold):
        value = f"{hit / total:.4f} ({hit}/{total})" if total else "n/a"
        print(f"| {name:<40} | {value:>22} |")
    print(f"| {'shingle+signature docs/s (1 core)':<40} | {rate:>22,.0f} |")
    print(f"| {'end-to-end dedup docs/s (2 versions)':<40} | {e2e:>22,.0f} |")
    print(f"| {'index bytes/doc on disk':<40} | {index_bytes / len(items):>22,.0f} |")
    print(f"| {'peak RSS MB (corpus alone)':<40} | {rss:>13,.0f} ({rss_corpus:,.0f}) |")


if __name__ == "__main__":
    main()
