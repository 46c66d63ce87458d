"""Goods moving on: onward particles on sending verbs ("sent on to", "passed them on to") continue an
earlier flow across sentences, and "bound for"/"destined for" on goods not seen before send them from where
they come from. The earlier flow's supplier stays the supplier, its recipient becomes the via."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "passed them on, in the next sentence": (
        "Kestrel Optics Ltd sold gyroscopes to trading companies in Armenia. The traders later passed them on "
        "to Russia.",
        {("Kestrel Optics", "gyroscopes", "Armenia", (), "asserted",
          "Kestrel Optics Ltd sold gyroscopes to trading companies in Armenia"),
         ("Kestrel Optics", "gyroscopes", "Russia", ("Armenia",), "asserted", "passed them on to Russia")},
    ),
    "passive sent on, in the next sentence": (
        "Georgia imported cars from Germany last year. Most of the cars were then sent on to Russia.",
        {("Germany", "cars", "Georgia", (), "asserted", "Georgia imported cars from Germany"),
         ("Germany", "cars", "Russia", ("Georgia",), "asserted", "cars were then sent on to Russia")},
    ),
    "shipped on, the parser reading 'on' as a preposition": (
        "Armenia bought servo drives from Finland, and nearly all of them were shipped on to Russia.",
        {("Finland", "servo drives", "Armenia", (), "asserted", "Armenia bought servo drives from Finland"),
         ("Finland", "servo drives", "Russia", ("Armenia",), "asserted", "shipped on to Russia")},
    ),
    "passing a bill moves no goods": (
        "Georgia imported cars from Germany last year. The parliament passed the bill on Tuesday.",
        {("Germany", "cars", "Georgia", (), "asserted", "Georgia imported cars from Germany")},
    ),
    "a country's firms buy and resell to buyers of another": (
        "Kazakh firms bought American chips and resold them to Russian buyers.",
        {("United States", "integrated circuits", "Kazakhstan", (), "asserted", "Kazakh firms bought American chips"),
         ("United States", "integrated circuits", "Russia", ("Kazakhstan",), "asserted",
          "Kazakh firms bought American chips and resold them to Russian"),
         ("Kazakhstan", "integrated circuits", "Russia", (), "asserted",
          "Kazakh firms bought American chips and resold them to Russian")},
    ),
    "a network of front companies in a country is a route, not a sender": (
        "The drones were delivered to Russia through a network of front companies in Armenia.",
        set(),
    ),
    "unnamed companies registered in a place stand for it": (
        "Some of the drone parts were supplied to Russia by companies registered in Hong Kong.",
        {("Hong Kong", "drone parts", "Russia", (), "asserted",
          "drone parts were supplied to Russia by companies registered in Hong Kong")},
    ),
    "goods already sent went on to plants of a country, in the next sentence": (
        "China exported 1,300 tons of nitrocellulose to Kazakhstan in 2023. Most of the nitrocellulose went to "
        "Russian munitions plants.",
        {("China", "nitrocellulose", "Kazakhstan", (), "asserted",
          "China exported 1,300 tons of nitrocellulose to Kazakhstan"),
         ("China", "nitrocellulose", "Russia", (), "asserted", "nitrocellulose went to Russian")},
    ),
    "re-exported, the prefix split off by the tokenizer and misparsed": (
        "Armenia re-exported chips to Russia.",
        {("Armenia", "integrated circuits", "Russia", (), "asserted", "Armenia re-exported chips to Russia")},
    ),
    "re-exported, the route hung on the prefix's hyphen": (
        "Kazakhstan re-exported ball bearings to Russia in 2023.",
        {("Kazakhstan", "ball bearings", "Russia", (), "asserted", "Kazakhstan re-exported ball bearings to Russia")},
    ),
    "re-exported by unnamed traders, in the next sentence": (
        "Germany sold ball bearings to Kazakhstan in 2022. Local traders re-exported the bearings to Russia.",
        {("Germany", "ball bearings", "Kazakhstan", (), "asserted", "Germany sold ball bearings to Kazakhstan"),
         ("Germany", "ball bearings", "Russia", ("Kazakhstan",), "asserted",
          "Local traders re-exported the bearings to Russia")},
    ),
    "the route of the last flow's deliveries, in the next sentence": (
        "Chinese firms shipped engines to Russia in 2023. The deliveries went through Kyrgyzstan.",
        {("China", "engines", "Russia", (), "asserted", "Chinese firms shipped engines to Russia"),
         ("China", "engines", "Russia", ("Kyrgyzstan",), "asserted", "The deliveries went through Kyrgyzstan")},
    ),
    "the route of the last flow's shipments, coordinated countries in order": (
        "Chinese firms shipped engines to Russia in 2023. The shipments passed through Kazakhstan and Kyrgyzstan.",
        {("China", "engines", "Russia", (), "asserted", "Chinese firms shipped engines to Russia"),
         ("China", "engines", "Russia", ("Kazakhstan", "Kyrgyzstan"), "asserted",
          "The shipments passed through Kazakhstan and Kyrgyzstan")},
    ),
    "deliveries without a determiner are not the last flow's": (
        "Chinese firms shipped engines to Russia in 2023. Deliveries of grain went through Kyrgyzstan.",
        {("China", "engines", "Russia", (), "asserted", "Chinese firms shipped engines to Russia")},
    ),
    "bound for, goods with a source of their own": (
        "Finnish customs seized a cargo of ball bearings from Germany bound for Russia.",
        {("Germany", "ball bearings", "Russia", (), "asserted", "ball bearings from Germany bound for Russia")},
    ),
    "bound for, goods with an origin demonym; who stops them sends nothing": (
        "A consignment of Chinese gyroscopes bound for Russia was stopped by Kazakh customs.",
        {("China", "gyroscopes", "Russia", (), "asserted", "Chinese gyroscopes bound for Russia")},
    ),
    "a flow whose sentence names no recipient has none, whatever the article names most": (
        "Russia imports most of its gunpowder. China exported 1,300 tons of nitrocellulose in 2023.",
        set(),
    ),
    "bound for, goods from nowhere named make no flow": (
        "Finnish customs seized a cargo of ball bearings bound for Russia.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_transit_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
