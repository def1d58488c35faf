"""Every raw response, kept as WARC records in ``<state>/archive/`` with a JSON-lines index,
so a build can be replayed offline and audited. As a middleware it answers from the archive
when it can (always when offline) and records what the network returns."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .config import FetchConfig
from .content import accepts
from .models import FetchResult, Handler, Request

INDEX_NAME = "index.jsonl"
OFFLINE_MISS = "offline: not in the archive"


@dataclass
class Entry:
    url: str
    file: str
    offset: int
    status: int
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def replayable(self) -> bool:
        # a 304 has no body and a 5xx/429 said "try later": neither stands for the page
        return self.status != 304 and self.status != 429 and self.status < 500


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def http_headers_of(record: Any) -> dict[str, str]:
    """A warcio record's HTTP headers, lower-case names, repeats joined as HTTP allows."""
    headers: dict[str, str] = {}
    for name, value in record.http_headers.headers:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def read_record(path: Path, offset: int) -> tuple[int, dict[str, str], bytes, str | None]:
    """(status, lower-case headers, body, WARC-Date) of the response record at ``offset``."""
    with path.open("rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh, arc2warc=True)))
        status = int(record.http_headers.get_statuscode() or 0)
        return (
            status,
            http_headers_of(record),
            record.content_stream().read(),
            record.rec_headers.get_header("WARC-Date"),
        )


class Archive:
    def __init__(self, folder: Path, config: FetchConfig | None = None) -> None:
        self.folder = Path(folder)
        self.config = config or FetchConfig()
        self._lock = threading.Lock()
        self._writer: WARCWriter | None = None
        self._file: Any = None
        self._file_name = ""
        self._index: dict[str, list[Entry]] = {}
        self._load_index()

    # -- index -------------------------------------------------------------------------------

    def _load_index(self) -> None:
        index = self.folder / INDEX_NAME
        if not index.exists():
            self._rebuild_index()
            return
        with index.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    self._remember(Entry(**json.loads(line)))

    def _rebuild_index(self) -> None:
        """WARC files without an index (copied in, or the index was lost): scan them once."""
        for path in sorted(self.folder.glob("*.warc.gz")):
            with path.open("rb") as fh:
                records = ArchiveIterator(fh)
                for record in records:
                    if record.rec_type == "response" and record.http_headers:
                        self._add(
                            Entry(
                                record.rec_headers.get_header("WARC-Target-URI"),
                                path.name,
                                records.get_record_offset(),
                                int(record.http_headers.get_statuscode()),
                            )
                        )

    def _remember(self, entry: Entry) -> None:
        self._index.setdefault(entry.url, []).append(entry)

    def _add(self, entry: Entry) -> None:
        self._remember(entry)
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / INDEX_NAME).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry.__dict__) + "\n")

    def lookup(self, url: str) -> Entry | None:
        """The newest archived response that stands for the page."""
        return next((e for e in reversed(self._index.get(url, [])) if e.replayable), None)

    def __contains__(self, url: str) -> bool:
        return self.lookup(url) is not None

    # -- read and write ----------------------------------------------------------------------

    def load(self, entry: Entry, request: Request) -> FetchResult:
        status, headers, body, date = read_record(self.folder / entry.file, entry.offset)
        result = FetchResult(
            entry.url,
            status=status,
            headers=headers,
            body=body,
            fetched_at=entry.fetched_at or date,
            from_archive=True,
        )
        if 200 <= status < 300 and not accepts(headers.get("content-type", ""), request.accept):
            result.error, result.body = f"not accepted: content-type {result.content_type}", b""
        return result

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file_name = f"curator-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{id(self) & 0xFFFF:04x}.warc.gz"
            self._file = (self.folder / self._file_name).open("ab")
            self._writer = WARCWriter(self._file, gzip=True)
            info = {
                "software": "curator",
                "http-header-user-agent": self.config.user_agent_header,
                "robots": "obey" if self.config.obey_robots else "ignore",
            }
            self._writer.write_record(self._writer.create_warcinfo_record(self._file_name, info))
        return self._writer

    def write(self, result: FetchResult) -> None:
        http_headers = StatusAndHeaders(
            _status_line(result.status or 0), list(result.headers.items()), protocol="HTTP/1.1"
        )
        warc_headers = {"WARC-Date": result.fetched_at} if result.fetched_at else None
        with self._lock:
            writer = self._open()
            record = writer.create_warc_record(
                result.url,
                "response",
                payload=BytesIO(result.body),
                warc_headers_dict=warc_headers,
                http_headers=http_headers,
            )
            offset = self._file.tell()
            writer.write_record(record)
            self._file.flush()
            entry = Entry(
                result.url,
                self._file_name,
                offset,
                result.status or 0,
                result.fetched_at,
                result.headers.get("etag"),
                result.headers.get("last-modified"),
            )
            self._add(entry)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
            self._writer = self._file = None

    # -- middleware --------------------------------------------------------------------------

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        entry = self.lookup(request.url) if (self.config.offline or not request.refresh) else None
        if entry is not None:
            return self.load(entry, request)
        if self.config.offline:
            return FetchResult(request.url, error=OFFLINE_MISS)
        result = call_next(request)
        if result.status is not None and not result.truncated:
            self.write(result)
        return result
