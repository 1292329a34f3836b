"""``tac-desk export minutes MEETING_ID -o FILE [--format pdf|md]``: a meeting's minutes as PDF or Markdown."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from tac_desk.cli.common import command, emit, opened, reading
from tac_desk.files import write_atomically

FORMATS = ("pdf", "md")
PAGE_SIZES = ("letter", "a4")


def register(kinds: Any) -> None:
    """Register ``export minutes``."""
    parser = command(kinds, "minutes", "write a meeting's minutes as a PDF or Markdown file", run, json_output=True)
    parser.add_argument("meeting_id", type=int, metavar="MEETING_ID", help="the meeting (see 'tac-desk meeting list')")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--format", choices=FORMATS, help="pdf or md (default: from the file's extension, else pdf)")
    parser.add_argument("--page-size", choices=PAGE_SIZES, default="letter", help="PDF page size (default: letter)")


def output_format(args: argparse.Namespace) -> str:
    """The format asked for, or the one the file name implies (.md/.markdown is Markdown, else PDF)."""
    if args.format:
        return str(args.format)
    return "md" if Path(args.output).suffix.lower() in (".md", ".markdown") else "pdf"


def run(args: argparse.Namespace) -> int:
    """Assemble the minutes, render them in memory, then write the file in one atomic step."""
    from tac_desk.services.minutes import minutes_record

    kind = output_format(args)
    with reading(args) as session:
        record = minutes_record(session=session, meeting_id=args.meeting_id)
    if kind == "md":
        from tac_desk.exports.minutes_md import render_minutes_markdown

        data = render_minutes_markdown(record)
    else:
        from tac_desk.exports.minutes_pdf import render_minutes_pdf

        data = render_minutes_pdf(record, page_size=args.page_size)
    target = write_atomically(Path(args.output), data)
    digest = hashlib.sha256(data).hexdigest()
    entry = log_export(args, record, kind, digest)
    info = {
        "path": str(target),
        "format": kind,
        "meeting_id": record.meeting_id,
        "bytes": len(data),
        "sha256": digest,
        "export_entry": entry,
        "head_seq": record.head_seq,
        "head_hash": record.head_hash,
    }
    emit(args, info, f"Minutes of meeting {record.meeting_id} written to {target} ({len(data)} bytes)")
    return 0


def log_export(args: argparse.Namespace, record: Any, kind: str, digest: str) -> int | None:
    """Record the export in the journal (file hash and the digest printed in it); None on a read-only record."""
    from tac_desk.services.minutes_log import record_export

    with opened(args) as database:
        if database.read_only:
            return None
        with database.write() as session:
            return record_export(
                session=session,
                meeting_id=record.meeting_id,
                file_format=kind,
                sha256=digest,
                head_seq=record.head_seq,
                head_hash=record.head_hash,
            )
