"""Reader of WARC and ARC files (warcio): the HTML responses they hold, no network needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..fetch import HTML_TYPES
from ..fetch.archive import http_headers_of
from ..fetch.content import accepts
from ..fetch.transport import WIRE_HEADERS
from ..pipeline import Document
from ..record import format_datetime, parse_datetime
from ..spec import Spec
from .context import RunContext
from .registry import register
from .remote import page_document

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTTP_SCHEMES = ("http:", "https:")


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))


def _fetched_at(record: Any) -> str | None:
    try:
        return format_datetime(parse_datetime(record.rec_headers.get_header("WARC-Date")))
    except (TypeError, ValueError):
        return None


def _non_http_uri(record: Any) -> str | None:
    """The target of a response record that is no web page (dns:, ftp:, file:...), which
    warcio leaves without HTTP headers; None for HTTP responses and other record types."""
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return None if uri.lower().startswith(HTTP_SCHEMES) else uri


def _headers(record: Any) -> dict[str, str] | None:
    """The HTTP headers of a 200 HTML response record (the wire headers dropped, since
    ``content_stream()`` undoes chunking and compression); None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    headers = http_headers_of(record)
    if record.http_headers.get_statuscode() != "200" or not accepts(
        headers.get("content-type", "text/html"), HTML_TYPES
    ):
        return None
    for name in WIRE_HEADERS:
        headers.pop(name, None)
    return headers


def _read_file(path: Path, context: RunContext) -> Iterator[Document]:
    with path.open("rb") as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        for record in records:
            uri = _non_http_uri(record)
            if uri is not None:
                # rejected, not dropped: the build's counts and rejects report then say why
                origin = f"{path.name}@{records.get_record_offset()}"
                yield Document(origin=origin).reject(f"not an http(s) URL: {uri or '(none)'}")
                continue
            headers = _headers(record)
            url = record.rec_headers.get_header("WARC-Target-URI")
            if headers is not None and context.admit(url):
                body = record.content_stream().read()  # before the offset, which reads to the end
                yield page_document(
                    url,
                    body,
                    headers,
                    context.config,
                    origin=f"{path.name}@{records.get_record_offset()}",
                    fetched_at=_fetched_at(record),
                )


@register("warc", remote=False, keys={"path"})
def read_warc(source: dict[str, Any], spec: Spec, context: RunContext) -> Iterator[Document]:
    """HTML responses in the WARC/ARC file at ``path``, or in every such file below a folder."""
    for path in _files(spec.resolve(source["path"])):
        try:
            yield from _read_file(path, context)
        except (ArchiveLoadFailed, OSError, ValueError) as exc:
            # the records before the damage were yielded; say where reading stopped
            yield Document(origin=path.name).reject(f"unreadable WARC: {exc}")
