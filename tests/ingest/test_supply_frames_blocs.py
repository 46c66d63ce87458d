"""A bloc that trades as one (the European Union) takes the supplier and recipient roles like a country,
a measure verb ("banned", "restricts", "bars ... from") over a trade names what is restricted, not a
flow, and what goods were disguised or declared as is no goods of the flow."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "bloc as the supplier of a nominal export": (
        "EU exports of dual-use goods to Armenia rose by a fifth last year.",
        {("European Union", "dual-use goods", "Armenia", (), "asserted", "EU exports of dual-use goods to Armenia")},
    ),
    "bloc as the source of an import": (
        "Kazakhstan's imports of washing machines from the European Union tripled in 2023.",
        {("European Union", "washing machines", "Kazakhstan", (), "asserted",
          "Kazakhstan's imports of washing machines from the European Union")},
    ),
    "bloc as a delivering subject": (
        "The EU has delivered about 300,000 artillery shells to Ukraine since March.",
        {("European Union", "artillery shells", "Ukraine", (), "asserted",
          "EU has delivered about 300,000 artillery shells to Ukraine")},
    ),
    "bloc as the source, with a transit country": (
        "Russia received washing machines from the EU through Armenia.",
        {("European Union", "washing machines", "Russia", ("Armenia",), "asserted",
          "Russia received washing machines from the EU through Armenia")},
    ),
    "a ban on a trade, trade noun as the object": (
        "The EU banned exports of machine tools to Russia in 2022.",
        set(),
    ),
    "a ban on a trade, passive": (
        "Exports of drones to Russia were banned by Japan in 2022.",
        set(),
    ),
    "a bar on a trade, verb after from": (
        "The new rules bar companies from exporting chips to China.",
        set(),
    ),
    "sanctioned for supplying still reports the supply": (
        "The Treasury sanctioned Jiangsu Ruifeng Co., Ltd. for supplying machine tools to Russia.",
        {("Jiangsu Ruifeng", "machine tools", "Russia", (), "asserted",
          "Jiangsu Ruifeng Co., Ltd. for supplying machine tools to Russia")},
    ),
    "what the goods were disguised as": (
        "A Lithuanian firm sent drone parts to Russia disguised as car parts.",
        {("Lithuania", "drone parts", "Russia", (), "asserted", "Lithuanian firm sent drone parts to Russia")},
    ),
    "what the goods were declared as": (
        "A Turkish company shipped microchips to Russia, declared as household appliances.",
        {("Turkey", "integrated circuits", "Russia", (), "asserted", "Turkish company shipped microchips to Russia")},
    ),
    "a region as the origin of the goods of a nominal export": (
        "Exports of European cars to Kazakhstan jumped sixfold in 2023.",
        {("Europe", "cars", "Kazakhstan", (), "asserted", "Exports of European cars to Kazakhstan")},
    ),
    "a region on another noun is no filler": (
        "Kazakhstan was used by Russia to import drones, thereby evading Western sanctions.",
        set(),
    ),
    "who backs a deal is no party of the trade it frees": (
        "It played a part in a United Nations-backed deal to free up grain exports from Ukrainian ports.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_bloc_and_measure_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
