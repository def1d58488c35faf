"""``curator push`` against a loopback fake Hub: files, commits, tags, pushed.json, squash."""

from __future__ import annotations

import hashlib
import json

import pytest
from fakehub import FakeHub
from versions_helpers import cli, make_spec, write_jsonl

from curator.builder import build, update
from curator.package import load_manifest
from curator.package.card import CARD_CHARTS
from curator.package.files import sha256_file
from curator.package.push import push
from curator.package.remove import remove

TOKEN = "hf_fake_secret_token_123"
REPO = "curator-test/tiny"


@pytest.fixture
def hub(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # conftest sets it for every other test
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)  # read at import time
    with FakeHub() as fake:
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        monkeypatch.setenv("HF_TOKEN", TOKEN)
        yield fake


def test_push_one_commit_and_tag_per_version_only_new_files(tmp_path, hub):
    write_jsonl(tmp_path / "pages.jsonl", range(4))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    write_jsonl(tmp_path / "pages.jsonl", range(6))
    update(spec, progress=False)
    manifest = load_manifest(dataset)
    v1 = manifest.versions[0]["shards"]
    v11_new = [s for s in manifest.versions[1]["shards"] if s not in v1]

    result = push(dataset, REPO, endpoint=hub.endpoint)
    assert [c["version"] for c in result.commits] == ["v1.0.0", "v1.1.0"]
    assert len(hub.commits) == 2
    assets = [f"assets/{name}" for name in CARD_CHARTS]  # the card's charts, sent once
    assert hub.commits[0]["added"] == sorted(["README.md", "manifest.json", *v1, *assets])
    assert hub.commits[1]["added"] == sorted(
        ["README.md", "manifest.json", *v11_new]
    )  # old shard not re-sent
    assert hub.tags == {"v1.0.0": hub.commits[0]["oid"], "v1.1.0": hub.commits[1]["oid"]}
    for rel in manifest.shards:  # the bytes it received are the published shards
        assert hub.files[rel] == (dataset / rel).read_bytes()
    card, local = hub.files["README.md"].decode(), (dataset / "README.md").read_text()
    assert card.split("\n---\n")[0] == local.split("\n---\n")[0]  # same configs and files
    assert f'load_dataset("{REPO}"' in card  # the pushed card tells how to load it from the Hub
    assert "![Languages](assets/languages.png)" in card
    assert all(
        h.get("authorization") == f"Bearer {TOKEN}"
        for m, p, h in hub.requests
        if p.startswith("/api/datasets")
    )
    pushed = json.loads((dataset / ".curator" / "pushed.json").read_text())
    assert set(pushed["repos"][REPO]["versions"]) == {"v1.0.0", "v1.1.0"}
    assert pushed["repos"][REPO]["files"][v1[0]] == sha256_file(dataset / v1[0])

    again = push(dataset, REPO, endpoint=hub.endpoint)
    assert again.commits == [] and len(hub.commits) == 2 and "up to date" in again.message


def test_push_after_removal_replaces_the_shard_and_offers_to_squash(tmp_path, hub):
    write_jsonl(tmp_path / "pages.jsonl", range(4))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    assert cli("push", str(dataset), "--repo", REPO, env={"HF_HUB_OFFLINE": "0"}).returncode == 0
    old = load_manifest(dataset).latest["shards"][0]

    removed = remove(spec, url="https://news.example/story/1", reason="takedown request")
    assert removed.version == "v1.0.1"
    new = removed.shards_rewritten[old]

    proc = cli(
        "push", str(dataset), "--repo", REPO, env={"HF_HUB_OFFLINE": "0"}
    )  # no TTY, no --squash
    assert proc.returncode == 0, proc.stderr
    assert TOKEN not in proc.stdout + proc.stderr
    assert "--squash" in proc.stdout and hub.squashes == 0
    last = hub.commits[-1]
    assert new in last["added"] and last["deleted"] == [old]
    assert old not in hub.files and hub.tags["v1.0.1"] == last["oid"]

    proc = cli(
        "push", str(dataset), "--repo", REPO, "--squash", "--json", env={"HF_HUB_OFFLINE": "0"}
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["squashed"] is True and out["commits"] == []
    assert hub.squashes == 1 and len(hub.commits) == 1
    assert set(hub.tags) == {"v1.0.0", "v1.0.1"} and set(hub.tags.values()) == {hub.head}
    assert (
        json.loads((dataset / ".curator" / "pushed.json").read_text())["repos"][REPO][
            "squash_pending"
        ]
        is False
    )
    assert cli("push", str(dataset), "--repo", REPO, env={"HF_HUB_OFFLINE": "0"}).stdout.startswith(
        f"{REPO} is up to date"
    )


def _dry_run_setup(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", range(4))
    spec = make_spec(tmp_path, "jsonl")
    dataset = build(spec, progress=False).dataset
    write_jsonl(tmp_path / "pages.jsonl", range(6))
    update(spec, progress=False)
    return dataset


def test_push_dry_run_plans_every_file_with_size_and_sha256_and_asks_nothing(tmp_path, hub):
    from curator.package.push import load_pushed, plan

    dataset = _dry_run_setup(tmp_path)
    manifest = load_manifest(dataset)
    result = push(dataset, REPO, endpoint=hub.endpoint, dry_run=True)
    assert hub.requests == [] and hub.commits == []  # no network at all
    assert not (dataset / ".curator" / "pushed.json").exists()  # nothing recorded as pushed
    assert [c["version"] for c in result.commits] == ["v1.0.0", "v1.1.0"]
    assert {c["oid"] for c in result.commits} == {"(dry run)"}
    assert result.message.startswith("dry run: 2 commit(s)")

    steps = plan(
        dataset, REPO, load_pushed(dataset)["repos"].get(REPO) or {"files": {}, "versions": {}}
    )
    assert [sorted(s.upload) for s in steps] == [c["added"] for c in result.commits]
    for step in steps:  # the plan knows each file's size and sha256 before any upload
        for path, content in step.upload.items():
            data = content if isinstance(content, bytes) else content.read_bytes()
            assert hashlib.sha256(data).hexdigest() == step.files[path]
            if path in manifest.shards:
                assert step.files[path] == manifest.shards[path]["sha256"]
                assert len(data) == manifest.shards[path]["num_bytes"]
    v11_new = [s for s in manifest.versions[1]["shards"] if s not in manifest.versions[0]["shards"]]
    assert sorted(steps[1].upload) == sorted(["README.md", "manifest.json", *v11_new])

    proc = cli(
        "push", str(dataset), "--repo", REPO, "--dry-run", "--json", env={"HF_HUB_OFFLINE": "1"}
    )
    assert proc.returncode == 0, proc.stderr  # offline is fine: a dry run never connects
    assert [c["added"] for c in json.loads(proc.stdout)["commits"]] == [
        c["added"] for c in result.commits
    ]
    assert hub.requests == []


def test_push_dry_run_prints_path_size_and_sha256(tmp_path, hub):
    dataset = _dry_run_setup(tmp_path)
    manifest = load_manifest(dataset)
    proc = cli("push", str(dataset), "--repo", REPO, "--dry-run", env={"HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 0, proc.stderr
    for rel, meta in manifest.shards.items():
        line = next(line for line in proc.stdout.splitlines() if rel in line)
        assert str(meta["num_bytes"]) in line.replace(",", "") and meta["sha256"] in line
    assert hub.requests == []
