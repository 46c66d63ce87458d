"""Parties named by reference: a counted plural company noun ("the two companies", "both firms") stands for
as many of the companies named last, and each of them sends the goods; an uncounted or placed one ("two
companies in Dubai") names new parties."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "the two companies": (
        "The Treasury designated Orbital Parts LLC and Kestrel Optics Ltd. The two companies shipped gyroscopes "
        "to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "companies shipped gyroscopes to Russia"),
         ("Kestrel Optics", "gyroscopes", "Russia", (), "asserted", "companies shipped gyroscopes to Russia")},
    ),
    "both firms": (
        "The Treasury designated Orbital Parts LLC and Kestrel Optics Ltd. Both firms exported gyroscopes to "
        "Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "firms exported gyroscopes to Russia"),
         ("Kestrel Optics", "gyroscopes", "Russia", (), "asserted", "firms exported gyroscopes to Russia")},
    ),
    "the two companies with a demonym: the companies, not their country": (
        "The UK listed Orbital Parts LLC and Kestrel Optics Ltd among its targets. According to the statement, "
        "the two Turkish companies are exporting gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "companies are exporting gyroscopes to Russia"),
         ("Kestrel Optics", "gyroscopes", "Russia", (), "asserted", "companies are exporting gyroscopes to Russia")},
    ),
    "companies placed somewhere are new parties": (
        "The Treasury designated Orbital Parts LLC and Kestrel Optics Ltd. Two companies in Dubai shipped "
        "gyroscopes to Russia.",
        {("United Arab Emirates", "gyroscopes", "Russia", (), "asserted", "Dubai shipped gyroscopes to Russia")},
    ),
    "a city naming an unnamed firm's home stands for its country": (
        "A Shenzhen company sold the motors to a Moscow-based distributor.",
        {("China", "motors", "Russia", (), "asserted", "Shenzhen company sold the motors to a Moscow")},
    ),
    "buyers in a country after a middleman's delivery; the goods' origin is no recipient": (
        "Velmora Ltd served as a middleman for the delivery of electrical components of Japanese origin to buyers "
        "in Russia.",
        {("Velmora", "electrical parts", "Russia", (), "asserted",
          "Velmora Ltd served as a middleman for the delivery of electrical components of Japanese origin to "
          "buyers in Russia")},
    ),
    "more companies counted than named refer to none": (
        "The Treasury designated Orbital Parts LLC. The three companies shipped gyroscopes to Russia.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_party_reference_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
