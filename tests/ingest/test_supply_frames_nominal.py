"""Nominal and dependence phrasings: trade nouns with their roles in "of", "from", "to" phrases and
possessors, "X depends on Y for Z", "Y is X's main source of Z"; and a place the sentence names as a scene
("used against Ukrainian cities") is never a recipient."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "shipments of X from Y to Z": (
        "Shipments of cotton pulp from China to Russia rose sharply last year.",
        {("China", "cotton pulp", "Russia", (), "asserted", "Shipments of cotton pulp from China to Russia")},
    ),
    "demonym exports of X to Z": (
        "According to customs data, Chinese exports of nitrocellulose to Russia doubled in 2023.",
        {("China", "nitrocellulose", "Russia", (), "asserted", "Chinese exports of nitrocellulose to Russia")},
    ),
    "sold Z a quantity of X": (
        "China sold Russia 1,300 tons of nitrocellulose.",
        {("China", "nitrocellulose", "Russia", (), "asserted", "China sold Russia 1,300 tons of nitrocellulose")},
    ),
    "depends on Y for X": (
        "Russia depends on China for most of its nitrocellulose.",
        {("China", "nitrocellulose", "Russia", (), "asserted",
          "Russia depends on China for most of its nitrocellulose")},
    ),
    "relies on suppliers of a country for X": (
        "Russia relies heavily on Chinese suppliers for machine tools.",
        {("China", "machine tools", "Russia", (), "asserted",
          "Russia relies heavily on Chinese suppliers for machine tools")},
    ),
    "relying on goods names no supplier": (
        "Russia and Ukraine relied heavily on drones in both operations.",
        set(),
    ),
    "Y is X's main source of Z": (
        "Beijing has been Moscow's main source of nitrocellulose.",
        {("China", "nitrocellulose", "Russia", (), "asserted",
          "Beijing has been Moscow's main source of nitrocellulose")},
    ),
    "companies from a country supply goods a participle says were imported by another": (
        "Companies from China supplied 80% of the machine tools imported by Russia.",
        {("China", "machine tools", "Russia", (), "asserted",
          "China supplied 80% of the machine tools imported by Russia")},
    ),
    "a scene is never the recipient": (
        "Drones supplied by Iran have been used against Ukrainian cities.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_nominal_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
