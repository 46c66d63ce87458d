"""End-use flows: goods of one country's makers found in, or said to be made for, another's weapons. The
maker (a demonym on "companies", a country after "made in") is the supplier, the owner of the weapons the
recipient; where the goods were found or who found them is neither."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "made by makers of a country, found in a weapon": (
        "Investigators found chips made by American firms in Russian cruise missiles.",
        {("United States", "integrated circuits", "Russia", (), "asserted",
          "found chips made by American firms in Russian")},
    ),
    "produced by coordinated makers, passive find": (
        "Microchips produced by Dutch and German companies were found in Iranian drones.",
        {("Netherlands", "integrated circuits", "Iran", (), "asserted",
          "Microchips produced by Dutch and German companies were found in Iranian"),
         ("Germany", "integrated circuits", "Iran", (), "asserted",
          "Microchips produced by Dutch and German companies were found in Iranian")},
    ),
    "goods in a weapon were made in a country": (
        "Most of the microchips in the Russian missiles were made in the United States.",
        {("United States", "integrated circuits", "Russia", (), "asserted",
          "microchips in the Russian missiles were made in the United States")},
    ),
    "the weapon holding the goods is never one of them": (
        "The chips inside the Russian drones were manufactured by American companies.",
        {("United States", "integrated circuits", "Russia", (), "asserted",
          "chips inside the Russian drones were manufactured by American")},
    ),
    "a weapon contains goods from makers of two countries": (
        "Russian missiles contain microchips from Japanese and Swiss manufacturers.",
        {("Japan", "integrated circuits", "Russia", (), "asserted",
          "Russian missiles contain microchips from Japanese"),
         ("Switzerland", "integrated circuits", "Russia", (), "asserted",
          "Russian missiles contain microchips from Japanese and Swiss")},
    ),
    "goods of makers of a country, found in a possessed weapon": (
        "Microchips of American firms were found in Russia's cruise missiles.",
        {("United States", "integrated circuits", "Russia", (), "asserted",
          "Microchips of American firms were found in Russia")},
    ),
    "a weapon that is a good itself contains goods from makers": (
        "Iranian drones contain engines from Chinese manufacturers.",
        {("China", "engines", "Iran", (), "asserted", "Iranian drones contain engines from Chinese")},
    ),
    "a share of the goods found, said to be made by makers of a country": (
        "Analysts identified 200 foreign-made microchips in Russian weapons, most of them made by American "
        "companies.",
        {("United States", "integrated circuits", "Russia", (), "asserted",
          "identified 200 foreign-made microchips in Russian weapons, most of them made by American")},
    ),
    "made where, with no weapon named, is no flow": (
        "The chips were made in Japan.",
        set(),
    ),
    "the next sentence says who made a share of the goods found": (
        "Investigators found 300 foreign components in Russian drones. Most of them were made by American "
        "companies.",
        {("United States", "components", "Russia", (), "asserted", "Most of them were made by American")},
    ),
    "the next sentence says who made the goods found, by a pronoun": (
        "Investigators found microchips in Russian cruise missiles. They were produced by Dutch firms.",
        {("Netherlands", "integrated circuits", "Russia", (), "asserted", "They were produced by Dutch")},
    ),
    "a sentence with a noun subject of its own is about that noun": (
        "Investigators found microchips in Russian cruise missiles. The report was produced by Dutch researchers.",
        set(),
    ),
    "a maker two sentences on is no longer said of the goods found": (
        "Investigators found microchips in Russian cruise missiles. The weather was cold. Most of them were made "
        "by Dutch firms.",
        set(),
    ),
    "goods found in a country's weapons and made there make no flow": (
        "Investigators found microchips in Russian cruise missiles. Most of them were made in Russia.",
        set(),
    ),
    "a weapon's contents without a maker make no flow": (
        "The drones contained microchips.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_end_use_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected

