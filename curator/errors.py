"""Errors the command line turns into exit codes: bad usage (2), a damaged dataset (1)."""

from __future__ import annotations


class UsageError(ValueError):
    """A request that cannot be carried out as asked; the message says what to change."""


class UnknownVersion(UsageError, KeyError):
    """A version name the dataset does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class NotOurFolder(UsageError):
    """A folder curator did not create: it never writes into it, and never deletes from it."""


class DatasetError(RuntimeError):
    """A dataset folder whose files cannot be trusted (a manifest entry that leaves the folder,
    a file that is not what the manifest says); the message names the entry."""
