"""Import TAC Desk once, then fork a ballot writer for each "go" line on stdin (so each of many kill runs
starts in milliseconds). Prints "child <pid>"; the children print "ready <pid>" and "ack <pid> ..." lines."""

from __future__ import annotations

import os
import signal
import sys

from ballot_writer import run

signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped at once
for line in sys.stdin:
    if line.strip() != "go":
        break
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            run(sys.argv[1], None)
        finally:
            os._exit(0)
    print(f"child {pid}", flush=True)
