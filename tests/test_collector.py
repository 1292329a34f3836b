"""The cycle collector is paused around bursts of allocation and restored after, even when the burst fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tac_desk.collector import pause_for_start_up, paused, set_aside_long_lived


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_paused_restores_the_collector_even_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), paused():
        assert not gc.isenabled()
        raise ValueError("the burst failed")
    assert gc.isenabled()


def test_paused_nests_and_leaves_a_disabled_collector_disabled() -> None:
    gc.enable()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_cycles_made_while_paused_are_freed_by_the_next_pass() -> None:
    class Node:
        partner: object = None

    gc.enable()
    with paused():
        first, second = Node(), Node()
        first.partner, second.partner = second, first
        del first, second
    assert gc.collect() >= 2  # the two nodes (and their instance dictionaries)


def test_set_aside_ends_the_start_up_pause_and_moves_the_living_objects_out_of_sight() -> None:
    pause_for_start_up()
    assert not gc.isenabled()
    before = gc.get_freeze_count()
    set_aside_long_lived()
    assert gc.get_freeze_count() > before
    assert gc.isenabled()
