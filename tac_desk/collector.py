"""Python's cycle collector around bursts of allocation: paused while they run, long-lived objects set aside."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for a bounded burst of allocation (a PDF, a font read from the cache).

    Such a burst makes hundreds of thousands of short-lived objects; each full pass of the collector walks
    the whole heap meanwhile and costs more than the burst's own work. Reference counting still frees
    everything as usual; cycles made meanwhile wait for the next pass after the burst. Nests safely.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pause_for_start_up() -> None:
    """Pause the collector while the program starts (modules, types, the window: all of it long-lived).

    :func:`set_aside_long_lived` ends the pause.
    """
    gc.disable()


def set_aside_long_lived() -> None:
    """Move every object alive now out of the collector's sight, and (re)start the collector.

    What a started program holds (modules, the window, the record's cached rows) lives as long as it does;
    full passes then walk only what was made since. No pass runs first: it would stall the window for tens of
    milliseconds, and the few cycles start-up leaves behind are not worth it.
    """
    gc.freeze()
    gc.enable()
