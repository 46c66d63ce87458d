"""The supply flows of a text as comparable rows, for the phrasing-family tests of the supply frames."""

from __future__ import annotations

from ingest.pipeline import Pipeline
from ontology.records import Extraction
from tests.factories import article_from_text

__all__ = ["Row", "supply_rows"]

#: supplier, good, recipient, via, status and the evidence text, each party by its canonical name.
Row = tuple[str, str, str, tuple[str, ...], str, str]


def supply_rows(pipeline: Pipeline, text: str) -> set[Row]:
    """The flows extracted from ``text``, checking on the way that each evidence span quotes the text."""
    extraction: Extraction = pipeline.extract(article_from_text(text))
    names = {e.id: e.name for e in extraction.entities}
    rows = set()
    for flow in extraction.supply:
        assert text[flow.evidence.start:flow.evidence.end] == flow.evidence.text
        rows.add((names[flow.supplier_id], names[flow.good_id], names[flow.recipient_id],
                  tuple(names[v] for v in flow.via), flow.status, flow.evidence.text))
    return rows
