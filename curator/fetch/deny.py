"""The deny-list as a middleware: a URL taken down (``curator remove``) is answered here and
never requested, nor replayed from the archive or written to it. It sits inside redirect, so
every hop is checked: a listed page that redirects to a denied one stops at the redirect."""

from __future__ import annotations

from collections.abc import Callable

from .models import FetchResult, Handler, Request

DENIED = "on the deny-list"


class Deny:
    def __init__(self, denies: Callable[[str], bool] | None = None) -> None:
        self.denies = denies  # set by the run context; None denies nothing

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        if self.denies is not None and self.denies(request.url):
            return FetchResult(request.url, error=DENIED, denied=True)
        return call_next(request)
