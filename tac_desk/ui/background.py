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
        self.on_done(result)

    @Slot(object)
    def _failed(self, error: Any) -> None:
        _running.discard(self)
        self.on_failed(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which explains it
            self.relay.sig_failed.emit(error)
            return
        self.relay.sig_done.emit(result)


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
