"""The card's YAML front matter is written without ``datasets`` or ``huggingface_hub``, byte for
byte what their classes write for the same manifest (the helper below builds it their way)."""

from __future__ import annotations

import json

import pytest

from curator.package.card import _data_files, _yaml_features, config_versions, front_matter
from curator.package.manifest import Manifest
from curator.record import features


def _front_matter_by_datasets(manifest: Manifest, meta: dict, kept: int) -> str:
    """The front matter as ``datasets`` and ``huggingface_hub`` write it (curator's old code)."""
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    from curator.package.card import size_category

    latest = manifest.latest
    card = DatasetCardData(
        pretty_name=meta.get("pretty_name") or manifest.name,
        license=meta.get("license") or "other",
        language=meta.get("languages") or sorted(latest["stats"]["by_language"]),
        size_categories=[size_category(latest["stats"]["rows"])],
        task_categories=["text-generation", "text-classification"],
        tags=["news", "curator"],
    )
    nbytes = sum(manifest.shards[s]["num_bytes"] for s in latest["shards"])
    splits = SplitDict()
    splits.add(SplitInfo(name="train", num_bytes=nbytes, num_examples=latest["stats"]["rows"]))
    info = DatasetInfo(
        features=features(), splits=splits, download_size=nbytes, dataset_size=nbytes
    )
    DatasetInfosDict({"default": info}).to_dataset_card_data(card)
    configs = {"default": {"data_files": _data_files(manifest, latest)}}
    for version in reversed(config_versions(manifest, kept)):
        configs[version["version"]] = {"data_files": _data_files(manifest, version)}
    MetadataConfigs(configs).to_dataset_card_data(card)
    return card.to_yaml()


def _manifest(versions: list[str], shards: int = 1, languages=None, rows: int = 33) -> Manifest:
    entries, files = [], {}
    for i, name in enumerate(versions):
        names = [f"data/{name}/train-{k:05d}-of-{shards:05d}.parquet" for k in range(shards)]
        for k, rel in enumerate(names):
            files[rel] = {"sha256": "0" * 64, "num_rows": rows, "num_bytes": 1000 + 17 * i + k}
        stats = {"rows": rows * (i + 1), "by_language": dict(languages or {}), "by_source": {}}
        entries.append({"version": name, "shards": names, "stats": stats})
    return Manifest(name="news", versions=entries, shards=files)


CASES = {
    "one version": (
        _manifest(["v1.0.0"], languages={"en": 3}),
        {"pretty_name": "One", "license": "mit", "languages": ["en"]},
        30,
    ),
    "several versions, several shards, languages from the stats": (
        _manifest(["v1.0.0", "v1.1.0", "v1.2.0", "v2.0.0"], shards=3, languages={"fr": 2, "en": 1}),
        {"license": "cc-by-4.0"},
        30,
    ),
    "fewer configs than versions, sorted by name": (
        _manifest(["v1.0.0", "v1.9.0", "v1.10.0", "v1.11.0"], languages={"es": 1}),
        {},
        3,  # v1.9.0, v1.10.0, v1.11.0: by name v1.10.0 comes first
    ),
    "no languages, license or name": (
        _manifest(["v1.0.0", "v1.1.0"]),
        {"pretty_name": "", "license": None, "languages": []},
        1,
    ),
    "text YAML must quote, non-ASCII, big": (
        _manifest(["v1.0.0", "v1.0.1"], languages={"de": 1}, rows=2_000_000_000),
        {
            "pretty_name": "Zeitung: Ünï — 新闻 'q' \"dq\" " + "long " * 30,
            "languages": ["no", "on"],
        },
        30,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_front_matter_is_what_datasets_and_huggingface_hub_write(case):
    manifest, meta, kept = CASES[case]
    assert front_matter(manifest, meta, kept) == _front_matter_by_datasets(manifest, meta, kept)


def test_the_sample_card_front_matter_is_what_datasets_writes(built_sample):
    from curator.package.manifest import load_manifest

    manifest = load_manifest(built_sample)
    meta, kept = manifest.latest["meta"], manifest.latest["versions_kept"]
    card = (built_sample / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n" + _front_matter_by_datasets(manifest, meta, kept) + "\n---\n")


def test_yaml_features_are_datasets_yaml_list_for_nested_lists_and_structs():
    from datasets import Features, List, Value

    nested = Features(
        {
            "a": Value("string"),
            "b": List(Value("int64")),
            "c": List({"x": Value("float64"), "y": List(Value("string"))}),
            "d": List(List(Value("bool"))),
            "e": {"inner": {"z": Value("timestamp[us, tz=UTC]")}, "w": List({"v": Value("int64")})},
        }
    )
    as_dict = json.loads(json.dumps(nested.to_dict()))
    assert _yaml_features(as_dict) == nested._to_yaml_list()
    assert _yaml_features(features().to_dict()) == features()._to_yaml_list()
