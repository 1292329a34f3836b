"""``tac-desk verify``, ``tac-desk backup`` and ``tac-desk restore FILE``: trust in the record, from a terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tac_desk.cli.common import command, emit, missing_record_message, record_path
from tac_desk.domain.errors import RecordError

UNSOUND = 3


def register(commands: Any) -> None:
    """Register ``verify``, ``backup`` and ``restore``."""
    verify = command(
        commands,
        "verify",
        "check the record: SQLite integrity, foreign keys, guards, the hash chain and a replay of the journal "
        f"(exit 0 when sound, {UNSOUND} naming the first bad entry)",
        run_verify,
        json_output=True,
    )
    verify.add_argument("--quick", action="store_true", help="the quick check run at opening (no replay)")
    verify.add_argument("--anchor", metavar="SEQ:HASH", help="a digest kept outside the record (e.g. from minutes)")
    backup = command(commands, "backup", "make a verified backup of the record now", run_backup, json_output=True)
    backup.add_argument("--to", type=Path, metavar="FOLDER", help="where (default: the backups folder beside it)")
    backup.add_argument("--list", action="store_true", help="list the existing backups instead")
    restore = command(
        commands,
        "restore",
        "replace the record with a verified backup (the current files are kept beside it)",
        run_restore,
        json_output=True,
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    restore.add_argument("--yes", action="store_true", help="restore even when that goes back in time")
    restore.add_argument("--anchor", metavar="SEQ:HASH", help="a digest kept outside the record (e.g. from minutes)")


def _existing_record(args: argparse.Namespace) -> Path:
    path = record_path(args)
    if not path.exists():
        raise RecordError(missing_record_message(path))
    return path


def _anchor(args: argparse.Namespace) -> Any:
    from tac_desk.services.integrity import Anchor

    return None if args.anchor is None else Anchor.parse(args.anchor)


def run_verify(args: argparse.Namespace) -> int:
    """Verify the record read-only and print the verdict."""
    from tac_desk.services.integrity import verify_record

    report = verify_record(path=_existing_record(args), quick=args.quick, anchor=_anchor(args))
    lines = [report.summary()]
    if not report.ok:
        if report.first_bad_seq is not None:
            lines.append(f"first bad entry: #{report.first_bad_seq}")
        lines += [
            f"  {'#' + str(p.seq) if p.seq is not None else '-'} [{p.check}] {p.message}" for p in report.problems
        ]
    else:
        lines.append(f"record digest: {report.digest}")
    emit(args, report.to_dict(), "\n".join(lines))
    return 0 if report.ok else UNSOUND


def run_backup(args: argparse.Namespace) -> int:
    """Make a backup now, or list the backups."""
    from tac_desk.services.integrity import backup_now, backups

    path = _existing_record(args)
    if args.list:
        found = backups(record=path, folder=args.to)
        lines = [f"{info.made:%Y-%m-%d %H:%M:%S} UTC  {info.kind:<13} #{info.head_seq}  {info.path}" for info in found]
        emit(args, [info.to_dict() for info in found], "\n".join(lines) or "no backups yet")
        return 0
    info = backup_now(record=path, folder=args.to)
    emit(args, info.to_dict(), f"verified backup written: {info.path} (journal up to #{info.head_seq})")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore a backup over the record, warning (and needing --yes) when that goes back in time."""
    from tac_desk.services.integrity import plan_restore, restore

    path = record_path(args)
    backup = args.file.expanduser()
    if not backup.is_file():
        raise RecordError(f"there is no backup file at {backup}")
    plan = plan_restore(record=path, backup=backup, anchor=_anchor(args))
    warning = plan.warning()
    if warning is not None:
        print(f"tac-desk: warning: {warning}", file=sys.stderr)
        if not args.yes:
            print("tac-desk: nothing was changed; add --yes to restore anyway", file=sys.stderr)
            return 1
    result = restore(record=path, backup=backup, anchor=_anchor(args))
    kept = ", ".join(p.name for p in result.kept) or "nothing (there was no record)"
    data = {**plan.to_dict(), "kept": [str(p) for p in result.kept], "entry_seq": result.entry_seq}
    emit(args, data, f"restored {backup.name} into {path}; kept: {kept}; journal entry #{result.entry_seq} records it")
    return 0
