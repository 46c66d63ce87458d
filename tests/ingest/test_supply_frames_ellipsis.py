"""Elliptic clauses: a clause after a break that leaves out trigger and goods ("...; from Italy it was 150%",
", and to Belarus by 25%") repeats the sentence's flows with its party in place of the one on the same
preposition. A clause naming goods of its own, or a party on another word, repeats nothing."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "a second source after a semicolon": (
        "Between 2021 and 2022, Georgia's imports of lathes from Germany rose by 300%; from Italy it was 150%.",
        {("Germany", "lathes", "Georgia", (), "asserted", "Georgia's imports of lathes from Germany"),
         ("Italy", "lathes", "Georgia", (), "asserted",
          "Georgia's imports of lathes from Germany rose by 300%; from Italy")},
    ),
    "a second recipient after 'and'": (
        "Kazakhstan's exports of bearings to Russia rose by 40%, and to Belarus by 25%.",
        {("Kazakhstan", "bearings", "Russia", (), "asserted", "Kazakhstan's exports of bearings to Russia"),
         ("Kazakhstan", "bearings", "Belarus", (), "asserted",
          "Kazakhstan's exports of bearings to Russia rose by 40%, and to Belarus")},
    ),
    "a clause with goods of its own": (
        "Georgia's imports of lathes from Germany rose by 300%, while those of wine from France fell.",
        {("Germany", "lathes", "Georgia", (), "asserted", "Georgia's imports of lathes from Germany")},
    ),
    "a party on another noun": (
        "Kazakhstan's exports of bearings to Russia rose by 40%, the report from Finland said.",
        {("Kazakhstan", "bearings", "Russia", (), "asserted", "Kazakhstan's exports of bearings to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_ellipsis_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
