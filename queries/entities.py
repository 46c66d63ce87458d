"""Entity listings over a store: canonical entities with their mention counts."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore
from ontology.errors import OntologyError
from ontology.model import load_ontology

__all__ = ["EntityRow", "list_entities"]


@dataclass(frozen=True)
class EntityRow:
    """One canonical entity as stored, with how many mentions and articles name it."""

    id: str
    type: str
    name: str
    confidence: float | None
    origin: str | None
    qid: str | None
    mentions: int
    articles: int


def list_entities(store: GraphStore, entity_type: str | None = None) -> list[EntityRow]:
    """Stored entities, most-mentioned first (then by name).

    Parameters
    ----------
    entity_type:
        A concrete ontology class (``Country``, ``Good``...); ``None`` for every entity class.

    Raises
    ------
    OntologyError
        When ``entity_type`` is not an entity class of the ontology.
    """
    onto = load_ontology()
    labels = [onto.check_label(entity_type)] if entity_type else onto.entity_classes()
    if entity_type and entity_type not in onto.entity_classes():
        raise OntologyError(f"{entity_type} is not an entity class; use one of {', '.join(onto.entity_classes())}")
    rows: list[EntityRow] = []
    for label in labels:
        result = store.query(
            f"MATCH (n:{label}) OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(n) "
            "RETURN n.id, n.name, n.confidence, n.origin, n.qid, count(m), count(DISTINCT a)"
        )
        for eid, name, confidence, origin, qid, mentions, articles in result.rows:
            rows.append(EntityRow(eid, label, name, confidence, origin, qid, int(mentions), int(articles)))
    rows.sort(key=lambda r: (-r.mentions, r.type, r.name or ""))
    return rows
