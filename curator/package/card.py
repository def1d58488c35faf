"""The dataset card (README.md): YAML front matter that ``datasets`` reads (configs with
explicit file lists, features, sizes) and a body written for the people who use the data."""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from ..record import article_schema, features_dict
from .manifest import Manifest

SIZE_CATEGORIES = [
    (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
]  # fmt: skip


def size_category(rows: int) -> str:
    return next((label for limit, label in SIZE_CATEGORIES if rows < limit), "n>1B")


def _data_files(manifest: Manifest, version: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"split": "train", "path": list(version["shards"])}]


def config_versions(manifest: Manifest, kept: int) -> list[dict[str, Any]]:
    """The versions that keep a config of their own: the most recent ``kept`` ones."""
    return manifest.versions[-kept:]


def _yaml_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """One feature of ``features_dict()`` in the card's YAML form, as ``datasets`` writes it
    (``Features._to_yaml_list``): a list of a plain value or of a struct is shortened."""
    kind = feature.get("_type")
    if kind == "Value":
        return {"dtype": feature["dtype"]}
    if kind == "List":
        inner = _yaml_feature(feature["feature"])
        if list(inner) in (["dtype"], ["struct"]):
            inner = next(iter(inner.values()))
        return {"list": inner}
    if kind is None:
        return {"struct": _yaml_features(feature)}
    raise ValueError(f"no YAML form for feature type {kind!r}")


def _yaml_features(fields: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": name, **_yaml_feature(feature)} for name, feature in fields.items()]


def front_matter(manifest: Manifest, meta: dict[str, Any], kept: int) -> str:
    """The YAML that ``datasets`` and the Hub read, byte for byte what ``DatasetCardData`` with
    ``DatasetInfosDict`` and ``MetadataConfigs`` write, without importing either library (the
    tests compare the two). Configs are sorted by name, as ``MetadataConfigs`` writes them."""
    latest = manifest.latest
    rows = latest["stats"]["rows"]
    nbytes = sum(manifest.shards[s]["num_bytes"] for s in latest["shards"])
    configs = {"default": _data_files(manifest, latest)}
    for version in config_versions(manifest, kept):
        configs[version["version"]] = _data_files(manifest, version)
    card = {
        "language": meta.get("languages") or sorted(latest["stats"]["by_language"]),
        "license": meta.get("license") or "other",
        "size_categories": [size_category(rows)],
        "task_categories": ["text-generation", "text-classification"],
        "pretty_name": meta.get("pretty_name") or manifest.name,
        "tags": ["news", "curator"],
        "dataset_info": {
            "features": _yaml_features(features_dict()),
            "splits": [{"name": "train", "num_bytes": nbytes, "num_examples": rows}],
            "download_size": nbytes,
            "dataset_size": nbytes,
        },
        "configs": [{"config_name": name, "data_files": configs[name]} for name in sorted(configs)],
    }
    return yaml.safe_dump(card, sort_keys=False, allow_unicode=True).strip()


def _table(counter: dict[str, int], head: str, limit: int = 15) -> str:
    rows = Counter(counter).most_common(limit)
    lines = [f"| {head} | rows |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def _fields_table() -> str:
    props = article_schema()["properties"]
    lines = ["| column | description |", "|---|---|"]
    lines += [f"| `{name}` | {prop.get('description', '')} |" for name, prop in props.items()]
    return "\n".join(lines)


def _changelog(manifest: Manifest) -> str:
    out = []
    for v in reversed(manifest.versions):
        c = v["counts"]
        out.append(
            f"- **{v['version']}** ({v['date'][:10]}): {c['added']} added, {c.get('updated', 0)} updated, "
            f"{c.get('removed', 0)} removed, {c['duplicates']} duplicates dropped, {c['rejected']} rejected"
            + (f". {v['note']}" if v.get("note") else "")
        )
    return "\n".join(out)


def body(manifest: Manifest, meta: dict[str, Any], path_hint: str, kept: int) -> str:
    latest = manifest.latest
    stats, counts = latest["stats"], latest["counts"]
    seen = counts["added"] + counts["duplicates"] + counts["rejected"]
    rate = (lambda n: f"{100 * n / seen:.1f}%") if seen else (lambda n: "n/a")
    older = len(manifest.versions) - len(config_versions(manifest, kept))
    return f"""
# {meta.get("pretty_name") or manifest.name}

{meta.get("description") or "News articles with their site chrome removed, deduplicated and tagged with metadata."}

Built by curator {latest["curator_version"]} with trafilatura {latest["trafilatura_version"]}
from the spec with sha256 `{latest["spec_sha256"][:16]}`. Latest version: **{latest["version"]}**,
{stats["rows"]} articles.

## Load it

```python
from datasets import load_dataset
# the dataset's folder, or ORG/NAME once it is on the Hub
ds = load_dataset("{path_hint}", split="train")               # newest version
v1 = load_dataset("{path_hint}", "{manifest.versions[0]["version"]}", split="train")  # a pinned version
```

Every version has its own config (the {kept} most recent ones{f"; {older} older ones are rebuilt with `curator export`" if older else ""}). Configs list their files explicitly, so a cached load never
serves stale rows.

## How it was made

Pages were read from the sources in the spec, cleaned (site chrome such as breadcrumbs, share
prompts, photo captions, mirror notices and promos removed; what they told kept as metadata),
tagged (language with langdetect, dates, authors, section, quality signals), and deduplicated
(canonical URL, exact text hash, MinHash near-duplicates). Duplicates are not published; each
row says how large its duplicate cluster was (`dup_cluster_size`).

In the latest build: {seen} pages seen, {counts["added"]} added, {counts["duplicates"]} duplicates
dropped ({rate(counts["duplicates"])}), {counts["rejected"]} rejected ({rate(counts["rejected"])}).

## Contents

{_table(stats["by_source"], "source")}

{_table(stats["by_language"], "language")}

{_table(stats["by_year"], "year published")}

## Columns

{_fields_table()}

## Changelog

{_changelog(manifest)}
"""


def render_card(manifest: Manifest, meta: dict[str, Any], path_hint: str, kept: int) -> str:
    return f"---\n{front_matter(manifest, meta, kept).strip()}\n---\n{body(manifest, meta, path_hint, kept)}"
