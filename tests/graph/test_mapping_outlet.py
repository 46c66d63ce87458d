"""The article's PUBLISHED_BY edge: by the outlet id the pipeline resolved, else by the outlet's name."""

from __future__ import annotations

from graph.mapping import map_extractions
from ontology.model import load_ontology
from ontology.records import Entity
from tests.graph.sample import WSJ, sample_extraction

ONTO = load_ontology()


def _published_by(extraction: object) -> list[str]:
    batch = map_extractions([extraction], ONTO)  # type: ignore[list-item]
    return [r.dst for r in batch.relationships if r.type == "PUBLISHED_BY"]


def test_the_resolved_outlet_id_is_used_whatever_the_outlet_is_called() -> None:
    # "WSJ Pro" is no name or alias of the entity: only the id the pipeline resolved links it.
    extraction = sample_extraction(outlet="WSJ Pro")
    assert _published_by(extraction) == []
    assert _published_by(extraction.model_copy(update={"outlet_id": WSJ.id})) == [WSJ.id]


def test_without_an_id_the_outlet_is_found_by_name_or_alias() -> None:
    assert _published_by(sample_extraction(outlet="The Wall Street Journal")) == [WSJ.id]
    assert _published_by(sample_extraction(outlet="WSJ")) == [WSJ.id]


def test_an_id_that_names_no_outlet_entity_falls_back_to_the_name() -> None:
    other = Entity(id="country:XX", type="Country", name="Elsewhere")
    extraction = sample_extraction()
    odd = extraction.model_copy(update={"outlet_id": other.id, "entities": (*extraction.entities, other)})
    assert _published_by(odd) == [WSJ.id]
