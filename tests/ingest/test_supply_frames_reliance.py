"""Reliance verbs with a weapon as their subject: whose weapons rely on the goods receives them ("Russian
drones rely on Chinese chips": China -> chips -> Russia); a party subject receives them itself."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "weapons of a demonym rely on goods of another": (
        "Russian drones rely on Chinese chips.",
        {("China", "integrated circuits", "Russia", (), "asserted", "Russian drones rely on Chinese chips")},
    ),
    "weapons depend on goods of a region": (
        "Russian missiles depend on Western microchips.",
        {("Western countries", "integrated circuits", "Russia", (), "asserted",
          "Russian missiles depend on Western microchips")},
    ),
    "a party relies on goods": (
        "Russian firms rely on Chinese servomotors.",
        {("China", "servomotors", "Russia", (), "asserted", "Russian firms rely on Chinese servomotors")},
    ),
    "weapons of no one named receive nothing": (
        "The drones rely on Chinese chips.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_reliance_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
