"""Neo4j statement builders: exact statements and parameters; the pusher against a recording driver."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.neo4j_store import (
    Neo4jPusher,
    node_merge_statement,
    relationship_key_indexes,
    relationship_merge_statement,
    schema_statements,
    write_batches,
)
from graph.schema import neo4j_constraints
from graph.snapshot import node_query, relationship_query
from ontology.errors import ExportError, OntologyError
from ontology.model import load_ontology
from tests.exports.builders import tiny_snapshot

ONTO = load_ontology()


def test_node_statement_is_exact() -> None:
    assert node_merge_statement(ONTO, "Country") == (
        "UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props")


def test_relationship_statement_is_exact() -> None:
    assert relationship_merge_statement(ONTO, "SUPPLIES", "Country", "Company") == (
        "UNWIND $rows AS row MATCH (a:Country {id: row.src}) MATCH (b:Company {id: row.dst}) "
        "MERGE (a)-[r:SUPPLIES {key: row.key}]->(b) SET r += row.props")


@pytest.mark.parametrize("label", ["Country) DETACH DELETE (n", "Entity", "country", ""])
def test_labels_outside_the_allow_list_are_refused(label: str) -> None:
    with pytest.raises(OntologyError):
        node_merge_statement(ONTO, label)


def test_relationship_types_and_endpoints_are_checked() -> None:
    with pytest.raises(OntologyError):
        relationship_merge_statement(ONTO, "KNOWS", "Person", "Person")
    with pytest.raises(OntologyError, match="does not allow"):
        relationship_merge_statement(ONTO, "OF_GOOD", "SupplyFlow", "Country")


def test_write_batches_of_a_small_snapshot() -> None:
    batches = write_batches(tiny_snapshot(), ONTO)
    assert [(b.statement, b.params) for b in batches] == [
        ("UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props",
         {"rows": [
             {"id": "country:CN", "props": {"name": "China", "aliases": ["PRC"], "qid": "Q148", "confidence": 1.0,
                                            "origin": "gazetteer", "iso2": "CN", "iso3": "CHN"}},
             {"id": "country:RU", "props": {"name": "Russia", "aliases": None, "qid": "Q159", "confidence": 1.0,
                                            "origin": "gazetteer", "iso2": "RU", "iso3": "RUS"}}]}),
        ("UNWIND $rows AS row MERGE (n:Article {id: row.id}) SET n += row.props",
         {"rows": [{"id": "article:1", "props": {
             "path": "a.txt", "url": None, "title": "O'Brien \"quoted\"\nline", "outlet": None,
             "published": dt.date(2023, 8, 1), "text": "x", "content_hash": "h", "format": "txt",
             "boilerplate": None}}]}),
        ("UNWIND $rows AS row MATCH (a:Country {id: row.src}) MATCH (b:Country {id: row.dst}) "
         "MERGE (a)-[r:SUPPLIES {key: row.key}]->(b) SET r += row.props",
         {"rows": [{"src": "country:CN", "dst": "country:RU", "key": "supplies:k1", "props": {
             "flow_id": "flow:1", "good": "drones", "good_id": "good:drones", "period_start": None,
             "period_end": None, "quantity": None, "status": "asserted", "leg": 0, "article_id": "article:1"}}]}),
        ("UNWIND $rows AS row MATCH (a:Article {id: row.src}) MATCH (b:Country {id: row.dst}) "
         "MERGE (a)-[r:MENTIONS {key: row.key}]->(b) SET r += row.props",
         {"rows": [{"src": "article:1", "dst": "country:RU", "key": "mentions:k2", "props": {
             "start": 0, "end": 6, "surface": "Russia", "sentence": "Russia.", "extractor": "gazetteer",
             "confidence": 1.0}}]}),
    ]
    assert [b.target for b in batches] == ["Country", "Article", "SUPPLIES (Country->Country)",
                                           "MENTIONS (Article->Country)"]


def test_batches_are_cut_at_batch_size() -> None:
    batches = write_batches(tiny_snapshot(), ONTO, batch_size=1)
    assert [len(b.rows) for b in batches] == [1, 1, 1, 1, 1]
    with pytest.raises(ValueError):
        write_batches(tiny_snapshot(), ONTO, batch_size=0)


def test_schema_statements_are_constraints_then_key_indexes() -> None:
    statements = schema_statements(ONTO)
    assert statements[: len(neo4j_constraints(ONTO))] == neo4j_constraints(ONTO)
    assert statements[len(neo4j_constraints(ONTO)):] == relationship_key_indexes(ONTO)
    assert "CREATE INDEX rel_supplies_key IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.key)" in statements


def test_snapshot_read_queries_are_exact() -> None:
    assert node_query(ONTO, "SupplyFlow") == (
        "MATCH (n:SupplyFlow) RETURN n.id, n.supplier, n.good, n.recipient, n.via, n.period_start, n.period_end, "
        "n.quantity, n.value, n.status, n.article_id, n.start, n.`end`, n.sentence, n.extractor ORDER BY n.id")
    assert relationship_query(ONTO, "REPORTED_IN") == (
        "MATCH (a)-[r:REPORTED_IN]->(b) RETURN a.id, b.id, r.start, r.`end`")


# -- the pusher, against a driver that records what it is asked to run -------------------------


class _Counters:
    nodes_created = 1
    relationships_created = 0
    properties_set = 2


class _Tx:
    def __init__(self, log: list[tuple[str, dict[str, Any]]]) -> None:
        self.log = log

    def run(self, statement: str, params: dict[str, Any]) -> Any:
        self.log.append((statement, params))
        return self

    def consume(self) -> Any:
        return type("Summary", (), {"counters": _Counters()})()


class _Session:
    def __init__(self, log: list[tuple[str, dict[str, Any]]], database: str | None) -> None:
        self.log, self.database = log, database

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, fn: Any, *args: Any) -> Any:
        return fn(_Tx(self.log), *args)


class _Driver:
    def __init__(self) -> None:
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.databases: list[str | None] = []

    def session(self, database: str | None = None) -> _Session:
        self.databases.append(database)
        return _Session(self.log, database)


def test_pusher_runs_schema_then_batches_in_managed_transactions() -> None:
    driver = _Driver()
    seen: list[str] = []
    pusher = Neo4jPusher(driver, database="trade")
    summary = pusher.push(tiny_snapshot(), ONTO, on_batch=lambda b: seen.append(b.target))
    schema = schema_statements(ONTO)
    assert [s for s, _ in driver.log[: len(schema)]] == schema
    assert all(params == {} for _, params in driver.log[: len(schema)])
    assert [(s, p) for s, p in driver.log[len(schema):]] == [(b.statement, b.params)
                                                             for b in write_batches(tiny_snapshot(), ONTO)]
    assert set(driver.databases) == {"trade"}
    assert seen == ["Country", "Article", "SUPPLIES (Country->Country)", "MENTIONS (Article->Country)"]
    assert summary.rows == 5
    assert summary.statements == len(schema) + 4


def test_connect_failure_is_an_export_error() -> None:
    with pytest.raises(ExportError, match=r"cannot connect to bolt://127\.0\.0\.1:9"):
        Neo4jPusher.connect("bolt://127.0.0.1:9", "neo4j", "secret")


def test_bad_uri_is_an_export_error() -> None:
    with pytest.raises(ExportError, match="unsupported Neo4j URI 'nope://x'"):
        Neo4jPusher.connect("nope://x", "neo4j", "secret")
    with pytest.raises(ExportError, match="the scheme must be one of bolt://"):
        Neo4jPusher.connect("http://localhost:7474", "neo4j", "secret")  # the driver would need aiohttp
