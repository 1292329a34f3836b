"""``tac-desk export calendar``: the meeting series as .ics, or one meeting's invitation or cancellation (.ics/.eml)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tac_desk.cli import common
from tac_desk.files import write_atomically


def register(kinds: Any) -> None:
    """Register ``export calendar [-o FILE] [--meeting ID] [--cancel] [--eml]``."""
    parser = common.command(
        kinds,
        "calendar",
        "export the meeting series as an .ics file, or one meeting's invitation (REQUEST) or cancellation (CANCEL)",
        lambda args: run_calendar(args, parser),
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)")
    parser.add_argument("--meeting", type=int, metavar="ID", help="one meeting's invitation instead of the series")
    parser.add_argument("--cancel", action="store_true", help="the meeting's cancellation (it must be cancelled)")
    parser.add_argument("--eml", action="store_true", help="an e-mail message (.eml) instead of an .ics file")


def run_calendar(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Build the requested calendar document and write it to the file or to standard output."""
    if args.meeting is None and (args.cancel or args.eml):
        parser.error("--cancel and --eml are for one meeting: add --meeting ID")
    data, left_out = build(args)
    if left_out:
        common.fail(f"left out for want of an e-mail address: {', '.join(left_out)}")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(args.output, data)
        print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


def build(args: argparse.Namespace) -> tuple[bytes, tuple[str, ...]]:
    """The document's bytes and the names of attendees left out (no e-mail)."""
    from tac_desk.exports.calendar_ics import invite_ics, series_ics
    from tac_desk.exports.eml import invite_message
    from tac_desk.services import calendar

    stamp = datetime.now(UTC)
    with common.opened(args) as database:
        writable = not database.read_only
        session_scope = database.write() if writable else database.read()
        with session_scope as session:
            if args.meeting is None:
                feed = calendar.calendar_feed(session=session, create_key=writable)
                return series_ics(feed, stamp=stamp), ()
            invite = calendar.meeting_invite(
                session=session, meeting_id=args.meeting, cancel=args.cancel, create_key=writable
            )
    data = invite_message(invite, stamp=stamp) if args.eml else invite_ics(invite, stamp=stamp)
    return data, invite.left_out
