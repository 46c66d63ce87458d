"""The investigation commands through typer's CliRunner, over a store of hand-made extractions."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.queries.builders import VOCABULARY, build_store, route_extractions
from tradetrace.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build_store(tmp_path_factory.mktemp("cli") / "db", route_extractions()))


def _json(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_path_json_shape(db):
    routes = _json(["path", "China", "Russia", "--good", "ball bearings", "--db", db, "--format", "json"])
    assert routes[0]["through"] == ["Kyrgyzstan"]
    assert set(routes[0]) >= {"source", "target", "good", "nodes", "hops", "strength", "articles", "origins",
                              "end_uses"}
    evidence = routes[0]["hops"][0]["evidence"][0]
    assert set(evidence) >= {"article", "span", "sentence", "attribution", "period", "quantity", "status", "leg"}
    assert evidence["article"]["outlet"]


def test_path_table_and_no_path(db):
    result = runner.invoke(app, ["path", "China", "Russia", "--good", "assault rifles", "--db", db])
    assert result.exit_code == 0 and "Turkey" in result.stdout
    result = runner.invoke(app, ["path", "Russia", "China", "--db", db])
    assert result.exit_code == 1 and "no supply route" in result.output
    result = runner.invoke(app, ["path", "Atlantis", "Russia", "--db", db])
    assert result.exit_code == 2 and "Atlantis" in result.output


def test_goods_claims_corroborate_conflicts_provenance(db):
    goods = _json(["goods", "--to", "Russia", "--chpl", "--db", db, "--format", "json"])
    assert {g["name"] for g in goods} == {"ball bearings", "integrated circuits"}
    assert {"hs_codes", "chpl_tier", "flows", "claims", "independent_origins"} <= set(goods[0])
    claims = _json(["claims", "--about", "Kyrgyzstan", "--db", db, "--format", "json"])
    assert len(claims) == 1 and claims[0]["attributed_to"] == ["Atlantic Council"]
    clusters = _json(["corroborate", "--min-reports", "1", "--db", db, "--format", "json"])
    assert all({"reports", "independent_origins", "origins"} <= set(c) for c in clusters)
    assert _json(["conflicts", "--db", db, "--format", "json"]) == []
    prov = _json(["provenance", "re-exported", "--db", db, "--format", "json"])
    assert prov["origins"] == ["Atlantic Council"] and prov["reports"][0]["span"]["start"] is not None
    for command in (["goods"], ["claims"], ["corroborate"], ["conflicts"], ["provenance", "re-exported"]):
        assert runner.invoke(app, [*command, "--db", db]).exit_code == 0


@pytest.fixture(scope="module")
def clustered_db(tmp_path_factory):
    from graph.ladybug_store import LadybugStore
    from queries.clusters import refresh_clusters

    path = build_store(tmp_path_factory.mktemp("clustered") / "db", route_extractions())
    with LadybugStore(path) as store:
        refresh_clusters(store, vocabulary=VOCABULARY)
    return str(path)


def test_corroborate_about_an_entity_is_a_look_up_equal_to_the_computed_listing(db, clustered_db):
    args = ["corroborate", "--min-reports", "1", "--about", "the Atlantic Council", "--format", "json"]
    looked_up, computed = _json([*args, "--db", clustered_db]), _json([*args, "--db", db])
    assert [c["claim_ids"] for c in looked_up] == [c["claim_ids"] for c in computed]
    assert len(looked_up) == 1 and looked_up[0]["origins"] == ["Atlantic Council"]
    everything = _json(["corroborate", "--min-reports", "1", "--db", clustered_db, "--format", "json"])
    assert len(everything) > len(looked_up)
    result = runner.invoke(app, ["corroborate", "--about", "Atlantis", "--db", clustered_db])
    assert result.exit_code == 2 and "Atlantis" in result.output


def test_provenance_by_text_on_stored_clusters_equals_provenance_computed(db, clustered_db):
    args = ["provenance", "re-exported", "--format", "json"]
    assert _json([*args, "--db", clustered_db]) == _json([*args, "--db", db])


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_corroborate_listing_read_from_the_cluster_nodes_equals_the_computed_one(db, clustered_db, fmt):
    outputs = []
    for store in (clustered_db, db):
        result = runner.invoke(app, ["corroborate", "--min-reports", "1", "--db", store, "--format", fmt])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and "Atlantic Council" in outputs[0]
