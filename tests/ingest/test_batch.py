"""The collector settings of batch work (ingest.batch.fewer_collections)."""

from __future__ import annotations

import gc

from ingest.batch import fewer_collections


def test_settings_hold_inside_and_are_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] > before[0]
        assert gc.get_freeze_count() > 0  # what was alive at the start is frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_nested_use_leaves_the_outer_settings_in_place() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
        with fewer_collections():
            pass
        assert gc.get_threshold() == inside
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settings_are_restored_when_the_body_raises() -> None:
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
