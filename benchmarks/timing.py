"""Run probes in fresh subprocesses and time them: start-up until a printed instant, or a JSON report."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180


class ProbeError(RuntimeError):
    """A probe process failed or printed nothing usable."""


@dataclass(frozen=True)
class Sandbox:
    """Private user folders (settings, logs, data) for the processes a benchmark starts."""

    folder: Path

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for a probe: offscreen Qt, UTF-8, and user folders inside the sandbox."""
        env = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            path = self.folder / name.lower()
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.setdefault("LANG", "C.UTF-8")
        env.pop("TAC_DESK_DB", None)
        env.update(extra)
        return env


def median(values: Sequence[float]) -> float:
    """The median of the measured values."""
    return float(statistics.median(values))


def python(*args: str) -> list[str]:
    """A command line running this interpreter."""
    return [sys.executable, *args]


def _run(command: list[str], env: dict[str, str]) -> str:
    """Run ``command``; returns its stdout."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise ProbeError(f"{' '.join(command[1:])} did not finish in {TIMEOUT_S} s") from error
    if process.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ProbeError(f"{' '.join(command[1:])} exited with {process.returncode}: {' | '.join(tail)}")
    return out.decode("utf-8", "replace")


def until_painted(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until it prints ``painted <time.monotonic()>`` (CLOCK_MONOTONIC is shared)."""
    started = time.monotonic()
    out = _run(command, env)
    for line in out.splitlines():
        if line.startswith("painted "):
            return float(line.split()[1]) - started
    raise ProbeError(f"{' '.join(command[1:])} never reported its first paint")


def wall_seconds(command: list[str], env: dict[str, str]) -> float:
    """Seconds the whole process took."""
    started = time.perf_counter()
    _run(command, env)
    return time.perf_counter() - started


def report(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """The JSON object a probe prints as its last line."""
    out = _run(command, env)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise ProbeError(f"{' '.join(command[1:])} printed no report")
    data: dict[str, Any] = json.loads(lines[-1])
    return data


def paired(
    app: list[str], bare: list[str], env: dict[str, str], *, runs: int, warmup: bool
) -> tuple[list[float], list[float]]:
    """Alternate app and bare start-ups (after an optional warm-up of each); returns both lists of seconds."""
    if warmup:
        until_painted(app, env)
        until_painted(bare, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(runs):
        app_times.append(until_painted(app, env))
        bare_times.append(until_painted(bare, env))
    return app_times, bare_times
