"""The values that travel through the fetcher: a request, its result, and per-host counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields

from .content import decode_body, media_type

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Request:
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    accept: tuple[str, ...] | None = HTML_TYPES  # media types wanted; None accepts anything
    refresh: bool = False  # revalidate against the network even when the archive has the page
    guarded: bool = False  # a host the spec does not name: its address is checked (.guard)


@dataclass
class FetchResult:
    """What one fetch produced. ``error`` is set when there is no usable page; it is a reason
    fit for ``doc.reject`` and never an exception."""

    url: str  # after redirects
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    requested_url: str = ""
    fetched_at: str | None = None  # ISO UTC with 'Z'; for archived pages, when first fetched
    from_archive: bool = False
    not_modified: bool = False
    error: str | None = None
    retryable: bool = False  # transient failure (timeout, 5xx, 429) that a retry may cure
    truncated: bool = False  # the body was not read to its end: nothing to archive
    attempts: int = 1
    refused_by_robots: bool = False
    denied: bool = False  # on the deny-list: never requested (see curator.fetch.deny)
    redirects: list[str] = field(default_factory=list)
    latency: float | None = None  # seconds from sending the request to its response headers
    _decoded: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.requested_url = self.requested_url or self.url

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return media_type(self.headers.get("content-type", ""))

    def _decode(self) -> tuple[str, str]:
        if self._decoded is None:  # detection is slow; a result is read more than once
            self._decoded = decode_body(self.body, self.headers.get("content-type", ""))
        return self._decoded

    @property
    def encoding(self) -> str:
        return self._decode()[1]

    @property
    def text(self) -> str:
        """The body decoded with the charset it really uses, which is not always the declared one."""
        return self._decode()[0]


@dataclass
class HostStats:
    fetched: int = 0  # pages, sitemaps and feeds downloaded with a 2xx (robots.txt not counted)
    not_modified: int = 0  # 304 on a conditional GET; the archived copy was used
    from_archive: int = 0  # served from the archive without asking the network
    robots_refused: int = 0
    out_of_scope: int = 0  # skipped by [scope] before any fetch
    denied: int = 0  # on the deny-list (taken down): never requested
    failed: Counter[str] = field(default_factory=Counter)  # reason -> count

    def to_json(self) -> dict[str, object]:
        """The counts as JSON-ready values. Not ``dataclasses.asdict``: it rebuilds the
        ``failed`` Counter from (reason, n) pairs, which counts the pairs as keys."""
        return {
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "failed": dict(self.failed),
        }


Handler = Callable[[Request], FetchResult]
# A middleware wraps the rest of the chain: it may change the request, answer it itself, or
# act on what the inner handler returned (Scrapy's downloader middlewares, as plain callables).
Middleware = Callable[[Request, Handler], FetchResult]
