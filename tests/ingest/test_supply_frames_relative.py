"""Flows continued inside one sentence by a relative clause: "from where" / "whence" with a sending verb
moves the goods on from the place just named (its supplier stays, the place becomes the via), and "most of
which were made by ..." names the makers of goods just found in a weapon. A "to" phrase of another verb is
never the sender of a passive frame's goods."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "from where, passive sending verb": (
        "A Lithuanian company shipped the lathes to a firm in Kazakhstan, from where they were transported to "
        "Russia.",
        {("Lithuania", "lathes", "Kazakhstan", (), "asserted",
          "Lithuanian company shipped the lathes to a firm in Kazakhstan"),
         ("Lithuania", "lathes", "Russia", ("Kazakhstan",), "asserted", "transported to Russia")},
    ),
    "whence, passive sending verb": (
        "Nordvik Trading sold the gyroscopes to a distributor in Armenia, whence they were sent to Russia.",
        {("Nordvik Trading", "gyroscopes", "Armenia", (), "asserted",
          "Nordvik Trading sold the gyroscopes to a distributor in Armenia"),
         ("Nordvik Trading", "gyroscopes", "Russia", ("Armenia",), "asserted", "sent to Russia")},
    ),
    "transport as a sending verb": (
        "A Polish firm transported machine tools to Belarus.",
        {("Poland", "machine tools", "Belarus", (), "asserted",
          "Polish firm transported machine tools to Belarus")},
    ),
    "the recipient of a later clause is no sender of the passive": (
        "The lathes were shipped to Kazakhstan, from where they were moved to Russia.",
        set(),
    ),
    "most of which were made by firms of a country": (
        "Customs officers found 450 foreign components in Russian cruise missiles, most of which were "
        "manufactured by companies in the United States.",
        {("United States", "components", "Russia", (), "asserted",
          "most of which were manufactured by companies in the United States")},
    ),
    "some of which were made in a country": (
        "Engineers found 120 imported parts in a Russian drone, some of which were made in Japan.",
        {("Japan", "parts", "Russia", (), "asserted", "some of which were made in Japan")},
    ),
    "the share in the next sentence still reads the sentence before": (
        "Engineers found 120 imported parts in a Russian drone. Some of them were made in Japan.",
        {("Japan", "parts", "Russia", (), "asserted", "Some of them were made in Japan")},
    ),
    "a relative pronoun never reaches back a sentence": (
        "Engineers found 120 imported parts in a Russian drone. The plant, which was built in Japan, "
        "was closed.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_relative_clause_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
