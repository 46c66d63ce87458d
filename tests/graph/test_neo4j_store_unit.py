"""Neo4jStore without a server: a fake driver records every statement and its parameters, and answers the
look-ups the writer makes.

The live behaviour suite (tests/graph/test_store_contract.py) runs the same store against a real server
when NEO4J_URI is set.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.mapping import map_extractions
from graph.neo4j_store import (
    STORED_ARTICLES_QUERY,
    STORED_COUNTRIES_QUERY,
    Neo4jPusher,
    Neo4jStore,
    entity_merge_statement,
    schema_statements,
    stored_ids_query,
    write_batches,
)
from graph.store import ClusterFilter, StoredCluster
from ontology.errors import QueryError, StoreError
from ontology.model import load_ontology
from ontology.records import Extraction
from tests.graph.sample import ATLANTIC_COUNCIL, BALL_BEARINGS, CHINA, KYRGYZSTAN, RUSSIA, sample_extraction

ONTO = load_ontology()


class _Record:
    def __init__(self, values: list[Any]) -> None:
        self._values = values

    def values(self) -> list[Any]:
        return self._values


class _Result:
    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    def keys(self) -> list[str]:
        return ["n"]

    def __iter__(self) -> Any:
        return iter(_Record(r) for r in self.rows)

    def consume(self) -> Any:
        counters = type("Counters", (), {"nodes_created": 0, "relationships_created": 0, "properties_set": 0})()
        return type("Summary", (), {"counters": counters})()


class _Session:
    def __init__(self, driver: _Driver, mode: Any) -> None:
        self.driver, self.mode = driver, mode

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, cypher: str, params: dict[str, Any]) -> _Result:
        """Reads: stored articles and entities by id, stored countries by code, counts."""
        self.driver.reads.append((cypher, params, self.mode))
        if cypher in self.driver.answers:
            return _Result(self.driver.answers[cypher])
        if cypher == STORED_ARTICLES_QUERY:
            return _Result([[i] for i in params["ids"] if i in self.driver.articles])
        for label, ids in self.driver.entities.items():
            if cypher == stored_ids_query(label):
                return _Result([[i] for i in params["ids"] if i in ids])
        if cypher == STORED_COUNTRIES_QUERY:
            return _Result([[c, f"country:{c}"] for c in params["codes"] if c in self.driver.countries])
        return _Result([[0]])

    def execute_write(self, fn: Any, *args: Any) -> Any:
        driver = self.driver
        transaction: list[tuple[str, dict[str, Any]]] = []

        class _Tx:
            def run(self, statement: str, params: dict[str, Any]) -> _Result:
                if driver.fail_on is not None and driver.fail_on in statement:
                    from neo4j.exceptions import ClientError

                    raise ClientError("refused")
                transaction.append((statement, params))
                return _Result([])

        out = fn(_Tx(), *args)
        driver.transactions.append(transaction)
        for statement, params in transaction:
            if statement.startswith("UNWIND $rows AS row MERGE (n:Article "):
                driver.articles.update(row["id"] for row in params["rows"])
        return out


class _Driver:
    def __init__(self) -> None:
        self.reads: list[tuple[str, dict[str, Any], Any]] = []
        self.transactions: list[list[tuple[str, dict[str, Any]]]] = []
        self.articles: set[str] = set()
        self.entities: dict[str, set[str]] = {}
        self.countries: set[str] = set()
        self.fail_on: str | None = None
        self.answers: dict[str, list[list[Any]]] = {}
        """Rows to answer a read with, by its exact statement."""

    @property
    def writes(self) -> list[tuple[str, dict[str, Any]]]:
        return [w for tx in self.transactions for w in tx]

    def session(self, database: str | None = None, default_access_mode: Any = None) -> _Session:
        return _Session(self, default_access_mode)

    def close(self) -> None:
        return None


def _store(monkeypatch: pytest.MonkeyPatch, driver: _Driver, read_only: bool = False) -> Neo4jStore:
    monkeypatch.setattr(Neo4jPusher, "connect", classmethod(lambda cls, *a, **k: cls(driver)))
    return Neo4jStore("bolt://test", "neo4j", "secret", read_only=read_only)


def test_write_sends_the_schema_then_the_neutral_batch_in_one_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    store = _store(monkeypatch, driver)
    extraction = sample_extraction()
    first = store.write(extraction)
    schema = schema_statements(ONTO)
    assert [tx for tx in driver.transactions[: len(schema)]] == [[(s, {})] for s in schema]
    (batch_tx,) = driver.transactions[len(schema):]
    expected = write_batches(map_extractions([extraction], ONTO), ONTO, merge_entities=True)
    assert batch_tx == [(b.statement, b.params) for b in expected]
    assert (first.skipped, first.nodes, first.relations) == (False, 1 + 7 + 1 + 2, 34)
    sent = len(driver.writes)
    assert store.write(extraction).skipped
    assert len(driver.writes) == sent  # a stored article is skipped: nothing written, the schema not resent


def test_the_entity_statement_and_its_rows_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    _store(monkeypatch, driver).write(sample_extraction())
    countries = [(s, p) for s, p in driver.writes if s.startswith("UNWIND $rows AS row MERGE (n:Country ")]
    assert countries == [(
        "UNWIND $rows AS row MERGE (n:Country {id: row.id}) "
        "WITH n, row, (n.confidence IS NULL OR row.props.confidence >= n.confidence) AS wins "
        "SET n.name = CASE WHEN wins THEN coalesce(row.props.name, n.name) ELSE coalesce(n.name, row.props.name) END, "
        "n.aliases = CASE WHEN wins THEN coalesce(row.props.aliases, n.aliases) "
        "ELSE coalesce(n.aliases, row.props.aliases) END, "
        "n.qid = CASE WHEN wins THEN coalesce(row.props.qid, n.qid) ELSE coalesce(n.qid, row.props.qid) END, "
        "n.origin = CASE WHEN wins THEN coalesce(row.props.origin, n.origin) "
        "ELSE coalesce(n.origin, row.props.origin) END, "
        "n.iso2 = CASE WHEN wins THEN coalesce(row.props.iso2, n.iso2) ELSE coalesce(n.iso2, row.props.iso2) END, "
        "n.iso3 = CASE WHEN wins THEN coalesce(row.props.iso3, n.iso3) ELSE coalesce(n.iso3, row.props.iso3) END, "
        "n.confidence = CASE WHEN wins THEN row.props.confidence ELSE n.confidence END",
        {"rows": [
            {"id": "country:CN", "props": {"name": "China", "aliases": ["PRC"], "qid": "Q148", "confidence": 1.0,
                                           "origin": "gazetteer", "iso2": "CN", "iso3": "CHN"}},
            {"id": "country:RU", "props": {"name": "Russia", "aliases": ["Russian Federation"], "qid": "Q159",
                                           "confidence": 1.0, "origin": "gazetteer", "iso2": "RU", "iso3": "RUS"}},
            {"id": "country:KG", "props": {"name": "Kyrgyzstan", "aliases": None, "qid": "Q813", "confidence": 1.0,
                                           "origin": "gazetteer", "iso2": "KG", "iso3": "KGZ"}}]},
    )]
    assert entity_merge_statement(ONTO, "Country") == countries[0][0]


def test_the_supply_legs_are_sent_with_their_keys_and_every_property(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    extraction = sample_extraction()
    _store(monkeypatch, driver).write(extraction)
    (flow,) = extraction.supply
    (legs,) = [(s, p) for s, p in driver.writes if "MERGE (a)-[r:SUPPLIES" in s]
    assert legs[0] == ("UNWIND $rows AS row MATCH (a:Country {id: row.src}) MATCH (b:Country {id: row.dst}) "
                       "MERGE (a)-[r:SUPPLIES {key: row.key}]->(b) SET r += row.props")
    common = {"flow_id": flow.id, "good": "ball bearings", "good_id": BALL_BEARINGS.id, "period_start": "2023-01",
              "period_end": "2023-07", "quantity": None, "status": "asserted", "article_id": extraction.article.id}
    from graph.mapping import relationship_key

    assert legs[1] == {"rows": [
        {"src": CHINA.id, "dst": KYRGYZSTAN.id, "key": relationship_key("SUPPLIES", CHINA.id, KYRGYZSTAN.id,
                                                                       {"flow_id": flow.id, "leg": 1}),
         "props": {**common, "leg": 1}},
        {"src": KYRGYZSTAN.id, "dst": RUSSIA.id, "key": relationship_key("SUPPLIES", KYRGYZSTAN.id, RUSSIA.id,
                                                                        {"flow_id": flow.id, "leg": 2}),
         "props": {**common, "leg": 2}},
    ]}


def test_stored_entities_and_countries_are_looked_up_not_invented(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    driver.entities = {"ThinkTank": {ATLANTIC_COUNCIL.id}}
    driver.countries = {"US"}
    extraction = sample_extraction()
    bare = extraction.model_copy(update={"entities": tuple(e for e in extraction.entities
                                                           if e.id != ATLANTIC_COUNCIL.id)})
    _store(monkeypatch, driver).write(bare)
    assert (STORED_COUNTRIES_QUERY, {"codes": ["US"]}) in [(c, p) for c, p, _ in driver.reads]
    located = [p["rows"] for s, p in driver.writes if "MERGE (a)-[r:LOCATED_IN" in s]
    assert [(row["src"], row["dst"]) for rows in located for row in rows] == [("org:wall-street-journal",
                                                                               "country:US")]
    cited = [p["rows"] for s, p in driver.writes if "MATCH (b:ThinkTank {id: row.dst}) MERGE (a)-[r:ATTRIBUTED_TO"
             in s]
    assert [row["dst"] for rows in cited for row in rows] == [ATLANTIC_COUNCIL.id, ATLANTIC_COUNCIL.id]


def test_an_unknown_entity_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    extraction = sample_extraction()
    orphan = Extraction(article=extraction.article, mentions=extraction.mentions[:1])
    with pytest.raises(StoreError, match="unknown entities country:CN"):
        _store(monkeypatch, driver).write(orphan)
    assert driver.writes == []


def test_a_refused_statement_is_a_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    driver.fail_on = "MERGE (a)-[r:SUPPLIES"
    store = _store(monkeypatch, driver)
    with pytest.raises(StoreError, match="neo4j refused a write"):
        store.write(sample_extraction())
    assert driver.articles == set()  # the batch's transaction did not commit


def test_read_only_store_refuses_writes_and_reads_in_read_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from neo4j import READ_ACCESS

    driver = _Driver()
    store = _store(monkeypatch, driver, read_only=True)
    with pytest.raises(QueryError, match="read-only"):
        store.write(sample_extraction())
    assert store.query("MATCH (n) RETURN count(n) AS n").rows == [[0]]
    assert driver.reads[-1][2] == READ_ACCESS


_CLUSTER_COLUMNS = ("k.id, k.metric, k.value, k.period_start, k.period_end, k.origins, k.origin_keys, k.claim_ids, "
                    "k.report_origins")
_COUNTS = "k.reports >= $reports AND k.independent_origins >= $origins"
_ROW = ["cluster:k1", "exports", "73%", "2023-01", "2023-07", ["Atlantic Council"], ["source:atlantic council"],
        ["claim:c1", "claim:c2"], ["source:atlantic council", "source:atlantic council"]]
_STORED = StoredCluster("cluster:k1", "exports", "73%", "2023-01", "2023-07", ("Atlantic Council",),
                        ("source:atlantic council",), ("claim:c1", "claim:c2"),
                        ("source:atlantic council", "source:atlantic council"))


def test_the_cluster_reads_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    scan = f"MATCH (k:Cluster) WHERE {_COUNTS} RETURN {_CLUSTER_COLUMNS}"
    by_claims = ("UNWIND $ids AS i MATCH (c:Claim {id: i}) OPTIONAL MATCH (c)-[:REPORTS]->(k:Cluster) "
                 f"RETURN {_CLUSTER_COLUMNS}")
    about = {(label, rel): f"MATCH (e:{label} {{id: $about}})<-[:{rel}]-(c:Claim)-[:REPORTS]->(k:Cluster) "
                           f"WHERE {_COUNTS} RETURN DISTINCT {_CLUSTER_COLUMNS}"
             for label in ONTO.entity_classes() for rel in ("ABOUT", "ATTRIBUTED_TO")}
    about_person = about[("Person", "ATTRIBUTED_TO")]
    driver = _Driver()
    driver.answers = {scan: [_ROW], by_claims: [_ROW, _ROW, [None] * 9], **{q: [] for q in about.values()},
                      about_person: [_ROW]}
    view = _store(monkeypatch, driver).view()

    assert view.clusters(ClusterFilter(min_reports=2)) == [_STORED]
    assert driver.reads[-1][:2] == (scan, {"reports": 2, "origins": 1})

    assert view.clusters(ClusterFilter(claims=frozenset({"claim:c2", "claim:c1", "claim:c3"}))) == [_STORED]
    assert driver.reads[-1][:2] == (by_claims, {"ids": ["claim:c1", "claim:c2", "claim:c3"]})
    assert view.clusters(ClusterFilter(claims=frozenset({"claim:c1"}), min_origins=2)) == []  # counts checked here

    del driver.reads[:]
    assert view.clusters(ClusterFilter(about="person:webster", min_origins=1)) == [_STORED]
    sent = [cypher for cypher, _params, _mode in driver.reads]
    assert sorted(sent) == sorted(about.values())  # one per entity class and edge
    assert {tuple(sorted(params.items())) for _c, params, _m in driver.reads} == {
        (("about", "person:webster"), ("origins", 1), ("reports", 1))}


def test_clusters_are_current_when_every_claim_reports_one(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    driver.answers = {"MATCH (c:Claim) RETURN count(c)": [[3]], "MATCH (k:Cluster) RETURN sum(k.reports)": [[3]]}
    assert _store(monkeypatch, driver).view().clusters_current()
    driver.answers["MATCH (k:Cluster) RETURN sum(k.reports)"] = [[None]]
    assert not _store(monkeypatch, driver).view().clusters_current()


def test_cluster_members_read_two_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    driver.answers = {"MATCH (k:Cluster) RETURN k.id, k.claim_ids": [["cluster:k1", ["claim:c1", "claim:c2"]]]}
    assert _store(monkeypatch, driver).view().cluster_members() == {"cluster:k1": ("claim:c1", "claim:c2")}
