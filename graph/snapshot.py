"""Read the whole stored graph into typed node and relationship lists.

Every exporter (Neo4j push, Cypher script, CSV, RDF, FollowTheMoney, ClaimReview, GraphML) works from
one :class:`GraphSnapshot`, read through the store's Cypher interface only, so any backend that
passes the store contract can be exported. Labels, relationship types and property names in the
read queries come from the ontology (the allow-list); the queries take no values at all.

A relationship gets a stable ``key``: the hash of its type, endpoints and identifying properties
(the ``merge_key`` of its type in ``ontology.yaml``, the same one every store merges on;
:func:`graph.mapping.relationship_key`). Two relationships
with the same key are the same fact, which makes ``MERGE`` on the key idempotent and lets a changed
non-identifying property update the edge in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.mapping import GraphBatch, Node, Relationship, relationship_key
from graph.store import GraphStore
from ontology.errors import StoreError
from ontology.model import Ontology, load_ontology

__all__ = [
    "GraphSnapshot",
    "Node",
    "Relationship",
    "cypher_name",
    "node_query",
    "read_snapshot",
    "relationship_key",
    "relationship_query",
]

# Words that cannot stand bare as a property name in every Cypher dialect we speak (the embedded
# store's parser refuses ``n.end``); such names are written in backticks.
_RESERVED = frozenset([
    "all", "and", "as", "asc", "ascending", "by", "call", "case", "contains", "count", "create", "delete", "desc",
    "descending", "detach", "distinct", "else", "end", "ends", "exists", "false", "in", "is", "limit", "match",
    "merge", "not", "null", "on", "optional", "or", "order", "remove", "return", "set", "skip", "starts", "then",
    "true", "union", "unwind", "when", "where", "with", "xor", "yield",
])
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cypher_name(name: str) -> str:
    """A property or variable name as Cypher text: bare when safe, else in backticks.

    >>> cypher_name("start"), cypher_name("end"), cypher_name("odd key")
    ('start', '`end`', '`odd key`')
    """
    if _PLAIN_NAME.match(name) and name.lower() not in _RESERVED:
        return name
    return "`" + name.replace("`", "``") + "`"


@dataclass(frozen=True)
class GraphSnapshot(GraphBatch):
    """Nodes (by label, then id) and relationships (by type, then key) of a whole store: the
    :class:`graph.mapping.GraphBatch` the store's writes add up to, read back."""


def node_query(onto: Ontology, label: str) -> str:
    """The read query for every node of ``label``, one column per ontology property (``id`` first).

    >>> node_query(load_ontology(), "Country")
    'MATCH (n:Country) RETURN n.id, n.name, n.aliases, n.qid, n.confidence, n.origin, n.iso2, n.iso3 ORDER BY n.id'
    """
    onto.check_label(label)
    columns = ", ".join(f"n.{cypher_name(name)}" for name in onto.properties_of(label))
    return f"MATCH (n:{label}) RETURN {columns} ORDER BY n.id"


def relationship_query(onto: Ontology, rel_type: str) -> str:
    """The read query for every relationship of ``rel_type``: source id, target id, then properties.

    Endpoints are left unlabelled (the relation's domain and range bound them) and are resolved to
    labels through the node ids read before.

    >>> relationship_query(load_ontology(), "VIA")
    'MATCH (a)-[r:VIA]->(b) RETURN a.id, b.id, r.position'
    """
    rdef = onto.relations[onto.check_relation(rel_type)]
    columns = ["a.id", "b.id", *(f"r.{cypher_name(name)}" for name in rdef.properties)]
    return f"MATCH (a)-[r:{rel_type}]->(b) RETURN {', '.join(columns)}"


def _normalise(value: Any) -> Any:
    # Lists come back as lists from every backend; an empty list and NULL both mean "unset".
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, list) and not value:
        return None
    return value


def read_snapshot(store: GraphStore, onto: Ontology | None = None,
                  labels: Iterable[str] | None = None) -> GraphSnapshot:
    """Read every node and relationship of the store.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore` (read-only is enough).
    onto:
        The ontology naming labels and properties; the shipped one by default.
    labels:
        Restrict to these node labels (relationships whose endpoints are outside are dropped).

    Returns
    -------
    GraphSnapshot
        Nodes ordered by label (ontology order) then id; relationships by type (ontology order),
        then source, target and key. Property values as the store returns them (``datetime.date``
        for DATE), empty lists read as ``None``.

    Raises
    ------
    StoreError
        When a query fails, or one id carries two labels (relationship endpoints would be ambiguous).

    Complexity: one query per concrete class and one per relationship type, O(nodes + relationships).
    """
    onto = onto or load_ontology()
    wanted = [onto.check_label(label) for label in labels] if labels is not None else onto.concrete_classes()
    nodes: list[Node] = []
    label_of: dict[str, str] = {}
    for label in wanted:
        names = list(onto.properties_of(label))
        for row in store.query(node_query(onto, label)).rows:
            values = dict(zip(names, (_normalise(v) for v in row), strict=True))
            node_id = str(values.pop("id"))
            if node_id in label_of and label_of[node_id] != label:
                raise StoreError(f"node id {node_id!r} has two labels: {label_of[node_id]} and {label}")
            label_of[node_id] = label
            nodes.append(Node(label=label, id=node_id, props=values))
    relationships: list[Relationship] = []
    for rel_type, rdef in onto.relations.items():
        names = list(rdef.properties)
        found: list[Relationship] = []
        for row in store.query(relationship_query(onto, rel_type)).rows:
            src, dst = str(row[0]), str(row[1])
            if src not in label_of or dst not in label_of:
                continue
            props = dict(zip(names, (_normalise(v) for v in row[2:]), strict=True))
            found.append(Relationship(type=rel_type, src_label=label_of[src], src=src, dst_label=label_of[dst],
                                      dst=dst, props=props, key=relationship_key(rel_type, src, dst, props, onto)))
        unique = {rel.key: rel for rel in found}
        relationships.extend(sorted(unique.values(), key=lambda rel: (rel.src, rel.dst, rel.key)))
    return GraphSnapshot(nodes=tuple(nodes), relationships=tuple(relationships))
