"""Safe, portable file names for exported documents."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]+')
MAX_STEM = 120


def safe_filename(stem: str, extension: str) -> str:
    """A file name built from user text that is safe on Windows, macOS and Linux.

    Path separators, reserved characters and control characters become "-"; leading dots, trailing dots
    and spaces go; reserved device names (CON, NUL, ...) get a suffix; the stem is cut to 120 characters;
    letters of any script are kept.

    Args:
        stem: the name without extension, e.g. "TAC meeting 25 minutes".
        extension: the extension without a dot, e.g. "pdf".
    """
    text = unicodedata.normalize("NFC", stem)
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    text = re.sub(r"-{2,}", "-", text)
    if not text:
        text = "export"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"{text}-file"
    text = text[:MAX_STEM].rstrip(" .-") or "export"
    clean_extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:10] or "dat"
    return f"{text}.{clean_extension}"
