"""Shared helpers for the version tests: a tiny made-up English corpus, a spec, loaders."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["harbour", "library", "railway", "orchard", "bridge", "museum", "festival", "market",
          "school", "hospital", "stadium", "river", "bakery", "theatre", "airport", "garden"]  # fmt: skip
WORDS = ("council residents plan budget morning evening weather report mayor engineers volunteers "
         "visitors funding repair season opening week local officials announced project community "
         "families workers").split()  # fmt: skip


def article(i: int, edit: int = 0) -> str:
    """About 90 words of made-up English news, distinct per ``i``; ``edit`` changes the text."""
    rnd = random.Random(i * 1000 + edit)
    topic = TOPICS[i % len(TOPICS)]
    sentences = [
        f"The {topic} {' '.join(rnd.choice(WORDS) for _ in range(9))} on day {i * 7 + s}."
        for s in range(8)
    ]
    return (
        f"The {topic} story number {i}\n\n"
        + " ".join(sentences[:4])
        + "\n\n"
        + " ".join(sentences[4:])
        + "\n"
    )


def write_pages(folder: Path, indices, edit: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in indices:
        (folder / f"a{i:03d}.txt").write_text(article(i, edit), encoding="utf-8")


def write_jsonl(path: Path, indices, host: str = "news.example") -> None:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i in indices:
            fh.write(
                json.dumps(
                    {
                        "text": article(i),
                        "url": f"https://{host}/story/{i}",
                        "fetched_at": "2026-11-20T10:00:00Z",
                    }
                )
                + "\n"
            )


def make_spec(root: Path, kind: str = "folder", extra: str = "") -> Path:
    src = "pages" if kind == "folder" else "pages.jsonl"
    spec = root / "spec.toml"
    spec.write_text(
        f'name = "tiny"\noutput = "out"\n{extra}\n[[sources]]\ntype = "{kind}"\npath = "{src}"\n',
        encoding="utf-8",
    )
    return spec


def load_ids(dataset: Path, config: str, cache: Path) -> list[str]:
    import datasets

    datasets.disable_progress_bars()
    ds = datasets.load_dataset(str(dataset), config, split="train", cache_dir=str(cache))
    return sorted(ds["id"][:])


def cli(*args: str, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run ``python -m curator`` in a real subprocess."""
    full = {**os.environ, "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_OFFLINE": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=ROOT,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"curator {' '.join(args)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        )
    return proc
