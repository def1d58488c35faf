"""Benchmark: adding 1% new pages to a dataset of N rows vs building those pages alone.

The base dataset's rows are generated directly with the packager (records, dedup index and
shards; no page extraction), then the same new pages (a JSONL source) are
(a) built into an empty dataset and (b) added to the base dataset with ``update``.
The claim: (b) costs no more than 3x (a).

    .venv/bin/python scripts/bench_update.py            # N = 100,000, 1% new
    .venv/bin/python scripts/bench_update.py --n 5000   # a quick run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ("council residents plan budget morning evening weather report mayor engineers volunteers "
         "visitors funding repair season opening week local officials announced project community "
         "families workers harbour library railway orchard bridge museum festival market school "
         "hospital stadium river bakery theatre airport garden").split()  # fmt: skip


def text_of(i: int) -> str:
    rnd = random.Random(i)
    paras = [
        " ".join(
            f"{' '.join(rnd.choice(WORDS) for _ in range(10))} on day {i}-{p}-{s}."
            for s in range(4)
        )
        for p in range(2)
    ]
    return f"Story number {i}\n\n" + "\n\n".join(paras)


def base_records(n: int) -> list:
    from curator.pipeline import Document
    from curator.record import empty_record

    docs = []
    for i in range(n):
        rec = empty_record()
        body = text_of(i).split("\n\n", 1)[1]
        rec.update(url=f"https://bench.example/story/{i}", text=body, title=f"Story number {i}", language="en",
                   word_count=len(body.split()), char_count=len(body), fetched_at="2026-11-01T00:00:00Z",
                   content_sha256=hashlib.sha256(body.encode()).hexdigest())  # fmt: skip
        docs.append(Document(record=rec, raw=None, form="text"))
    return docs


def make_base(root: Path, n: int) -> Path:
    """A published v1.0.0 with ``n`` rows and its dedup index, straight from the packager."""
    from curator.dedup import Deduplicator
    from curator.layout import Layout
    from curator.package import Dataset, ReleaseSettings

    dataset = Dataset.claim(root / "base", "bench")
    dedup = Deduplicator(Layout(dataset.root).index, {}, {}, "v1.0.0")
    docs = [d for d in dedup.run(base_records(n)) if d.alive]
    with dataset.begin(ReleaseSettings(name="bench", spec_sha256="0" * 64)) as version:
        for d in docs:
            version.add(d.record)
        version.counts.update(read=n, unchanged=0, added=len(docs), rejected=0)
        version.counts.update(duplicates=n - len(docs))
    dedup.commit()
    return dataset.root


def write_spec(root: Path, name: str, output: str, source: Path) -> Path:
    spec = root / f"{name}.toml"
    spec.write_text(
        f'name = "bench"\noutput = "{output}"\nshard_size = 5000\n[[sources]]\ntype = "jsonl"\npath = "{source}"\n'
    )
    return spec


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--n", type=int, default=100_000, help="rows in the base dataset (default 100000)"
    )
    p.add_argument(
        "--pct", type=float, default=1.0, help="new pages, in percent of --n (default 1)"
    )
    p.add_argument(
        "--workers", type=int, default=None, help="executor workers (default: all cores)"
    )
    args = p.parse_args(argv)
    from curator.builder import build, update

    new = max(1, int(args.n * args.pct / 100))
    executor = {"workers": args.workers} if args.workers else None
    with tempfile.TemporaryDirectory(prefix="curator-bench-") as tmp:
        root = Path(tmp)
        source = root / "new.jsonl"
        with source.open("w") as fh:
            for i in range(args.n, args.n + new):
                fh.write(
                    json.dumps(
                        {
                            "text": text_of(i),
                            "url": f"https://bench.example/story/{i}",
                            "fetched_at": "2026-11-20T00:00:00Z",
                        }
                    )
                    + "\n"
                )
        warm = root / "warm.jsonl"
        warm.write_text("".join(json.dumps({"text": text_of(-i - 1)}) + "\n" for i in range(5)))
        build(
            write_spec(root, "warm", "warm", warm), progress=False, executor=executor
        )  # imports, caches
        t_base, dataset = timed(make_base, root, args.n)
        t_alone, alone = timed(
            build, write_spec(root, "alone", "alone", source), progress=False, executor=executor
        )
        spec = write_spec(root, "upd", str(dataset), source)
        t_update, upd = timed(update, spec, progress=False, executor=executor)
        assert alone.counts["added"] == new and upd.counts["added"] == new, (
            alone.counts,
            upd.counts,
        )
        ratio = t_update / t_alone
        rows = [
            ("generate base dataset (packager, not timed in ratio)", f"{args.n:,} rows", t_base),
            ("build the new pages alone", f"{new:,} pages", t_alone),
            (f"update the {args.n:,}-row dataset with them", f"{new:,} pages", t_update),
        ]
        print("| step | size | seconds |\n|---|---:|---:|")
        for name, size, secs in rows:
            print(f"| {name} | {size} | {secs:.2f} |")
        print(f"| **update / alone** | | **{ratio:.2f}x** (limit 3x) |")
        return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
