"""The generated OWL/SHACL Turtle: committed copy up to date, shapes that accept and refuse data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, RDF, RDFS

from ontology.errors import OntologyError
from ontology.model import Ontology, load_ontology
from ontology.shapes import ontology_graph, render_turtle

TTL = Path(__file__).resolve().parents[2] / "ontology" / "tradetrace.ttl"
ONTO = load_ontology()
TT = Namespace(ONTO.namespace)
ID = Namespace(ONTO.resource_namespace)


def test_committed_turtle_is_up_to_date() -> None:
    assert TTL.read_text(encoding="utf-8") == render_turtle(ONTO), (
        "ontology/tradetrace.ttl is stale; regenerate it with `python -m ontology.shapes > ontology/tradetrace.ttl`"
    )


def test_render_is_deterministic() -> None:
    assert render_turtle(ONTO) == render_turtle(ONTO)


def test_turtle_parses_back_to_the_same_graph() -> None:
    from rdflib.compare import isomorphic

    assert isomorphic(Graph().parse(data=render_turtle(ONTO), format="turtle"), ontology_graph(ONTO))


def test_classes_with_parents_and_comments() -> None:
    g = ontology_graph(ONTO)
    assert (TT.Country, RDF.type, OWL.Class) in g
    assert (TT.Company, RDFS.subClassOf, TT.Organisation) in g
    assert (TT.Organisation, RDFS.subClassOf, TT.Entity) in g
    assert (TT.Country, RDFS.comment, Literal(ONTO.classes["Country"].description)) in g
    assert (TT.Article, RDFS.subClassOf, None) not in g


def test_relations_with_domain_range_and_unions() -> None:
    g = ontology_graph(ONTO)
    assert (TT.MENTIONS, RDF.type, OWL.ObjectProperty) in g
    assert (TT.MENTIONS, RDFS.domain, TT.Article) in g
    assert (TT.MENTIONS, RDFS.range, TT.Entity) in g
    union = g.value(TT.LOCATED_IN, RDFS.domain)
    members = set(g.items(g.value(union, OWL.unionOf)))
    assert members == {TT.Organisation, TT.Place}


def test_datatype_properties_with_xsd_ranges() -> None:
    g = ontology_graph(ONTO)
    assert (TT.iso2, RDF.type, OWL.DatatypeProperty) in g
    assert (TT.iso2, RDFS.range, rns.XSD.string) in g
    assert (TT.published, RDFS.range, rns.XSD.date) in g
    assert (TT.start, RDFS.range, rns.XSD.long) in g
    assert (TT.confidence, RDFS.range, rns.XSD.double) in g


def test_a_property_with_two_types_is_refused() -> None:
    raw = ONTO.model_dump()
    raw["classes"]["Country"]["properties"]["kind"] = "INT64"  # Place.kind is STRING
    with pytest.raises(OntologyError, match="kind"):
        ontology_graph(Ontology.model_validate(raw))


def _country(g: Graph, node: URIRef, *, name: str | None = "China", iso2: object = "CN") -> None:
    g.add((node, RDF.type, TT.Country))
    g.add((node, TT.id, Literal("country:CN")))
    if name is not None:
        g.add((node, TT.name, Literal(name)))
    g.add((node, TT.iso2, Literal(iso2)))
    g.add((node, TT.aliases, Literal("PRC")))
    g.add((node, TT.aliases, Literal("People's Republic of China")))
    g.add((node, TT.confidence, Literal(1.0)))


def _conforms(data: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(data, shacl_graph=ontology_graph(ONTO), inference="none")
    return bool(conforms), str(text)


def test_shapes_accept_a_conforming_sample() -> None:
    g = Graph()
    _country(g, ID["country-CN"])
    g.add((ID["good-ball-bearings"], RDF.type, TT.Good))
    g.add((ID["good-ball-bearings"], TT.id, Literal("good:ball-bearings")))
    g.add((ID["good-ball-bearings"], TT.name, Literal("ball bearings")))
    g.add((ID["good-ball-bearings"], TT.hs_codes, Literal("8482.10")))
    conforms, text = _conforms(g)
    assert conforms, text


def test_shapes_refuse_an_entity_without_name() -> None:
    g = Graph()
    _country(g, ID["country-CN"], name=None)
    conforms, text = _conforms(g)
    assert not conforms
    assert "name" in text


def test_shapes_refuse_two_names_and_a_wrong_datatype() -> None:
    g = Graph()
    _country(g, ID["country-CN"], iso2=156)
    g.add((ID["country-CN"], TT.name, Literal("PRC")))
    conforms, text = _conforms(g)
    assert not conforms
    assert "iso2" in text and "name" in text
