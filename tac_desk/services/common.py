"""Small checks every service shares: clean text, ids that exist, time zones that exist."""

from __future__ import annotations

from tac_desk.domain.errors import InvalidInput
from tac_desk.domain.schedule import zone

MAX_TEXT = 100_000


def clean_text(value: str, *, what: str, required: bool = True, limit: int = MAX_TEXT) -> str:
    """Trim a user string and refuse it when empty (if required), too long or holding NUL characters.

    Raises:
        InvalidInput: naming the field.
    """
    text = value.strip()
    if required and not text:
        raise InvalidInput(f"{what} cannot be empty")
    if len(text) > limit:
        raise InvalidInput(f"{what} is too long ({len(text)} characters; at most {limit})")
    if "\x00" in text:
        raise InvalidInput(f"{what} contains a NUL character")
    return text


def clean_zone(name: str, *, allow_empty: bool = False) -> str:
    """Check an IANA time zone name.

    Raises:
        InvalidInput: for an unknown zone.
    """
    if allow_empty and not name.strip():
        return ""
    zone(name.strip())
    return name.strip()


def positive(value: int, *, what: str, allow_zero: bool = False) -> int:
    """Refuse negative (or zero) numbers.

    Raises:
        InvalidInput: naming the field.
    """
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput(f"{what} must be {'zero or more' if allow_zero else 'positive'}, not {value}")
    return value
