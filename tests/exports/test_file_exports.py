"""Neo4j CSV, GraphML/GEXF, FollowTheMoney, ClaimReview and RDF exports of the sample store."""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path

import networkx as nx
import pytest

from graph.exports.claimreview import ClaimGroup, claim_reviews
from graph.exports.ftm import ftm_entities, ftm_id, ftm_lines
from graph.exports.neo4j_csv import csv_files, write_neo4j_csv
from graph.exports.networkx_export import to_networkx, write_gexf, write_graphml
from graph.exports.rdf import OA, WIKIDATA, rdf_graph, resource_iri, serialize_rdf
from graph.snapshot import GraphSnapshot, Node
from ontology.errors import ExportError
from ontology.model import load_ontology
from tests.exports.builders import TEXT

ONTO = load_ontology()


# -- neo4j-admin CSV ------------------------------------------------------------------------------


def test_csv_headers_and_rows(snapshot: GraphSnapshot, tmp_path: Path) -> None:
    written = write_neo4j_csv(snapshot, tmp_path)
    assert tmp_path / "import.sh" in written and tmp_path / "schema.cypher" in written
    with (tmp_path / "nodes" / "Country.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["id:ID(Country)", ":LABEL", "name", "aliases:string[]", "qid", "confidence:double", "origin",
                       "iso2", "iso3"]
    assert rows[1] == ["country:CN", "Country", "China", "PRC;People's Republic of China", "Q148", "1.0",
                       "gazetteer", "CN", "CHN"]
    with (tmp_path / "relationships" / "VIA__SupplyFlow__Country.csv").open(encoding="utf-8") as handle:
        via = list(csv.reader(handle))
    flow = snapshot.nodes_of("SupplyFlow")[0]
    assert via[0] == [":START_ID(SupplyFlow)", ":END_ID(Country)", ":TYPE", "key", "position:long"]
    assert via[1][:3] == [flow.id, "country:KZ", "VIA"] and via[1][4] == "0"
    with (tmp_path / "nodes" / "Article.csv").open(encoding="utf-8", newline="") as handle:
        article = next(iter(csv.DictReader(handle)))
    assert article["text"] == TEXT  # a multi-line field, quoted
    assert article["published:date"] == "2023-08-01"


def test_import_script_lists_every_file(snapshot: GraphSnapshot, tmp_path: Path) -> None:
    write_neo4j_csv(snapshot, tmp_path)
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    command = next(line for line in script.splitlines() if line.startswith("neo4j-admin"))
    files, _ = csv_files(snapshot)
    # Neo4j >= 5.19 reads a database name after the repeated --nodes options as a file: it must come first.
    assert command.startswith('neo4j-admin database import full "${1:-neo4j}" --overwrite-destination=true ')
    words = shlex.split(command.replace('"${1:-neo4j}"', "DB"))
    assert words[4] == "DB" and all(w.startswith("--") for w in words[5:])
    assert "--id-type=string" in words and "--array-delimiter=;" in words
    for f in files:
        assert f"--{f.kind}={f.path}" in command
        assert (tmp_path / f.path).is_file()


def test_array_delimiter_avoids_values() -> None:
    snap = GraphSnapshot((Node("Country", "country:XX", {"name": "X", "aliases": ["a;b"]}),), ())
    files, delimiter = csv_files(snap)
    assert delimiter == "|"
    assert files[0].rows[0][3] == "a;b"


# -- GraphML / GEXF -------------------------------------------------------------------------------


