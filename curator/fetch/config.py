"""The ``[fetch]`` section of a dataset spec, with polite defaults, and the settings of one
host (``[fetch.hosts."example.org"]`` over ``[fetch]``)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, fields
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

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
    # None: the environment's HTTP(S)_PROXY / ALL_PROXY with NO_PROXY; a URL: every request
    # through it (but the no_proxy hosts); False: no proxy, whatever the environment says
    proxy: str | bool | None = None
    no_proxy: list[str] = field(default_factory=list)  # with proxy: hosts, .suffixes, CIDRs
    # SSRF guard: a host the spec does not name (reached by a link or a redirect) that is at
    # a loopback, link-local or private address is refused, unless this is true
    allow_private_networks: bool = False
    # adaptive throttle (Scrapy's AutoThrottle): the delay follows the host's latency and
    # backs off on 429/503, never shorter than 1 / requests_per_second
    adaptive_throttle: bool = False
    throttle_start_delay: float = 5.0
    throttle_max_delay: float = 60.0
    throttle_target_concurrency: float = 1.0  # requests the server handles at once
    headers: dict[str, str] = field(default_factory=dict)  # sent to every host
    cookies: dict[str, str] = field(default_factory=dict)
    # host name -> its own requests_per_second, concurrency, headers, cookies, user_agent
    hosts: dict[str, dict[str, Any]] = field(default_factory=dict)
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
        return agent_header(self.user_agent, self.contact)

    def host_table(self, url_or_host: str) -> dict[str, Any]:
        """The ``[fetch.hosts]`` table of a URL's host: ``"host:port"``, then the host, then
        its parent domains (``example.org`` covers ``www.example.org``); {} when none."""
        host, port = _host_port(url_or_host)
        if not host or not self.hosts:
            return {}
        hosts = {name.lower().rstrip("."): table for name, table in self.hosts.items()}
        if port and f"{host}:{port}" in hosts:
            return hosts[f"{host}:{port}"]
        labels = host.split(".")
        for i in range(1 if _is_ip(host) else len(labels)):
            table = hosts.get(".".join(labels[i:]))
            if table is not None:
                return table
        return {}

    def for_host(self, url_or_host: str) -> HostSettings:
        """The settings that apply to one host: its table over ``[fetch]``."""
        table = self.host_table(url_or_host)
        return HostSettings(
            requests_per_second=table.get("requests_per_second", self.requests_per_second),
            concurrency=table.get("concurrency", self.concurrency_per_host),
            headers={**self.headers, **table.get("headers", {})},
            cookies={**self.cookies, **table.get("cookies", {})},
            user_agent=agent_header(table.get("user_agent", self.user_agent), self.contact),
        )


@dataclass(frozen=True)
class HostSettings:
    requests_per_second: float
    concurrency: int
    headers: dict[str, str]
    cookies: dict[str, str]
    user_agent: str  # the User-Agent header sent (always names curator)

    def request_headers(self) -> dict[str, str]:
        """User-Agent, the configured headers and a Cookie header of the cookies."""
        headers = {"User-Agent": self.user_agent, **self.headers}
        if self.cookies:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            given = next((k for k in headers if k.lower() == "cookie"), None)
            headers[given or "Cookie"] = f"{headers[given]}; {cookie}" if given else cookie
        return headers


def agent_header(user_agent: str, contact: str = "") -> str:
    """A User-Agent that names curator (appended when ``user_agent`` does not) and, when
    set, how to reach whoever runs it."""
    agent = (
        user_agent
        if ROBOTS_TOKEN in user_agent.lower()
        else f"{user_agent} {ROBOTS_TOKEN}/{_version()}"
    )
    return f"{agent} (+{contact})" if contact else agent


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _host_port(url_or_host: str) -> tuple[str, int | None]:
    text = url_or_host if "//" in url_or_host else f"//{url_or_host}"
    try:
        parts = urlsplit(text)
        return (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return "", None
