"""Throughput and memory of a build: real pages by default, generated pages as an option.

Real pages (the default): every page of ``../shared/realpages/`` (articles, readability,
other) written to a temporary ``jsonl`` source that carries each page's URL (so per-host
learned boilerplate and URL ids run as in a real crawl; a page without one gets a URL on a
host of its own). On the same pages in the same run, each as a whole process:

- ``trafilatura.extract(html, favor_precision=True)`` alone;
- the peer pipeline a user would otherwise assemble: ``trafilatura.bare_extraction(
  favor_precision=True, with_metadata=True)`` + ``htmldate.find_date(extensive_search=True,
  original_date=True)`` + ``langdetect.detect`` per page;
- a real ``curator build`` (clean, tag, learned boilerplate, dedup, parquet) with
  ``--workers 1`` and ``--workers 2``.

Figures are pages per CPU-second summed over every process of the run (the process itself and
every child it reaped: ``resource.getrusage(RUSAGE_CHILDREN)`` before and after each
subprocess), so work moved into the driver is not free; also wall time, the build's worker
utilisation (worker CPU / (workers x build wall)) and peak RSS of driver and workers. The
commands run interleaved (A B C D, A B C D, ...) ``--repeat`` times and each figure is the
median with its min-max spread, since the machine is shared. Then per-stage ms per page
(inline, one core, CPU time) and the top of a cProfile of clean+tag.

When ``../shared/realpages/`` is absent the bench says so and falls back to generated pages
(``scripts/synthetic.py``); ``--generated`` asks for them, ``--only-memory`` for the peak-RSS
table of ``--n`` and ``10 x --n`` generated pages.

    .venv/bin/python scripts/bench.py [--repeat 3] [--realpages DIR]
    .venv/bin/python scripts/bench.py --generated --n 2000 [--heavy]
    .venv/bin/python scripts/bench.py --n 6000 --only-memory --memory-batch 2000
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gzip
import io
import json
import os
import pstats
import resource
import statistics
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
DEFAULT_REALPAGES = ROOT.parent / "shared" / "realpages"
REAL_SETS = (("articles", "gold.jsonl"), ("readability", "gold.jsonl"), ("other", "pages.jsonl"))
FETCHED_AT = "2026-04-01T00:00:00Z"


def _generated(n: int) -> list[tuple[str, str]]:
    make = synthetic.heavy_page if HEAVY else synthetic.page
    return [make(i) for i in range(n)]


def real_pages(folder: Path) -> list[tuple[str, str]]:
    """(url, html) of every page of the real-pages folder, decoded as curator decodes bodies."""
    from curator.fetch.content import decode_body

    pages = []
    for name, index in REAL_SETS:
        for line in (folder / name / index).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            raw = gzip.decompress((folder / name / f"{item['id']}.html.gz").read_bytes())
            url = item.get("url") or f"https://{item['id']}.{name}.realpages.test/"
            pages.append((url, decode_body(raw)[0]))
    return pages


def write_source(folder: Path, pages: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as fh:
        for url, html in pages:
            fh.write(json.dumps({"html": html, "url": url, "fetched_at": FETCHED_AT}) + "\n")
    return folder / "pages.jsonl"


# What every measured process runs first: its clock and its own peak memory.
PREAMBLE = """
import json, resource, sys, time
start = time.perf_counter()
def hwm():  # this process's own peak RSS (ru_maxrss would carry the parent's over exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

# Each measured command is a whole process reading the same jsonl file; it prints one JSON
# line: its inner wall time and (for a build) driver and worker CPU and peak RSS.
BASELINE = """
{preamble}{imports}
pages = [json.loads(line) for line in open({source!r}, encoding="utf-8")]
t0 = time.perf_counter()
for p in pages:
    html = p["html"]
{body}
took = time.perf_counter() - t0
print(json.dumps({{"seconds": took, "process_seconds": time.perf_counter() - start,
    "driver_kb": hwm(), "worker_kb": 0}}))
"""

TRAFILATURA = dict(
    imports="import trafilatura",
    body="    trafilatura.extract(html, favor_precision=True)",
)
PEERS = dict(
    imports="import trafilatura, htmldate, langdetect\nlangdetect.DetectorFactory.seed = 0",
    body="""    doc = trafilatura.bare_extraction(html, favor_precision=True, with_metadata=True)
    text = getattr(doc, "text", None) or ""
    htmldate.find_date(html, extensive_search=True, original_date=True)
    if text.strip():
        try:
            langdetect.detect(text)
        except langdetect.LangDetectException:
            pass""",
)

