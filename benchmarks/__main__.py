"""``python -m benchmarks [--quick] [--runs N] [--out FILE]``: measure TAC Desk against its budgets.

Generates (or reuses) the ten-year record, measures every figure with its baseline in this run, prints a
table with the goal and pass/miss per row, and writes bench-results.json at the repository root (or
``--out``). ``--quick`` uses a small record and one run of each, to check the harness itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import measures
from benchmarks.measures import Measured, Setup
from benchmarks.record import FULL, MINIMUM, QUICK, cache_root, ten_year_record
from benchmarks.report import table, write_json
from benchmarks.timing import ROOT, ProbeError


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small record and one run of each (checks the harness)")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5; 1 with --quick)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json", help="where to write the results")
    parser.add_argument("--rebuild", action="store_true", help="generate the record even when it is cached")
    return parser.parse_args(argv)


def _each(steps: list[tuple[str, Callable[[], list[Measured]]]]) -> list[Measured]:
    found: list[Measured] = []
    for name, step in steps:
        started = time.perf_counter()
        print(f"  {name} …", end="", flush=True)
        try:
            found += step()
        except ProbeError as error:
            print(f" failed: {error}", flush=True)
            continue
        print(f" {time.perf_counter() - started:.1f} s", flush=True)
    return found


def _slow_first_paint(measured: list[Measured], setup: Setup) -> str:
    """When first paint misses its goal: the costliest imports before the first paint (python -X importtime)."""
    from benchmarks.importtime import before_first_paint, summary
    from benchmarks.report import verdict

    if not any(m.key == "first_paint_ratio" and verdict(m) == "MISS" for m in measured):
        return ""
    found = before_first_paint(setup.working_copy("gui"), setup.sandbox)
    return summary(found) if found else "python -X importtime found no first paint"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 0 when every figure was measured (goals missed or not), 1 otherwise."""
    args = parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = QUICK if args.quick else FULL
    runs = max(1, args.runs or (1 if args.quick else 5))
    print(f"TAC Desk benchmarks on {platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})")
    info = ten_year_record(size, rebuild=args.rebuild)
    state = "cached" if info.cached else f"generated in {info.seconds:.1f} s"
    print(f"record: {info.path} ({state})")
    print("  " + ", ".join(f"{key} {value}" for key, value in info.counts.items()))
    short = [key for key, least in MINIMUM.items() if info.counts.get(key, 0) < least]
    if short and not args.quick:
        print(f"warning: the record is smaller than the issue asks for: {', '.join(short)}", file=sys.stderr)
    folder = Path(tempfile.mkdtemp(prefix="run-", dir=cache_root()))
    setup = Setup(record=info, folder=folder, runs=runs, warmup=not args.quick)
    try:
        measured = _each(
            [
                ("start-up", lambda: measures.startup(setup)),
                ("minutes PDF", lambda: [measures.minutes(setup)]),
                ("calendar", lambda: [measures.calendar(setup)]),
                ("in the window", lambda: measures.gui_session(setup)),
                ("verify", lambda: [measures.verify(setup)]),
            ]
        )
        imports = _slow_first_paint(measured, setup)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print()
    print(table(measured))
    if imports:
        print()
        print(imports)
    written = write_json(args.out, measured)
    details = cache_root() / ("details-quick.json" if args.quick else "details.json")
    details.write_text(
        json.dumps({m.key: {"value": m.value, "baseline": m.baseline, **m.detail} for m in measured}, indent=2),
        encoding="utf-8",
    )
    print(f"\nwrote {args.out} ({len(written)} figures); every run's numbers: {details}")
    return 0 if all(value != "n/a" or key == "verify_s" for key, value in written.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
