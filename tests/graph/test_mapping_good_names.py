"""A flow's good as the text names it ("electrical components") reaches the extract JSON; the graph keeps
the canonical good it links to ("electrical parts"), so queries by good id and name stay as they were."""

from __future__ import annotations

from graph.mapping import map_extraction
from ingest.pipeline import Pipeline
from ontology.model import load_ontology
from tests.factories import article_from_text
from tradetrace.output import extraction_json


def test_written_good_name_in_json_canonical_good_in_graph(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(article_from_text("Velmora Ltd shipped electrical components to Russia."))
    (flow,) = extraction.supply
    assert (flow.good_id, flow.good_name) == ("good:electrical-parts", "electrical components")
    (row,) = extraction_json(extraction)["supply"]
    assert (row["good"], row["good_id"]) == ("electrical components", "good:electrical-parts")
    batch = map_extraction(extraction, load_ontology())
    (node,) = batch.nodes_of("SupplyFlow")
    assert node.get("good") == "electrical parts"
    goods = [rel for rel in batch.relationships if rel.type == "OF_GOOD"]
    assert [rel.dst for rel in goods] == ["good:electrical-parts"]
