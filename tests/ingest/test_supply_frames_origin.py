"""Origin phrases on the goods of a trade noun: "of Swedish origin" names where the goods come from, so the
supplier where no sender is named; a sender named (the company a relative clause is said of) stays the
supplier, alone; "to buyers in Russia" gives the recipient wherever the parser hangs "in Russia"."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "goods of a country's origin delivered to buyers in another": (
        "Officials arranged the delivery of ball bearings of Swedish origin to buyers in Russia.",
        {("Sweden", "ball bearings", "Russia", (), "asserted",
          "delivery of ball bearings of Swedish origin to buyers in Russia")},
    ),
    "an origin phrase on goods a gazetteer names under another word": (
        "The firm arranged the delivery of electronic components of Japanese origin to buyers in Russia.",
        {("Japan", "integrated circuits", "Russia", (), "asserted",
          "delivery of electronic components of Japanese origin to buyers in Russia")},
    ),
    "a named middleman is the supplier, the origin only where the goods come from": (
        "Regulators would also target the Turkish firm Kestrel Marine, its owner Ali Demir, and Northgate "
        "Limited, which the ministry claimed served as a middleman for the delivery of ball bearings of American "
        "and European origins to businesses in Russia.",
        {("Northgate", "ball bearings", "Russia", (), "asserted",
          "Northgate Limited, which the ministry claimed served as a middleman for the delivery of ball bearings "
          "of American and European origins to businesses in Russia")},
    ),
    "goods of an origin with no recipient make no flow": (
        "The bearings were of Swedish origin.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_origin_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
