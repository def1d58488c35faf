"""Conditional GET: when refreshing a page the archive already holds, send its ETag and
Last-Modified, and on 304 serve the archived copy, so an update downloads only what changed."""

from __future__ import annotations

from dataclasses import replace

from .archive import Archive
from .models import FetchResult, Handler, Request


class Conditional:
    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def _validators(self, request: Request) -> dict[str, str]:
        entry = self.archive.lookup(request.url)
        if entry is None or entry.status != 200:
            return {}
        headers = {"If-None-Match": entry.etag, "If-Modified-Since": entry.last_modified}
        return {name: value for name, value in headers.items() if value}

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        validators = self._validators(request) if request.refresh else {}
        if not validators:
            return call_next(request)
        result = call_next(replace(request, headers={**request.headers, **validators}))
        if result.status != 304:
            return result
        entry = self.archive.lookup(request.url)
        cached = self.archive.load(entry, request) if entry else result
        cached.not_modified = True
        return cached
