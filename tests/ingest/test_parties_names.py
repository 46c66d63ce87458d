"""Company names with an English "and" or "&" inside: one company when a legal form closes the whole ("Sinotech
Dalian Carbon and Graphite Manufacturing Corporation", "M & S Trading LLC"), two parties when the words before
the "and" are a name of their own (a legal-form name, a country, a company named before)."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "an 'and' inside a name a legal form closes": (
        "The Treasury Department said that Harbin Boreal Carbon and Graphite Manufacturing Corporation had "
        "supplied graphite to Russia.",
        {("Harbin Boreal Carbon and Graphite Manufacturing Corporation", "graphite", "Russia", (), "asserted",
          "Harbin Boreal Carbon and Graphite Manufacturing Corporation had supplied graphite to Russia")},
    ),
    "two surnames joined by 'and' before a legal form": (
        "Officials said Tolliver and Quade Inc shipped rifles to Iran.",
        {("Tolliver and Quade", "assault rifles", "Iran", (), "asserted",
          "Tolliver and Quade Inc shipped rifles to Iran")},
    ),
    "an ampersand inside a name": (
        "Officials said Orbital Carbon & Graphite Co. shipped graphite to Russia.",
        {("Orbital Carbon & Graphite Co", "graphite", "Russia", (), "asserted",
          "Orbital Carbon & Graphite Co. shipped graphite to Russia")},
    ),
    "two legal-form names joined by 'and' stay two": (
        "Orbital Parts LLC and Vostok Avia JSC shipped drones to Russia.",
        {("Orbital Parts", "drones", "Russia", (), "asserted",
          "Orbital Parts LLC and Vostok Avia JSC shipped drones to Russia"),
         ("Vostok Avia", "drones", "Russia", (), "asserted", "Vostok Avia JSC shipped drones to Russia")},
    ),
    "a country before 'and' is a party of its own": (
        "Germany and Vostok Avia JSC shipped drones to Russia.",
        {("Germany", "drones", "Russia", (), "asserted", "Germany and Vostok Avia JSC shipped drones to Russia"),
         ("Vostok Avia", "drones", "Russia", (), "asserted", "Vostok Avia JSC shipped drones to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_and_in_company_name_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
