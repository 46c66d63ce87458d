"""People as suppliers: a private person who runs a trade (the head of a procurement network, a trader
charged with smuggling) sends the goods in their own name; a named actor doing the trade wins over the place
the goods leave from; a person in a public office acts for the state and is no party."""

from __future__ import annotations

import pytest

from ingest.extract.supply import ParseGate, load_supply_lexicon
from ingest.pipeline import Pipeline
from ontology.model import load_ontology
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
    "'the network' stands for the person said to lead it": (
        "Prosecutors said the network is run by Dutch national Pieter Van Dam. The network shipped machine tools "
        "to Russia.",
        {("Pieter Van Dam", "machine tools", "Russia", (), "asserted", "network shipped machine tools to Russia")},
    ),
    "a network's leader named in an acl, the network's route kept": (
        "Prosecutors named a smuggling ring led by Dutch national Pieter Van Dam. The ring had tried to ship "
        "microchips to Iran through Malaysia and Turkey.",
        {("Pieter Van Dam", "integrated circuits", "Iran", ("Malaysia", "Turkey"), "asserted",
          "ring had tried to ship microchips to Iran through Malaysia and Turkey")},
    ),
    "an indefinite network is a party of its own, not the leader's": (
        "Prosecutors said the network is run by Dutch national Pieter Van Dam. A network in Dubai shipped machine "
        "tools to Russia.",
        {("United Arab Emirates", "machine tools", "Russia", (), "asserted", "Dubai shipped machine tools to Russia")},
    ),
    "a network no leader was named for sends nothing": (
        "The network shipped machine tools to Russia.",
        set(),
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


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The network is led by Dutch national Pieter Van Dam.", True),
    ("A smuggling ring run by a Dutch national operated from Rotterdam.", True),
    ("The talks were led in Geneva.", False),
])
def test_a_leader_sentence_is_parsed_without_goods(sentence: str, expected: bool) -> None:
    # its agent is whom a later "the network" stands for, so it needs a parse though it names no good
    gate = ParseGate(load_supply_lexicon(load_ontology()))
    assert gate.needs_parse(sentence, names_a_good=False) is expected
