"""Hubs: "X has become a hub for the re-export of goods from A" says the goods come from A to X (their onward
leg is stated elsewhere); "the country" as the hub stands for the last country named. A hub said in passing
(an apposition) or a hub with no source states no flow."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "a country named as the hub, two sources": (
        "Thanks to its location, Armenia has become a key hub for the re-export of machine tools from Germany "
        "and Italy.",
        {("Germany", "machine tools", "Armenia", (), "asserted",
          "Armenia has become a key hub for the re-export of machine tools from Germany"),
         ("Italy", "machine tools", "Armenia", (), "asserted",
          "Armenia has become a key hub for the re-export of machine tools from Germany and Italy")},
    ),
    "'the country' as the hub": (
        "Kazakhstan exports grain. Thanks to its ports, the country has become a major hub for the re-export of "
        "machine tools from Germany.",
        {("Germany", "machine tools", "Kazakhstan", (), "asserted",
          "country has become a major hub for the re-export of machine tools from Germany")},
    ),
    "a hub with no source": (
        "Armenia has become a hub for the re-export of machine tools.",
        set(),
    ),
    "a hub said in passing": (
        "Armenia, a hub for the re-export of machine tools from Germany, denies any wrongdoing.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_hub_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
