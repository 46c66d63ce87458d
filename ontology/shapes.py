"""The ontology as OWL and SHACL, rendered to Turtle.

:func:`ontology_graph` turns the loaded :class:`~ontology.model.Ontology` into an RDF graph: an
``owl:Class`` per class (``rdfs:subClassOf`` its parent), an ``owl:ObjectProperty`` per relation type
(domain and range, an ``owl:unionOf`` where several classes are named), an ``owl:DatatypeProperty`` per
node property (its XSD range; its domain the classes that declare it), and a SHACL ``sh:NodeShape`` per
concrete class. Relation properties (``MENTIONS.start`` ...) sit on edges, which RDF has not, so they
are left out.

``ontology/tradetrace.ttl`` is this module's output, committed so that other tools can read it;
regenerate it with ``python -m ontology.shapes > ontology/tradetrace.ttl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from ontology.errors import OntologyError
from ontology.model import Ontology, PropertyType, load_ontology

__all__ = ["XSD_TYPES", "ontology_graph", "render_turtle"]

XSD_TYPES: Mapping[PropertyType, URIRef] = {
    "STRING": XSD.string,
    "INT64": XSD.long,
    "DOUBLE": XSD.double,
    "BOOLEAN": XSD.boolean,
    "DATE": XSD.date,
    "STRING[]": XSD.string,  # a list is several values of the property, so no sh:maxCount
}


def _class_or_union(graph: Graph, ns: Namespace, names: Iterable[str], key: str) -> URIRef | BNode:
    """The class itself, or an anonymous ``owl:unionOf`` class. Blank nodes get ids from ``key`` so the
    Turtle output is the same on every run."""
    members = [ns[name] for name in sorted(set(names))]
    if len(members) == 1:
        return members[0]
    union = BNode(f"{key}_union")
    graph.add((union, RDF.type, OWL.Class))
    items = BNode(f"{key}_members")
    Collection(graph, items, list(members))
    graph.add((union, OWL.unionOf, items))
    return union


def _datatype_properties(onto: Ontology) -> dict[str, tuple[PropertyType, list[str]]]:
    """Each node property name with its one type and the classes that declare it."""
    out: dict[str, tuple[PropertyType, list[str]]] = {}
    for cname, cdef in onto.classes.items():
        for prop, ptype in cdef.properties.items():
            known = out.setdefault(prop, (ptype, []))
            if known[0] != ptype:
                raise OntologyError(f"classes.{cname}.properties.{prop}: {ptype} clashes with {known[0]} "
                                    f"in {', '.join(known[1])}; one RDF property has one datatype")
            known[1].append(cname)
    return out


def ontology_graph(onto: Ontology) -> Graph:
    """OWL classes and properties plus SHACL node shapes for ``onto``, in ``onto.namespace``.

    Raises
    ------
    OntologyError
        When one property name has two types in different classes (RDF cannot say that).

    Examples
    --------
    >>> from rdflib.namespace import OWL, RDF
    >>> g = ontology_graph(load_ontology())
    >>> (URIRef(load_ontology().namespace + "Country"), RDF.type, OWL.Class) in g
    True
    """
    ns = Namespace(onto.namespace)
    graph = Graph()
    graph.bind(onto.name, ns)
    graph.bind("owl", OWL)
    graph.bind("sh", SH)
    graph.bind("xsd", XSD)
    ontology_iri = URIRef(onto.namespace.rstrip("#/"))
    graph.add((ontology_iri, RDF.type, OWL.Ontology))
    graph.add((ontology_iri, RDFS.label, Literal(onto.name)))
    graph.add((ontology_iri, OWL.versionInfo, Literal(onto.version)))

    for cname, cdef in onto.classes.items():
        graph.add((ns[cname], RDF.type, OWL.Class))
        graph.add((ns[cname], RDFS.label, Literal(cname)))
        graph.add((ns[cname], RDFS.comment, Literal(cdef.description)))
        if cdef.parent is not None:
            graph.add((ns[cname], RDFS.subClassOf, ns[cdef.parent]))

    for rname, rdef in onto.relations.items():
        graph.add((ns[rname], RDF.type, OWL.ObjectProperty))
        graph.add((ns[rname], RDFS.label, Literal(rname)))
        graph.add((ns[rname], RDFS.comment, Literal(rdef.description)))
        graph.add((ns[rname], RDFS.domain, _class_or_union(graph, ns, rdef.domain, f"{rname}_domain")))
        graph.add((ns[rname], RDFS.range, _class_or_union(graph, ns, rdef.range, f"{rname}_range")))

    for prop, (ptype, declared_by) in _datatype_properties(onto).items():
        graph.add((ns[prop], RDF.type, OWL.DatatypeProperty))
        graph.add((ns[prop], RDFS.label, Literal(prop)))
        graph.add((ns[prop], RDFS.range, XSD_TYPES[ptype]))
        graph.add((ns[prop], RDFS.domain, _class_or_union(graph, ns, declared_by, f"{prop}_domain")))

    entities = set(onto.entity_classes())
    for cname in onto.concrete_classes():
        shape = ns[f"{cname}Shape"]
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, ns[cname]))
        for prop, ptype in onto.properties_of(cname).items():
            # Named property shapes (not blank nodes) keep the Turtle readable and stable.
            pshape = ns[f"{cname}Shape-{prop}"]
            graph.add((shape, SH.property, pshape))
            graph.add((pshape, RDF.type, SH.PropertyShape))
            graph.add((pshape, SH.path, ns[prop]))
            graph.add((pshape, SH.datatype, XSD_TYPES[ptype]))
            if ptype != "STRING[]":
                graph.add((pshape, SH.maxCount, Literal(1)))
            if prop == "id" or (prop == "name" and cname in entities):
                graph.add((pshape, SH.minCount, Literal(1)))
    return graph


def render_turtle(onto: Ontology) -> str:
    """:func:`ontology_graph` as Turtle, the same text on every run (rdflib sorts subjects and
    predicates; blank nodes carry fixed ids)."""
    header = (f"# {onto.name} ontology {onto.version}: OWL classes and properties, SHACL shapes.\n"
              "# Generated from ontology/ontology.yaml; do not edit. Regenerate with\n"
              "#   python -m ontology.shapes > ontology/tradetrace.ttl\n")
    return header + ontology_graph(onto).serialize(format="turtle")


if __name__ == "__main__":
    print(render_turtle(load_ontology()), end="")
