"""Stored clusters: written at ingest, equal to a full recomputation whatever the order of ingest, read back
by provenance and corroborate as look-ups."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_store import LadybugStore
from ingest.read import read_file
from ontology.records import Extraction
from queries.claims import load_claims
from queries.clusters import clusters_current, corroborated, refresh_clusters, stored_clusters
from queries.corroborate import ClaimCluster, ClusterIndex, cluster_claims
from queries.provenance import trace_provenance
from tests.conftest import EXAMPLES
from tests.queries.builders import VOCABULARY, stored


def _shape(clusters: list[ClaimCluster]) -> list[tuple[Any, ...]]:
    """What a user sees of clusters: ids, fact, reports in order, origins with their reports, in order."""
    return [(c.id, c.metric, c.value, c.period_start, c.period_end, [r.id for r in c.reports],
             [(o.key, o.name, o.claim_ids) for o in c.origins]) for c in clusters]


@pytest.fixture(scope="module")
def extractions(pipeline: Any) -> list[Extraction]:
    articles = [a for path in sorted(EXAMPLES.iterdir()) for a in read_file(path).articles]
    if not articles:
        pytest.skip("examples/corpus is empty")
    return list(pipeline.extract_many(articles))


@pytest.fixture(scope="module")
def in_order(extractions: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    with LadybugStore(tmp_path_factory.mktemp("clusters") / "db") as store:
        store.write_many(extractions)
        refresh_clusters(store, vocabulary=VOCABULARY)
        yield store


def test_stored_clusters_equal_a_full_recomputation(in_order: LadybugStore) -> None:
    recomputed = cluster_claims(load_claims(in_order), vocabulary=VOCABULARY)
    assert sum(len(c.reports) > 1 for c in recomputed) >= 3, "the corpus must echo some figures"
    assert clusters_current(in_order)
    assert _shape(stored_clusters(in_order)) == _shape(recomputed)
    assert _shape(corroborated(in_order, min_reports=2, vocabulary=VOCABULARY)) == \
        _shape([c for c in recomputed if len(c.reports) >= 2])


def test_a_second_refresh_changes_nothing(in_order: LadybugStore) -> None:
    before = in_order.stats()
    update = refresh_clusters(in_order, vocabulary=VOCABULARY)
    assert (update.added, update.removed) == (0, 0) and update.clusters == len(in_order.cluster_ids())
    assert in_order.stats() == before


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clusters_updated_batch_by_batch_in_random_order_equal_the_full_recomputation(
        extractions: list[Extraction], in_order: LadybugStore, tmp_path: Path, seed: int) -> None:
    shuffled = random.Random(seed).sample(extractions, len(extractions))
    with LadybugStore(tmp_path / "db") as store:
        for start in range(0, len(shuffled), 3):
            store.write_many(shuffled[start:start + 3])
            refresh_clusters(store, vocabulary=VOCABULARY)
            assert _shape(stored_clusters(store)) == _shape(cluster_claims(load_claims(store), vocabulary=VOCABULARY))
        assert _shape(stored_clusters(store)) == _shape(stored_clusters(in_order))


def test_provenance_looked_up_equals_provenance_computed(extractions: list[Extraction], in_order: LadybugStore,
                                                         tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "bare.db") as bare:
        bare.write_many(extractions)  # no clusters stored: provenance clusters the claims itself
        assert not clusters_current(bare)
        echoed = [c for c in cluster_claims(load_claims(bare), vocabulary=VOCABULARY) if len(c.reports) > 1]
        for cluster in echoed:
            for query in (cluster.reports[-1].id, cluster.reports[0].text[:40]):
                stored = trace_provenance(in_order, query, vocabulary=VOCABULARY)
                computed = trace_provenance(bare, query, vocabulary=VOCABULARY)
                assert stored.claim.id == computed.claim.id
                assert [(r.claim.id, r.origin) for r in stored.reports] == \
                    [(r.claim.id, r.origin) for r in computed.reports]
                assert _shape([stored.cluster]) == _shape([computed.cluster])


def _figure(article: str, text: str, number: float, metric: str = "exports of excavators from China to Russia",
            period: tuple[str, str] | None = ("2023-01", "2023-07"), published: str = "2023-09-01") -> Any:
    return stored(text, article, f"Outlet {article}", metric=metric, raw=f"{number:g}%", number=number, unit="%",
                  period=period, chain=[], published=published)


# Reports written for these tests: two facts about excavators (73% and 75%, too far apart to be one
# figure), a vaguer report of 74% without period that fits either, and copies.
FIGURES = [
    _figure("a1", "Excavator exports to Russia rose 73% in January-July.", 73.0, published="2023-08-01"),
    _figure("a2", "Shipments of Chinese excavators to Russia grew by 73 percent.", 73.5, published="2023-08-03"),
    _figure("a3", "Excavator exports to Russia rose 75% in January-July.", 75.0, published="2023-08-02"),
    _figure("a4", "Russia imported 74% more excavators from China.", 74.0, period=None, published="2023-07-30"),
    _figure("a5", "Excavator exports to Russia rose 73% in January-July, a copy.", 73.0, published="2023-08-05"),
    _figure("a6", "Chinese bulldozer sales to Russia rose 73%.", 73.0,
            metric="exports of bulldozers from China to Russia", published="2023-08-04"),
]


def _groups(index: ClusterIndex) -> list[list[str]]:
    return sorted(sorted(c.id for c in members) for members in index.groups().values())


@pytest.mark.parametrize("seed", range(6))
def test_adding_claims_to_stored_clusters_equals_clustering_them_all_at_once(seed: int) -> None:
    order = random.Random(seed).sample(FIGURES, len(FIGURES))
    full = ClusterIndex(FIGURES, vocabulary=VOCABULARY)
    full.assign()
    previous: list[list[str]] = []
    for count in range(1, len(order) + 1):
        index = ClusterIndex(order[:count], vocabulary=VOCABULARY)
        index.assign(previous)
        previous = [[c.id for c in members] for members in index.groups().values()]
    assert sorted(sorted(ids) for ids in previous) == _groups(full)


def test_an_earlier_report_arriving_late_takes_the_vague_report_from_its_cluster() -> None:
    # Stored: the 73% report and the vague 74% one (no period, so decided after every dated report) are
    # one cluster. A 75% report published before both arrives: decided first, it starts a cluster; the
    # vague report fits both (74 is within 2% of 73 and of 75), has nothing more in common with either, and
    # on a tie joins the cluster started first. The stored 73% cluster must lose it.
    a1, a4 = FIGURES[0], FIGURES[3]
    early = _figure("a7", "Excavator exports to Russia rose 75% in January-July, an early count.", 75.0,
                    published="2023-07-01")
    index = ClusterIndex([a1, a4], vocabulary=VOCABULARY)
    index.assign()
    assert _groups(index) == [sorted([a1.id, a4.id])]
    grown = ClusterIndex([a1, a4, early], vocabulary=VOCABULARY)
    grown.assign([[c.id for c in members] for members in index.groups().values()])
    full = ClusterIndex([a1, a4, early], vocabulary=VOCABULARY)
    full.assign()
    assert _groups(grown) == _groups(full) == sorted([[a1.id], sorted([early.id, a4.id])])
    assert grown.redecided == 2  # the new report and the vague one; the 73% report cannot decide otherwise


def test_only_the_claims_a_new_claim_can_reach_are_decided_again() -> None:
    known = ClusterIndex(FIGURES[:5], vocabulary=VOCABULARY)
    known.assign()
    grown = ClusterIndex(FIGURES, vocabulary=VOCABULARY)
    grown.assign([[c.id for c in members] for members in known.groups().values()])
    # The bulldozer report is linked to no excavator report (another subject): it alone is decided.
    assert grown.redecided == 1
    assert _groups(grown) == sorted([*_groups(known), [FIGURES[5].id]])


def test_an_ingest_decides_again_only_the_claims_its_articles_can_reach(extractions: list[Extraction],
                                                                          in_order: LadybugStore,
                                                                          tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "db") as store:
        store.write_many(extractions[:-1])
        first = refresh_clusters(store, vocabulary=VOCABULARY)
        assert first.redecided == first.clusters + sum(len(c.reports) - 1 for c in stored_clusters(store))
        store.write(extractions[-1])
        update = refresh_clusters(store, vocabulary=VOCABULARY)
        new_claims = len(extractions[-1].claims)
        total = store.stats().claims
        # 13 of 153 when written: the last article's claims reach no stored claim's decision.
        assert new_claims <= update.redecided < total // 2
        assert _shape(stored_clusters(store)) == _shape(stored_clusters(in_order))