def test_graphml_round_trips(snapshot: GraphSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(snapshot, path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(snapshot.nodes)
    assert graph.number_of_edges() == len(snapshot.relationships)
    assert graph.nodes["country:CN"]["aliases"] == "PRC; People's Republic of China"
    assert graph.nodes["country:CN"]["class"] == "Country"
    flow = snapshot.nodes_of("SupplyFlow")[0].id
    assert graph.nodes[flow]["span_start"] == 118


def test_gexf_round_trips(snapshot: GraphSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    write_gexf(snapshot, path)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(snapshot.nodes)
    assert graph.number_of_edges() == len(snapshot.relationships)
    rel_types = {data["rel_type"] for _, _, data in graph.edges(data=True)}
    assert {"SUPPLIES", "MENTIONS", "ATTRIBUTED_TO"} <= rel_types


def test_networkx_attributes_are_scalars(snapshot: GraphSnapshot) -> None:
    graph = to_networkx(snapshot)
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


# -- FollowTheMoney -------------------------------------------------------------------------------


def test_every_ftm_line_loads_in_followthemoney(snapshot: GraphSnapshot) -> None:
    from followthemoney import model

    lines = list(ftm_lines(snapshot))
    schemata = []
    for line in lines:
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, line
        for prop, values in data["properties"].items():
            assert proxy.get(prop) == values, (prop, line)  # nothing dropped by FtM's cleaning
        schemata.append(proxy.schema.name)
    assert {"Territory", "Company", "Organization", "Person", "Article", "EconomicActivity", "Note", "Mention",
            "Documentation", "Employment"} <= set(schemata)


def test_ftm_supply_flow(snapshot: GraphSnapshot) -> None:
    flow = next(e for e in ftm_entities(snapshot) if e["schema"] == "EconomicActivity")
    props = flow["properties"]
    assert props["originCountry"] == ["cn"] and props["destinationCountry"] == ["ru"]
    assert props["vedCode"] == ["8456", "8457", "8458"]
    assert props["startDate"] == ["2023-01"] and props["endDate"] == ["2023-07"]
    assert "via Kazakhstan" in props["description"][0]
    assert props["tradingCountry"] == ["kz"]  # the transit country, where FtM expects it
    article = snapshot.nodes_of("Article")[0]
    assert props["proof"] == [ftm_id(article.id)]


def test_ftm_flow_amount_and_transit_through_followthemoney() -> None:
    from graph.snapshot import Relationship

    def rel(rtype: str, src: Node, dst: Node, **props: object) -> Relationship:
        return Relationship(rtype, src.label, src.id, dst.label, dst.id, props, f"{rtype}:{src.id}:{dst.id}")

    china = Node("Country", "country:CN", {"name": "China", "iso2": "CN"})
    russia = Node("Country", "country:RU", {"name": "Russia", "iso2": "RU"})
    armenia = Node("Country", "country:AM", {"name": "Armenia", "iso2": "AM"})
    georgia = Node("Country", "country:GE", {"name": "Georgia", "iso2": "GE"})
    flow = Node("SupplyFlow", "flow:1", {"supplier": "China", "good": "drones", "recipient": "Russia",
                                         "value": "$14.5 million", "quantity": "1,200 units", "status": "asserted"})
    snap = GraphSnapshot((china, russia, armenia, georgia, flow), (
        rel("SUPPLIED_BY", flow, china), rel("SUPPLIED_TO", flow, russia),
        rel("VIA", flow, armenia, position=0), rel("VIA", flow, georgia, position=1)))
    (entity,) = [e for e in ftm_entities(snap) if e["schema"] == "EconomicActivity"]
    props = entity["properties"]
    assert props["tradingCountry"] == ["am", "ge"]
    assert props["customsAmount"] == ["$14.5 million"]
    assert "quantity: 1,200 units" in props["description"][0]


def test_ftm_refuses_a_property_its_schema_lacks() -> None:
    from graph.exports import ftm

    with pytest.raises(ExportError, match="nosuchProperty"):
        ftm._entity("x-1", "EconomicActivity", nosuchProperty="1")


# -- ClaimReview ----------------------------------------------------------------------------------


def _claims_and_reviews(doc: dict[str, object]) -> tuple[dict[str, dict], dict[str, dict]]:  # type: ignore[type-arg]
    graph = doc["@graph"]
    assert isinstance(graph, list)
    claims = {item["@id"]: item for item in graph if item["@type"] == "Claim"}
    reviews = {item["claimReviewed"]: item for item in graph if item["@type"] == "ClaimReview"}
    return claims, reviews


def test_claimreview_one_claim_per_stored_claim_without_groups(snapshot: GraphSnapshot) -> None:
    doc = claim_reviews(snapshot)
    assert doc["@context"] == "https://schema.org"
    claims, reviews = _claims_and_reviews(doc)
    assert len(reviews) == len(claims) == 2
    review = reviews["Chinese exports of machine tools to Russia rose by more than 40% in 2023"]
    assert "reviewRating" not in review and review["reviewAspect"] == "attribution"
    item = claims[review["itemReviewed"]["@id"]]
    assert item["@type"] == "Claim" and item["text"] == review["claimReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "customs data"}
    assert item["firstAppearance"] == item["appearance"][0] == {
        "@type": "CreativeWork", "@id": str(resource_iri(ONTO, snapshot.nodes_of("Article")[0].id)),
        "url": "https://example.org/wire/machine-tools", "headline": "Machine tools reach Russia via Kazakhstan",
        "datePublished": "2023-08-01", "publisher": {"@type": "Organization", "name": "Example Wire"}}
    assert "Example Wire \u2190 Reuters \u2190 customs data" in review["reviewBody"]
    quote = reviews["the company's sales were 'in line with the law' \\ legal"]
    assert claims[quote["itemReviewed"]["@id"]]["author"] == {"@type": "Person", "name": "Li Wei"}


def test_claimreview_groups_reports_of_one_fact_into_one_claim(snapshot: GraphSnapshot) -> None:
    first, second = snapshot.nodes_of("Claim")
    group = ClaimGroup("cluster:abc", (second.id, first.id), ("customs data", "Li Wei"))
    claims, reviews = _claims_and_reviews(claim_reviews(snapshot, groups=[group]))
    assert len(claims) == 1 and len(reviews) == 1
    (item,) = claims.values()
    assert item["@id"] == str(resource_iri(ONTO, "cluster:abc"))
    assert item["text"] == second.get("text")  # the group's first report speaks for it
    (review,) = reviews.values()
    assert review["itemReviewed"] == {"@id": item["@id"]}
    # Both reports are in one article here: one appearance, and it is the first.
    assert [w["@id"] for w in item["appearance"]] == [str(resource_iri(ONTO, snapshot.nodes_of("Article")[0].id))]
    assert item["firstAppearance"] == item["appearance"][0]
    assert item["author"] == [{"@type": "Organization", "name": "customs data"}, {"@type": "Person", "name": "Li Wei"}]
    assert "(2 report(s)); 2 independent origin(s): customs data, Li Wei" in review["reviewBody"]


def test_claimreview_is_valid_json_ld(snapshot: GraphSnapshot) -> None:
    from rdflib import Graph
    from rdflib.namespace import RDF, Namespace

    schema = Namespace("https://schema.org/")
    doc = claim_reviews(snapshot)
    # The remote schema.org context cannot be fetched in tests; its @vocab is what matters here.
    doc["@context"] = {"@vocab": "https://schema.org/"}
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert len(list(graph.subjects(RDF.type, schema.ClaimReview))) == 2


# -- RDF ------------------------------------------------------------------------------------------


def _conforms(graph: object) -> tuple[bool, str]:
    from pyshacl import validate

    from ontology.shapes import ontology_graph

    conforms, _, text = validate(graph, shacl_graph=ontology_graph(ONTO))
    return bool(conforms), str(text)


def test_rdf_conforms_to_the_ontology_shapes(snapshot: GraphSnapshot) -> None:
    conforms, report = _conforms(rdf_graph(snapshot))
    assert conforms, report


def test_shapes_catch_a_broken_export(snapshot: GraphSnapshot) -> None:
    from rdflib import Literal, Namespace

    graph = rdf_graph(snapshot)
    graph.add((resource_iri(ONTO, "country:CN"), Namespace(ONTO.namespace)["iso2"], Literal("ZH")))
    assert not _conforms(graph)[0]


def test_rdf_entities_provenance_and_selectors(snapshot: GraphSnapshot) -> None:
    from rdflib import Literal
    from rdflib.namespace import OWL, PROV, RDF

    graph = rdf_graph(snapshot)
    tt = ONTO.namespace
    china = resource_iri(ONTO, "country:CN")
    assert str(china) == "https://w3id.org/tradetrace/id/country/CN"
    assert (china, RDF.type, resource_iri(ONTO, "x").__class__(tt + "Country")) in graph
    assert (china, OWL.sameAs, WIKIDATA.Q148) in graph
    claim = next(c for c in snapshot.nodes_of("Claim") if c.get("metric") == "exports")
    subject = resource_iri(ONTO, claim.id)
    article = resource_iri(ONTO, snapshot.nodes_of("Article")[0].id)
    assert (subject, PROV.wasDerivedFrom, article) in graph
    assert set(graph.objects(subject, PROV.wasAttributedTo)) == {
        resource_iri(ONTO, i) for i in ("org:example-wire", "org:reuters", "source:customs-data")}
    assert set(graph.objects(subject, PROV.wasQuotedFrom)) == {
        resource_iri(ONTO, i) for i in ("org:reuters", "source:customs-data")}
    annotations = list(graph.subjects(OA.hasBody, subject))
    assert len(annotations) == 1
    target = graph.value(annotations[0], OA.hasTarget)
    assert graph.value(target, OA.hasSource) == article
    exact = {graph.value(s, OA.exact) for s in graph.objects(target, OA.hasSelector)} - {None}
    assert exact == {Literal(claim.get("text"))}
    starts = {int(graph.value(s, OA.start)) for s in graph.objects(target, OA.hasSelector)
              if graph.value(s, RDF.type) == OA.TextPositionSelector}
    assert starts == {claim.get("start")}


def test_one_annotation_per_span(snapshot: GraphSnapshot) -> None:
    graph = rdf_graph(snapshot)
    spans = {(r.get("start"), r.get("end")) for r in snapshot.relationships_of("MENTIONS", "REPORTED_IN")}
    from rdflib.namespace import RDF
    assert len(list(graph.subjects(RDF.type, OA.Annotation))) == len(spans)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_rdf_serialisations_parse_back(snapshot: GraphSnapshot, fmt: str) -> None:
    from rdflib import Graph

    text = serialize_rdf(snapshot, fmt)
    assert len(Graph().parse(data=text, format=fmt)) == len(rdf_graph(snapshot))


def test_unknown_rdf_format(snapshot: GraphSnapshot) -> None:
    with pytest.raises(ExportError, match="unknown RDF format"):
        serialize_rdf(snapshot, "rdfa")
