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
from queries.corroborate import ClaimCluster, cluster_claims
from queries.provenance import trace_provenance
from tests.conftest import EXAMPLES


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
        refresh_clusters(store)
        yield store


def test_stored_clusters_equal_a_full_recomputation(in_order: LadybugStore) -> None:
    recomputed = cluster_claims(load_claims(in_order))
    assert sum(len(c.reports) > 1 for c in recomputed) >= 3, "the corpus must echo some figures"
    assert clusters_current(in_order)
    assert _shape(stored_clusters(in_order)) == _shape(recomputed)
    assert _shape(corroborated(in_order, min_reports=2)) == _shape([c for c in recomputed if len(c.reports) >= 2])


def test_a_second_refresh_changes_nothing(in_order: LadybugStore) -> None:
    before = in_order.stats()
    update = refresh_clusters(in_order)
    assert (update.added, update.removed) == (0, 0) and update.clusters == len(in_order.cluster_ids())
    assert in_order.stats() == before


@pytest.mark.parametrize("seed", [1, 2])
def test_clusters_updated_batch_by_batch_in_random_order_equal_the_full_recomputation(
        extractions: list[Extraction], in_order: LadybugStore, tmp_path: Path, seed: int) -> None:
    shuffled = random.Random(seed).sample(extractions, len(extractions))
    with LadybugStore(tmp_path / "db") as store:
        for start in range(0, len(shuffled), 3):
            store.write_many(shuffled[start:start + 3])
            refresh_clusters(store)
            assert _shape(stored_clusters(store)) == _shape(cluster_claims(load_claims(store)))
        assert _shape(stored_clusters(store)) == _shape(stored_clusters(in_order))


def test_provenance_looked_up_equals_provenance_computed(extractions: list[Extraction], in_order: LadybugStore,
                                                         tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "bare.db") as bare:
        bare.write_many(extractions)  # no clusters stored: provenance clusters the claims itself
        assert not clusters_current(bare)
        echoed = [c for c in cluster_claims(load_claims(bare)) if len(c.reports) > 1]
        for cluster in echoed:
            for query in (cluster.reports[-1].id, cluster.reports[0].text[:40]):
                stored, computed = trace_provenance(in_order, query), trace_provenance(bare, query)
                assert stored.claim.id == computed.claim.id
                assert [(r.claim.id, r.origin) for r in stored.reports] == \
                    [(r.claim.id, r.origin) for r in computed.reports]
                assert _shape([stored.cluster]) == _shape([computed.cluster])
