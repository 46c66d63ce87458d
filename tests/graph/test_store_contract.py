"""The store contract: one behaviour suite run against every :class:`graph.store.GraphStore` backend.

To add a backend, append a :class:`Backend` to :data:`BACKENDS`: ``open(workdir, read_only)`` must hand
out a store on the *same, initially empty* database for every call within one test (the suite reopens
it read-only), and ``unavailable()`` returns why it cannot run here (the test is then skipped with that
reason, visibly, in ``pytest -ra``) or ``None``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_store import LadybugStore
from graph.mapping import map_extractions
from graph.snapshot import read_snapshot
from graph.store import (
    ArticleRef,
    ArticleText,
    ClaimFilter,
    ClaimRecord,
    ClusterFilter,
    EntityFilter,
    FlowRecord,
    GraphStore,
    LegFilter,
    SourceLink,
    StoredCluster,
    StoreStats,
    SupplyLeg,
)
from ontology.errors import OntologyError, QueryError, StoreError
from ontology.model import load_ontology
from ontology.records import Entity, Evidence, Extraction, Mention, SupplyFlow
from tests.graph.sample import (
    ARTICLE_TEXT,
    ATLANTIC_COUNCIL,
    BALL_BEARINGS,
    CHINA,
    KYRGYZSTAN,
    RUSSIA,
    WEBSTER,
    WSJ,
    sample_extraction,
)

# -- backends -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backend:
    """How to open one backend for the suite."""

    name: str
    open: Callable[[Path, bool], GraphStore]
    unavailable: Callable[[], str | None]


def _open_ladybug(workdir: Path, read_only: bool) -> GraphStore:
    return LadybugStore(workdir / "tradetrace.db", read_only=read_only)


def _neo4j_unavailable() -> str | None:
    if not os.environ.get("NEO4J_URI"):
        return "NEO4J_URI is not set (a Neo4j server is needed)"
    try:
        importlib.import_module("graph.neo4j_store")
    except ImportError as err:
        return f"graph.neo4j_store cannot be imported: {err}"
    return None


def _open_neo4j(workdir: Path, read_only: bool) -> GraphStore:
    # The Neo4j backend is expected to offer an opener for tests that empties the database on first use
    # per workdir; it is looked up lazily so this module imports without the driver or the server.
    module: Any = importlib.import_module("graph.neo4j_store")
    store: GraphStore = module.open_for_tests(workdir, read_only=read_only)
    return store


BACKENDS = [
    Backend("ladybug", _open_ladybug, lambda: None),
    Backend("neo4j", _open_neo4j, _neo4j_unavailable),
]

Opener = Callable[..., GraphStore]


@pytest.fixture(params=BACKENDS, ids=lambda b: b.name)
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """A function opening stores (``read_only=`` optional) on one fresh database; all are closed after."""
    backend: Backend = request.param
    reason = backend.unavailable()
    if reason is not None:
        pytest.skip(f"{backend.name} backend unavailable: {reason}")
    opened: list[GraphStore] = []

    def opener(read_only: bool = False) -> GraphStore:
        store = backend.open(tmp_path, read_only)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Opener) -> GraphStore:
    """A writable store on a fresh, empty database."""
    return open_store()


# -- helpers --------------------------------------------------------------------------------------


def count(store: GraphStore, cypher: str, **params: Any) -> int:
    rows = store.query(cypher, params).rows
    assert len(rows) == 1, rows
    return int(rows[0][0])


SECOND_TEXT = ARTICLE_TEXT.replace("Share this article\n", "Share this article\nUpdated 15 September\n")

EXPECTED_RELATIONS = {
    "MENTIONS": 8, "PUBLISHED_BY": 1, "AFFILIATED_WITH": 1, "LOCATED_IN": 0, "MEMBER_OF": 0, "SUPPLIES": 2,
    "SUPPLIED_BY": 1, "SUPPLIED_TO": 1, "OF_GOOD": 1, "VIA": 1, "USED_FOR": 0, "REPORTED_IN": 3,
    "ATTRIBUTED_TO": 5, "CITES": 3, "ABOUT": 6, "BROADER": 0, "SUPPORTS": 1,
    # clusters are derived from the stored claims afterwards (queries.clusters), not written here
    "REPORTS": 0, "ORIGINATES": 0,
}


# -- the suite ------------------------------------------------------------------------------------


def test_write_then_query(store: GraphStore) -> None:
    extraction = sample_extraction()
    summary = store.write(extraction)
    assert not summary.skipped and summary.article_id == extraction.article.id
    assert summary.nodes == 1 + 7 + 1 + 2
    assert summary.relations == sum(EXPECTED_RELATIONS.values())
    assert store.has_article(extraction.article.id)
    assert not store.has_article("article:0000000000000000")
    assert count(store, "MATCH (n:Country) RETURN count(n)") == 3
    assert count(store, "MATCH (:Article)-[m:MENTIONS]->(:Good {id: $id}) RETURN count(m)",
                 id="good:ball-bearings") == 2
    rows = store.query("MATCH (g:Good) RETURN g.name, g.hs_codes, g.chpl_tier").rows
    assert rows == [["ball bearings", ["8482.10"], "3.B"]]
    rows = store.query("MATCH (a:Article)-[:PUBLISHED_BY]->(o:MediaOutlet) RETURN a.title, a.published, o.name").rows
    assert [[title, str(published), outlet] for title, published, outlet in rows] == [
        ["Chinese bearings flow to Russia through Kyrgyzstan", "2023-09-14", "Wall Street Journal"]]
    assert store.query("MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:ThinkTank) RETURN p.name, r.role, o.name").rows == [
        ["Joseph Webster", "senior fellow", "Atlantic Council"]]


def test_a_person_may_supply_a_flow(store: GraphStore) -> None:
    # The ontology gives Person the supplier role (the head of a procurement network): the store takes it.
    extraction = sample_extraction()
    flow = SupplyFlow.build(WEBSTER.id, BALL_BEARINGS.id, RUSSIA.id, extraction.supply[0].evidence)
    store.write(extraction.model_copy(update={"supply": [*extraction.supply, flow]}))
    rows = store.query("MATCH (f:SupplyFlow)-[:SUPPLIED_BY]->(p:Person) RETURN f.id, p.name").rows
    assert rows == [[flow.id, "Joseph Webster"]]


def test_flow_and_claim_records(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    (flow,) = extraction.supply
    rows = store.query("MATCH (f:SupplyFlow) RETURN f.id, f.supplier, f.good, f.recipient, f.via, f.period_start, "
                       "f.period_end, f.status, f.article_id").rows
    assert rows == [[flow.id, "China", "ball bearings", "Russia", ["Kyrgyzstan"], "2023-01", "2023-07", "asserted",
                     extraction.article.id]]
    rows = store.query("MATCH (f:SupplyFlow)-[v:VIA]->(c:Country) RETURN c.id, v.position").rows
    assert rows == [["country:KG", 0]]
    chain = store.query("MATCH (c:Claim)-[r:ATTRIBUTED_TO]->(e) WHERE c.metric = 'exports' "
                        "RETURN r.position, r.role, e.id ORDER BY r.position").rows
    assert chain == [[0, "outlet", "org:wall-street-journal"], [1, "cited", "person:joseph-webster"],
                     [2, "origin", "org:atlantic-council"]]
    rows = store.query("MATCH (c:Claim)-[:SUPPORTS]->(f:SupplyFlow) RETURN c.attributed_to, f.id").rows
    assert rows == [[["Wall Street Journal", "Atlantic Council"], flow.id]]
    rows = store.query("MATCH (c:Claim) WHERE c.metric = 'exports' "
                       "RETURN c.value_number, c.value_unit, c.direction, c.qualifier").rows
    assert rows == [[70.0, "%", "increase", "more than"]]
    cites = store.query("MATCH (a)-[r:CITES]->(b) RETURN a.id, b.id ORDER BY a.id, b.id").rows
    assert cites == [["org:wall-street-journal", "org:atlantic-council"],
                     ["org:wall-street-journal", "person:joseph-webster"],
                     ["person:joseph-webster", "org:atlantic-council"]]


def test_supplies_legs_route_through_kyrgyzstan(store: GraphStore) -> None:
    store.write(sample_extraction())
    path = ("MATCH p=(a:Country {id: 'country:CN'})-[:SUPPLIES*1..3]->(b:Country {id: 'country:RU'}) "
            "RETURN length(p)")
    assert store.query(path).rows == [[2]]
    legs = store.query("MATCH (a:Country {id: 'country:CN'})-[r1:SUPPLIES]->(m)-[r2:SUPPLIES]->"
                       "(b:Country {id: 'country:RU'}) RETURN m.id, r1.leg, r2.leg, r1.good_id, r2.period_end").rows
    assert legs == [["country:KG", 1, 2, "good:ball-bearings", "2023-07"]]
    assert count(store, "MATCH (:Country {id: 'country:CN'})-[r:SUPPLIES]->(:Country {id: 'country:RU'}) "
                        "RETURN count(r)") == 0


def test_direct_flow_is_one_leg_zero(store: GraphStore) -> None:
    extraction = sample_extraction()
    (flow,) = extraction.supply
    direct = flow.model_copy(update={"via": ()})
    store.write(extraction.model_copy(update={"supply": (direct,), "claims": ()}))
    rows = store.query("MATCH (a)-[r:SUPPLIES]->(b) RETURN a.id, b.id, r.leg").rows
    assert rows == [["country:CN", "country:RU", 0]]


def test_stats_are_exact(store: GraphStore) -> None:
    store.write(sample_extraction())
    assert store.stats() == StoreStats(
        articles=1,
        entities={"Country": 3, "MediaOutlet": 1, "ThinkTank": 1, "Person": 1, "Good": 1},
        relations=EXPECTED_RELATIONS,
        supply_flows=1,
        claims=2,
    )


def test_empty_store_stats(store: GraphStore) -> None:
    stats = store.stats()
    assert (stats.articles, stats.entities, stats.supply_flows, stats.claims) == (0, {}, 0, 0)
    assert set(stats.relations.values()) == {0}


def test_writing_twice_is_skipped_and_changes_nothing(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    before = store.stats()
    again = store.write(extraction)
    assert again.skipped and (again.nodes, again.relations) == (0, 0)
    assert store.stats() == before


def test_two_articles_share_one_entity_node(store: GraphStore) -> None:
    first, second = sample_extraction(), sample_extraction(SECOND_TEXT, path="fixtures/bearings-2.txt")
    assert first.article.id != second.article.id
    store.write(first)
    store.write(second)
    assert count(store, "MATCH (c:Country {id: 'country:CN'}) RETURN count(c)") == 1
    assert count(store, "MATCH (a:Article)-[:MENTIONS]->(:Country {id: 'country:CN'}) RETURN count(DISTINCT a)") == 2
    stats = store.stats()
    assert stats.articles == 2 and stats.supply_flows == 2 and stats.claims == 4
    assert stats.entities == {"Country": 3, "MediaOutlet": 1, "ThinkTank": 1, "Person": 1, "Good": 1}
    # relations between entities only are keyed by their endpoints: not doubled
    assert stats.relations["AFFILIATED_WITH"] == 1
    assert stats.relations["MENTIONS"] == 16 and stats.relations["SUPPLIES"] == 4


def test_writing_b_never_loses_a(store: GraphStore) -> None:
    first = sample_extraction()
    store.write(first)
    before = store.query("MATCH (a:Article {id: $id})-[m:MENTIONS]->(e) RETURN e.id, m.start ORDER BY m.start",
                         {"id": first.article.id}).rows
    # B names only China, with less confidence and fewer details
    text = "China said nothing more.\n"
    b = sample_extraction().article.model_copy(update={"id": "article:b", "text": text, "content_hash": "b",
                                                        "boilerplate": ()})
    weak_china = Entity(id=CHINA.id, type="Country", name="China", confidence=0.4, origin="ner")
    evidence = Evidence(article_id=b.id, start=0, end=5, text="China", sentence=text.strip(), extractor="test")
    store.write(Extraction(article=b, entities=(weak_china,), mentions=(Mention.build(CHINA.id, evidence),)))
    after = store.query("MATCH (a:Article {id: $id})-[m:MENTIONS]->(e) RETURN e.id, m.start ORDER BY m.start",
                        {"id": first.article.id}).rows
    assert after == before
    rows = store.query("MATCH (c:Country {id: 'country:CN'}) RETURN c.confidence, c.origin, c.iso2, c.aliases").rows
    assert rows == [[1.0, "gazetteer", "CN", ["PRC"]]]
    assert store.stats().supply_flows == 1 and store.stats().claims == 2


def test_a_more_confident_record_raises_confidence(store: GraphStore) -> None:
    store.write(sample_extraction())
    assert store.query("MATCH (p:Person) RETURN p.confidence, p.origin").rows == [[0.85, "ner"]]
    sure = WEBSTER.model_copy(update={"confidence": 1.0, "origin": "gazetteer", "qid": "Q000"})
    second = sample_extraction(SECOND_TEXT)
    store.write(second.model_copy(update={"entities": tuple(sure if e.id == WEBSTER.id else e
                                                            for e in second.entities)}))
    assert store.query("MATCH (p:Person) RETURN p.confidence, p.origin, p.qid, p.role").rows == [
        [1.0, "gazetteer", "Q000", "senior fellow"]]


def test_a_mention_of_a_stored_entity_needs_no_record(store: GraphStore) -> None:
    store.write(sample_extraction())
    first = sample_extraction(SECOND_TEXT)
    bare = first.model_copy(update={"entities": tuple(e for e in first.entities if e.id != CHINA.id)})
    store.write(bare)
    assert count(store, "MATCH (a:Article)-[:MENTIONS]->(:Country {id: 'country:CN'}) RETURN count(DISTINCT a)") == 2


def test_an_unknown_entity_is_refused_and_nothing_is_written(store: GraphStore) -> None:
    extraction = sample_extraction()
    orphan = extraction.model_copy(update={"entities": tuple(e for e in extraction.entities if e.id != CHINA.id)})
    with pytest.raises(StoreError, match="country:CN"):
        store.write(orphan)
    assert not store.has_article(extraction.article.id)
    assert store.stats().articles == 0


def test_a_label_outside_the_ontology_is_refused(store: GraphStore) -> None:
    extraction = sample_extraction()
    bad = CHINA.model_copy(update={"type": "Country {id: 'x'}) DETACH DELETE (n"})
    with pytest.raises(OntologyError, match="unknown node label"):
        store.write(extraction.model_copy(update={"entities": (bad, *extraction.entities[1:])}))
    assert store.stats().articles == 0


def test_values_travel_as_parameters(store: GraphStore) -> None:
    nasty = "O'Brien\") DETACH DELETE n //"
    extraction = sample_extraction()
    odd = WEBSTER.model_copy(update={"name": nasty})
    store.write(extraction.model_copy(update={"entities": tuple(odd if e.id == WEBSTER.id else e
                                                                for e in extraction.entities)}))
    assert store.query("MATCH (p:Person) RETURN p.name").rows == [[nasty]]


def test_read_only_refuses_writes(open_store: Opener) -> None:
    writer = open_store()
    writer.write(sample_extraction())
    writer.close()
    reader = open_store(read_only=True)
    assert reader.stats().articles == 1
    with pytest.raises(QueryError):
        reader.query("CREATE (n:Country {id: 'country:XX', name: 'Nowhere'})")
    with pytest.raises(StoreError):
        reader.write(sample_extraction(SECOND_TEXT))
    assert reader.stats().articles == 1


def test_a_bad_query_is_a_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.query("MATCH (n:NoSuchLabel) RETURN n")
    with pytest.raises(QueryError):
        store.query("THIS IS NOT CYPHER")


def test_query_result_records(store: GraphStore) -> None:
    store.write(sample_extraction())
    result = store.query("MATCH (c:Country) RETURN c.id AS id, c.iso2 AS iso2 ORDER BY c.id")
    assert result.columns == ["id", "iso2"]
    assert result.records()[0] == {"id": "country:CN", "iso2": "CN"}


def test_backends_implement_the_protocol(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)


# -- the writer and the typed reads ---------------------------------------------------------------


def test_the_writer_writes_extractions_and_batches_and_knows_its_articles(store: GraphStore) -> None:
    first, second = sample_extraction(), sample_extraction(SECOND_TEXT, path="fixtures/bearings-2.txt")
    with store.writer() as writer:
        assert writer.article_ids() == set()
        summary = writer.write(first)
        assert (summary.skipped, summary.nodes) == (False, 11)
        assert [s.skipped for s in writer.write_many([first, second, second])] == [True, False, True]
        assert writer.article_ids() == {first.article.id, second.article.id}
    assert store.stats().articles == 2


def test_a_mapped_batch_written_twice_changes_nothing(store: GraphStore) -> None:
    batch = map_extractions([sample_extraction()], load_ontology())
    with store.writer() as writer:
        (summary,) = writer.write(batch)
        assert (summary.nodes, summary.relations) == (11, sum(EXPECTED_RELATIONS.values()))
        before = store.stats()
        writer.write(batch)
    assert store.stats() == before == StoreStats(
        articles=1, entities={"Country": 3, "MediaOutlet": 1, "ThinkTank": 1, "Person": 1, "Good": 1},
        relations=EXPECTED_RELATIONS, supply_flows=1, claims=2)


def test_the_stored_graph_reads_back_as_the_batch_it_was_written_from(store: GraphStore) -> None:
    batch = map_extractions([sample_extraction()], load_ontology())
    store.write(sample_extraction())
    snapshot = read_snapshot(store)

    def normal(props: Any) -> dict[str, Any]:  # a backend reads an empty list back as unset, a date as a date
        return {k: (None if v == [] else str(v) if k == "published" else v) for k, v in props.items()}

    assert sorted((n.label, n.id, tuple(normal(n.props).items())) for n in snapshot.nodes) == sorted(
        (n.label, n.id, tuple(normal(n.props).items())) for n in batch.nodes)
    assert sorted(r.key for r in snapshot.relationships) == sorted(r.key for r in batch.relationships)


def test_supply_legs_by_source_target_good_and_status(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    (flow,) = extraction.supply
    view = store.view()
    first = SupplyLeg(CHINA.id, "China", KYRGYZSTAN.id, "Kyrgyzstan", flow.id, "ball bearings", BALL_BEARINGS.id, 1,
                      "asserted", extraction.article.id, "2023-01", "2023-07", None)
    second = SupplyLeg(KYRGYZSTAN.id, "Kyrgyzstan", RUSSIA.id, "Russia", flow.id, "ball bearings", BALL_BEARINGS.id,
                       2, "asserted", extraction.article.id, "2023-01", "2023-07", None)
    assert view.supply_legs(LegFilter(sources=frozenset({CHINA.id}))) == [first]
    assert view.supply_legs(LegFilter(targets=frozenset({RUSSIA.id}))) == [second]
    assert sorted(view.supply_legs(LegFilter()), key=lambda leg: leg.leg) == [first, second]
    assert view.supply_legs(LegFilter(goods=frozenset({"good:tractors"}))) == []
    denied = flow.model_copy(update={"status": "negated", "via": ()})
    store.write(sample_extraction(SECOND_TEXT).model_copy(update={"supply": (denied,), "claims": ()}))
    assert store.view().supply_legs(LegFilter(sources=frozenset({CHINA.id}), targets=frozenset({RUSSIA.id}))) == []
    (negated,) = store.view().supply_legs(LegFilter(sources=frozenset({CHINA.id}), targets=frozenset({RUSSIA.id}),
                                                    negated=True))
    assert (negated.leg, negated.status) == (0, "negated")


def test_supply_flows_with_end_uses_and_supporting_chains(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    (flow,) = extraction.supply
    flow_claim = extraction.claims[0]
    assert store.view().supply_flows([flow.id, "flow:none"]) == {flow.id: FlowRecord(
        id=flow.id, value=None, via=("Kyrgyzstan",), supplier="China", recipient="Russia", good="ball bearings",
        status="asserted", start=flow.evidence.start, end=flow.evidence.end, sentence=flow.evidence.sentence,
        period_start="2023-01", period_end="2023-07", quantity=None, article_id=extraction.article.id,
        end_uses=(), chains=(("Wall Street Journal", "Atlantic Council"),), claim_ids=(flow_claim.id,))}
    assert store.view().supply_flows([]) == {}


def test_claims_with_chains_articles_and_filters(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    flow_claim, rise = extraction.claims
    article = ArticleRef(extraction.article.id, "Chinese bearings flow to Russia through Kyrgyzstan",
                         "Wall Street Journal", "2023-09-14", "https://example.org/bearings")
    claims = store.view().claims()
    assert [c.id for c in claims] == [flow_claim.id, rise.id]
    assert claims[1] == ClaimRecord(
        id=rise.id, text=rise.text, article=article, start=rise.evidence.start, end=rise.evidence.end,
        metric="exports", value_raw="more than 70%", value_number=70.0, value_unit="%", direction="increase",
        qualifier="more than", period_start="2023-01", period_end="2023-07", status="asserted",
        attribution=(SourceLink(0, "Wall Street Journal", "outlet", WSJ.id, "MediaOutlet"),
                     SourceLink(1, "Joseph Webster", "cited", WEBSTER.id, "Person"),
                     SourceLink(2, "Atlantic Council", "origin", ATLANTIC_COUNCIL.id, "ThinkTank")),
        about=("China", "Kyrgyzstan", "ball bearings"), supports=(),
        article_mentions=frozenset({"China", "Russia", "Kyrgyzstan", "ball bearings", "Wall Street Journal",
                                    "Atlantic Council", "Joseph Webster"}))
    assert claims[0].supports == (extraction.supply[0].id,)
    (only,) = store.view().claims(ClaimFilter(ids=frozenset({rise.id}), mentions=False))
    assert only == claims[1].__class__(**{**claims[1].__dict__, "article_mentions": frozenset()})
    assert [c.id for c in store.view().claims(ClaimFilter(about=KYRGYZSTAN.id))] == [rise.id]
    assert store.view().claims(ClaimFilter(ids=frozenset())) == []


def test_articles_by_id(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    article = ArticleRef(extraction.article.id, "Chinese bearings flow to Russia through Kyrgyzstan",
                         "Wall Street Journal", "2023-09-14", "https://example.org/bearings")
    assert store.view().articles() == {article.id: article}
    assert store.view().articles([article.id, "article:none"]) == {article.id: article}
    assert store.view().articles([]) == {}


def test_article_texts_by_id(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    aid = extraction.article.id
    texts = store.view().article_texts([aid, aid, "article:none"])
    assert texts == {aid: ArticleText(extraction.article.text, extraction.article.path)}
    assert store.view().article_texts([]) == {}


def test_entities_by_label_id_and_name_with_counts(store: GraphStore) -> None:
    store.write(sample_extraction())
    view = store.view()
    countries = view.entities(EntityFilter(labels=("Country",), counts=True))
    assert sorted((e.id, e.name, e.aliases, e.mentions, e.articles) for e in countries) == [
        ("country:CN", "China", ("PRC",), 1, 1), ("country:KG", "Kyrgyzstan", (), 1, 1),
        ("country:RU", "Russia", ("Russian Federation",), 1, 1)]
    (china,) = [e for e in countries if e.id == CHINA.id]
    assert china.props == {"qid": "Q148", "confidence": 1.0, "origin": "gazetteer", "iso2": "CN", "iso3": "CHN"}
    assert [(e.id, e.label) for e in view.entities(EntityFilter(name="joseph WEBSTER"))] == [(WEBSTER.id, "Person")]
    assert [e.id for e in view.entities(EntityFilter(ids=frozenset({WSJ.id, "org:none"})))] == [WSJ.id]
    assert [e.mentions for e in view.entities(EntityFilter(labels=("Good",), counts=True))] == [2]
    assert view.entities(EntityFilter(labels=("Good",)))[0].mentions is None
    with pytest.raises(OntologyError, match="not an entity class"):
        view.entities(EntityFilter(labels=("Article",)))
    assert view.broader() == []


def _cluster(kid: str, claim_ids: list[str], origins: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A Cluster row of these claims (the i-th claim from the i-th origin, the last origin repeated) and its
    REPORTS rows, as clustering writes them."""
    keys = [f"source:{name.lower()}" for name in origins]
    report_keys = [keys[min(i, len(keys) - 1)] for i in range(len(claim_ids))]
    row = {"id": kid, "metric": "exports", "value": "more than 70%", "period_start": "2023-01",
           "period_end": "2023-07", "reports": len(claim_ids), "independent_origins": len(origins),
           "origins": origins, "origin_keys": keys, "claim_ids": claim_ids, "report_origins": report_keys}
    reports = [{"_src": cid, "_dst": kid, "origin": origins[keys.index(key)], "origin_key": key}
               for cid, key in zip(claim_ids, report_keys, strict=True)]
    return row, reports


