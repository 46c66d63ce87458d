"""Cluster writes: the exact statements sent to Neo4j, and the same rows through the embedded store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.clusters import ClusterFilter, cluster_write_statements, read_clusters
from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jPusher, Neo4jStore
from ontology.errors import QueryError, StoreError
from ontology.model import load_ontology
from tests.graph.sample import sample_extraction

CLUSTER = {"id": "cluster:k1", "metric": "exports of excavators from China to Russia", "value": "73%",
           "period_start": "2023-01", "period_end": "2023-07", "reports": 1, "independent_origins": 1,
           "origins": ["Atlantic Council"], "origin_keys": ["source:atlantic council"], "claim_ids": ["claim:c1"],
           "report_origins": ["source:atlantic council"]}
REPORT = {"_src": "claim:c1", "_dst": "cluster:k1", "origin": "Atlantic Council",
          "origin_key": "source:atlantic council"}
ORIGIN = {"_src": "org:atlantic-council", "_dst": "cluster:k1", "_label": "ThinkTank",
          "origin_key": "source:atlantic council", "name": "Atlantic Council", "position": 0, "reports": 1}


def test_statements_delete_then_create_clusters_reports_and_originates_by_class() -> None:
    statements = cluster_write_statements(load_ontology(), ["cluster:old", "cluster:old"], [CLUSTER], [REPORT],
                                          [ORIGIN])
    assert statements == [
        ("UNWIND $ids AS i MATCH (k:Cluster {id: i}) DETACH DELETE k", {"ids": ["cluster:old"]}),
        ("UNWIND $rows AS row CREATE (k:Cluster) SET k = row", {"rows": [CLUSTER]}),
        ("UNWIND $rows AS row MATCH (c:Claim {id: row._src}) MATCH (k:Cluster {id: row._dst}) "
         "CREATE (c)-[:REPORTS {origin: row.origin, origin_key: row.origin_key}]->(k)", {"rows": [REPORT]}),
        ("UNWIND $rows AS row MATCH (e:ThinkTank {id: row._src}) MATCH (k:Cluster {id: row._dst}) "
         "CREATE (e)-[:ORIGINATES {origin_key: row.origin_key, name: row.name, position: row.position, "
         "reports: row.reports}]->(k)",
         {"rows": [{k: v for k, v in ORIGIN.items() if k != "_label"}]}),
    ]
    assert cluster_write_statements(load_ontology(), [], [], [], []) == []


def test_a_class_outside_the_ontology_never_reaches_the_statement() -> None:
    with pytest.raises(StoreError, match="ORIGINATES cannot start from 'Claim'"):
        cluster_write_statements(load_ontology(), [], [], [], [{**ORIGIN, "_label": "Claim"}])
    with pytest.raises(StoreError, match="ORIGINATES cannot start from"):
        cluster_write_statements(load_ontology(), [], [], [], [{**ORIGIN, "_label": "X) DETACH DELETE (n"}])


class _Tx:
    def __init__(self, sent: list[tuple[str, dict[str, Any]]]) -> None:
        self.sent = sent

    def run(self, statement: str, params: dict[str, Any]) -> Any:
        self.sent.append((statement, params))
        return type("Result", (), {"consume": lambda self: None})()


class _Driver:
    def __init__(self) -> None:
        self.transactions: list[list[tuple[str, dict[str, Any]]]] = []

    def session(self, database: str | None = None, default_access_mode: Any = None) -> Any:
        driver = self

        class _Session:
            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: object) -> None:
                return None

            def execute_write(self, fn: Any) -> Any:
                driver.transactions.append([])
                return fn(_Tx(driver.transactions[-1]))

        return _Session()

    def close(self) -> None:
        return None


def _neo4j(monkeypatch: pytest.MonkeyPatch, driver: _Driver, read_only: bool = False) -> Neo4jStore:
    monkeypatch.setattr(Neo4jPusher, "connect", classmethod(lambda cls, *a, **k: cls(driver)))
    return Neo4jStore("bolt://test", "neo4j", "secret", read_only=read_only)


def test_neo4j_store_sends_the_statements_in_one_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    _neo4j(monkeypatch, driver).replace_clusters(["cluster:old"], [CLUSTER], [REPORT], [ORIGIN])
    assert driver.transactions == [cluster_write_statements(load_ontology(), ["cluster:old"], [CLUSTER], [REPORT],
                                                            [ORIGIN])]
    with pytest.raises(QueryError, match="read-only"):
        _neo4j(monkeypatch, _Driver(), read_only=True).replace_clusters([], [CLUSTER], [], [])


def test_a_refused_cluster_write_is_one_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from neo4j.exceptions import ClientError

    class _Refusing(_Driver):
        def session(self, database: str | None = None, default_access_mode: Any = None) -> Any:
            session = super().session(database, default_access_mode)

            def refuse(fn: Any) -> Any:
                raise ClientError("constraint violated")

            session.execute_write = refuse
            return session

    with pytest.raises(StoreError, match=r"cannot store corroboration clusters: neo4j refused corroboration "
                                         r"clusters: .*constraint violated"):
        _neo4j(monkeypatch, _Refusing()).replace_clusters([], [CLUSTER], [REPORT], [ORIGIN])


def test_embedded_store_keeps_the_same_rows_and_reads_them_back(tmp_path: Path) -> None:
    extraction = sample_extraction()
    claim = extraction.claims[0]
    source = next(e for e in extraction.entities if e.type in load_ontology().entity_classes())
    cluster = {**CLUSTER, "claim_ids": [claim.id]}
    origin = {**ORIGIN, "_src": source.id, "_label": source.type}
    with LadybugStore(tmp_path / "db") as store:
        store.write(extraction)
        store.replace_clusters([], [cluster], [{**REPORT, "_src": claim.id}], [origin])
        (read,) = read_clusters(store, ClusterFilter(claims=frozenset({claim.id})))
        assert (read.id, read.claim_ids, read.origins, read.report_origins) == (
            "cluster:k1", (claim.id,), ("Atlantic Council",), ("source:atlantic council",))
        rows = store.query("MATCH (e)-[o:ORIGINATES]->(k:Cluster) RETURN e.id, k.id, o.name, o.position, o.reports")
        assert rows.rows == [[source.id, "cluster:k1", "Atlantic Council", 0, 1]]
        store.replace_clusters(["cluster:k1"], [], [], [])
        assert store.cluster_ids() == set()
        assert store.query("MATCH ()-[o:ORIGINATES]->() RETURN count(o)").rows == [[0]]
