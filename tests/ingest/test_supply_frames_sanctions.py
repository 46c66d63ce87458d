"""Sanctions phrasing: a measure "for exporting ..." names its target as the sender. Who imposes or announces
the measure is never the sender, and a party the goods come from is never their recipient."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "sanctions on a company for shipping": (
        "Washington imposed sanctions on Acme Trading LLC for allegedly shipping gyroscopes to Iran.",
        {("Acme Trading", "gyroscopes", "Iran", (), "hedged",
          "Acme Trading LLC for allegedly shipping gyroscopes to Iran")},
    ),
    "sanctioned firms of a country for exporting supplies": (
        "The UK sanctioned two Turkish companies for exporting military supplies to Russia.",
        {("Turkey", "military supplies", "Russia", (), "asserted",
          "Turkish companies for exporting military supplies to Russia")},
    ),
    "the government announcing the sanctions sends nothing": (
        "The Dutch government on Monday announced new sanctions targeting 12 foreign firms and individuals, "
        "among which are two Chinese companies, for exporting military supplies to Iran.",
        {("China", "military supplies", "Iran", (), "asserted",
          "Chinese companies, for exporting military supplies to Iran")},
    ),
    "added to a list for supplying": (
        "The Commerce Department added Orbital Parts LLC to the Entity List for supplying gyroscopes to "
        "Russia's military.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC to the Entity List for supplying gyroscopes to Russia")},
    ),
    "a relative clause under a designation, with a reporting verb inside": (
        "The Treasury designated Orbital Parts LLC, which it said had supplied Iran with gyroscopes.",
        {("Orbital Parts", "gyroscopes", "Iran", (), "asserted",
          "Orbital Parts LLC, which it said had supplied Iran with gyroscopes")},
    ),
    "passive sanctioned for providing a country with goods": (
        "Orbital Parts LLC was sanctioned for providing Iran with servo drives.",
        {("Orbital Parts", "servo drives", "Iran", (), "asserted",
          "Orbital Parts LLC was sanctioned for providing Iran with servo drives")},
    ),
    "sanctions against a trade state no flow": (
        "Sanctions against Iranian imports of gyroscopes from Germany have slowed its drone programme.",
        set(),
    ),
    "a ban on a trade states no flow, the trade stated beside it does": (
        "The EU imposed a ban on exports of gyroscopes to Iran after Germany shipped servo drives to Iran.",
        {("Germany", "servo drives", "Iran", (), "asserted", "Germany shipped servo drives to Iran")},
    ),
    "a place the goods come from is never their recipient": (
        "Prosecutors said Orbital Parts LLC unlawfully exported gyroscopes from the United States to end users "
        "in Iran.",
        {("Orbital Parts", "gyroscopes", "Iran", (), "asserted",
          "Orbital Parts LLC unlawfully exported gyroscopes from the United States to end users in Iran")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_sanctions_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
