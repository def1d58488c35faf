"""Errors the command line turns into exit codes: bad usage (2), a damaged dataset (1)."""

from __future__ import annotations

import errno
import re


class UsageError(ValueError):
    """A request that cannot be carried out as asked; the message says what to change."""


class UnknownVersion(UsageError, KeyError):
    """A version name the dataset does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class NotOurFolder(UsageError):
    """A folder curator did not create: it never writes into it, and never deletes from it."""


class NotADataset(UsageError):
    """A folder given where a dataset is expected that holds none (exit 2: a wrong path)."""

    def __init__(self, folder: object) -> None:
        super().__init__(
            f"{folder}: not a curator dataset (no manifest.json); give the folder a build wrote"
        )


class DatasetError(RuntimeError):
    """A dataset folder whose files cannot be trusted (a manifest entry that leaves the folder,
    a file that is not what the manifest says); the message names the entry."""


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC (or EDQUOT), also as pyarrow reports it: ``1100 requested and 496 written``."""
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc)
    return "No space left" in text or bool(re.search(r"\d+ requested and \d+ written", text))


def disk_full(path: object) -> OSError:
    """The one error a full disk raises, naming the file curator was writing."""
    return OSError(errno.ENOSPC, "No space left on device", str(path))
