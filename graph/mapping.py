"""The one record → graph mapping: :class:`~ontology.records.Extraction` records to a neutral :class:`GraphBatch`.

Every backend writes from the batch (:class:`graph.ladybug_store.LadybugStore` in bulk or by MERGE,
:class:`graph.neo4j_store.Neo4jStore` through the official driver) and every exporter reads the same
:class:`Node` and :class:`Relationship` shapes (a :class:`graph.snapshot.GraphSnapshot` is a batch read
back from a store). Which classes and relation types exist, their properties, the properties that
identify a relationship (``merge_key``) and which nodes are article-scoped all come from
``ontology.yaml``; nothing here names a property outside the records it reads.

The mapping is pure. What it needs to know about the store (the labels of stored entities an
extraction refers to without carrying them, and stored countries by ISO code, which LOCATED_IN and
MEMBER_OF edges reach) is asked for by :func:`references` and handed in as :class:`StoredRefs`.

Examples
--------
>>> from ontology.model import load_ontology
>>> from tests.graph.sample import sample_extraction
>>> batch = map_extractions([sample_extraction()], load_ontology())
>>> [n.label for n in batch.nodes_of("Article", "SupplyFlow")]
['Article', 'SupplyFlow']
>>> sorted({r.type for r in batch.relationships_of("SUPPLIES")})
['SUPPLIES']
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.schema import merge_key
from ontology.errors import StoreError
from ontology.ids import make_id
from ontology.model import Ontology, load_ontology
from ontology.records import Claim, Entity, Extraction, SupplyFlow

__all__ = [
    "GraphBatch",
    "Node",
    "References",
    "Relationship",
    "StoredRefs",
    "map_extraction",
    "map_extractions",
    "references",
    "relationship_key",
]


# -- the neutral graph ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One node: its concrete ontology class, id and every other ontology property.

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
    """One relationship between two nodes, with every ontology property of its type and its stable
    ``key`` (:func:`relationship_key`)."""

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
class GraphBatch:
    """Nodes and relationships to write (or read back), each once.

    ``articles`` maps the id of each article the batch writes, in order, to the ``(nodes,
    relationships)`` it adds (an entity or relationship already in the batch counts for the article
    that brought it first). A node id is unique; so is a relationship's ``(type, src, dst, merge
    key)``, the last statement of it winning, as repeated MERGE ... SET would.
    """

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]
    articles: Mapping[str, tuple[int, int]] = field(default_factory=dict)
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


def relationship_key(rel_type: str, src: str, dst: str, props: Mapping[str, Any],
                     onto: Ontology | None = None) -> str:
    """A stable key for a relationship: hash of its type, endpoints and merge-key properties.

    Two relationships with the same key are the same fact, which makes ``MERGE`` on the key idempotent
    and lets a changed non-identifying property update the edge in place.

    >>> relationship_key("VIA", "flow:1", "country:KZ", {"position": 1}).startswith("via:")
    True
    >>> relationship_key("VIA", "flow:1", "country:KZ", {"position": 1}) != relationship_key(
    ...     "VIA", "flow:1", "country:KZ", {"position": 2})
    True
    """
    keys = merge_key(onto or load_ontology(), rel_type)
    return make_id(rel_type.lower(), src, dst, [props.get(name) for name in keys])


# -- what the mapping needs from the store ---------------------------------------------------------


@dataclass(frozen=True)
class References:
    """What a batch of extractions refers to without carrying: entity ids and ISO alpha-2 codes
    (upper case) of countries that LOCATED_IN and MEMBER_OF edges would reach."""

    entity_ids: frozenset[str]
    iso_codes: frozenset[str]


@dataclass(frozen=True)
class StoredRefs:
    """The store's answer to :class:`References`: entity id → label of the stored ones, and ISO
    alpha-2 code (upper case) → stored Country id. A code with no country gets no edge; an entity id
    with no label is an error of the extraction."""

    labels: Mapping[str, str] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)


def _referenced(extraction: Extraction) -> set[str]:
    """Ids of every entity the extraction's mentions, flows and claims refer to."""
    wanted = {m.entity_id for m in extraction.mentions}
    for flow in extraction.supply:
        wanted.update((flow.supplier_id, flow.good_id, flow.recipient_id, *flow.via, *flow.end_uses))
    for claim in extraction.claims:
        wanted.update(claim.about)
        wanted.update(s.entity_id for s in claim.attributed_to if s.entity_id)
    return wanted


def _own_countries(extraction: Extraction) -> dict[str, str]:
    """ISO alpha-2 code → Country id, for the extraction's own countries."""
    return {e.iso2.upper(): e.id for e in extraction.entities if e.type == "Country" and e.iso2}


def _seated(onto: Ontology) -> frozenset[str]:
    return frozenset(onto.expand(onto.relations["LOCATED_IN"].domain))


def _seat_codes(extraction: Extraction, seated: frozenset[str]) -> set[str]:
    """ISO codes of the countries that LOCATED_IN and MEMBER_OF edges of the extraction would reach."""
    codes = {e.country.upper() for e in extraction.entities if e.type in seated and e.country}
    return codes | {m.upper() for e in extraction.entities if e.type == "Place" for m in e.members}


def references(extractions: Iterable[Extraction], onto: Ontology) -> References:
    """What the store must tell :func:`map_extractions` about these extractions (see :class:`StoredRefs`)."""
    seated = _seated(onto)
    missing: set[str] = set()
    codes: set[str] = set()
    for extraction in extractions:
        missing |= _referenced(extraction) - {e.id for e in extraction.entities}
        codes |= _seat_codes(extraction, seated) - _own_countries(extraction).keys()
    return References(frozenset(missing), frozenset(codes))


# -- building a batch -----------------------------------------------------------------------------


