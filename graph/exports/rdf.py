"""RDF of a snapshot: resources typed with the ontology's classes, PROV-O provenance for claims and
Web Annotation selectors for evidence spans; Turtle, JSON-LD or N-Triples through rdflib.

* Every node is ``<resource_namespace + id with ':' as '/'>`` (``.../id/country/CN``), typed with its
  ontology class, with its properties as typed literals of the ontology's datatype properties
  (``STRING[]`` as several values) and ``owl:sameAs <http://www.wikidata.org/entity/Q…>`` where the
  QID is known. Relationships are plain triples ``src tt:REL dst`` (edge properties live on the
  evidence below, or are dropped: RDF has no edge properties).
* Claims are also ``prov:Entity``: ``prov:wasDerivedFrom`` the article, ``prov:wasAttributedTo`` every
  source of the attribution chain (typed ``prov:Agent``), ``prov:wasQuotedFrom`` the cited ones.
* Each evidence span (a mention, a claim, a flow, at ``start``-``end`` of an article) is ONE
  ``oa:Annotation`` node whatever it supports: ``oa:hasBody`` the entities, claims or flows stated
  there, ``oa:hasTarget`` a ``oa:SpecificResource`` on the article with a ``oa:TextPositionSelector``
  (``oa:start``/``oa:end``) and a ``oa:TextQuoteSelector`` (``oa:exact``).

The output conforms to the SHACL shapes of :func:`ontology.shapes.ontology_graph` (tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from graph.snapshot import GraphSnapshot, Node
from ontology.errors import ExportError
from ontology.ids import make_id
from ontology.model import Ontology, PropertyType, load_ontology

__all__ = ["OA", "RDF_FORMATS", "WIKIDATA", "rdf_graph", "resource_iri", "serialize_rdf"]

OA = Namespace("http://www.w3.org/ns/oa#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
# CLI name -> rdflib serializer name
RDF_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt"}

_XSD: dict[PropertyType, URIRef] = {"STRING": XSD.string, "INT64": XSD.long, "DOUBLE": XSD.double,
                                    "BOOLEAN": XSD.boolean, "DATE": XSD.date, "STRING[]": XSD.string}
# Relations that carry an evidence span (start/end on the edge): (edge type, which end is the article).
_SPAN_EDGES = {"MENTIONS": "src", "REPORTED_IN": "dst"}


def resource_iri(onto: Ontology, node_id: str) -> URIRef:
    """The stable IRI of a stored node: the resource namespace plus the id with ``:`` as ``/``.

    >>> str(resource_iri(load_ontology(), "country:RU"))
    'https://w3id.org/tradetrace/id/country/RU'
    """
    return URIRef(onto.resource_namespace + node_id.replace(":", "/"))


def _literal(value: Any, ptype: PropertyType) -> Literal:
    if ptype == "STRING" or ptype == "STRING[]":
        return Literal(str(value))  # a plain literal is an xsd:string
    if ptype == "DATE" and isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value, datatype=_XSD[ptype])


def _add_node(graph: Graph, onto: Ontology, ns: Namespace, node: Node) -> None:
    subject = resource_iri(onto, node.id)
    graph.add((subject, RDF.type, ns[node.label]))
    graph.add((subject, ns["id"], Literal(node.id)))
    types = onto.properties_of(node.label)
    for name, value in node.props.items():
        if value is None:
            continue
        ptype = types[name]
        for item in value if isinstance(value, list | tuple) else [value]:
            graph.add((subject, ns[name], _literal(item, ptype)))
    label = node.get("name") or node.get("title")
    if label:
        graph.add((subject, RDFS.label, Literal(str(label))))
    if node.get("qid"):
        graph.add((subject, OWL.sameAs, WIKIDATA[str(node.get("qid"))]))


class _Spans:
    """Evidence annotations keyed by (article, start, end): one node per span, bodies accumulate."""

    def __init__(self, graph: Graph, onto: Ontology, snapshot: GraphSnapshot) -> None:
        self.graph, self.onto, self.snapshot = graph, onto, snapshot
        self.nodes: dict[tuple[str, int, int], URIRef] = {}

    def add(self, article_id: str, start: Any, end: Any, body: URIRef, exact: str | None = None) -> None:
        if not isinstance(start, int) or not isinstance(end, int):
            return
        key = (article_id, start, end)
        annotation = self.nodes.get(key)
        if annotation is None:
            annotation = URIRef(self.onto.resource_namespace + make_id("evidence", *key).replace(":", "/"))
            self.nodes[key] = annotation
            self._describe(annotation, article_id, start, end, exact)
        self.graph.add((annotation, OA.hasBody, body))

    def _describe(self, annotation: URIRef, article_id: str, start: int, end: int, exact: str | None) -> None:
        g = self.graph
        article = self.snapshot.node(article_id)
        text = article.get("text") if article is not None else None
        if isinstance(text, str) and end <= len(text):
            exact = text[start:end]
        target, position, quote = BNode(), BNode(), BNode()
        g.add((annotation, RDF.type, OA.Annotation))
        g.add((annotation, RDF.type, PROV.Entity))
        g.add((annotation, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, resource_iri(self.onto, article_id)))
        g.add((target, OA.hasSelector, position))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        if exact is not None:
            g.add((target, OA.hasSelector, quote))
            g.add((quote, RDF.type, OA.TextQuoteSelector))
            g.add((quote, OA.exact, Literal(exact)))


def _provenance(graph: Graph, onto: Ontology, snapshot: GraphSnapshot, claims: Iterable[Node]) -> None:
    for claim in claims:
        subject = resource_iri(onto, claim.id)
        graph.add((subject, RDF.type, PROV.Entity))
        articles = {rel.dst for rel in snapshot.outgoing(claim.id, "REPORTED_IN")}
        if claim.get("article_id") and snapshot.node(claim.get("article_id")) is not None:
            articles.add(claim.get("article_id"))
        for article_id in sorted(articles):
            graph.add((subject, PROV.wasDerivedFrom, resource_iri(onto, article_id)))
        for rel in snapshot.outgoing(claim.id, "ATTRIBUTED_TO"):
            source = resource_iri(onto, rel.dst)
            graph.add((source, RDF.type, PROV.Agent))
            graph.add((subject, PROV.wasAttributedTo, source))
            if rel.get("role") in ("cited", "origin"):
                graph.add((subject, PROV.wasQuotedFrom, source))


def rdf_graph(snapshot: GraphSnapshot, onto: Ontology | None = None) -> Graph:
    """The snapshot as an rdflib ``Graph`` (see the module docstring for the model)."""
    onto = onto or load_ontology()
    ns = Namespace(onto.namespace)
    graph = Graph()
    graph.bind("tt", ns)
    graph.bind("ttid", Namespace(onto.resource_namespace))
    graph.bind("prov", PROV)
    graph.bind("oa", OA)
    graph.bind("owl", OWL)
    graph.bind("wd", WIKIDATA)
    for node in snapshot.nodes:
        _add_node(graph, onto, ns, node)
    spans = _Spans(graph, onto, snapshot)
    for rel in snapshot.relationships:
        graph.add((resource_iri(onto, rel.src), ns[rel.type], resource_iri(onto, rel.dst)))
        side = _SPAN_EDGES.get(rel.type)
        if side == "src":  # MENTIONS: the entity is named at this span of the article
            spans.add(rel.src, rel.get("start"), rel.get("end"), resource_iri(onto, rel.dst), rel.get("surface"))
        elif side == "dst":  # REPORTED_IN: the claim or flow is stated at this span
            spans.add(rel.dst, rel.get("start"), rel.get("end"), resource_iri(onto, rel.src))
    _provenance(graph, onto, snapshot, snapshot.nodes_of("Claim"))
    return graph


def serialize_rdf(snapshot: GraphSnapshot, fmt: str = "turtle", onto: Ontology | None = None) -> str:
    """The RDF as text in ``fmt`` (``turtle``, ``json-ld`` or ``nt``).

    Raises
    ------
    ExportError
        For an unknown format.
    """
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    graph = rdf_graph(snapshot, onto)
    if fmt == "json-ld":
        context = {prefix: str(uri) for prefix, uri in graph.namespaces()
                   if prefix in ("tt", "ttid", "prov", "oa", "owl", "wd", "rdfs", "xsd")}
        return str(graph.serialize(format="json-ld", context=context, indent=2))
    return str(graph.serialize(format=RDF_FORMATS[fmt]))
