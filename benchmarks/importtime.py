"""Which imports the app makes before its first paint, and what they cost (``python -X importtime``).

``python -m benchmarks.importtime RECORD`` prints the costliest imports done before the main window's first
paint; the harness prints the same when first_paint_ratio misses its goal.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import ROOT, Sandbox

MARKER = "=== first paint ==="
# Runs the app as `python -m tac_desk gui --db RECORD`, writing MARKER to stderr at the main window's first paint.
WRAPPER = f"""
import runpy, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication(sys.argv[:1])
class Mark(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \\
                and isinstance(watched.window(), QMainWindow):
            self.seen = True
            print({MARKER!r}, file=sys.stderr, flush=True)
        return False
mark = Mark(app)
app.installEventFilter(mark)
sys.argv = ["tac_desk", "gui", "--db", sys.argv[1]]
runpy.run_module("tac_desk", run_name="__main__")
"""
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@dataclass(frozen=True)
class Imported:
    """One import as -X importtime reports it (microseconds)."""

    module: str
    self_us: int
    cumulative_us: int
    depth: int


def parse(text: str) -> list[Imported]:
    """The imports reported in ``text``, up to the first-paint marker when there is one."""
    found = []
    for line in text.split(MARKER)[0].splitlines():
        match = LINE.match(line)
        if match:
            self_us, total_us, indent, module = match.groups()
            found.append(Imported(module, int(self_us), int(total_us), len(indent) // 2))
    return found


def before_first_paint(record: Path, sandbox: Sandbox) -> list[Imported]:
    """Every import done before the app's first paint on ``record``."""
    env = sandbox.env(TAC_DESK_BENCH_PAINT="1")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", WRAPPER, str(record)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if MARKER not in done.stderr:
        return []
    return parse(done.stderr)


def summary(imports: list[Imported], *, top: int = 12) -> str:
    """The costliest imports (top-level ones by total time, and TAC Desk's own modules) as text lines."""
    total = sum(i.cumulative_us for i in imports if i.depth == 0)
    outer = sorted((i for i in imports if i.depth == 0), key=lambda i: -i.cumulative_us)[:top]
    lines = [f"imports before the first paint: {total / 1000:.0f} ms in all; the costliest at top level:"]
    lines += [f"  {i.cumulative_us / 1000:7.1f} ms  {i.module}" for i in outer]
    heavy = [i for i in imports if i.module.split(".")[0] in ("sqlalchemy", "sqlmodel", "reportlab", "icalendar")]
    roots = sorted({i.module for i in heavy if i.depth == 0 or i.module in ("sqlalchemy", "sqlmodel")})
    if roots:
        lines.append(f"  not needed to paint, yet imported: {', '.join(roots)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the imports done before the first paint on the record given."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(summary(before_first_paint(Path(argv[0]), Sandbox(Path(folder)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
