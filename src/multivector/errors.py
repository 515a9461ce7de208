"""Errors multivector reports to the user: each names the input and the reason in one line."""

from __future__ import annotations


class MultivectorError(Exception):
    """Base class: a problem the user can act on (shown without a traceback unless --debug)."""


class IngestError(MultivectorError):
    """An input could not be turned into a document (unreadable, binary, empty, refused URL, ...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class CorpusError(MultivectorError):
    """The corpus database is missing, corrupt, foreign or of an unknown schema version."""
