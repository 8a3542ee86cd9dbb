"""The few exceptions the library raises; the CLI turns each into a one-line message."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error conflict-kg reports to a user."""

    exit_code = 2


class InputError(KgError):
    """An article file that cannot be read or holds no usable text."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store."""


class QueryError(KgError):
    """A SPARQL query that is missing, malformed or fails."""
