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


def set_aside_long_lived() -> None:
    """Move every object alive now out of the collector's sight (call once the program has started).

    What a started program holds (modules, the window, the record's cached rows) lives as long as it does;
    full passes then walk only what was made since. A young-generation pass first frees the start-up's
    recent cyclic garbage (a full pass would stall the window for tens of milliseconds).
    """
    gc.collect(1)
    gc.freeze()
