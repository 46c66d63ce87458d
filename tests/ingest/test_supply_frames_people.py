"""People as suppliers: a private person who runs a trade (the head of a procurement network, a trader
charged with smuggling) sends the goods in their own name; a named actor doing the trade wins over the place
the goods leave from; a person in a public office acts for the state and is no party."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "a person as the subject of a sending verb": (
        "Marek Kowalczyk sold drones to Iran, the indictment said.",
        {("Marek Kowalczyk", "drones", "Iran", (), "asserted", "Marek Kowalczyk sold drones to Iran")},
    ),
    "a person charged with exporting": (
        "Prosecutors charged Marek Kowalczyk with exporting semiconductors to Russia.",
        {("Marek Kowalczyk", "integrated circuits", "Russia", (), "asserted",
          "Marek Kowalczyk with exporting semiconductors to Russia")},
    ),
    "a person in a scheme exporting from a country: the person, not the country, supplies": (
        "Pieter Van Dam had been involved in a scheme illegally exporting machine tools from Germany to end "
        "users located in China and Russia.",
        {("Pieter Van Dam", "machine tools", "China", (), "asserted",
          "Pieter Van Dam had been involved in a scheme illegally exporting machine tools from Germany to end "
          "users located in China"),
         ("Pieter Van Dam", "machine tools", "Russia", (), "asserted",
          "Pieter Van Dam had been involved in a scheme illegally exporting machine tools from Germany to end "
          "users located in China and Russia")},
    ),
    "end users read by the parser as 'to end' keep their country as recipient": (
        "Acme Trading LLC exported machine tools to end users in Russia.",
        {("Acme Trading", "machine tools", "Russia", (), "asserted",
          "Acme Trading LLC exported machine tools to end users in Russia")},
    ),
    "without a named actor, the country the goods leave still supplies": (
        "Machine tools were exported from Germany to buyers in Russia.",
        {("Germany", "machine tools", "Russia", (), "asserted",
          "Machine tools were exported from Germany to buyers in Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_people_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected


def test_a_person_in_public_office_is_no_supplier(pipeline: Pipeline) -> None:
    # The people gazetteer gives Vladimir Putin an office ("President of Russia"): he acts for the state.
    rows = supply_rows(pipeline, "Vladimir Putin gave excavators to Belarus.")
    assert not any(row[0] == "Vladimir Putin" for row in rows)
