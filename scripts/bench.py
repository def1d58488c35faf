"""Throughput and memory of a build on generated pages (``scripts/synthetic.py``).

Prints documents per second per stage (one core, inline) and end to end (a real build: 1
and 2 local workers, Ray with 2 CPUs), beside ``trafilatura.extract(html,
favor_precision=True)`` alone on the same pages in the same run; the top of a cProfile of
clean+tag; and the peak RSS of a build subprocess for ``--n`` and ``10 x --n`` pages with a
dedup batch of ``--n`` (so the big run holds 10 batches). Every figure names its size.

    .venv/bin/python scripts/bench.py --n 400
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import synthetic  # noqa: E402

HEAVY = False  # --heavy: pages like real news pages (~40-80 KB, big menus, scripts, JSON-LD)


def _pages(n: int) -> list[tuple[str, str]]:
    make = synthetic.heavy_page if HEAVY else synthetic.page
    return [make(i) for i in range(n)]


def bench_trafilatura(pages) -> float:
    import trafilatura

    start = time.perf_counter()
    for _, html in pages:
        trafilatura.extract(html, favor_precision=True)
    return len(pages) / (time.perf_counter() - start)


def _docs(pages):
    from curator.pipeline import Document
    from curator.record import empty_record

    out = []
    for url, html in pages:
        rec = empty_record()
        rec["url"], rec["fetched_at"] = url, "2026-04-01T00:00:00Z"
        out.append(Document(record=rec, raw=html.encode(), form="html", origin=url))
    return out


def bench_stages(pages) -> dict[str, float]:
    """Documents per second of each step alone, inline on one core."""
    from curator.clean import BoilerplateModel, CleanStep, LearnedBoilerplate
    from curator.dedup import Deduplicator
    from curator.tag import QualityFilter, RefreshText, Tagger

    docs = _docs(pages)
    rates = {}
    steps = [
        ("clean", CleanStep()),
        ("tag", Tagger()),
        ("site-boilerplate", LearnedBoilerplate(model=BoilerplateModel())),
        ("refresh", RefreshText()),
        ("filter", QualityFilter({})),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        steps.append(("dedup", Deduplicator(Path(tmp), {}, {}, "v1.0.0")))
        for name, step in steps:
            start = time.perf_counter()
            docs = list(step.run(docs))
            rates[name] = len(docs) / (time.perf_counter() - start)
    return rates


def profile_clean_tag(pages, top: int) -> str:
    from curator.clean import CleanStep
    from curator.pipeline import run_steps
    from curator.tag import Tagger

    docs = _docs(pages)
    prof = cProfile.Profile()
    prof.enable()
    for _ in run_steps(docs, [CleanStep(), Tagger()]):
        pass
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


BUILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from curator.builder import build
if {warm_spec!r}:  # a process that keeps its Ray connection (and so its workers, which
    import ray    # started and imported everything) across builds, after a small first one
    ray.init(address="auto", log_to_driver=False)
    build({warm_spec!r}, progress=False, executor={executor!r}, dedup_batch={batch})
start = time.perf_counter()
r = build({spec!r}, progress=False, executor={executor!r}, dedup_batch={batch})
took = time.perf_counter() - start
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": took, "counts": r.counts, "driver_kb": self_rss, "worker_kb": kids}}))
"""


# A Ray cluster started before the build, as a user with `--address` has one: the build then
# pays for its tasks, not for starting and stopping Ray.
RAY_CLUSTER = {"kind": "ray", "workers": 2, "address": "auto"}


@contextlib.contextmanager
def ray_cluster(wanted: bool):
    if not wanted:
        yield
        return
    ray = str(Path(sys.executable).with_name("ray"))
    start = [
        ray,
        "start",
        "--head",
        "--num-cpus",
        "2",
        "--include-dashboard=false",
        "--disable-usage-stats",
    ]
    subprocess.run(start, capture_output=True, check=True)
    try:
        yield
    finally:
        subprocess.run([ray, "stop"], capture_output=True, check=False)


