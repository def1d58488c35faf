"""The run context: one per crawl, build or update, made from the spec, shared by every
source of the run. It carries the fetcher (one, so rate limits, robots.txt and the per-host
counts are shared), the ``[scope]`` (one, so page caps count across sources) and the
dataset's deny-list.

The SSRF guard trusts the hosts the spec names (:func:`named_hosts`) and checks every other
host a link or a redirect leads to (:mod:`curator.fetch.guard`).

The deny-list is checked in one place, :meth:`RunContext.denies`: readers ask
:meth:`RunContext.admit` before listing a page for fetching (so a denied page neither
counts against a host's page cap nor as out of scope), and the fetcher's ``deny``
middleware asks it before every request and every redirect hop, so a denied page is never
requested, replayed or archived, whichever command runs.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..denylist import DenyList
from ..fetch import FetchConfig, Fetcher, HostStats, Scope
from ..spec import Spec
from ..urls import canonicalise


def named_hosts(spec: Spec) -> set[str]:
    """The hosts a spec names, which the SSRF guard trusts (:mod:`curator.fetch.guard`): of its
    sources' ``url``/``urls`` (and the lines of a ``urls`` source's ``path`` file), of
    ``[fetch.hosts]`` and of ``mirrors``."""
    hosts: set[str] = set()
    for source in spec.data.get("sources", []):
        hosts |= {_hostname(url) for url in (source.get("url"), *source.get("urls", [])) if url}
        if source.get("type") == "urls" and source.get("path"):
            try:
                lines = spec.resolve(source["path"]).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []  # the reader says so
            hosts |= {_hostname(line) for line in lines if "//" in line}
    hosts |= {_hostname(name) for name in spec.section("fetch").get("hosts", {})}
    for main, mirrors in spec.data.get("mirrors", {}).items():
        hosts |= {_hostname(main), *(_hostname(mirror) for mirror in mirrors)}
    return {host for host in hosts if host}


def _hostname(text: str) -> str:
    text = text.strip()
    try:
        return (urlsplit(text if "//" in text else f"//{text}").hostname or "").rstrip(".")
    except ValueError:
        return ""


@dataclass
class RunContext:
    spec: Spec
    fetcher: Fetcher
    scope: Scope
    denylist: DenyList
    _listed: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        self.fetcher.deny.denies = self.denies  # every request passes the same check
        # the SSRF guard trusts the hosts the spec names, and checks every other
        self.fetcher.guard.trust_only(named_hosts(self.spec))

    @classmethod
    def from_spec(
        cls,
        spec: Spec,
        state_dir: str | Path | None = None,
        *,
        refresh: bool = False,
        denylist: DenyList | None = None,
        fetcher: Fetcher | None = None,
    ) -> RunContext:
        """The context of a run of ``spec``: its fetcher archives in ``state_dir`` (default
        ``<output>/.curator``) and revalidates archived pages when ``refresh``; the deny-list
        is the dataset's own unless ``denylist`` is given."""
        return cls(
            spec=spec,
            fetcher=fetcher or Fetcher.from_spec(spec, state_dir, refresh=refresh),
            scope=Scope.from_spec(spec),
            denylist=denylist if denylist is not None else DenyList.load(spec.output, spec.mirrors),
        )

    @property
    def config(self) -> FetchConfig:
        return self.fetcher.config

    def denies(self, url: str | None) -> bool:
        """Whether ``url`` was taken down: the one place the deny-list is consulted."""
        return self.denylist.denies_url(url)

    def admit(self, url: str, published: date | str | None = None) -> bool:
        """Whether to fetch (or read) a listed page: not denied (counted per host as denied),
        then in ``[scope]`` (an admitted page counts against its host's page cap)."""
        if self.denies(url):
            self.fetcher.count_denied(url)
            return False
        return self.scope.admit(url, published)

    def first_listing(self, url: str) -> bool:
        """False for a URL already listed by this run (a sitemap and a feed often overlap)."""
        key = canonicalise(url) or url
        if key in self._listed:
            return False
        self._listed.add(key)
        return True

    def host_stats(self) -> dict[str, HostStats]:
        """Per host: the fetcher's counts, plus what ``[scope]`` skipped before any fetch."""
        by_host = deepcopy(dict(self.fetcher.stats))
        for host, reasons in self.scope.skipped.items():
            by_host.setdefault(host, HostStats()).out_of_scope += sum(reasons.values())
        return by_host

    def denied_count(self) -> int:
        return sum(stats.denied for stats in self.fetcher.stats.values())

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> RunContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
