"""Make verified backups of a record in a loop, printing "made <path>" after each, until killed."""

from __future__ import annotations

import sys
from pathlib import Path

from tac_desk.storage.backup import create_backup

record = Path(sys.argv[1])
print("ready", flush=True)
while True:
    info = create_backup(record, kind="manual")
    print(f"made {info.path}", flush=True)
