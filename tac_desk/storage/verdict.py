"""The verdict on a record and the pure checks of its hash chain (numbers, links, hashes, an outside anchor)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tac_desk.domain.chain import GENESIS, entry_hash
from tac_desk.domain.errors import RecordError
from tac_desk.storage.replay import Entry, Problem


@dataclass(frozen=True)
class Anchor:
    """An outside copy of the chain head (printed in the minutes, kept in the settings)."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """Read "SEQ:HASH" (as printed by ``tac-desk verify``).

        Raises:
            RecordError: when the text is not a number, a colon and 64 hexadecimal digits.
        """
        seq_text, _, digest = text.strip().partition(":")
        digest = digest.strip().lower()
        if not seq_text.strip().isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise RecordError(f"'{text}' is not a record digest; write it as SEQ:HASH (64 hexadecimal digits)")
        return cls(int(seq_text), digest)


@dataclass(frozen=True)
class Report:
    """The verdict on one record: every problem found, the first bad entry, the chain head."""

    problems: tuple[Problem, ...]
    entries: int
    head_seq: int
    head_hash: str
    checks: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        """The lowest journal entry number any problem names, if any does."""
        seqs = [p.seq for p in self.problems if p.seq is not None]
        return min(seqs) if seqs else None

    @property
    def digest(self) -> str:
        """The chain head as "SEQ:HASH"."""
        return f"{self.head_seq}:{self.head_hash}"

    def first_problem(self) -> Problem | None:
        """The problem to name first: a file-level one, else the one at the lowest entry."""
        if not self.problems:
            return None
        return sorted(self.problems, key=lambda p: (p.seq is not None, p.seq or 0))[0]

    def summary(self) -> str:
        """One sentence for a banner or a terminal."""
        first = self.first_problem()
        if first is None:
            return f"The record is sound: {self.entries} journal entries, head {self.digest}."
        more = len(self.problems) - 1
        tail = f" ({more} more problem{'s' if more != 1 else ''})" if more else ""
        return f"The record is NOT sound: {first.message}{tail}."

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "first_bad_seq": self.first_bad_seq,
            "checks": list(self.checks),
            "problems": [p.to_dict() for p in self.problems],
            "summary": self.summary(),
        }


def check_chain(rows: list[tuple[object, ...]]) -> tuple[list[Entry], list[Problem]]:
    """Recompute the chain: numbers 1, 2, 3, ... each hash over its content and its predecessor's hash.

    ``rows`` are (seq, recorded_at, kind, payload, prev_hash, hash), text as UTF-8 bytes (as
    :func:`~tac_desk.storage.integrity.read_entries` reads them) or as other values.
    """
    entries: list[Entry] = []
    problems: list[Problem] = []
    add_entry = entries.append
    sha256 = hashlib.sha256
    expected, previous = 1, GENESIS
    for raw_seq, *raw in rows:
        if not isinstance(raw_seq, int) or isinstance(raw_seq, bool):
            problems.append(Problem("sequence", f"entry #{expected} has a damaged number ({raw_seq!r})", expected))
            expected += 1
            continue
        seq = raw_seq
        if seq > expected:
            missing = f"#{expected}" if seq == expected + 1 else f"#{expected}-#{seq - 1}"
            problems.append(Problem("sequence", f"entry {missing} is missing from the journal", expected))
        content = None  # the bytes entry_hash() hashes, when read as bytes (valid UTF-8 decodes and encodes back)
        try:
            raw_recorded_at, raw_kind, raw_payload, raw_prev_hash, raw_stored = raw
            if (
                isinstance(raw_recorded_at, bytes)
                and isinstance(raw_kind, bytes)
                and isinstance(raw_payload, bytes)
                and isinstance(raw_prev_hash, bytes)
                and isinstance(raw_stored, bytes)
            ):
                recorded_at, kind, payload = raw_recorded_at.decode(), raw_kind.decode(), raw_payload.decode()
                prev_hash, stored = raw_prev_hash.decode(), raw_stored.decode()
                content = b"%d\n%b\n%b\n%b\n%b" % (seq, raw_recorded_at, raw_kind, raw_prev_hash, raw_payload)
            else:
                recorded_at, kind, payload, prev_hash, stored = (_text(value) for value in raw)
        except ValueError:  # UnicodeDecodeError is one
            problems.append(Problem("chain", f"entry #{seq} holds damaged text", seq))
            expected, previous = seq + 1, ""
            continue
        if prev_hash != previous:
            problems.append(Problem("chain", f"entry #{seq} does not link to the entry before it", seq))
        if content is not None:
            computed = sha256(content).hexdigest()
        else:
            payload_bytes = payload.encode("utf-8")
            computed = entry_hash(
                seq=seq, recorded_at=recorded_at, kind=kind, payload=payload_bytes, prev_hash=prev_hash
            )
        if computed != stored:
            problems.append(Problem("chain", f"entry #{seq} was altered: its hash does not match its content", seq))
        try:
            data = parse_json(payload)
        except ValueError:
            problems.append(Problem("chain", f"entry #{seq} does not hold valid JSON", seq))
            data = None
        if isinstance(data, dict):
            add_entry(Entry(seq, recorded_at, kind, data))
        expected, previous = seq + 1, stored
    return entries, problems


def parse_json(text: str) -> Any:
    """Exactly ``json.loads(text)``, with the usual case (an object, no surrounding space) read by its scanner directly.

    Raises:
        ValueError: when the text is not JSON.
    """
    if text[:1] == "{":
        try:
            data, end = _SCAN(text, 0)
        except (StopIteration, ValueError):
            pass  # json.loads raises the proper error below
        else:
            if end == len(text):
                return data
    return json.loads(text)


# the scanner json.loads runs after skipping leading space (typeshed does not list the attribute)
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if value is None:
        raise ValueError("missing")
    return str(value)


def check_anchor(rows: list[tuple[object, ...]], anchor: Anchor) -> list[Problem]:
    """Compare the chain with an outside copy of an earlier head: truncation or rewriting shows here."""
    by_seq = {row[0]: row[5] for row in rows}
    head = max((s for s in by_seq if isinstance(s, int)), default=0)
    if anchor.seq > head:
        return [
            Problem(
                "anchor",
                f"the journal ends at #{head} but the outside digest names #{anchor.seq}: "
                f"entries #{head + 1}-#{anchor.seq} are missing",
                head + 1,
            )
        ]
    stored = by_seq.get(anchor.seq)
    text = stored.decode("utf-8", "replace") if isinstance(stored, bytes) else str(stored)
    if text != anchor.hash:
        return [Problem("anchor", f"entry #{anchor.seq} differs from the outside copy of the digest", anchor.seq)]
    return []
