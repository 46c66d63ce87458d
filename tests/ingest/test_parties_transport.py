"""Means of transport are no goods: "by truck", "by rail and sea" written bare after "by", or "on trucks" after a
verb of carrying, say how goods travel; "exports of trucks" and "sent heavy trucks" name trucks as goods."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "by truck after a transport verb": (
        "Orbital Parts LLC bought the engines in Germany, from where they were transported to Russia by truck.",
        {("Germany", "engines", "Orbital Parts", (), "asserted", "Orbital Parts LLC bought the engines in Germany"),
         ("Germany", "engines", "Russia", (), "asserted", "transported to Russia")},
    ),
    "on trucks after a transport verb": (
        "Kazakh traders said the drones were delivered to Russia on trucks.",
        {("Kazakhstan", "drones", "Russia", (), "asserted",
          "Kazakh traders said the drones were delivered to Russia")},
    ),
    "by rail and by road": (
        "Kazakhstan sent microchips to Russia by rail and by road.",
        {("Kazakhstan", "integrated circuits", "Russia", (), "asserted", "Kazakhstan sent microchips to Russia")},
    ),
    "trucks as the goods of a trade noun": (
        "Exports of trucks from Belarus to Russia rose sharply.",
        {("Belarus", "heavy trucks", "Russia", (), "asserted", "Exports of trucks from Belarus to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_transport_mode_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
