"""Follows redirects up to a limit, refusing loops; each hop goes through the whole inner
chain again, so robots.txt and the archive apply to the target as well."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urldefrag, urljoin, urlsplit

from .models import FetchResult, Handler, Request

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
HTTP_SCHEMES = ("http", "https")


class Redirect:
    def __init__(self, max_redirects: int) -> None:
        self.max_redirects = max_redirects

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        seen = [request.url]
        while True:
            result = call_next(request)
            location = result.headers.get("location")
            if result.status not in REDIRECT_STATUSES or not location or result.error:
                break
            target = urldefrag(urljoin(request.url, location.strip()))[0]
            scheme = urlsplit(target).scheme
            if scheme not in HTTP_SCHEMES:
                # said here: followed, robots.txt "of" file:/// would fail and read as a refusal
                result.error = f"redirect to a non-http URL ({scheme}:)"
                break
            if target in seen:
                result.error = f"redirect loop: {' -> '.join([*seen, target])}"
                break
            if len(seen) > self.max_redirects:
                result.error = f"too many redirects (over {self.max_redirects})"
                break
            seen.append(target)
            request = replace(request, url=target)
        result.requested_url = seen[0]
        result.redirects = seen[1:]
        return result
