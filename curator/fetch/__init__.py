"""The scraper: a polite, robust fetcher built from small middlewares (redirect, deny-list,
robots, retry, conditional GET, archive, throttle: one ordered list in :mod:`.middlewares`),
its config, publishers' wishes and crawl scope.

Readers get a :class:`Fetcher` from the run context (:mod:`curator.sources.context`), which
also gives it the deny-list; ``curator.sources.crawl`` fetches and archives only.
"""

from .config import FetchConfig
from .fetcher import Fetcher, state_dir_of
from .middlewares import MIDDLEWARES, register_middleware
from .models import HTML_TYPES, FetchResult, HostStats, Request
from .scope import Scope
from .wishes import Wishes, read_wishes, refusal
from .xmlsafe import UnsafeXML, parse_xml

__all__ = [
    "HTML_TYPES",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "MIDDLEWARES",
    "HostStats",
    "Request",
    "Scope",
    "UnsafeXML",
    "Wishes",
    "parse_xml",
    "read_wishes",
    "register_middleware",
    "refusal",
    "state_dir_of",
]
