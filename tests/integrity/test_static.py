"""Static checks: only reviewed code touches a record's -wal/-shm files, and no pragma weakens durability (A8, §1)."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tac_desk"

# Each of these was reviewed: it only looks at the companions, or moves/deletes them with no connection open.
REVIEWED = {
    "storage/database.py": "chmod 0600 after writes",
    "storage/inspect.py": "looks whether a -wal holds content",
    "storage/integrity.py": "looks whether a -wal or -shm exists",
    "storage/backup.py": "reads the -wal's modification time",
    "storage/restore.py": "moves them aside after a checkpoint, lock held, no connection open",
    "cli/common.py": "deletes a record it just created, after disposing it",
    "ui/dialogs/new_record.py": "deletes a record it just created, after disposing it",
}


def sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_only_reviewed_modules_name_the_wal_and_shm_files() -> None:
    naming = {name for name, text in sources().items() if re.search(r"['\"]-(wal|shm)['\"]", text)}
    assert naming <= set(REVIEWED), f"review these for WAL safety, then list them: {sorted(naming - set(REVIEWED))}"


def test_no_code_weakens_durability() -> None:
    weak = re.compile(
        r"synchronous\s*=\s*(OFF|0|NORMAL)|journal_mode\s*=\s*(OFF|MEMORY)|writable_schema|mmap_size\s*=\s*[1-9]",
        re.IGNORECASE,
    )
    offenders = {name for name, text in sources().items() if weak.search(text)}
    assert offenders == set()
