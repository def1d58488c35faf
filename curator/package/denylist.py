"""The deny-list, as the packager uses it: :class:`~curator.denylist.DenyList` lives in
:mod:`curator.denylist` (shared, so the run context refuses denied pages before any request)
and is re-exported here. :class:`DenyFilter` drops pages whose URL is denied before they are
cleaned (a safety net: the run context leaves them out as it reads), and a row whose id or
canonical URL is denied is dropped before packaging (:meth:`DenyList.denies`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..denylist import DenyList
from ..pipeline import Document, Step

__all__ = ["DenyFilter", "DenyList"]


class DenyFilter(Step):
    """Drops pages whose URL is denied, before they are cleaned; counts what it drops."""

    name = "deny"

    def __init__(self, denylist: DenyList):
        self.denylist = denylist
        self.dropped = 0

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if self.denylist and self.denylist.denies_url(doc.record.get("url")):
                self.dropped += 1
                continue
            yield doc
