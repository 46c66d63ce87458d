from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from queries.cookbook import load_cookbook

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
COOKBOOK = load_cookbook()


def test_cookbook_has_at_least_ten_documented_queries():
    assert len(COOKBOOK) >= 10
    for entry in COOKBOOK:
        assert entry.answers and entry.columns, entry.title


@pytest.mark.parametrize("entry", COOKBOOK, ids=[e.title for e in COOKBOOK])
def test_cookbook_query_runs_on_the_embedded_store(route_store, entry):
    result = route_store.query(entry.cypher, entry.params)
    assert result.columns == entry.columns


def test_route_queries_find_the_transit_routes(route_store):
    by_title = {e.title: e for e in COOKBOOK}
    two_leg = by_title["Two-leg routes of one good through an intermediary"]
    rows = route_store.query(two_leg.cypher, two_leg.params).records()
    assert {(r["through"], r["good"]) for r in rows} == {("Kyrgyzstan", "ball bearings"),
                                                        ("Turkey", "integrated circuits")}
    shortest = by_title["Shortest route for one good"]
    (row,) = route_store.query(shortest.cypher, shortest.params).records()
    assert row["route"] == ["China", "Turkey", "Russia"]


@pytest.mark.node
def test_portable_queries_parse_in_neo4j():
    if shutil.which("node") is None or not (NODE_DIR / "node_modules").is_dir():
        pytest.skip("node and tests/node/node_modules are needed for Neo4j's Cypher parser")
    items = [{"name": e.title, "query": e.cypher} for e in COOKBOOK if "neo4j" in e.dialects]
    done = subprocess.run(["node", str(NODE_DIR / "lint_cypher.mjs")], input=json.dumps(items), text=True,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
