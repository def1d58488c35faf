"""The dataset card: its YAML written through huggingface_hub's DatasetCardData and read back
with DatasetCard.load; a dataset_info for every config whose num_bytes is what `datasets`
computes when it loads the config; a body with the spec (secrets masked, no local path),
licence, limitations, reasons, tools and changelog, correct after updates and takedowns."""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest
from conftest import sample_spec, write_spec
from versions_helpers import make_spec, write_pages

from curator.package.card import front_matter, load_hint, render_card, size_category
from curator.package.manifest import Manifest, load_manifest
from curator.record import features
from curator.spec import check_spec, load_spec, public_toml


def _card_data(dataset):
    from huggingface_hub import DatasetCard

    return DatasetCard.load(dataset / "README.md").data


def test_card_yaml_read_back_by_huggingface_hub(built_sample):
    data = _card_data(built_sample)
    manifest = load_manifest(built_sample)
    assert data.license == "cc-by-4.0" and data.pretty_name == "curator news sample"
    assert data.language == ["en", "fr", "de", "es"]
    assert data.task_categories == ["text-generation"]  # no label column: no classification
    assert data.tags == ["news", "curator"]
    assert data.size_categories == [size_category(manifest.latest["stats"]["rows"])]
    assert not hasattr(data, "license_name") or data.license_name is None
    names = [c["config_name"] for c in data.configs]
    assert names == ["default", "v1.0.0"]
    assert [i["config_name"] for i in data.dataset_info] == names  # an info for every config


def test_num_bytes_is_what_datasets_reports_for_every_config(sample_copy, hf_cache):
    """Every config the card lists loads offline from a fresh cache, with the rows the
    manifest says, the Features curator declares, and the num_bytes the card states."""
    import curator
    from datasets import get_dataset_config_names, load_dataset

    spec = load_spec(sample_spec(sample_copy.parent, output=sample_copy.name))
    spec_text = spec.path.read_text()
    (sample_copy.parent / "pages").mkdir()
    write_pages(sample_copy.parent / "pages", range(3))
    spec.path.write_text(spec_text + '\n[[sources]]\ntype = "folder"\npath = "pages"\n')
    assert curator.update(spec.path, progress=False).version == "v1.1.0"

    infos = {i["config_name"]: i for i in _card_data(sample_copy).dataset_info}
    manifest = load_manifest(sample_copy)
    assert (
        set(get_dataset_config_names(str(sample_copy)))
        == set(infos)
        == {"default", "v1.0.0", "v1.1.0"}
    )
    for name, info in infos.items():
        ds = load_dataset(str(sample_copy), name, split="train", verification_mode="all_checks")
        entry = manifest.latest if name == "default" else manifest.version(name)
        assert len(ds) == entry["stats"]["rows"] == info["splits"][0]["num_examples"]
        assert ds.features == features()
        assert ds.info.splits["train"].num_bytes == info["splits"][0]["num_bytes"], name
        assert info["dataset_size"] == info["splits"][0]["num_bytes"]
        assert info["download_size"] == sum(
            manifest.shards[s]["num_bytes"] for s in entry["shards"]
        )


def test_num_bytes_is_computed_not_read_back_from_the_card(sample_copy, hf_cache):
    """The check above is real: datasets computes num_bytes itself (a wrong card value does
    not come back)."""
    from datasets import load_dataset

    card = sample_copy / "README.md"
    card.write_text(re.sub(r"num_bytes: \d+", "num_bytes: 1", card.read_text()))
    ds = load_dataset(str(sample_copy), split="train")
    assert ds.info.splits["train"].num_bytes > 1000


def test_license_other_gets_license_name_and_link(built_sample):
    manifest = load_manifest(built_sample)
    meta = {"license": "other"}
    yaml_text = front_matter(manifest, meta, 30, built_sample)
    assert "license: other\n" in yaml_text and "\nlicense_name: publishers-copyright\n" in yaml_text
    assert "\nlicense_link: README.md\n" in yaml_text
    meta = {
        "license": "other",
        "license_name": "my-news-1.0",
        "license_link": "https://x.example/l",
    }
    yaml_text = front_matter(manifest, meta, 30, built_sample)
    assert (
        "license_name: my-news-1.0" in yaml_text
        and "license_link: https://x.example/l" in yaml_text
    )
    meta = {"license": "mit", "tags": ["press"], "task_categories": ["fill-mask"]}
    yaml_text = front_matter(manifest, meta, 30, built_sample)
    assert "license_name" not in yaml_text and "- press" in yaml_text and "- fill-mask" in yaml_text


def test_spec_card_keys_are_checked_by_name(tmp_path):
    base = {"name": "n", "sources": [{"type": "urls", "urls": ["https://a.example/"]}]}
    check_spec({**base, "license": "other", "license_name": "x-1.0", "license_link": "LICENSE",
                "tags": ["a"], "task_categories": ["text-generation"], "homepage": "https://h.example",
                "copyright": "c", "limitations": "l", "personal_data": "p"})  # fmt: skip
    with pytest.raises(ValueError) as err:
        check_spec({**base, "license": "mit", "license_name": "x", "homepage": "h.example",
                    "task_categories": ["Text Generation"]})  # fmt: skip
    text = str(err.value)
    assert 'license_name: only with license = "other"' in text
    assert "homepage: 'h.example': expected the dataset's homepage" in text
    assert "task_categories[0]" in text


