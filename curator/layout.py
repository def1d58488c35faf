"""Where everything of a dataset folder lives: each path is named here once, and every
stage that reads or writes a dataset folder (the fetcher's archive, the dedup index, the
packager) asks this class for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATE = ".curator"  # curator's own state inside a dataset folder; never published
ARCHIVE = "archive"  # in the state folder; the fetcher is handed only that folder
RUNS = "runs"  # in the reports folder, beside the versions' reports


@dataclass(frozen=True)
class Layout:
    root: Path

    # -- what is published -----------------------------------------------------------------
    @property
    def card(self) -> Path:
        return self.root / "README.md"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def version_data(self, version: str) -> Path:
        return self.data / version

    @property
    def assets(self) -> Path:
        return (
            self.root / "assets"
        )  # the card's chart pictures (curator report --card-assets, push)

    # -- curator's own state ---------------------------------------------------------------
    @property
    def state(self) -> Path:
        return self.root / STATE

    @property
    def owner(self) -> Path:
        return self.state / "owner.json"

    @property
    def lock(self) -> Path:
        return self.state / "lock"

    @property
    def journal(self) -> Path:
        return self.state / "journal.jsonl"

    @property
    def pending(self) -> Path:
        return self.state / "manifest.pending.json"

    @property
    def index(self) -> Path:
        return self.state / "index"

    @property
    def archive(self) -> Path:
        return self.state / ARCHIVE

    @property
    def reports(self) -> Path:
        return self.state / "reports"

    def version_reports(self, version: str) -> Path:
        return self.reports / version

    @property
    def report_page(self) -> Path:
        return self.reports / "report.html"  # curator report's default output

    @property
    def runs(self) -> Path:
        return self.reports / RUNS  # one report folder per run, newest 30 kept

    @property
    def boilerplate(self) -> Path:
        return self.state / "boilerplate.json"

    @property
    def card_sizes(self) -> Path:
        return self.state / "card-sizes.json"  # shard sha256 -> Arrow bytes, for the card

    @property
    def seen(self) -> Path:
        return self.state / "seen.txt"

    @property
    def seen_pending(self) -> Path:
        return self.state / "seen.pending"  # this run's new page digests, until it commits

    @property
    def denylist(self) -> Path:
        return self.state / "denylist.json"

    @property
    def removals(self) -> Path:
        return self.state / "removals.jsonl"

    @property
    def pushed(self) -> Path:
        return self.state / "pushed.json"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()
