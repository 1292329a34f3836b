"""Try a backup with a file-size limit (a destination that fills up); print the outcome as one line."""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from tac_desk.domain.errors import RecordError
from tac_desk.storage.backup import create_backup

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead of killing us
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    create_backup(Path(sys.argv[1]), kind="manual", folder=Path(sys.argv[2]))
    print("made")
except RecordError as error:
    print(f"refused: {error}")
