"""Entity listings over a store: canonical entities with their mention counts."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import EntityFilter, GraphStore, StoreView, view_of
from ontology.errors import OntologyError
from ontology.model import Ontology

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


def list_entities(store: GraphStore | StoreView, entity_type: str | None = None, *,
                  onto: Ontology) -> list[EntityRow]:
    """Stored entities, most-mentioned first (then by name).

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    entity_type:
        A concrete ontology class (``Country``, ``Good``...); ``None`` for every entity class.
    onto:
        The ontology naming the classes (the caller loads it: no global load here).

    Raises
    ------
    OntologyError
        When ``entity_type`` is not an entity class of the ontology.
    """
    labels = [onto.check_label(entity_type)] if entity_type else onto.entity_classes()
    if entity_type and entity_type not in onto.entity_classes():
        raise OntologyError(f"{entity_type} is not an entity class; use one of {', '.join(onto.entity_classes())}")
    found = view_of(store).entities(EntityFilter(labels=tuple(labels), counts=True))
    rows = [EntityRow(e.id, e.label, e.name, e.props.get("confidence"), e.props.get("origin"), e.props.get("qid"),
                      e.mentions or 0, e.articles or 0) for e in found]
    rows.sort(key=lambda r: (-r.mentions, r.type, r.name or ""))
    return rows
