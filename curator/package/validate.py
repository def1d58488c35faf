"""``curator validate``: every shard against its checksum, every row against the schema, the
card's YAML against the manifest. Problems name the shard and the row."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import DatasetError
from ..record import from_row, validation_errors
from .files import inside, sha256_file
from .manifest import load_manifest
from .parquet import read_shard, shard_path

MAX_PROBLEMS = 50


def _check_config_paths(dataset: Path, configs: dict, known: dict) -> list[str]:
    """Every file a config of the card lists lies inside the dataset and is a manifest shard:
    the card is what ``load_dataset`` reads."""
    problems = []
    for name, config in configs.items():
        for files in config.get("data_files", []):
            for rel in files.get("path", []):
                try:
                    inside(dataset, rel, f"README.md: config {name!r}")
                except DatasetError as exc:
                    problems.append(str(exc))
                    continue
                if rel not in known:
                    problems.append(
                        f"README.md: config {name!r} lists {rel!r}, not in the manifest"
                    )
    return problems


def _check_card(dataset: Path, latest: dict, known: dict) -> list[str]:
    card = dataset / "README.md"
    if not card.exists():
        return ["README.md: missing"]
    text = card.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        return ["README.md: no YAML front matter"]
    try:
        meta = yaml.safe_load(text[4:].split("\n---\n", 1)[0])
    except yaml.YAMLError as exc:
        return [f"README.md: YAML does not parse: {exc}"]
    configs = {c.get("config_name"): c for c in meta.get("configs", [])}
    if "default" not in configs:
        return ["README.md: no 'default' config"]
    problems = _check_config_paths(dataset, configs, known)
    if problems:
        return problems
    listed = configs["default"]["data_files"][0]["path"]
    if sorted(listed) != sorted(latest["shards"]):
        return [
            f"README.md: default config lists {len(listed)} files, manifest's {latest['version']} has {len(latest['shards'])}"
        ]
    return []


def _check_shard(dataset: Path, rel: str, entry: dict) -> list[str]:
    try:
        return _check_shard_file(dataset, rel, entry)
    except DatasetError as exc:
        return [str(exc)]


def _check_shard_file(dataset: Path, rel: str, entry: dict) -> list[str]:
    path = shard_path(dataset, rel)
    if not path.is_file():
        return [f"{rel}: missing"]
    if sha256_file(path) != entry["sha256"]:
        return [
            f"{rel}: sha256 does not match the manifest (the file was changed after publishing)"
        ]
    problems = []
    table = read_shard(dataset, rel)
    if table.num_rows != entry["num_rows"]:
        problems.append(f"{rel}: {table.num_rows} rows, manifest says {entry['num_rows']}")
    for n, row in enumerate(table.to_pylist()):
        problems += [
            f"{rel} row {n} (id {row.get('id')}): {e}" for e in validation_errors(from_row(row))
        ]
    return problems


def validate(dataset: Path) -> list[str]:
    """Every problem found; an empty list means the dataset is valid."""
    try:
        manifest = load_manifest(dataset)
    except DatasetError as exc:
        return [str(exc)]
    if manifest is None:
        return [f"{dataset}: no manifest.json: not a curator dataset (or never built)"]
    if not manifest.versions:
        return [f"{dataset}: manifest.json holds no version"]
    problems = _check_card(dataset, manifest.head, manifest.shards)
    for rel in manifest.head["shards"]:
        problems += _check_shard(dataset, rel, manifest.shards[rel])
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems
