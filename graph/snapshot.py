"""Read the whole stored graph into typed node and relationship lists.

Every exporter (Neo4j push, Cypher script, CSV, RDF, FollowTheMoney, ClaimReview, GraphML) works from
one :class:`GraphSnapshot`, read through the store's Cypher interface only, so any backend that
passes the store contract can be exported. Labels, relationship types and property names in the
read queries come from the ontology (the allow-list); the queries take no values at all.

A relationship gets a stable ``key``: the hash of its type, endpoints and identifying properties
(:data:`graph.schema.MERGE_KEYS`, the same ones the embedded store merges on). Two relationships
with the same key are the same fact, which makes ``MERGE`` on the key idempotent and lets a changed
non-identifying property update the edge in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.schema import MERGE_KEYS
from graph.store import GraphStore
from ontology.errors import StoreError
from ontology.ids import make_id
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
class Node:
    """One stored node: its concrete ontology class, id and every other ontology property.

    ``props`` holds each property the ontology gives the label except ``id``, ``None`` where unset,
    in ontology order.
    """

    label: str
    id: str
    props: Mapping[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        """A property value, ``default`` when unset."""
        value = self.props.get(name)
        return default if value is None else value


@dataclass(frozen=True)
class Relationship:
    """One stored relationship between two nodes, with its ontology properties and stable key."""

    type: str
    src_label: str
    src: str
    dst_label: str
    dst: str
    props: Mapping[str, Any]
    key: str

    def get(self, name: str, default: Any = None) -> Any:
        """A property value, ``default`` when unset."""
        value = self.props.get(name)
        return default if value is None else value


@dataclass(frozen=True)
class GraphSnapshot:
    """Nodes (by label, then id) and relationships (by type, then key) of a whole store."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]
    _by_id: dict[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {node.id: node for node in self.nodes})

    def node(self, node_id: str) -> Node | None:
        """The node with this id, or ``None``."""
        return self._by_id.get(node_id)

    def nodes_of(self, *labels: str) -> list[Node]:
        """Nodes whose label is one of ``labels``."""
        return [node for node in self.nodes if node.label in labels]

    def relationships_of(self, *types: str) -> list[Relationship]:
        """Relationships whose type is one of ``types``."""
        return [rel for rel in self.relationships if rel.type in types]

    def outgoing(self, node_id: str, rel_type: str) -> list[Relationship]:
        """Relationships of ``rel_type`` leaving ``node_id``."""
        return [rel for rel in self.relationships if rel.src == node_id and rel.type == rel_type]

    def labels(self) -> list[str]:
        """Labels present, in first-seen order."""
        return list(dict.fromkeys(node.label for node in self.nodes))

    def relationship_groups(self) -> Iterator[tuple[tuple[str, str, str], list[Relationship]]]:
        """Relationships grouped by ``(type, src_label, dst_label)``, groups in first-seen order."""
        groups: dict[tuple[str, str, str], list[Relationship]] = {}
        for rel in self.relationships:
            groups.setdefault((rel.type, rel.src_label, rel.dst_label), []).append(rel)
        yield from groups.items()


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


def relationship_key(rel_type: str, src: str, dst: str, props: Mapping[str, Any]) -> str:
    """A stable key for a relationship: hash of its type, endpoints and identifying properties.

    >>> relationship_key("VIA", "flow:1", "country:KZ", {"position": 1}).startswith("via:")
    True
    >>> relationship_key("VIA", "flow:1", "country:KZ", {"position": 1}) != relationship_key(
    ...     "VIA", "flow:1", "country:KZ", {"position": 2})
    True
    """
    identifying = [props.get(name) for name in MERGE_KEYS.get(rel_type, ())]
    return make_id(rel_type.lower(), src, dst, identifying)


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
                                      dst=dst, props=props, key=relationship_key(rel_type, src, dst, props)))
        unique = {rel.key: rel for rel in found}
        relationships.extend(sorted(unique.values(), key=lambda rel: (rel.src, rel.dst, rel.key)))
    return GraphSnapshot(nodes=tuple(nodes), relationships=tuple(relationships))
