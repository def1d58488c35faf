"""What the per-document steps (clean + tag) give on every real page, to diff before and after
a speed change: one JSON line per page with the record's text and tagged fields.

    .venv/bin/python scripts/bench_same_output.py OUT.jsonl [--realpages DIR]
    .venv/bin/python scripts/bench_same_output.py --diff BEFORE.jsonl AFTER.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import DEFAULT_REALPAGES, _docs, real_pages  # noqa: E402


def dump(out: Path, folder: Path) -> None:
    from curator.clean import CleanStep
    from curator.pipeline import run_steps
    from curator.tag import Tagger

    pages = real_pages(folder)
    with open(out, "w", encoding="utf-8") as fh:
        for doc in run_steps(_docs(pages), [CleanStep(), Tagger()]):
            row = {"origin": doc.origin, "rejected": doc.rejected, "record": doc.record}
            fh.write(json.dumps(row, sort_keys=True, default=str) + "\n")
    print(f"{len(pages)} pages -> {out}")


def diff(before: Path, after: Path) -> int:
    a = [json.loads(x) for x in before.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in after.read_text(encoding="utf-8").splitlines()]
    changed = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        changed += 1
        keys = sorted(k for k in set(x["record"]) | set(y["record"])
                      if x["record"].get(k) != y["record"].get(k))  # fmt: skip
        if x["rejected"] != y["rejected"]:
            keys.append("rejected")
        print(f"{x['origin']}: {', '.join(keys)}")
    print(f"{changed} of {len(a)} pages differ")
    return 1 if changed else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--realpages", type=Path, default=DEFAULT_REALPAGES)
    ap.add_argument("--diff", nargs=2, type=Path)
    args = ap.parse_args()
    if args.diff:
        sys.exit(diff(*args.diff))
    if not args.realpages.is_dir():
        print(f"{args.realpages} is not there: nothing to dump")
        return
    dump(args.out, args.realpages)


if __name__ == "__main__":
    main()
