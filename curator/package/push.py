"""``curator push PATH --repo ORG/NAME``: publish the versions not yet on the Hub.

One commit per version, holding only the files that are new or rewritten since the last
pushed version (its new shards, shards rewritten by a removal, the card and manifest as of
that version), with the deletions of replaced shards, then a tag ``vX.Y.Z`` on that commit.
What was pushed is recorded in ``.curator/pushed.json`` after each commit, so a push that
dies half-way resumes with the next version, and a push with nothing new makes no commit.

After a removal, the Hub's history still holds the article in older commits (and the tags
point at them). ``squash=True`` squashes the branch into one commit
(``HfApi.super_squash_history``) and re-creates every tag on it.

The token comes from ``HF_TOKEN`` (or huggingface_hub's own login) and is never printed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NotADataset, UsageError
from ..layout import Layout
from ..redact import redact
from ..spec import DEFAULT_VERSIONS_KEPT
from .card import render_card
from .files import write_json
from .manifest import Manifest, load_manifest
from .parquet import shard_path

if TYPE_CHECKING:  # imported when a push runs: a build never needs the Hub client
    from huggingface_hub import HfApi


class PushError(RuntimeError):
    pass


@dataclass
class Step:
    version: str
    upload: dict[str, bytes | Path]  # path in repo -> content
    delete: list[str]
    files: dict[str, str]  # path in repo -> sha256, the repo's files after this step
    message: str
    removals: int = 0


@dataclass
class PushResult:
    repo: str
    commits: list[dict[str, Any]] = field(default_factory=list)
    squash_needed: bool = False
    squashed: bool = False
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "repo": self.repo,
            "commits": self.commits,
            "squash_needed": self.squash_needed,
            "squashed": self.squashed,
            "message": self.message,
        }

    def summary(self) -> str:
        lines = [self.message]
        for c in self.commits:
            lines.append(
                f"  {c['version']}: commit {c['oid'][:12]}, {len(c['added'])} file(s) added, {len(c['deleted'])} deleted, tag {c['version']}"
            )
            for f in c.get("files", []):  # a dry run's plan: what each commit would upload
                lines.append(f"    + {f['path']}  {f['size']:,} bytes  sha256 {f['sha256']}")
            lines += [f"    - {p}" for p in c["deleted"] if c.get("files") is not None]
        return "\n".join(lines)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_pushed(dataset: Path) -> dict[str, Any]:
    path = Layout(dataset).pushed
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"repos": {}}


def _repo_state(pushed: dict[str, Any], repo: str) -> dict[str, Any]:
    return pushed["repos"].setdefault(repo, {"files": {}, "versions": {}, "squash_pending": False})


def _as_of(manifest: Manifest, i: int) -> Manifest:
    """The manifest as it was at version ``i`` (shard lists as they are now: a removal has
    rewritten every version's files)."""
    versions = manifest.versions[: i + 1]
    shards = {s: manifest.shards[s] for v in versions for s in v["shards"]}
    return Manifest(name=manifest.name, versions=versions, shards=shards)


def plan(dataset: Path, repo: str, state: dict[str, Any]) -> list[Step]:
    """The commits still to make, oldest version first, without touching the network."""
    manifest = load_manifest(dataset)
    if manifest is None:
        raise NotADataset(dataset)
    files = dict(state["files"])
    steps = []
    assets: dict[str, bytes] | None = None
    for i, entry in enumerate(manifest.versions):
        if entry["version"] in state["versions"]:
            continue
        if assets is None:
            assets = card_assets(dataset)
        sub = _as_of(manifest, i)
        card = render_card(
            sub, entry.get("meta", {}), repo, entry.get("versions_kept", DEFAULT_VERSIONS_KEPT),
            dataset=dataset, assets=[name.removeprefix("assets/") for name in assets],
        ).encode("utf-8")  # fmt: skip
        manifest_json = (json.dumps(sub.to_json(), indent=2, ensure_ascii=False) + "\n").encode(
            "utf-8"
        )
        wanted: dict[str, str] = {rel: meta["sha256"] for rel, meta in sub.shards.items()}
        wanted.update({"README.md": _sha(card), "manifest.json": _sha(manifest_json)})
        content: dict[str, bytes | Path] = {rel: shard_path(dataset, rel) for rel in sub.shards}
        content.update({"README.md": card, "manifest.json": manifest_json, **assets})
        wanted.update({name: _sha(data) for name, data in assets.items()})
        upload = {p: content[p] for p, sha in wanted.items() if files.get(p) != sha}
        delete = sorted(p for p in files if p not in wanted)
        c = entry["counts"]
        message = (
            f"{entry['version']}: {c.get('added', 0)} added, {c.get('removed', 0)} removed"
            + (f". {entry['note']}" if entry.get("note") else "")
        )
        steps.append(
            Step(entry["version"], upload, delete, wanted, message, len(entry.get("removals", [])))
        )
        files = wanted
    return steps


def card_assets(dataset: Path) -> dict[str, bytes]:
    """The card's chart pictures (path in the repo -> PNG bytes), drawn from the latest
    version for this push (as ``curator report --card-assets`` draws them; a build never)."""
    from ..report import card_pictures

    return card_pictures(dataset)


def _size(content: bytes | Path) -> int:
    return len(content) if isinstance(content, bytes) else content.stat().st_size


def _api(endpoint: str | None, token: str | None) -> HfApi:
    from huggingface_hub import HfApi

    return HfApi(endpoint=endpoint or None, token=token or None)


def squash_instructions(dataset: Path, repo: str) -> str:
    return (
        f"{repo}: older commits and tags on the Hub still hold the removed article(s).\n"
        f"  To purge them, squash the history and re-create the tags:\n"
        f"    curator push {dataset} --repo {repo} --squash\n"
        "  (every version stays loadable by its config name; tags then all point at the one squashed commit)"
    )


REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


def check_repo_id(repo: str) -> None:
    """ORG/NAME as the Hub accepts it, checked before any request."""
    if not REPO_ID.match(repo) or ".." in repo or "--" in repo or repo.endswith((".", "-")):
        raise UsageError(
            f"--repo {repo!r}: not a Hub repository id; write ORG/NAME "
            "(letters, digits, '-', '_' and '.'; e.g. my-org/news-2026)"
        )


def push(
    dataset: Path,
    repo: str,
    *,
    endpoint: str | None = None,
    token: str | None = None,
    squash: bool | None = None,
    dry_run: bool = False,
    ask: Callable[[str], bool] | None = None,
    private: bool = True,
    create_pr: bool = False,
) -> PushResult:
    """Push every version not yet pushed. ``squash`` True squashes when a removal needs it,
    False never does, None asks through ``ask(question) -> bool`` when given, else explains.
    ``create_pr`` opens one pull request per version instead of committing to main (no tags:
    a version is tagged once its pull request is merged and pushed again)."""
    from ..lock import dataset_lock

    dataset = Path(dataset)
    check_repo_id(repo)
    endpoint = endpoint or os.environ.get("HF_ENDPOINT")
    token = token or os.environ.get("HF_TOKEN")
    if not token and not dry_run:
        raise UsageError("HF_TOKEN is not set: export a Hub token with write access, then push")
    with dataset_lock(Layout(dataset).state):
        pushed = load_pushed(dataset)
        state = _repo_state(pushed, repo)
        steps = plan(dataset, repo, state)
        if dry_run:
            return _dry_run(repo, steps)
        try:
            api = _api(endpoint, token)
            result = _push_steps(api, dataset, repo, steps, pushed, state, private, create_pr)
            _settle_squash(api, repo, state, result, squash, ask)
            write_json(Layout(dataset).pushed, pushed)
        except Exception as exc:  # noqa: BLE001  (only Hub and network errors are turned into one line)
            raise _one_line(exc, repo, endpoint, token) from None
        result.message = _done_message(dataset, repo, result)
        return result


def _push_steps(
    api: HfApi,
    dataset: Path,
    repo: str,
    steps: list[Step],
    pushed: dict[str, Any],
    state: dict[str, Any],
    private: bool,
    create_pr: bool,
) -> PushResult:
    result = PushResult(repo)
    api.whoami()  # the first request: a bad token or an unreachable Hub is found before any write
    if steps or state["squash_pending"]:
        api.create_repo(repo, repo_type="dataset", exist_ok=True, private=private)
    for step in steps:
        result.commits.append(_commit_step(api, repo, step, state, create_pr))
        if not create_pr:
            write_json(Layout(dataset).pushed, pushed)  # after each commit: resumable
    return result


def _one_line(exc: Exception, repo: str, endpoint: str | None, token: str | None) -> Exception:
    """A Hub refusal or a network failure as one clear :class:`PushError`; anything else as
    it is (a bug should keep its traceback)."""
    from huggingface_hub.errors import HfHubHTTPError

    if isinstance(exc, HfHubHTTPError):  # a server may echo the Authorization header back
        status = getattr(exc.response, "status_code", "?")
        said = getattr(exc, "server_message", None) or str(exc).splitlines()[0]
        return PushError(redact(f"push to {repo} failed (HTTP {status}): {said}", (token,)))
    if isinstance(exc, OSError) or type(exc).__module__.split(".")[0].startswith(
        ("httpx", "requests", "urllib3")
    ):
        where = endpoint or "https://huggingface.co"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return PushError(
            redact(
                f"push to {repo} failed: cannot reach {where} ({first}); check the network or --endpoint",
                (token,),
            )
        )
    return exc


def _dry_run(repo: str, steps: list[Step]) -> PushResult:
    result = PushResult(repo)
    result.commits = [
        {
            "version": s.version,
            "oid": "(dry run)",
            "added": sorted(s.upload),
            "deleted": s.delete,
            "files": [
                {"path": p, "size": _size(c), "sha256": s.files[p]}
                for p, c in sorted(s.upload.items())
            ],
        }
        for s in steps
    ]
    result.message = f"dry run: {len(steps)} commit(s) would be made to {repo}"
    return result


def _commit_step(
    api: HfApi, repo: str, step: Step, state: dict[str, Any], create_pr: bool = False
) -> dict[str, Any]:
    """One version as one commit and its tag (or as a pull request, untagged and not
    recorded as pushed); ``state`` records it."""
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete

    ops: list[CommitOperationAdd | CommitOperationDelete] = [
        CommitOperationAdd(path_in_repo=p, path_or_fileobj=c if isinstance(c, bytes) else str(c))
        for p, c in sorted(step.upload.items())
    ]
    ops += [CommitOperationDelete(path_in_repo=p) for p in step.delete]
    info = api.create_commit(
        repo, ops, commit_message=step.message, repo_type="dataset", create_pr=create_pr
    )
    if create_pr:
        return {"version": step.version, "oid": info.oid, "pr": getattr(info, "pr_url", None),
                "added": sorted(step.upload), "deleted": step.delete}  # fmt: skip
    api.create_tag(
        repo, tag=step.version, tag_message=step.message, revision=info.oid,
        repo_type="dataset", exist_ok=True,
    )  # fmt: skip
    if step.removals and state["versions"]:
        state["squash_pending"] = True
    state["files"], state["versions"][step.version] = step.files, info.oid
    return {"version": step.version, "oid": info.oid, "added": sorted(step.upload),
            "deleted": step.delete}  # fmt: skip


def _settle_squash(
    api: HfApi,
    repo: str,
    state: dict[str, Any],
    result: PushResult,
    squash: bool | None,
    ask: Callable[[str], bool] | None,
) -> None:
    result.squash_needed = state["squash_pending"]
    if result.squash_needed and squash is None and ask is not None:
        squash = ask(
            f"Squash the history of {repo} so no commit still holds removed articles? [y/N] "
        )
    if result.squash_needed and squash:
        _squash(api, repo, state)
        result.squashed, result.squash_needed = True, False


def _done_message(dataset: Path, repo: str, result: PushResult) -> str:
    done = (
        f"pushed {len(result.commits)} version(s) to {repo}"
        if result.commits
        else f"{repo} is up to date: nothing to push"
    )
    if result.squashed:
        done += "; history squashed and tags re-created"
    elif result.squash_needed:
        done += "\n" + squash_instructions(dataset, repo)
    return done


def _squash(api: HfApi, repo: str, state: dict[str, Any]) -> None:
    api.super_squash_history(
        repo,
        repo_type="dataset",
        branch="main",
        commit_message="Squash history: purge removed articles",
    )
    refs = api.list_repo_refs(repo, repo_type="dataset")
    head = next(b.target_commit for b in refs.branches if b.name == "main")
    for tag in refs.tags:
        api.delete_tag(repo, tag=tag.name, repo_type="dataset")
    for version in state["versions"]:
        api.create_tag(repo, tag=version, revision=head, repo_type="dataset", exist_ok=True)
        state["versions"][version] = head
    state["squash_pending"] = False
