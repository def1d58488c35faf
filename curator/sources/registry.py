"""The source types: one entry per ``type`` a spec's ``[[sources]]`` entry may name, with its
reader, whether it is remote (fetched over HTTP, so ``curator crawl`` reads it) and the spec
keys it takes besides ``type`` (the same keys as its ``$defs`` entry in the spec schema; a
test holds the two equal).

A new source type is one module that registers itself here, plus its tests::

    @register("gopher", remote=True, keys={"url", "urls"})
    def read_gopher(source, spec, context): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..pipeline import Document
from ..spec import Spec

if TYPE_CHECKING:
    from .context import RunContext

Reader = Callable[[dict[str, Any], Spec, "RunContext"], Iterator[Document]]


@dataclass(frozen=True)
class SourceType:
    name: str
    read: Reader
    remote: bool  # its pages come from the network (through the run's fetcher)
    keys: frozenset[str]  # spec keys it takes besides "type"


SOURCE_TYPES: dict[str, SourceType] = {}
READERS: dict[str, Reader] = {}  # type -> reader, for callers that only read


def register(kind: str, *, remote: bool, keys: Iterable[str]) -> Callable[[Reader], Reader]:
    def wrap(fn: Reader) -> Reader:
        SOURCE_TYPES[kind] = SourceType(kind, fn, remote, frozenset(keys))
        READERS[kind] = fn
        return fn

    return wrap


def remote_types() -> list[str]:
    return [name for name, entry in SOURCE_TYPES.items() if entry.remote]
