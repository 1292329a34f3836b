"""The error types every layer raises for input and records that cannot be accepted."""

from __future__ import annotations


class TacError(Exception):
    """Base of every expected failure; its message is one clear sentence for the user."""


class InvalidInput(TacError, ValueError):
    """Input that names something impossible (a bad date, a negative count, ...)."""


class NotFound(TacError, LookupError):
    """An id that names nothing in the record."""


class Refused(TacError):
    """An action the rules do not allow now (a ballot on a closed vote, a decision without quorum)."""


class RecordError(TacError):
    """A record file that cannot be opened or written safely."""
