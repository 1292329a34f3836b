"""Canonical bytes and the SHA-256 hash chain of the record's journal (pure, stdlib only)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

GENESIS = "0" * 64


def canonical_bytes(payload: Mapping[str, object]) -> bytes:
    """The exact bytes that are hashed: sorted keys, no spaces, UTF-8, strings kept as typed."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def entry_hash(*, seq: int, recorded_at: str, kind: str, payload: bytes, prev_hash: str) -> str:
    """The hash of one journal entry, chaining the previous entry's hash."""
    digest = hashlib.sha256()
    digest.update(f"{seq}\n{recorded_at}\n{kind}\n{prev_hash}\n".encode())
    digest.update(payload)
    return digest.hexdigest()
