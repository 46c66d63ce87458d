"""The goods hierarchy end to end: ingest an article of ours, then ask `path --good`, `goods --good` and Cypher
for a good and everything narrower."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradetrace.app import app

runner = CliRunner()

ARTICLE = """Bearings and lathes keep flowing east

Published: 3 March 2025

Harbour Ledger | Trade | Sanctions | Subscribe

Customs filings reviewed by the Harbour Ledger show that Chinese suppliers shipped ball bearings to Kyrgyzstan \
throughout 2024.

Kyrgyz traders then re-exported the bearings to Russia, the filings indicate.

A Turkish company, Anatolia Tezgah Ltd, sold CNC machine tools to Russia in the autumn.

Share this article | Follow us
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hierarchy")
    articles = folder / "articles"
    articles.mkdir()
    (articles / "bearings.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / "db"
    result = runner.invoke(app, ["ingest", str(articles), "--db", str(store)])
    assert result.exit_code == 0, result.output
    return str(store)


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_path_for_a_broader_good_finds_the_narrower_one(db: str) -> None:
    routes = _json(["path", "China", "Russia", "--good", "bearings", "--db", db, "--format", "json"])
    assert isinstance(routes, list) and routes
    assert {route["good"] for route in routes} == {"ball bearings"}
    assert routes[0]["through"] == ["Kyrgyzstan"]


def test_goods_for_a_broader_good_lists_the_narrower_ones(db: str) -> None:
    rows = _json(["goods", "--good", "machine tools", "--db", db, "--format", "json"])
    assert isinstance(rows, list)
    assert {row["name"] for row in rows} == {"CNC machine tools"}
    rows = _json(["goods", "--good", "bearings", "--to", "Russia", "--db", db, "--format", "json"])
    assert {row["name"] for row in rows} == {"ball bearings"}  # type: ignore[union-attr]


def test_cypher_follows_broader_edges(db: str) -> None:
    query = ("MATCH (g:Good)-[:BROADER*1..3]->(b:Good {name: 'machine tools'}) RETURN g.name")
    result = runner.invoke(app, ["cypher", query, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "CNC machine tools" in result.stdout


def test_a_good_without_narrower_goods_selects_only_itself(db: str) -> None:
    rows = _json(["goods", "--good", "CNC machine tools", "--db", db, "--format", "json"])
    assert [row["name"] for row in rows] == ["CNC machine tools"]  # type: ignore[index]
    result = runner.invoke(app, ["goods", "--good", "torpedoes", "--db", db])
    assert result.exit_code != 0 and "torpedoes" in result.output