def test_spec_in_the_card_has_no_secret_and_no_absolute_path(tmp_path):
    data = {
        "name": "n",
        "output": str(tmp_path / "out"),
        "fetch": {"user_agent": "ua", "headers": {"Cookie": "sid=SECRET1"}, "proxy": "http://u:SECRET2@p:3128"},
        "sources": [
            {"type": "folder", "path": str(tmp_path / "pages")},
            {"type": "urls", "urls": ["https://user:SECRET3@a.example/x"]},
        ],
    }  # fmt: skip
    text = public_toml(data, tmp_path)
    import tomllib

    back = tomllib.loads(text)
    assert not re.search("SECRET|" + re.escape(str(tmp_path)), text), text
    assert back["sources"][0]["path"] == "pages" and back["output"] == "out"
    assert back["fetch"]["user_agent"] == "ua" and back["fetch"]["headers"] == {"Cookie": "***"}


def test_card_body_of_a_build(tmp_path, monkeypatch):
    """A build's card: the spec embedded (sources listed), licence and copyright note,
    limitations, personal data, reasons with counts, dedup settings, tools; the load snippet
    names no local absolute path."""
    import curator
    import curator.builder as builder

    # the builder records Spec.card_meta() (the spec and its card keys) in each version
    monkeypatch.setattr(builder, "_meta", lambda spec: spec.card_meta(), raising=False)
    spec = make_spec(
        tmp_path,
        extra='license = "other"\ncopyright = "Texts (c) their owners."\nhomepage = "https://home.example/"\n',
    )
    write_pages(tmp_path / "pages", range(4))
    shutil.copy(tmp_path / "pages" / "a000.txt", tmp_path / "pages" / "copy.txt")  # a duplicate
    (tmp_path / "pages" / "short.txt").write_text("Too short.\n")  # a reject
    result = curator.build(spec, progress=False)
    dataset = result.dataset
    card = (dataset / "README.md").read_text()
    assert str(tmp_path) not in card, "a local absolute path leaked into the card"
    assert 'load_dataset("out", split="train")' in card
    assert '```toml\nname = "tiny"' in card and 'path = "pages"' in card
    assert "- `folder`: `pages`" in card
    assert "Texts (c) their owners." in card and "Homepage: <https://home.example/>" in card
    assert "## Limitations and bias" in card and "## Personal data" in card
    assert re.search(r"\| not an article \| 1 \|", card)
    assert re.search(r"\| exact \| 1 \|", card) or re.search(r"\| near \| 1 \|", card)
    assert "`threshold` = " in card and "| v1.0.0 | " in card  # dedup settings, tools
    assert "license_name: publishers-copyright" in card


def test_card_after_a_takedown_is_cumulative(sample_copy):
    """After a takedown the card keeps the counts of every version (no "0 pages seen")."""
    spec = sample_spec(sample_copy.parent, output=sample_copy.name)
    manifest = load_manifest(sample_copy)
    some_id = _first_id(sample_copy, manifest)
    _cli_remove(spec, some_id)
    card = (sample_copy / "README.md").read_text()
    assert "0 pages seen" not in card and "(n/a)" not in card
    assert "is a takedown: 1 article(s) removed" in card
    rows = load_manifest(sample_copy).latest["stats"]["rows"]
    assert f"1 taken down; {rows} articles published now" in card


def _first_id(dataset, manifest: Manifest) -> str:
    import pyarrow.parquet as pq

    return (
        pq.read_table(dataset / manifest.latest["shards"][0], columns=["id"])
        .column("id")[0]
        .as_py()
    )


def _cli_remove(spec, some_id):
    from curator.cli import main

    assert main(["remove", str(spec), "--id", some_id, "--reason", "test", "-q"]) == 0


def test_load_hint_never_names_a_local_path():
    assert load_hint("/home/me/data/news") == "news"
    assert load_hint("my-org/news") == "my-org/news"
    assert load_hint("") == "ORG/NAME"


def test_push_card_names_the_repo(built_sample):
    manifest = load_manifest(built_sample)
    card = render_card(manifest, {}, "my-org/news", 30, dataset=built_sample, assets=[])
    assert 'load_dataset("my-org/news", split="train")' in card
    assert str(built_sample) not in card


def test_the_card_step_does_not_import_plotting_and_is_quick(built_sample):
    """Rendering the card imports huggingface_hub's card data, never matplotlib; measured in
    a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import sys, time; from pathlib import Path; t = time.perf_counter();"
        "from curator.package.commit import write_card; from curator.package.manifest import load_manifest;"
        f"d = Path({str(built_sample)!r}); m = load_manifest(d);"
        "from curator.package.card import render_card; render_card(m, m.latest['meta'], str(d), 30);"
        "print(time.perf_counter() - t, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, mpl = out.stdout.split()
    assert mpl == "False"
    assert float(seconds) < 20  # generous on a loaded 2-core machine; measured ~1-2 s


def test_arrow_sizes_are_cached_by_checksum(built_sample, tmp_path):
    from curator.layout import Layout

    cache = Layout(built_sample).card_sizes
    sizes = json.loads(cache.read_text())
    manifest = load_manifest(built_sample)
    assert set(sizes) == {s["sha256"] for s in manifest.shards.values()}
    t = time.perf_counter()
    front_matter(manifest, {}, 30, built_sample)
    assert time.perf_counter() - t < 5


def test_spec_meta_keeps_the_card_keys(tmp_path):
    spec = write_spec(tmp_path, 'name = "n"\nlicense = "other"\nlicense_name = "x-1"\ntags = ["a"]\n'
                      '[[sources]]\ntype = "urls"\nurls = ["https://a.example/"]\n')  # fmt: skip
    meta = load_spec(spec).card_meta()
    assert meta["license_name"] == "x-1" and meta["tags"] == ["a"]
    assert 'urls = ["https://a.example/"]' in meta["spec_toml"]
