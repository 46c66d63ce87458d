"""A city in a supply role stands for its country ("shipped from Shanghai": China), and so does the home of
an unnamed firm ("a company based in Shenzhen", "a buyer in Kazan"); a named company keeps its own name, and
a region or an occupied territory stands for itself. A place on a company noun read as a named company ("the
Hong Kong company") only says where the company is based, and is no party of its own."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "bare cities as supplier and recipient": (
        "The bearings were shipped from Shanghai to St. Petersburg in March.",
        {("China", "bearings", "Russia", (), "asserted", "bearings were shipped from Shanghai to St. Petersburg")},
    ),
    "an unnamed firm based in a city": (
        "A company based in Shenzhen shipped thermal optical sights to a Moscow distributor.",
        {("China", "thermal optical sights", "Russia", (), "asserted",
          "Shenzhen shipped thermal optical sights to a Moscow")},
    ),
    "an unnamed firm in a city on both sides": (
        "A firm in Guangzhou sold drones to a distributor in Novosibirsk.",
        {("China", "drones", "Russia", (), "asserted", "Guangzhou sold drones to a distributor in Novosibirsk")},
    ),
    "a named company keeps its name, its buyer's city its country": (
        "Falcon Crest FZE, a Dubai-based firm, shipped the electronics to a buyer in Kazan.",
        {("Falcon Crest", "electronics", "Russia", (), "asserted",
          "Falcon Crest FZE, a Dubai-based firm, shipped the electronics to a buyer in Kazan")},
    ),
    "a region stands for itself": (
        "Exports of cars from Central Asia to Russia doubled.",
        {("Central Asia", "cars", "Russia", (), "asserted", "Exports of cars from Central Asia to Russia")},
    ),
    "the place of a named company's anaphor is no supplier": (
        "Kestrel Harbour Trading, a Hong Kong company, opened an office in Kowloon. The integrated circuits "
        "procured by the Hong Kong company were later found in Russian drones.",
        set(),
    ),
    "the place of a named company's anaphor, the company sends": (
        "Altyn Trade LLC, a Turkish firm, bought lathes from Germany. The Turkish firm then shipped the lathes "
        "to Russia.",
        {("Germany", "lathes", "Altyn Trade", (), "asserted",
          "Altyn Trade LLC, a Turkish firm, bought lathes from Germany"),
         ("Altyn Trade", "lathes", "Russia", (), "asserted", "firm then shipped the lathes to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_city_party_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
