"""Opening the window without a display says how to run it, in one line, and exits 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("args", [[], ["gui"], ["gui", "--db", "REC"], ["--db", "REC"]])
def test_no_display_is_one_clear_line_and_status_2(args: list[str], tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    command = [sys.executable, "-m", "tac_desk", *(str(tmp_path / "r.tacdb") if a == "REC" else a for a in args)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "xvfb-run make run" in lines[0] and "desktop session" in lines[0]
    assert not (tmp_path / "r.tacdb").exists()  # nothing was created