class _Builder:
    """Rows by label and id, relationships by (type, from label, to label) and identity, so that a
    repeated row collapses (the last one wins, as with repeated MERGE ... SET); entities keep the
    statement of highest confidence."""

    def __init__(self, onto: Ontology) -> None:
        self.onto = onto
        self.nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self.rels: dict[tuple[str, str, str], dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
        # What the ontology says about rows, looked up once per batch rather than once per row.
        self._props = {label: tuple(p for p in onto.properties_of(label) if p != "id")
                       for label in onto.concrete_classes()}
        self._rel_fields = {rel: (dict.fromkeys(rdef.properties), rdef.merge_key)
                            for rel, rdef in onto.relations.items()}
        self._entity_classes = frozenset(onto.entity_classes())
        self.seated = _seated(onto)
        self.organisations = frozenset(onto.expand(["Organisation"]))

    def node(self, label: str, node_id: str, row: Mapping[str, Any]) -> None:
        self.nodes[self.onto.check_label(label)][node_id] = {p: row.get(p) for p in self._props[label]}

    def entity(self, entity: Entity) -> None:
        label = self.onto.check_label(entity.type)
        if label not in self._entity_classes:
            raise StoreError(f"entity {entity.id}: {label} is not an entity class")
        row: dict[str, Any] = {}
        for prop in self._props[label]:
            value = getattr(entity, prop, None)
            if isinstance(value, tuple):
                value = list(value) or None  # an empty list is "unknown": it must not erase stored values
            row[prop] = value
        known = self.nodes[label].get(entity.id)
        if known is None or row["confidence"] >= known["confidence"]:
            self.nodes[label][entity.id] = row

    def rel(self, rel: str, src: tuple[str, str], dst: tuple[str, str], props: Mapping[str, Any] | None = None) -> None:
        """Add one relationship; ``src``/``dst`` are (label, id); ``props`` holds relation properties
        only (those it lacks are unknown). Duplicates collapse."""
        blank, keys = self._rel_fields[self.onto.check_relation(rel)]
        row: dict[str, Any] = {**blank, **props} if props else blank.copy()  # called per mention: kept lean
        self.rels[(rel, src[0], dst[0])][(src[1], dst[1], *[row[k] for k in keys])] = row

    def counts(self) -> tuple[int, int]:
        return sum(len(r) for r in self.nodes.values()), sum(len(r) for r in self.rels.values())

    def batch(self, articles: Mapping[str, tuple[int, int]]) -> GraphBatch:
        nodes = tuple(Node(label, node_id, props) for label in self.onto.concrete_classes()
                      for node_id, props in self.nodes.get(label, {}).items())
        rels: list[Relationship] = []
        for (rel, src_label, dst_label), by_identity in self.rels.items():
            for (src, dst, *identifying), props in by_identity.items():
                key = make_id(rel.lower(), src, dst, identifying)  # = relationship_key(rel, src, dst, props)
                rels.append(Relationship(rel, src_label, src, dst_label, dst, props, key))
        return GraphBatch(nodes=nodes, relationships=tuple(rels), articles=dict(articles))


def _by_name(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Entities by case-folded name and alias (a name wins over another entity's alias)."""
    entities = list(entities)
    out: dict[str, Entity] = {}
    for entity in entities:
        for alias in entity.aliases:
            out.setdefault(alias.casefold(), entity)
    for entity in entities:
        out[entity.name.casefold()] = entity
    return out


def _labels(extraction: Extraction, stored: StoredRefs) -> dict[str, str]:
    """Entity id → label for every entity the extraction refers to (its own, then stored ones)."""
    labels = {e.id: e.type for e in extraction.entities}
    missing = _referenced(extraction) - labels.keys()
    labels.update({eid: stored.labels[eid] for eid in missing if eid in stored.labels})
    unknown = sorted(missing - labels.keys())
    if unknown:
        raise StoreError(f"article {extraction.article.id}: unknown entities {', '.join(unknown)}")
    return labels


def _map_article(out: _Builder, extraction: Extraction, stored: StoredRefs) -> None:
    article = extraction.article
    labels = _labels(extraction, stored)
    names = {e.id: e.name for e in extraction.entities}
    out.node("Article", article.id, {
        **article.model_dump(include={"path", "url", "title", "outlet", "published", "text", "content_hash",
                                      "format"}),
        "boilerplate": [f"{s.start}:{s.end}" for s in article.boilerplate],
    })
    for entity in extraction.entities:
        out.entity(entity)
    for mention in extraction.mentions:
        ev = mention.evidence
        out.rel("MENTIONS", ("Article", article.id), (labels[mention.entity_id], mention.entity_id), {
            "start": ev.start, "end": ev.end, "surface": mention.surface, "sentence": ev.sentence,
            "extractor": ev.extractor, "confidence": mention.confidence})
    _map_context(out, extraction, stored)
    for flow in extraction.supply:
        _map_flow(out, flow, labels, names)
    for claim in extraction.claims:
        _map_claim(out, claim, labels)


def _map_context(out: _Builder, extraction: Extraction, stored: StoredRefs) -> None:
    """PUBLISHED_BY, LOCATED_IN, MEMBER_OF, BROADER and AFFILIATED_WITH, from the extraction's own entities.

    Edges reach only countries that are in the extraction or already stored (no node is invented)."""
    article = extraction.article
    outlet = next((e for e in extraction.entities if e.id == extraction.outlet_id and e.type == "MediaOutlet"), None)
    if outlet is None and article.outlet:  # an extraction built by hand names its outlet only
        outlets = _by_name(e for e in extraction.entities if e.type == "MediaOutlet")
        # "The Caravan Post" is the outlet entity "Caravan Post" (resolution drops a leading article).
        outlet = outlets.get(article.outlet.casefold()) or outlets.get(article.outlet.casefold().removeprefix("the "))
    if outlet is not None:
        out.rel("PUBLISHED_BY", ("Article", article.id), ("MediaOutlet", outlet.id))
    orgs = _by_name(e for e in extraction.entities if e.type in out.organisations)
    # ISO code → Country id: the extraction's countries, then the stored ones; a code with neither
    # gets no edge.
    countries = {**stored.countries, **_own_countries(extraction)}
    own_goods = {e.id for e in extraction.entities if e.type == "Good"}
    for entity in extraction.entities:
        for member in entity.members if entity.type == "Place" else ():
            if member.upper() in countries:
                out.rel("MEMBER_OF", ("Country", countries[member.upper()]), ("Place", entity.id))
        country = countries.get(entity.country.upper()) if entity.country else None
        if entity.type in out.seated and country is not None:
            out.rel("LOCATED_IN", (entity.type, entity.id), ("Country", country))
        for broader in entity.broader if entity.type == "Good" else ():
            if broader in own_goods:  # the broader good travels with the extraction (see Pipeline)
                out.rel("BROADER", ("Good", entity.id), ("Good", broader))
        if entity.type == "Person" and entity.organisation:
            org = orgs.get(entity.organisation.casefold())
            if org is not None:
                out.rel("AFFILIATED_WITH", ("Person", entity.id), (org.type, org.id), {"role": entity.role})


def _map_flow(out: _Builder, flow: SupplyFlow, labels: Mapping[str, str], names: Mapping[str, str]) -> None:
    ev, period = flow.evidence, flow.period
    out.node("SupplyFlow", flow.id, {
        "supplier": names.get(flow.supplier_id), "good": names.get(flow.good_id),
        "recipient": names.get(flow.recipient_id), "via": [names.get(v, v) for v in flow.via],
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "quantity": flow.quantity, "value": flow.value, "status": flow.status, "article_id": ev.article_id,
        "start": ev.start, "end": ev.end, "sentence": ev.sentence, "extractor": ev.extractor,
    })
    me = ("SupplyFlow", flow.id)

    def ref(eid: str) -> tuple[str, str]:
        return labels[eid], eid

    out.rel("SUPPLIED_BY", me, ref(flow.supplier_id))
    out.rel("SUPPLIED_TO", me, ref(flow.recipient_id))
    out.rel("OF_GOOD", me, ref(flow.good_id))
    for position, via in enumerate(flow.via):
        out.rel("VIA", me, ref(via), {"position": position})
    for use in flow.end_uses:
        out.rel("USED_FOR", me, ref(use))
    out.rel("REPORTED_IN", me, ("Article", ev.article_id), {"start": ev.start, "end": ev.end})
    route = [flow.supplier_id, *flow.via, flow.recipient_id]
    legs = [(0, route[0], route[1])] if not flow.via else [
        (n, a, b) for n, (a, b) in enumerate(itertools.pairwise(route), start=1)]
    for leg, a, b in legs:
        out.rel("SUPPLIES", ref(a), ref(b), {
            "flow_id": flow.id, "good": names.get(flow.good_id), "good_id": flow.good_id,
            "period_start": period.start if period else None, "period_end": period.end if period else None,
            "quantity": flow.quantity, "status": flow.status, "leg": leg, "article_id": ev.article_id})


def _map_claim(out: _Builder, claim: Claim, labels: Mapping[str, str]) -> None:
    ev, value, period = claim.evidence, claim.value, claim.period
    out.node("Claim", claim.id, {
        "text": claim.text, "article_id": ev.article_id, "start": ev.start, "end": ev.end,
        "metric": claim.metric, "value_raw": value.raw if value else None,
        "value_number": value.number if value else None, "value_unit": value.unit if value else None,
        "direction": value.direction if value else None, "qualifier": value.qualifier if value else None,
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "status": claim.status, "mood": claim.mood, "attributed_to": [s.name for s in claim.attributed_to],
        "extractor": ev.extractor,
    })
    me = ("Claim", claim.id)
    out.rel("REPORTED_IN", me, ("Article", ev.article_id), {"start": ev.start, "end": ev.end})
    linked = [(pos, s.entity_id, s.role) for pos, s in enumerate(claim.attributed_to) if s.entity_id]
    for position, eid, role in linked:
        out.rel("ATTRIBUTED_TO", me, (labels[eid], eid), {"position": position, "role": role})
    for (_, a, _), (_, b, _) in itertools.pairwise(linked):
        if a != b:  # an outlet quoting itself is no citation
            out.rel("CITES", (labels[a], a), (labels[b], b), {"claim_id": claim.id})
    for eid in claim.about:
        out.rel("ABOUT", me, (labels[eid], eid))
    for fid in claim.supply_ids:
        out.rel("SUPPORTS", me, ("SupplyFlow", fid))


def map_extractions(extractions: Iterable[Extraction], onto: Ontology,
                    stored: StoredRefs | None = None) -> GraphBatch:
    """The graph of a batch of extractions: nodes and relationships, each once (see :class:`GraphBatch`).

    An article met twice is mapped once (the first copy). ``stored`` is the store's answer to
    :func:`references` for the same extractions; without it, every referenced entity must travel in
    its extraction and seat edges reach only the extraction's own countries.

    Raises
    ------
    StoreError
        When a record refers to an entity neither in its extraction nor in ``stored``, or an entity's
        type is not an entity class.
    OntologyError
        When a label or relation type is outside the ontology.

    Complexity: O(records), one pass.
    """
    stored = stored if stored is not None else StoredRefs()
    out = _Builder(onto)
    articles: dict[str, tuple[int, int]] = {}
    for extraction in extractions:
        article_id = extraction.article.id
        if article_id in articles:
            continue
        before = out.counts()
        _map_article(out, extraction, stored)
        after = out.counts()
        articles[article_id] = (after[0] - before[0], after[1] - before[1])
    return out.batch(articles)


def map_extraction(extraction: Extraction, onto: Ontology, stored: StoredRefs | None = None) -> GraphBatch:
    """:func:`map_extractions` of one extraction."""
    return map_extractions([extraction], onto, stored)
