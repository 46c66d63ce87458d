"""Neo4jStore without a server: a fake driver records what the store sends and answers look-ups.

The live behaviour suite (tests/graph/test_store_contract.py) runs the same store against a real server
when NEO4J_URI is set.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.neo4j_store import Neo4jPusher, Neo4jStore, schema_statements
from ontology.errors import QueryError
from ontology.model import load_ontology
from tests.graph.sample import sample_extraction


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
        self.driver.reads.append((cypher, params, self.mode))
        stored = params.get("id") in self.driver.articles
        return _Result([[1 if stored else 0]])

    def execute_write(self, fn: Any, *args: Any) -> Any:
        driver = self.driver

        class _Tx:
            def run(self, statement: str, params: dict[str, Any]) -> _Result:
                driver.writes.append((statement, params))
                for row in params.get("rows", []):
                    if statement.startswith("UNWIND $rows AS row MERGE (n:Article "):
                        driver.articles.add(row["id"])
                return _Result([])

        return fn(_Tx(), *args)


class _Driver:
    def __init__(self) -> None:
        self.reads: list[tuple[str, dict[str, Any], Any]] = []
        self.writes: list[tuple[str, dict[str, Any]]] = []
        self.articles: set[str] = set()

    def session(self, database: str | None = None, default_access_mode: Any = None) -> _Session:
        return _Session(self, default_access_mode)

    def close(self) -> None:
        return None


def _store(monkeypatch: pytest.MonkeyPatch, driver: _Driver, read_only: bool = False) -> Neo4jStore:
    monkeypatch.setattr(Neo4jPusher, "connect", classmethod(lambda cls, *a, **k: cls(driver)))
    return Neo4jStore("bolt://test", "neo4j", "secret", read_only=read_only)


def test_write_pushes_schema_then_the_extraction_and_second_write_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    driver = _Driver()
    store = _store(monkeypatch, driver)
    extraction = sample_extraction()
    first = store.write(extraction)
    assert not first.skipped and first.nodes > 0 and first.relations > 0
    statements = [s for s, _ in driver.writes]
    schema = schema_statements(load_ontology())
    assert statements[: len(schema)] == schema
    assert any(s.startswith("UNWIND $rows AS row MERGE (n:Article {id: row.id})") for s in statements)
    assert any("MERGE (a)-[r:SUPPLIES {key: row.key}]->(b)" in s for s in statements)
    sent = len(driver.writes)
    second = store.write(extraction)
    assert second.skipped
    assert len(driver.writes) == sent


def test_read_only_store_refuses_writes_and_reads_in_read_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from neo4j import READ_ACCESS

    driver = _Driver()
    store = _store(monkeypatch, driver, read_only=True)
    with pytest.raises(QueryError, match="read-only"):
        store.write(sample_extraction())
    assert store.query("MATCH (n) RETURN count(n) AS n").rows == [[0]]
    assert driver.reads[-1][2] == READ_ACCESS
