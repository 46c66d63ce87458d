"""What a frame's goods are not: a good inside a relative clause of its own is what that clause is about,
not what the trigger above moves; goods listed as examples ("including ...") still are."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

_SHIPPED = ("Chinese companies shipped 500 rifles and other items that could be used for military purposes to "
            "Russian customers through Kazakhstan in the first half of 2023, including drones and body armor")

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "a good in a relative clause on the goods is not supplied": (
        "Velmora Ltd supplies the Russian army with CNC machines which are used to automate the handling of "
        "industrial robots.",
        {("Velmora", "CNC machine tools", "Russia", (), "asserted",
          "Velmora Ltd supplies the Russian army with CNC machines")},
    ),
    "a good of the coordinated clause is not the goods of the trigger": (
        "Nitrocellulose is used to make gunpowder for artillery shells, and Russia has been buying it from China.",
        set(),
    ),
    "the weapon goods were found in is not what was shipped": (
        "The gyroscopes, which Orbital Parts LLC shipped to Russia, were later found in drones.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "gyroscopes, which Orbital Parts LLC shipped to Russia")},
    ),
    "the object of supplying X with Y is the recipient, never the goods": (
        "Orbital Parts LLC has been supplying Russia's military with gyroscopes since 2022.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC has been supplying Russia's military with gyroscopes")},
    ),
    "goods listed with 'including' after a relative clause are supplied": (
        _SHIPPED + ".",
        {("China", good, "Russia", ("Kazakhstan",), "asserted", _SHIPPED)
         for good in ("assault rifles", "drones", "body armor")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_frame_goods_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected


def test_role_table_rows_come_from_the_lexicon() -> None:
    from ingest.extract.supply import read_supply_lexicon

    lexicon = read_supply_lexicon()
    suppliers, recipients = lexicon.role_markers("in", "passive")
    assert "from" in suppliers and recipients == frozenset({"by"})  # "agent" expanded to its prepositions
    assert lexicon.role_markers("out", "passive") == lexicon.role_markers("out", "verb")  # no row of its own


def test_role_table_missing_a_direction_fails_with_the_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from ingest.extract.supply.lexicon import LEXICON_PATH, read_supply_lexicon
    from ontology.errors import OntologyError

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    del data["roles"]["motion"]
    path = tmp_path / "supply_lexicon.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(OntologyError, match="motion"):
        read_supply_lexicon(path)
