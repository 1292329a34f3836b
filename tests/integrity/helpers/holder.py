"""Open a record (taking its single-instance lock), print "ready <pid>", then wait to be killed."""

from __future__ import annotations

import os
import sys
import time

from tac_desk.storage.database import open_database

database = open_database(sys.argv[1], create=False)
print(f"ready {os.getpid()}", flush=True)
time.sleep(3600)
