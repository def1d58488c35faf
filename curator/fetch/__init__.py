"""The scraper: a polite, robust fetcher built from small middlewares (robots, retry, throttle,
redirect, conditional GET, archive), publishers' wishes, crawl scope, and ``crawl``.

Readers get a :class:`Fetcher` as ``context.fetcher``; ``crawl`` fetches and archives only.
"""

from .config import FetchConfig
from .crawl import CrawlSummary, crawl
from .fetcher import Fetcher, state_dir_of
from .models import HTML_TYPES, FetchResult, HostStats, Request
from .scope import Scope
from .wishes import Wishes, read_wishes, refusal
from .xmlsafe import UnsafeXML, parse_xml

__all__ = [
    "HTML_TYPES",
    "CrawlSummary",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "HostStats",
    "Request",
    "Scope",
    "UnsafeXML",
    "Wishes",
    "crawl",
    "parse_xml",
    "read_wishes",
    "refusal",
    "state_dir_of",
]
