"""Shared fixtures: the bundled sample built once per session into a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

# Tests never reach the Hub: local loads work offline, any Hub call fails loudly.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RAW = ROOT / "datasets" / "raw" / "news-sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def write_spec(folder: Path, body: str) -> Path:
    path = folder / "spec.toml"
    path.write_text(body, encoding="utf-8")
    return path


def one_page_build(tmp_path: Path, html: str, url: str, fetched_at: str | None = None) -> dict:
    """The one row a build of one page (a manifest source) publishes, as a record."""
    import curator
    from curator.record import from_row

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.html").write_text(html, encoding="utf-8")
    entry = {"file": "page.html", "url": url, **({"fetched_at": fetched_at} if fetched_at else {})}
    (raw / "manifest.json").write_text(json.dumps({"pages": [entry]}))
    spec = write_spec(
        tmp_path,
        f'name = "one"\nlicense = "other"\noutput = "out"\n\n[[sources]]\ntype = "manifest"\n'
        f'path = "{raw / "manifest.json"}"\n',
    )
    curator.build(spec, progress=False)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    rows = pq.read_table(tmp_path / "out" / manifest["versions"][-1]["shards"][0]).to_pylist()
    assert len(rows) == 1
    return from_row(rows[0])


def sample_spec(folder: Path, output: str = "out") -> Path:
    """The bundled sample's spec, with its output moved into ``folder``."""
    text = (ROOT / "datasets" / "news-sample.toml").read_text(encoding="utf-8")
    text = text.replace('output = "news-sample"', f'output = "{output}"')
    text = text.replace(
        'path = "raw/news-sample/manifest.json"', f'path = "{SAMPLE_RAW / "manifest.json"}"'
    )
    return write_spec(folder, text)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Path:
    """The sample dataset, built once; tests that change it must copy it first."""
    import curator

    folder = tmp_path_factory.mktemp("sample")
    result = curator.build(sample_spec(folder), progress=False)
    assert result.version == "v1.0.0", result.summary()
    return folder / "out"


@pytest.fixture
def sample_copy(built_sample, tmp_path) -> Path:
    dest = tmp_path / "copy"
    shutil.copytree(built_sample, dest)
    return dest


@pytest.fixture
def hf_cache(tmp_path, monkeypatch) -> Path:
    """A fresh datasets cache per test: a stale cache must not hide a bug."""
    cache = tmp_path / "hf-cache"
    monkeypatch.setenv("HF_DATASETS_CACHE", str(cache))
    return cache


@pytest.fixture(scope="session")
def ray_session():
    """One local Ray instance for the whole test session, limited to 2 CPUs."""
    ray = pytest.importorskip("ray")
    # Workers import test helpers by module name, so they need the tests folder on their path.
    env = {"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parent)}}
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        ignore_reinit_error=True,
        runtime_env=env,
    )
    yield ray
    ray.shutdown()