def test_stored_clusters_by_claims_entity_and_counts(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    flow_claim, rise = extraction.claims
    keeper: Any = store  # both backends keep clusters (queries.clusters.ClusterWriter)
    assert store.view().clusters() == [] and not store.view().clusters_current()
    both, both_reports = _cluster("cluster:both", [flow_claim.id, rise.id], ["Atlantic Council", "Joseph Webster"])
    keeper.replace_clusters([], [both], both_reports, [])
    view = store.view()
    expected = StoredCluster("cluster:both", "exports", "more than 70%", "2023-01", "2023-07",
                             ("Atlantic Council", "Joseph Webster"),
                             ("source:atlantic council", "source:joseph webster"), (flow_claim.id, rise.id),
                             ("source:atlantic council", "source:joseph webster"))
    assert view.clusters() == [expected] and view.clusters_current()
    assert view.cluster_members() == {"cluster:both": (flow_claim.id, rise.id)}
    assert view.clusters(ClusterFilter(min_reports=2, min_origins=2)) == [expected]
    assert view.clusters(ClusterFilter(min_reports=3)) == [] and view.clusters(ClusterFilter(min_origins=3)) == []
    assert view.clusters(ClusterFilter(claims=frozenset({rise.id, flow_claim.id, "claim:none"}))) == [expected]
    assert view.clusters(ClusterFilter(claims=frozenset({rise.id}), min_reports=3)) == []
    assert view.clusters(ClusterFilter(claims=frozenset())) == []
    assert view.clusters(ClusterFilter(about=KYRGYZSTAN.id)) == [expected]  # ABOUT
    assert view.clusters(ClusterFilter(about=WEBSTER.id)) == [expected]  # ATTRIBUTED_TO
    assert view.clusters(ClusterFilter(about="country:none")) == []

    flow_only, flow_reports = _cluster("cluster:flow", [flow_claim.id], ["Atlantic Council"])
    rise_only, rise_reports = _cluster("cluster:rise", [rise.id], ["Joseph Webster"])
    keeper.replace_clusters(["cluster:both"], [flow_only, rise_only], flow_reports + rise_reports, [])
    view = store.view()
    assert sorted(k.id for k in view.clusters()) == ["cluster:flow", "cluster:rise"] and view.clusters_current()
    assert [k.id for k in view.clusters(ClusterFilter(claims=frozenset({rise.id})))] == ["cluster:rise"]
    assert [k.id for k in view.clusters(ClusterFilter(about=RUSSIA.id))] == ["cluster:flow"]
    assert view.clusters(ClusterFilter(claims=frozenset({flow_claim.id}), about=KYRGYZSTAN.id)) == []
    assert [k.id for k in view.clusters(ClusterFilter(claims=frozenset({rise.id}), about=KYRGYZSTAN.id))] == [
        "cluster:rise"]
    keeper.replace_clusters(["cluster:flow"], [], [], [])
    assert not store.view().clusters_current()


def test_claims_without_links_have_what_clustering_compares(store: GraphStore) -> None:
    extraction = sample_extraction()
    store.write(extraction)
    full = store.view().claims()
    bare = store.view().claims(ClaimFilter(mentions=False, links=False))
    assert [c.id for c in bare] == [c.id for c in full]
    assert all(c.attribution == () and c.about == () and c.supports == () and c.article_mentions == frozenset()
               for c in bare)
    assert [(c.text, c.article, c.start, c.value_number, c.period_start) for c in bare] == [
        (c.text, c.article, c.start, c.value_number, c.period_start) for c in full]


def test_many_ids_are_read_by_scans_with_the_same_records(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.cypher.view as cypher_view

    extraction = sample_extraction()
    store.write(extraction)
    store.write(sample_extraction(SECOND_TEXT))
    ids = frozenset(c.id for c in extraction.claims)
    looked_up = store.view().claims(ClaimFilter(ids=ids))
    articles = store.view().articles([extraction.article.id])
    monkeypatch.setattr(cypher_view, "LOOKUP_LIMIT", 1)
    assert store.view().claims(ClaimFilter(ids=ids)) == looked_up and len(looked_up) == 2
    assert store.view().articles([extraction.article.id]) == articles
    assert store.view().articles([extraction.article.id, "article:none"]) == articles
