"""Hyphenated trigger words stay one token ("re-exported", lemma "re-export", read by the model as
"exported"), so the sentence around them parses as it would around "exported": the subject, the goods and
the route hang on the verb. A past participle with a direct object on the noun before it is that noun's
verb, not a passive ("UAE-based firms re-exported $50 million of chips"), and a progressive verb the parser
hung on its object as a compound ("are (shipping engines) to Russia") keeps its subject and route."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows


def test_hyphenated_triggers_are_one_token_with_their_lemma(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Armenia re-exported cameras, and Re-exports of cars were re-routed by re-exporters.")
    words = {t.text: (t.lemma_, t.norm_) for t in doc}
    assert words["re-exported"] == ("re-export", "exported")
    assert words["Re-exports"] == ("re-export", "exports")
    assert words["re-routed"][0] == "re-route"
    assert words["re-exporters"][0] == "re-exporter"
    assert "re" not in words


FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "re-exported with a hyphenated origin on the goods": (
        "Armenia re-exported Japanese-made cameras to Russia.",
        {("Armenia", "cameras", "Russia", (), "asserted", "Armenia re-exported Japanese-made cameras to Russia")},
    ),
    "re-exported read as a participle on its subject": (
        "UAE-based firms re-exported at least $50 million of microchips to Russia last year, an analysis of "
        "customs declarations shows.",
        {("United Arab Emirates", "integrated circuits", "Russia", (), "asserted",
          "UAE-based firms re-exported at least $50 million of microchips to Russia")},
    ),
    "a passive participle on its noun stays passive": (
        "The chips shipped to Russia last year were made in Taiwan.",
        set(),
    ),
    "re-exported in a relative clause on a named company": (
        "Treasury also designated Almaty-based Aral Trade LLP, which re-exported Western-origin microchips to "
        "Russia.",
        {("Aral Trade", "integrated circuits", "Russia", (), "asserted",
          "Aral Trade LLP, which re-exported Western-origin microchips to Russia")},
    ),
    "the goods, a category, refer back to the earlier flow's goods": (
        "Hexian Tools Co., Ltd. sold Bishkek-based Tengri Supply LLC ball bearings in May. The goods were "
        "re-exported to Russia.",
        {("Hexian Tools", "ball bearings", "Tengri Supply", (), "asserted",
          "Hexian Tools Co., Ltd. sold Bishkek-based Tengri Supply LLC ball bearings"),
         ("Hexian Tools", "ball bearings", "Russia", ("Kyrgyzstan",), "asserted", "goods were re-exported to Russia")},
    ),
    "a progressive verb read as a compound of its object": (
        "Chinese firms are shipping engines to Russia.",
        {("China", "engines", "Russia", (), "asserted", "Chinese firms are shipping engines to Russia")},
    ),
    "a shipping firm is no trade": (
        "The company is a shipping firm based in Dubai.",
        set(),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_reexport_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