BUILD = """
{preamble}sys.path.insert(0, {root!r})
from curator.builder import build
if {warm_spec!r}:  # a process that keeps its Ray connection (and so its workers, which
    import ray    # started and imported everything) across builds, after a small first one
    ray.init(address="auto", log_to_driver=False)
    build({warm_spec!r}, progress=False, executor={executor!r}, dedup_batch={batch})
t0 = time.perf_counter()
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
r = build({spec!r}, progress=False, executor={executor!r}, dedup_batch={batch})
took = time.perf_counter() - t0
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = lambda a, b: (b.ru_utime - a.ru_utime) + (b.ru_stime - a.ru_stime)
print(json.dumps({{"seconds": took, "process_seconds": time.perf_counter() - start,
    "counts": r.counts, "driver_cpu": cpu(cpu0, cpu1), "worker_cpu": cpu(kids0, kids1),
    "driver_kb": hwm(), "worker_kb": kids1.ru_maxrss}}))
"""


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_process(code: str, n: int) -> dict:
    """Run ``code`` as a subprocess: its JSON line, plus the CPU seconds it and everything it
    reaped used (all its processes) and its wall time from outside."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RAY_DEDUP_LOGS": "0"}
    before, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    wall, cpu = time.perf_counter() - start, _children_cpu() - before
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(all_cpu=cpu, wall=wall, per_cpu_s=n / cpu, per_wall_s=n / result["seconds"])
    return result


def baseline_code(kind: dict, source: Path) -> str:
    return BASELINE.format(preamble=PREAMBLE, source=str(source), **kind)


def _spec_for(folder: Path, source: Path) -> Path:
    spec = folder / "spec.toml"
    spec.write_text(
        'name = "bench"\noutput = "out"\nshard_size = 5000\n'
        f'[[sources]]\ntype = "jsonl"\npath = {json.dumps(str(source))}\n'
    )
    return spec


def build_code(spec: Path, executor: dict, batch: int, warm_spec: str = "") -> str:
    return BUILD.format(
        preamble=PREAMBLE, root=str(ROOT), spec=str(spec), warm_spec=warm_spec,
        executor=executor, batch=batch,
    )  # fmt: skip


def _docs(pages):
    from curator.pipeline import Document
    from curator.record import empty_record

    out = []
    for url, html in pages:
        rec = empty_record()
        rec["url"], rec["fetched_at"] = url, FETCHED_AT
        out.append(Document(record=rec, raw=html.encode(), form="html", origin=url))
    return out


def bench_stages(pages) -> dict[str, float]:
    """CPU milliseconds per page of each step alone, inline on one core."""
    from curator.clean import BoilerplateModel, CleanStep, LearnedBoilerplate
    from curator.clean.learned import LineKeys
    from curator.dedup import Deduplicator
    from curator.tag import QualityFilter, RefreshText, Tagger

    docs = _docs(pages)
    ms = {}
    steps = [
        ("clean", CleanStep()),
        ("tag", Tagger()),
        ("line-keys", LineKeys()),
        ("site-boilerplate", LearnedBoilerplate(model=BoilerplateModel())),
        ("refresh", RefreshText()),
        ("filter", QualityFilter({})),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        steps.append(("dedup", Deduplicator(Path(tmp), {}, {}, "v1.0.0")))
        for name, step in steps:
            start = time.process_time()
            docs = list(step.run(docs))
            ms[name] = 1000 * (time.process_time() - start) / len(pages)
    return ms


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


RAY_CLUSTER = {"kind": "ray", "workers": 2, "address": "auto"}


@contextlib.contextmanager
def ray_cluster(wanted: bool):
    if not wanted:
        yield
        return
    ray = str(Path(sys.executable).with_name("ray"))
    start = [ray, "start", "--head", "--num-cpus", "2", "--include-dashboard=false",
             "--disable-usage-stats"]  # fmt: skip
    subprocess.run(start, capture_output=True, check=True)
    try:
        yield
    finally:
        subprocess.run([ray, "stop"], capture_output=True, check=False)


def _spread(values: list[float], fmt: str = ",.1f") -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return format(med, fmt)
    return f"{format(med, fmt)} ({format(min(values), fmt)}-{format(max(values), fmt)})"


def throughput(
    tmp: Path, pages, repeat: int, ray: bool, builds_only: bool = False
) -> dict[str, list[dict]]:
    """Every command ``repeat`` times, interleaved; the results of each by label (only the
    curator builds with ``builds_only``)."""
    n = len(pages)
    source = write_source(tmp / "source", pages)
    commands: list[tuple[str, int, object]] = [
        ("trafilatura.extract(favor_precision) alone", 0, baseline_code(TRAFILATURA, source)),
        ("peer pipeline (bare_extraction + htmldate + langdetect)", 0, baseline_code(PEERS, source)),
        ("curator build, 1 worker", 1, {"workers": 1}),
        ("curator build, 2 workers", 2, {"workers": 2}),
    ]  # fmt: skip
    if ray:
        commands.append(("curator build, ray 2 CPUs (running cluster)", 2, RAY_CLUSTER))
    if builds_only:
        commands = [c for c in commands if c[1]]
    results: dict[str, list[dict]] = {label: [] for label, _, _ in commands}
    for r in range(repeat):
        for i, (label, workers, what) in enumerate(commands):
            if isinstance(what, str):
                results[label].append(run_process(what, n))
                continue
            folder = tmp / f"build{r}-{i}"
            folder.mkdir()
            spec = _spec_for(folder, source)
            with ray_cluster(what is RAY_CLUSTER):
                res = run_process(build_code(spec, what, 20_000), n)
            res["workers"] = workers
            results[label].append(res)
    return results


def print_throughput(results: dict[str, list[dict]], n: int) -> None:
    labels = list(results)
    traf, peers, one, two = (results[label] for label in labels[:4])
    print("| command | pages per CPU-second (all processes) | vs peer pipeline | vs trafilatura "
          "alone | build wall s | pages per wall-second | worker utilisation | driver peak RSS MB "
          "| largest worker peak RSS MB |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label in labels:
        runs = results[label]
        vs_peers = [a["per_cpu_s"] / b["per_cpu_s"] for a, b in zip(runs, peers, strict=True)]
        vs_traf = [a["per_cpu_s"] / b["per_cpu_s"] for a, b in zip(runs, traf, strict=True)]
        workers = runs[0].get("workers", 0)
        util = "-"
        if workers >= 2:
            util = _spread([r["worker_cpu"] / (workers * r["seconds"]) for r in runs], ".2f")
        worker_mb = max(r["worker_kb"] for r in runs) / 1024
        print(
            f"| {label} | {_spread([r['per_cpu_s'] for r in runs])} "
            f"| {_spread(vs_peers, '.2f')}x | {_spread(vs_traf, '.2f')}x "
            f"| {_spread([r['seconds'] for r in runs], '.1f')} "
            f"| {_spread([r['per_wall_s'] for r in runs])} | {util} "
            f"| {max(r['driver_kb'] for r in runs) / 1024:,.0f} "
            f"| {f'{worker_mb:,.0f}' if worker_mb else '-'} |"
        )
    scaling = [b["per_wall_s"] / a["per_wall_s"] for a, b in zip(one, two, strict=True)]
    build_vs_peers = [a["per_cpu_s"] / b["per_cpu_s"] for a, b in zip(one, peers, strict=True)]
    build_vs_traf = [a["per_cpu_s"] / b["per_cpu_s"] for a, b in zip(one, traf, strict=True)]
    util = [r["worker_cpu"] / (2 * r["seconds"]) for r in two]
    print()
    print(f"- build (1 worker) vs peer pipeline, pages per CPU-second: "
          f"{_spread(build_vs_peers, '.2f')}x (target >= 1.2x)")  # fmt: skip
    print(f"- build (1 worker) vs trafilatura alone: {_spread(build_vs_traf, '.2f')}x "
          "(where we want to end: 0.85x)")  # fmt: skip
    print(f"- 2 workers vs 1, pages per wall-second: {_spread(scaling, '.2f')}x (target >= 1.75x); "
          f"worker utilisation {_spread(util, '.2f')} (target >= 0.9)")  # fmt: skip
    cpu_split = [
        f"driver {statistics.median(r['driver_cpu'] for r in runs):.1f} s + workers "
        f"{statistics.median(r['worker_cpu'] for r in runs):.1f} s"
        for runs in (one, two)
    ]
    print(f"- build CPU (median): 1 worker {cpu_split[0]}; 2 workers {cpu_split[1]}; "
          f"process start-up and imports are in the per-CPU-second figures of every command")  # fmt: skip
    counts = one[0].get("counts", {})
    print(f"- build counts (n={n}): {json.dumps(counts, sort_keys=True)}")


def print_scaling(results: dict[str, list[dict]], n: int) -> None:
    """The builds alone: wall time, pages per wall-second, 2 workers against 1, utilisation."""
    one, two = (results[label] for label in list(results)[:2])
    print("| command | build wall s | pages per wall-second | driver CPU s | worker CPU s |")
    print("|---|---:|---:|---:|---:|")
    for label, runs in results.items():
        print(
            f"| {label} | {_spread([r['seconds'] for r in runs], '.1f')} "
            f"| {_spread([r['per_wall_s'] for r in runs])} "
            f"| {_spread([r['driver_cpu'] for r in runs], '.1f')} "
            f"| {_spread([r['worker_cpu'] for r in runs], '.1f')} |"
        )
    scaling = [b["per_wall_s"] / a["per_wall_s"] for a, b in zip(one, two, strict=True)]
    util = [r["worker_cpu"] / (2 * r["seconds"]) for r in two]
    print(f"\n- 2 workers vs 1, pages per wall-second: {_spread(scaling, '.2f')}x (target >= 1.75x); "
          f"worker utilisation {_spread(util, '.2f')} (target >= 0.9)")  # fmt: skip


def memory_table(tmp: Path, n: int, batch: int) -> None:
    print(
        f"\n## peak RSS of a build subprocess (2 local workers, dedup batch {batch}, shard_size 5000)"
    )
    print("| pages | dedup batches | driver peak RSS MB | largest worker peak RSS MB | docs/s |")
    print("|---|---|---|---|---|")
    for size in (n, 10 * n):
        folder = tmp / f"mem{size}"
        folder.mkdir(parents=True)
        synthetic.write_jsonl(folder / "pages.jsonl", size, seed=0, heavy=HEAVY)
        r = run_process(
            build_code(_spec_for(folder, folder / "pages.jsonl"), {"workers": 2}, batch), size
        )
        print(
            f"| {size} | {-(-size // batch)} | {r['driver_kb'] / 1024:,.0f} "
            f"| {r['worker_kb'] / 1024:,.0f} | {r['per_wall_s']:,.0f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES)
    ap.add_argument("--generated", action="store_true", help="generated pages, not real ones")
    ap.add_argument("--n", type=int, default=400, help="generated pages per run")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs of every command")
    ap.add_argument("--profile-top", type=int, default=25)
    ap.add_argument("--profile-pages", type=int, default=300)
    ap.add_argument("--ray", action="store_true", help="also a build on a running Ray cluster")
    ap.add_argument("--skip-stages", action="store_true")
    ap.add_argument(
        "--only-builds",
        action="store_true",
        help="just the 1- and 2-worker builds: scaling and worker utilisation, no baselines",
    )
    ap.add_argument("--memory", action="store_true", help="also the generated-pages RSS table")
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
    if args.only_memory:
        print(f"# curator bench: memory, generated pages, {os.cpu_count()} CPUs")
        with tempfile.TemporaryDirectory() as tmp:
            memory_table(Path(tmp), n, args.memory_batch or n)
        return
    if not args.generated and not args.realpages.is_dir():
        print(f"note: {args.realpages} is not there: falling back to {n} generated pages")
        args.generated = True
    if args.generated:
        pages = _generated(n)
        what = f"{n} generated{' heavy' if HEAVY else ''} pages"
    else:
        pages = real_pages(args.realpages)
        what = f"{len(pages)} real pages of {args.realpages} ({', '.join(s for s, _ in REAL_SETS)})"
    n = len(pages)
    size = sum(len(h.encode()) for _, h in pages) // n
    print(f"# curator bench: {what}, ~{size:,} bytes of HTML each, {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}, {args.repeat} interleaved runs (median (min-max))")  # fmt: skip
    print(f"\n## throughput, n={n}: each command a whole process (start-up included)")
    with tempfile.TemporaryDirectory() as tmp:
        results = throughput(Path(tmp), pages, args.repeat, args.ray, args.only_builds)
        if args.only_builds:
            print_scaling(results, n)
            return
        print_throughput(results, n)
        if args.memory:
            memory_table(Path(tmp), args.n, args.memory_batch or args.n)

    if not args.skip_stages:
        print(f"\n## CPU ms per page of each step alone, inline, one core, n={n}")
        print("| step | ms/page |\n|---|---:|")
        for name, ms in bench_stages(pages).items():
            print(f"| {name} | {ms:.2f} |")

    k = min(n, args.profile_pages)
    print(f"\n## cProfile of clean+tag, inline, {k} pages, by own time")
    print("```")
    text = profile_clean_tag(pages[:: max(1, n // k)][:k], args.profile_top)
    print("\n".join(text.splitlines()[: args.profile_top + 12]))
    print("```")


if __name__ == "__main__":
    main()
