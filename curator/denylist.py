"""The deny-list (``.curator/denylist.json``): ids and canonical URLs taken down on request.

Shared by every stage, so the run context (:mod:`curator.sources.context`) can refuse a
denied page before any request, and the packager can drop a row whose id or canonical URL is
denied (:meth:`DenyList.denies`); ``curator remove`` adds to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .layout import Layout
from .urls import canonicalise


class DenyList:
    def __init__(
        self,
        ids: Iterable[str] = (),
        urls: Iterable[str] = (),
        mirrors: dict[str, str] | None = None,
    ):
        self.ids = set(ids)
        self.urls = set(urls)
        self.mirrors = dict(mirrors or {})

    @classmethod
    def load(cls, dataset: Path, mirrors: dict[str, str] | None = None) -> DenyList:
        path = Layout(dataset).denylist
        if not path.exists():
            return cls(mirrors=mirrors)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data.get("ids", []), data.get("urls", []), mirrors)

    def save(self, dataset: Path) -> None:
        data = {"ids": sorted(self.ids), "urls": sorted(self.urls)}
        write_atomic(
            Layout(dataset).denylist, json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        )

    def __bool__(self) -> bool:
        return bool(self.ids or self.urls)

    def key(self, url: str | None) -> str | None:
        return canonicalise(url, self.mirrors) if url else None

    def add(self, id_: str | None = None, *urls: str | None) -> None:
        if id_:
            self.ids.add(id_)
        for url in urls:
            key = self.key(url)
            if key:
                self.urls.add(key)

    def denies_url(self, url: str | None) -> bool:
        """For crawlers and readers: is this address taken down?"""
        key = self.key(url)
        return key is not None and key in self.urls

    def denies(self, record: dict[str, Any]) -> bool:
        """For a tagged and deduplicated record: its id, URL or canonical URL is denied."""
        if record.get("id") in self.ids:
            return True
        return any(self.denies_url(record.get(k)) for k in ("url", "canonical_url"))
