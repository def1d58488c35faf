"""The ``[fetch]`` section of a dataset spec, with polite defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from importlib import metadata
from typing import Any

ROBOTS_TOKEN = "curator"  # the product token robots.txt groups are matched against


def _version() -> str:
    try:
        return metadata.version("curator")
    except metadata.PackageNotFoundError:
        return "0"


@dataclass
class FetchConfig:
    user_agent: str = f"{ROBOTS_TOKEN}/{_version()}"
    contact: str = ""
    obey_robots: bool = True
    requests_per_second: float = 1.0  # per host
    concurrency_per_host: int = 2
    concurrency: int = 8  # pages in flight over all hosts
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0  # a whole response, so a trickling server cannot hold a worker
    retries: int = 2  # extra tries after the first
    backoff_seconds: float = 1.0  # first retry delay; doubles each time
    max_retry_after: float = 120.0  # a longer Retry-After is a failure, not a wait
    max_redirects: int = 5
    max_bytes: int = 10_000_000  # decompressed body
    respect_noindex: bool = True
    respect_noarchive: bool = True
    respect_noai: bool = True
    respect_tdm_reservation: bool = True
    reject_paywalled: bool = True
    offline: bool = False
    # name -> place in the chain (smaller is outer) or False to leave it out, over the
    # defaults in curator.fetch.middlewares.MIDDLEWARES (Scrapy's DOWNLOADER_MIDDLEWARES)
    middlewares: dict[str, int | bool] = field(default_factory=dict)

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> FetchConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in section.items() if k in known})

    @property
    def user_agent_header(self) -> str:
        """The User-Agent sent: names curator and, when set, how to reach whoever runs it."""
        agent = (
            self.user_agent
            if ROBOTS_TOKEN in self.user_agent.lower()
            else f"{self.user_agent} {ROBOTS_TOKEN}/{_version()}"
        )
        return f"{agent} (+{self.contact})" if self.contact else agent
