"""Metadata readers: one module per source of candidate values, each a :class:`~.base.Reader`
that declares the labels it writes and the fields it fills under each.

:data:`READERS` is the registry, set here and nowhere else: a new reader is one module and
one line below (and its label in :mod:`curator.tag.precedence`; tests/test_tag_readers.py
fails until both are there and the reader has a test). Readers run in this order within their
stage; the order only matters within one label of one field (the first value wins), so
readers that share a label keep the order the page declares them in.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import (
    breadcrumbs,
    chrome,
    datelines,
    fetch,
    headline,
    hints,
    htmldate,
    json_ld,
    lines,
    links,
    meta,
    microdata,
    opengraph,
    times,
    trafilatura,
    url,
)
from .base import Candidates, ReadContext, Reader

READERS: list[Reader] = [
    # page: the parsed HTML
    json_ld.READER,  # before breadcrumbs: a JSON-LD trail is the page's first trail
    opengraph.READER,
    meta.READER,
    microdata.READER,
    breadcrumbs.READER,
    links.READER,
    times.READER,
    headline.READER,
    lines.READER,
    # document: what else is known about it
    chrome.READER,
    datelines.READER,  # after lines: it parses the lines that reader found
    hints.READER,
    trafilatura.READER,
    url.READER,
    fetch.READER,
    # fallback: asked only when the sources before it in the precedence gave nothing
    htmldate.READER,
]


def readers(stage: str) -> list[Reader]:
    return [r for r in READERS if r.stage == stage]


def run(stage: str, ctx: ReadContext, out: Candidates) -> Candidates:
    """Every reader of ``stage``, in registry order, appending to ``out``."""
    for reader in readers(stage):
        reader.read(ctx, out)
    return out


def read_page(tree: Any) -> Candidates:
    """All candidates a parsed page declares, in document order per source."""
    out: Candidates = defaultdict(list)
    if tree is None:
        return out
    return run("page", ReadContext(tree=tree), out)


__all__ = ["READERS", "Candidates", "ReadContext", "Reader", "read_page", "readers", "run"]
