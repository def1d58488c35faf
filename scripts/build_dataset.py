"""Build (or update) a dataset through curator's Python API, then show how to load it.

python scripts/build_dataset.py [SPEC]      # default: datasets/news-sample.toml
"""

from __future__ import annotations

import sys
from pathlib import Path

import curator
from curator.spec import load_spec

spec = load_spec(
    sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "datasets/news-sample.toml"
)
# The first run builds v1.0.0; later runs add only what is new (and say so when nothing is).
exists = (spec.output / "manifest.json").exists()
result = curator.update(spec) if exists else curator.build(spec)
print(result.summary())

print(f"\nDataset folder: {spec.output}\nLoad it from any folder with:\n")
print("from datasets import load_dataset")
print(f'ds = load_dataset("{spec.output}", split="train")')
print("print(ds[0]['title'], ds[0]['language'], ds.num_rows)")
