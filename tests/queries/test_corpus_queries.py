"""Queries over stores built by ingesting our example corpus and the seed corpus (once per module).

These assert what an investigator must see; they depend on the extractors' recall and are expected
to fail where an extractor misses the fact (the failure names what is missing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.ladybug_store import LadybugStore
from queries.conflicts import find_conflicts
from queries.corroborate import corroborate
from queries.paths import trace_supply_paths
from tests.conftest import EXAMPLES
from tests.queries.builders import REFERENCE, VOCABULARY
from tradetrace.app import app


def _ingest(corpus: Path, db: Path) -> Path:
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code in (0, 1), result.output  # 1: some files refused; the rest is stored
    return db


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    if not any(EXAMPLES.iterdir()):
        pytest.skip("examples/corpus is empty")
    db = _ingest(EXAMPLES, tmp_path_factory.mktemp("examples") / "db")
    with LadybugStore(db, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def seed_store(seed_corpus, tmp_path_factory):
    db = _ingest(seed_corpus, tmp_path_factory.mktemp("seeds") / "db")
    with LadybugStore(db, read_only=True) as store:
        yield store


def _through(store, good):
    return [r.through for r in trace_supply_paths(store, "China", "Russia", good=good, reference=REFERENCE)]


@pytest.mark.parametrize(("good", "transit"), [("ball bearings", ["Kyrgyzstan"]),
                                               ("integrated circuits", ["Turkey"])])
def test_examples_transit_routes(example_store, good, transit):
    assert transit in _through(example_store, good)


@pytest.mark.seeds
@pytest.mark.parametrize(("good", "transit"), [("ball bearings", ["Kyrgyzstan"]),
                                               ("integrated circuits", ["Turkey"]),
                                               ("assault rifles", ["Turkey", "United Arab Emirates"])])
def test_seed_transit_routes(seed_store, good, transit):
    assert transit in _through(seed_store, good)


@pytest.mark.seeds
def test_seed_excavators_reach_fortifications(seed_store):
    routes = trace_supply_paths(seed_store, "China", "Russia", good="excavators", reference=REFERENCE)
    assert any(use in {"fortifications", "Surovikin line"} for r in routes for use in r.end_uses)


def _cluster_with(store, value_word):
    return [c for c in corroborate(store, min_reports=2, vocabulary=VOCABULARY)
            if any(value_word in (r.value_raw or "") for r in c.reports)]


@pytest.mark.seeds
def test_seed_wsj_73_percent_is_one_origin(seed_store):
    clusters = _cluster_with(seed_store, "73")
    assert [(len(c.reports), c.independent_origins) for c in clusters] == [(2, 1)]
    assert clusters[0].origins[0].name == "Wall Street Journal"


@pytest.mark.seeds
def test_seed_september_excavator_tripling_is_one_origin(seed_store):
    clusters = [c for c in corroborate(seed_store, min_reports=2, vocabulary=VOCABULARY)
                if any("September" in r.text and "excavator" in r.text.lower() for r in c.reports)]
    assert [(len(c.reports), c.independent_origins) for c in clusters] == [(2, 1)]
    assert clusters[0].origins[0].name == "Atlantic Council"


@pytest.mark.seeds
def test_seed_conflicts(seed_store):
    found = find_conflicts(seed_store, vocabulary=VOCABULARY)
    reused = [c for c in found if c.kind == "figure_reused"]
    assert any(c.a.value == "345%" for c in reused)
    changed = [c for c in found if c.kind == "metric_changed"]
    assert any("bulldozer" in c.a.text + c.b.text and "loaders" in c.a.text + c.b.text for c in changed)


# -- designed echoes of our example corpus ------------------------------------------------------------

def test_examples_september_excavator_tripling_is_one_cluster(example_store):
    # 03 (prose, "more than three times higher") and 06 (a list item, "more than three times the level of").
    clusters = [c for c in corroborate(example_store, min_reports=2, vocabulary=VOCABULARY)
                if any("September 2022" in r.text and "xcavator" in r.text for r in c.reports)]
    assert len(clusters) == 1, [c.metric for c in clusters]
    (cluster,) = clusters
    assert cluster.metric == "exports of excavators from China to Russia"
    assert (cluster.period_start, cluster.period_end) == ("2022-09", "2022-09")
    assert sorted(r.article.outlet or "" for r in cluster.reports) == ["Northern Corridor Brief",
                                                                       "Steppe Trade Review"]


def _trade_clusters(store, number):
    return [c for c in corroborate(store, min_reports=1, vocabulary=VOCABULARY)
            if c.metric == "trade between China and Russia" and any(r.value_number == number for r in c.reports)]


def test_examples_trade_134_billion_has_two_origins(example_store):
    # 01 (Eastgate Monitor, from the WSJ: "between January and July") and 05 (Amber Coast Daily, unsourced).
    (cluster,) = _trade_clusters(example_store, 134e9)
    assert (cluster.period_start, cluster.period_end) == ("2023-01", "2023-07")
    assert len(cluster.reports) == 2
    assert sorted(o.name for o in cluster.origins) == ["Amber Coast Daily", "Wall Street Journal"]


def test_examples_trade_143_billion_conflicts_with_134(example_store):
    # 08 says $143 billion for the same metric and period; the oil it mentions after the figure is no metric.
    mismatches = [c for c in find_conflicts(example_store, ["value_mismatch"], vocabulary=VOCABULARY)
                  if c.a.metric == c.b.metric == "trade between China and Russia"]
    pairs = {tuple(sorted((c.a.outlet or "", c.b.outlet or ""))) for c in mismatches}
    assert ("Danube Dispatch", "Eastgate Monitor") in pairs
    assert all({c.a.value, c.b.value} & {"$143 billion"} for c in mismatches)


def test_examples_73_percent_echo_is_one_origin_and_its_mutation_is_flagged(example_store):
    # 01 and 04 cite the WSJ for a 73% rise of Chinese exports to Russia; 02 calls it "equipment exports".
    clusters = [c for c in corroborate(example_store, min_reports=2, vocabulary=VOCABULARY)
                if any(r.value_raw == "73%" for r in c.reports)]
    assert len(clusters) == 1
    (cluster,) = clusters
    assert len(cluster.reports) == 3
    assert [o.name for o in cluster.origins] == ["Wall Street Journal"]
    changed = [c for c in find_conflicts(example_store, ["metric_changed"], vocabulary=VOCABULARY)
               if c.a.value == c.b.value == "73%"]
    assert changed and all("equipment" in (c.a.metric or "") + (c.b.metric or "") for c in changed)
    assert {c.a.outlet for c in changed} | {c.b.outlet for c in changed} >= {"The Baltic Ledger"}


@pytest.mark.seeds
def test_seed_equipment_exports_mutation_is_flagged_and_no_false_trade_conflict(seed_store):
    found = find_conflicts(seed_store, vocabulary=VOCABULARY)
    assert any(c.kind == "metric_changed" and c.a.value == c.b.value == "73%" for c in found)
    # $134 billion (January-July 2023) and $240 billion (all of 2023) are different periods, not a conflict.
    assert not [c for c in found if c.kind == "value_mismatch" and {c.a.value, c.b.value} & {"US$240 billion"}]
