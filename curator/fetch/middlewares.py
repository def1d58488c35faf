"""The fetcher's middlewares in one ordered list, as Scrapy's ``DOWNLOADER_MIDDLEWARES``: a
name, a place in the chain (smaller is outer, nearer the caller) and a factory that makes
the middleware for a :class:`~curator.fetch.Fetcher` (None: not wanted by this fetcher).

``[fetch] middlewares`` in a spec (``FetchConfig.middlewares``) moves one (``retry = 450``)
or leaves it out (``retry = false``); the SSRF guard, the deny-list, robots.txt and the
throttle cannot be left out. Code may add its own with :func:`register_middleware`.

Default order, outermost first: redirect, guard, deny, robots, retry, conditional GET,
archive, throttle, then the transport. Redirect is outside guard, deny and robots so every
hop is checked against private networks, the deny-list and robots.txt (the guard before
robots.txt, which would otherwise be asked of a refused host); the archive is inside retry so a replayed page is
never retried, and outside throttle so replays are not delayed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from .conditional import Conditional
from .models import Middleware
from .redirect import Redirect
from .retry import Retry

if TYPE_CHECKING:
    from .fetcher import Fetcher

Factory = Callable[["Fetcher"], Middleware | None]

MIDDLEWARES: dict[str, tuple[int, Factory]] = {
    "redirect": (100, lambda f: Redirect(f.config.max_redirects)),
    "guard": (120, lambda f: f.guard),
    "deny": (150, lambda f: f.deny),
    "robots": (200, lambda f: f.robots),
    "retry": (
        300,
        lambda f: Retry(f.config.retries, f.config.backoff_seconds, f.config.max_retry_after),
    ),
    "conditional": (400, lambda f: Conditional(f.archive) if f.archive is not None else None),
    "archive": (500, lambda f: f.archive),
    "throttle": (600, lambda f: f.throttle),
}
# takedowns, politeness and the SSRF guard always hold
REQUIRED = frozenset({"guard", "deny", "robots", "throttle"})


def register_middleware(name: str, order: int, factory: Factory) -> None:
    """Add a middleware (or replace one's default place and factory)."""
    MIDDLEWARES[name] = (order, factory)


def ordered(settings: Mapping[str, int | bool] | None = None) -> list[str]:
    """The middleware names, outermost first, with ``settings`` applied (name -> place, or
    False to leave it out; True keeps the default place)."""
    settings = dict(settings or {})
    unknown = sorted(set(settings) - set(MIDDLEWARES))
    if unknown:
        raise ValueError(
            f"unknown fetch middleware(s): {', '.join(unknown)} (known: {', '.join(MIDDLEWARES)})"
        )
    places: dict[str, int] = {}
    for name, (default, _) in MIDDLEWARES.items():
        place = settings.get(name, True)
        if place is False:
            if name in REQUIRED:
                raise ValueError(f"fetch middleware {name!r} cannot be left out")
            continue
        places[name] = default if place is True else int(place)
    return sorted(places, key=lambda name: (places[name], name))
