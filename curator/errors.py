"""Errors the command line reports as bad usage (exit 2): the user can fix the call."""

from __future__ import annotations


class UsageError(ValueError):
    """A request that cannot be carried out as asked; the message says what to change."""


class UnknownVersion(UsageError, KeyError):
    """A version name the dataset does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
