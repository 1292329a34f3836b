"""A single-instance lock file beside the record: who holds it (app, pid, host); stale locks are recovered."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tac_desk import APP_NAME
from tac_desk.domain.errors import RecordError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
_ATTEMPTS = 6
_registry: dict[str, _Held] = {}
_guard = threading.Lock()
_app_label = APP_NAME


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about its holder."""

    app: str
    pid: int
    host: str
    started: str | None = None
    since: str = ""

    def describe(self) -> str:
        """E.g. "TAC Desk pid 4242 on host office-pc"."""
        return f"{self.app} pid {self.pid} on host {self.host}"


@dataclass
class _Held:
    descriptor: int
    count: int
    stale: LockInfo | None


class LockHandle:
    """One holding of a record's lock; the lock file goes when the last holding in this process is released."""

    def __init__(self, key: str, path: Path, stale: LockInfo | None) -> None:
        self._key = key
        self.path = path
        self.stale = stale
        self._released = False

    def release(self) -> None:
        """Release this holding (idempotent)."""
        if self._released:
            return
        self._released = True
        with _guard:
            held = _registry.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _registry[self._key]
            with contextlib.suppress(OSError):
                if os.stat(self.path).st_ino == os.fstat(held.descriptor).st_ino:
                    os.unlink(self.path)
            os.close(held.descriptor)

    @property
    def holdings(self) -> int:
        """How many holdings this process has on the lock (0 once released)."""
        held = _registry.get(self._key)
        return 0 if held is None else held.count


def set_app_label(label: str) -> None:
    """Name this program in lock files ("TAC Desk", "TAC Desk command line", ...)."""
    global _app_label
    _app_label = label


def lock_path(record: Path) -> Path:
    """The lock file of a record: ``<record>.lock`` in the same folder."""
    return record.with_name(record.name + LOCK_SUFFIX)


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in a lock file, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(
            app=str(data["app"]),
            pid=int(data["pid"]),
            host=str(data["host"]),
            started=None if data.get("started") is None else str(data["started"]),
            since=str(data.get("since", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire(record: Path) -> LockHandle:
    """Take the single-instance lock of ``record`` (re-entrant within this process).

    A lock left by a process that died on this host is recovered; ``handle.stale`` then names it
    (the previous session ended without closing the record).

    Raises:
        RecordError: "<record> is in use by TAC Desk pid N on host H" when another program holds it.
    """
    path = lock_path(record)
    key = str(path.resolve())
    with _guard:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return LockHandle(key, path, held.stale)
        stale: LockInfo | None = None
        for _ in range(_ATTEMPTS):
            descriptor = _try_create(path)
            if descriptor is not None:
                _registry[key] = _Held(descriptor, 1, stale)
                return LockHandle(key, path, stale)
            info = read_lock(path)
            recovered = _recover_if_stale(path, info)
            if recovered is None:
                if info is None:
                    time.sleep(0.05)  # a holder is still writing its lock file
                    continue
                raise RecordError(
                    f"{record.name} is in use by {info.describe()}; close it there first "
                    f"(if that program is gone, delete {path.name})"
                )
            stale = recovered
        raise RecordError(f"could not take the lock {path}; try again")


def _info_bytes() -> bytes:
    info = {
        "app": _app_label,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": _start_token(os.getpid()),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


def _try_create(path: Path) -> int | None:
    """Create the lock file with its content in one step; None when it already exists."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(descriptor, _info_bytes())
        os.fsync(descriptor)
        try:
            os.link(temporary, path)
        except FileExistsError:
            os.close(descriptor)
            return None
        except OSError:  # no hard links on this file system: exclusive create instead
            os.close(descriptor)
            return _create_exclusive(path)
        return descriptor
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(descriptor)
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _create_exclusive(path: Path) -> int | None:
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        return None
    if fcntl is not None:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(descriptor, _info_bytes())
    os.fsync(descriptor)
    return descriptor


def _recover_if_stale(path: Path, info: LockInfo | None) -> LockInfo | None:
    """Remove the lock file when its holder is gone; returns what it said, or None if it is live."""
    if fcntl is None:
        return _recover_by_pid(path, info)
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return info or LockInfo(app="?", pid=0, host="?")
    try:
        if info is not None and info.host != socket.gethostname():
            return None  # another computer: its processes cannot be checked from here
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None  # a live process holds it
        if info is None and time.time() - os.fstat(descriptor).st_mtime < 2:
            return None  # still being written
        if info is not None and info.pid != os.getpid() and _alive(info):
            return None  # the named process still runs: never take a lock from a live program
        if not _same_file(path, descriptor):
            return LockInfo(app="?", pid=0, host="?") if info is None else info
        aside = path.with_name(f".{path.name}.stale.{os.getpid()}.{secrets.token_hex(4)}")
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return info or LockInfo(app="?", pid=0, host="?")
        if os.stat(aside).st_ino != os.fstat(descriptor).st_ino:  # a new holder slipped in: give it back
            with contextlib.suppress(OSError):
                os.link(aside, path)
        os.unlink(aside)
        return info or LockInfo(app="?", pid=0, host=socket.gethostname())
    finally:
        os.close(descriptor)


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False


def _recover_by_pid(path: Path, info: LockInfo | None) -> LockInfo | None:  # pragma: no cover - Windows
    if info is None or info.host != socket.gethostname() or _alive(info):
        return None
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return info


def _alive(info: LockInfo) -> bool:
    """True when the process named by ``info`` still runs on this host (and is the same process)."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        return _alive_windows(info.pid)
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    token = _start_token(info.pid)
    return info.started is None or token is None or token == info.started


def _alive_windows(pid: int) -> bool:  # pragma: no cover - Windows
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return bool(code.value == 259)  # STILL_ACTIVE


def _start_token(pid: int) -> str | None:
    """When the process started (Linux: clock ticks since boot), to tell a reused pid apart."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None
