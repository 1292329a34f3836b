"""Each benchmark with its bare baseline, measured in the same run (median of several runs)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.record import RecordInfo
from benchmarks.timing import ProbeError, Sandbox, median, paired, python, report, wall_seconds


@dataclass
class Measured:
    """One figure: its value, the baseline it was compared with, and notes for the table."""

    key: str
    value: float | str
    baseline: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Setup:
    """Where a run works: the cached record, a working copy, private user folders, how many runs."""

    record: RecordInfo
    folder: Path
    runs: int
    warmup: bool

    @property
    def sandbox(self) -> Sandbox:
        """The private user folders of the probes."""
        return Sandbox(self.folder / "home")

    def working_copy(self, name: str) -> Path:
        """A fresh copy of the record (probes may change it; the cached record stays as generated)."""
        target = self.folder / name / "ten-year.tacdb"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(self.record.path, target)
        return target


def _ms(values: list[float]) -> str:
    return f"{median(values) * 1000:.0f} ms"


def startup(setup: Setup) -> list[Measured]:
    """first_paint_ratio and data_shown_ratio: ``tac-desk gui`` on the record vs a bare QMainWindow start."""
    record = setup.working_copy("gui")
    bare = python("-m", "benchmarks.probes.bare_qt")
    runs = 1 if setup.runs == 1 else max(15, 3 * setup.runs)  # a start takes a fifth of a second: many are cheap
    results = []
    for key, mode in (("first_paint_ratio", "1"), ("data_shown_ratio", "data")):
        env = setup.sandbox.env(TAC_DESK_BENCH_PAINT=mode)
        app = python("-m", "tac_desk", "gui", "--db", str(record))
        app_times, bare_times = paired(app, bare, env, runs=runs, warmup=setup.warmup)
        results.append(
            Measured(
                key,
                median(app_times) / median(bare_times),
                f"app {_ms(app_times)} / bare {_ms(bare_times)}, medians of {runs} alternating starts",
                {"app_s": app_times, "bare_s": bare_times},
            )
        )
    return results


def minutes(setup: Setup) -> Measured:
    """minutes_pdf_ratio: the full meeting's minutes PDF vs raw reportlab laying out the same text."""
    record = setup.working_copy("exports")
    out = setup.folder / "exports"
    env = setup.sandbox.env()
    app_cmd = python("-m", "benchmarks.probes.minutes_app", str(record), str(setup.record.full_meeting_id))
    app_runs = [report([*app_cmd, str(out / "minutes.pdf")], env) for _ in range(1 + setup.runs)]
    lines = pdf_lines(out / "minutes.pdf")
    (out / "minutes.json").write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    raw_cmd = python("-m", "benchmarks.probes.minutes_raw", str(out / "minutes.json"), str(out / "raw.pdf"))
    raw_runs = [report(raw_cmd, env) for _ in range(1 + setup.runs)]
    app_s = [float(r["seconds"]) for r in app_runs[1:] or app_runs]
    raw_s = [float(r["seconds"]) for r in raw_runs[1:] or raw_runs]
    assemble = [float(r["assemble_seconds"]) for r in app_runs[1:] or app_runs]
    return Measured(
        "minutes_pdf_ratio",
        median(app_s) / median(raw_s),
        f"app {_ms(app_s)} (assembly {_ms(assemble)}) / reportlab {_ms(raw_s)}",
        {"app_s": app_s, "raw_s": raw_s, "assemble_s": assemble, "app": app_runs[-1], "raw": raw_runs[-1]},
    )


def pdf_lines(path: Path) -> list[str]:
    """The text lines of a PDF (pypdf), for laying the same text out with raw reportlab."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [line for page in reader.pages for line in (page.extract_text() or "").splitlines()]


def calendar(setup: Setup) -> Measured:
    """calendar_ratio: the ten-year calendar export vs raw icalendar writing the same meetings."""
    record = setup.working_copy("exports")
    out = setup.folder / "exports"
    env = setup.sandbox.env()
    events = str(out / "events.json")
    app_cmd = python("-m", "benchmarks.probes.calendar_app", str(record), str(out / "tac.ics"), events)
    app_runs = [report(app_cmd, env) for _ in range(1 + setup.runs)]
    raw_cmd = python("-m", "benchmarks.probes.calendar_raw", events, str(out / "raw.ics"))
    raw_runs = [report(raw_cmd, env) for _ in range(1 + setup.runs)]
    app_s = [float(r["seconds"]) for r in app_runs[1:] or app_runs]
    raw_s = [float(r["seconds"]) for r in raw_runs[1:] or raw_runs]
    return Measured(
        "calendar_ratio",
        median(app_s) / median(raw_s),
        f"app {_ms(app_s)} / icalendar {_ms(raw_s)} ({app_runs[-1]['events']} meetings)",
        {"app_s": app_s, "raw_s": raw_s, "app": app_runs[-1], "raw": raw_runs[-1]},
    )


def gui_session(setup: Setup) -> list[Measured]:
    """switch_meeting_ms, decisions_view_ms, close_vote_ms and peak_rss_mb, in one fresh app process."""
    record = setup.working_copy("session")
    first, second = setup.record.switch_meeting_ids[:2]
    command = python("-m", "benchmarks.probes.gui_session", str(record), str(max(3, setup.runs * 2 - 1)))
    data = report([*command, str(first), str(second)], setup.sandbox.env())
    results = []
    for key in ("switch_meeting_ms", "decisions_view_ms", "close_vote_ms"):
        values = [float(v) for v in data[key]]
        note = f"median of {len(values)} in one process, after the opening check ({data['opening_check_s']:.1f} s)"
        if key == "close_vote_ms":
            note += f"; the service and commit alone {median(data['close_vote_service_ms']):.0f} ms"
        results.append(Measured(key, median(values), note, {"ms": values}))
    results.append(Measured("peak_rss_mb", float(data["peak_rss_mb"]), "after visiting every view", {}))
    return results


def verify(setup: Setup) -> Measured:
    """verify_s: the full ``tac-desk verify`` of the record (whole process), or "n/a" when there is no verify."""
    env = setup.sandbox.env()
    command = python("-m", "tac_desk", "verify", "--db", setup.record.path)
    try:
        wall_seconds(python("-m", "tac_desk", "verify", "--help"), env)
    except ProbeError:
        return Measured("verify_s", "n/a", "no verify command yet")
    try:
        times = [wall_seconds(command, env) for _ in range(1 + setup.runs)]
    except ProbeError as error:
        return Measured("verify_s", "n/a", f"verify failed: {error}")
    times = times[1:] or times
    bare = [wall_seconds(python("-c", "pass"), env) for _ in range(setup.runs)]
    return Measured(
        "verify_s",
        median(times),
        f"{setup.record.counts.get('journal', 0)} entries; bare python start {_ms(bare)}",
        {"s": times, "python_s": bare},
    )