def _spec(folder: Path, n: int, seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    synthetic.write_jsonl(folder / "pages.jsonl", n, seed=seed, heavy=HEAVY)
    spec = folder / "spec.toml"
    spec.write_text(
        'name = "bench"\noutput = "out"\nshard_size = 5000\n'
        '[[sources]]\ntype = "jsonl"\npath = "pages.jsonl"\n'
    )
    return spec


def run_build(folder: Path, n: int, executor: dict, batch: int, warm: bool = False) -> dict:
    """A real build of ``n`` generated pages in a subprocess; its time and peak RSS. With
    ``warm``, a 64-page build of other pages runs first in the same process (not timed)."""
    spec = _spec(folder, n)
    warm_spec = str(_spec(folder / "warm", 64, seed=1)) if warm else ""
    code = BUILD.format(
        root=str(ROOT), spec=str(spec), warm_spec=warm_spec, executor=executor, batch=batch
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAY_DEDUP_LOGS": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["children_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["docs_per_s"] = n / result["seconds"]
    return result


def memory_table(tmp: Path, n: int, batch: int) -> None:
    print(
        f"\n## peak RSS of a build subprocess (2 local workers, dedup batch {batch}, shard_size 5000)"
    )
    print("| pages | dedup batches | driver peak RSS MB | largest worker peak RSS MB | docs/s |")
    print("|---|---|---|---|---|")
    for size in (n, 10 * n):
        r = run_build(tmp / f"mem{size}", size, {"workers": 2}, batch)
        print(
            f"| {size} | {-(-size // batch)} | {r['driver_kb'] / 1024:,.0f} "
            f"| {r['worker_kb'] / 1024:,.0f} | {r['docs_per_s']:,.0f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=400, help="generated pages per run")
    ap.add_argument("--profile-top", type=int, default=25)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--only-memory", action="store_true", help="just the peak-RSS table")
    ap.add_argument(
        "--memory-batch",
        type=int,
        default=None,
        help="dedup batch of the memory runs (default --n); use >= 2000 so the learned "
        "boilerplate buffer (2,000 documents) is full in both runs",
    )
    ap.add_argument(
        "--heavy",
        action="store_true",
        help="heavy generated pages (~40-80 KB: big menu and footer, inline scripts and styles, "
        "JSON-LD, related grid, comments) like real news pages, instead of ~4 KB ones",
    )
    args = ap.parse_args()
    global HEAVY
    HEAVY = args.heavy
    n = args.n
    pages = _pages(n)
    print(f"# curator bench: {n} generated pages (~{sum(len(h) for _, h in pages) // n} bytes of HTML each), "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")  # fmt: skip

    if args.only_memory:
        with tempfile.TemporaryDirectory() as tmp:
            memory_table(Path(tmp), n, args.memory_batch or n)
        return
    traf = bench_trafilatura(pages)
    print(f"\n## one core, inline, n={n}")
    print(
        f"| stage | docs/s |\n|---|---|\n| trafilatura.extract(favor_precision) alone | {traf:,.0f} |"
    )
    for name, rate in bench_stages(pages).items():
        print(f"| {name} | {rate:,.0f} |")

    print(f"\n## end to end (a build in a subprocess, build time only), n={n}")
    print("| executor | docs/s | per core | vs trafilatura alone per core |\n|---|---|---|---|")
    runs = [
        ("local, 1 worker (inline)", {"workers": 1}, 1),
        ("local, 2 workers", {"workers": 2}, 2),
    ]
    if not args.skip_ray:
        runs.append(("ray, 2 CPUs (local instance)", {"kind": "ray", "workers": 2}, 2))
        runs.append(("ray, 2 CPUs (running cluster)", RAY_CLUSTER, 2))
        runs.append(("ray, 2 CPUs (running cluster, warm workers)", RAY_CLUSTER, 2))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, executor, cores in runs:
            folder = Path(tmp) / "".join(c for c in label if c.isalnum())
            with ray_cluster(executor is RAY_CLUSTER):
                r = run_build(folder / str(cores), n, executor, 20_000, warm="warm" in label)
            results[label] = r
            per_core = r["docs_per_s"] / cores
            print(
                f"| {label} | {r['docs_per_s']:,.0f} | {per_core:,.0f} | {per_core / traf:.2f}x |"
            )
        one, two = results[runs[0][0]], results[runs[1][0]]
        print(f"\n2 workers vs 1: {two['docs_per_s'] / one['docs_per_s']:.2f}x (target >= 1.7x)")
        if not args.skip_ray:
            for label, _, _ in runs[2:]:
                ratio = results[label]["docs_per_s"] / two["docs_per_s"]
                print(f"{label} vs local, 2 workers: {ratio:.2f}x (target >= 0.8x)")

        if not args.skip_memory:
            memory_table(Path(tmp), n, args.memory_batch or n)

    print(f"\n## cProfile of clean+tag, inline, {min(n, 200)} pages, by own time")
    print("```")
    print(
        "\n".join(
            profile_clean_tag(pages[:200], args.profile_top).splitlines()[: args.profile_top + 12]
        )
    )
    print("```")


if __name__ == "__main__":
    main()
