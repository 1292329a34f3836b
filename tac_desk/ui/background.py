"""Run slow work (exports, checks) off the GUI thread and hand the result back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; its slots run there when the worker emits."""

    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.on_done = on_done
        self.on_failed = on_failed
        self.sig_done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.sig_failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _done(self, result: Any) -> None:
        _running.discard(self)
        _call_unless_gone(self.on_done, result)

    @Slot(object)
    def _failed(self, error: Any) -> None:
        _running.discard(self)
        _call_unless_gone(self.on_failed, error)


def _call_unless_gone(callback: Callable[[Any], None], value: Any) -> None:
    """Run a callback whose widgets may have been closed while the work ran (then there is nobody to tell)."""
    try:
        callback(value)
    except RuntimeError as error:
        if "already deleted" not in str(error):
            raise


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which explains it
            self._emit(self.relay.sig_failed, error)
            return
        self._emit(self.relay.sig_done, result)

    def _emit(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and the relay is gone
            _running.discard(self.relay)


_running: set[_Relay] = set()


def run_in_background(
    work: Callable[[], Any], *, on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]
) -> None:
    """Run ``work`` on the thread pool; ``on_done`` or ``on_failed`` then runs on the GUI thread."""
    relay = _Relay(on_done, on_failed)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Job(work, relay))


def is_busy() -> bool:
    """True while background work is running."""
    return bool(_running)
