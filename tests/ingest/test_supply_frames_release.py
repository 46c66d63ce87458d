"""Phrasings of sanctions releases: a relative clause's buyer is its antecedent ("X, which procured ... for
..."), a company "located in" or "registered in" a place is based there (so goods it buys and re-exports
reach the recipient through that country), and a known good written as the modifier of an activity noun
("components for its drone program", "drone strikes") is no goods of the flow."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "the buyer of a relative clause is its antecedent": (
        "Yan Feng, a Chinese national, directed Shenzhen Baoli Technology, which procured thermal cameras for "
        "the Russian military.",
        {("Shenzhen Baoli Technology", "night-vision devices", "Russia", (), "asserted",
          "Shenzhen Baoli Technology, which procured thermal cameras for the Russian")},
    ),
    "located in a city: the re-exporter's home is the via": (
        "Nordlight Trading FZE, located in Dubai, purchased gyroscopes from European suppliers and re-exported "
        "them to Russia.",
        {("Europe", "gyroscopes", "Nordlight Trading", (), "asserted",
          "Nordlight Trading FZE, located in Dubai, purchased gyroscopes from European"),
         ("Europe", "gyroscopes", "Russia", ("United Arab Emirates",), "asserted",
          "Nordlight Trading FZE, located in Dubai, purchased gyroscopes from European suppliers and re-exported "
          "them to Russia"),
         ("Nordlight Trading", "gyroscopes", "Russia", (), "asserted",
          "Nordlight Trading FZE, located in Dubai, purchased gyroscopes from European suppliers and re-exported "
          "them to Russia")},
    ),
    "registered in the country": (
        "Nordlight Trading FZE, registered in the United Arab Emirates, bought gyroscopes from German suppliers "
        "and resold them to Russia.",
        {("Germany", "gyroscopes", "Nordlight Trading", (), "asserted",
          "Nordlight Trading FZE, registered in the United Arab Emirates, bought gyroscopes from German"),
         ("Germany", "gyroscopes", "Russia", ("United Arab Emirates",), "asserted",
          "Nordlight Trading FZE, registered in the United Arab Emirates, bought gyroscopes from German suppliers "
          "and resold them to Russia"),
         ("Nordlight Trading", "gyroscopes", "Russia", (), "asserted",
          "Nordlight Trading FZE, registered in the United Arab Emirates, bought gyroscopes from German suppliers "
          "and resold them to Russia")},
    ),
    "a good modifying a program is no goods": (
        "China supplied Russia with components for its drone and missile programs.",
        {("China", "components", "Russia", (), "asserted", "China supplied Russia with components")},
    ),
    "a good read as a phrase of an activity is no goods": (
        "Iran sent drones to Russia for its drone strikes.",
        {("Iran", "drones", "Russia", (), "asserted", "Iran sent drones to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_release_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
