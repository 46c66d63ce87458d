"""``tradetrace recluster``: every claim's cluster decided afresh, only the clusters that differ rewritten."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graph.ladybug_store import LadybugStore
from queries.claims import load_claims
from queries.clusters import _cluster_row, _report_rows, clusters_current, stored_clusters
from queries.corroborate import as_cluster, cluster_claims
from tests.queries.builders import (
    CHINA,
    RUSSIA,
    VOCABULARY,
    article,
    build_store,
    claim,
    extraction,
    route_extractions,
)
from tradetrace.app import app

runner = CliRunner()

_ROSE = "Machinery sales from China to Russia rose 41% in the first half of 2023."
_ECHO = "China's machinery exports to Russia were up 41% between January and June 2023."


def _extractions() -> list:  # type: ignore[type-arg]
    """The route scenario and two reports of one figure (which cluster together)."""
    first, second = article(f"Machinery\n{_ROSE}\n", "Steppe Wire"), article(f"Exports\n{_ECHO}\n", "Caravan Post")
    metric = "exports of machinery from China to Russia"
    reports = [extraction(a, claims=[claim(a, text, metric=metric, raw="41%", number=41.0, unit="%",
                                            period=("2023-01", "2023-06"), about=[CHINA, RUSSIA])])
               for a, text in ((first, _ROSE), (second, _ECHO))]
    return [*route_extractions(), *reports]


def _shape(clusters: list) -> list[tuple[str, tuple[str, ...]]]:  # type: ignore[type-arg]
    return sorted((c.id, tuple(sorted(r.id for r in c.reports))) for c in clusters)


def test_recluster_stores_the_clusters_of_a_full_recomputation(tmp_path: Path) -> None:
    db = build_store(tmp_path / "db", _extractions())
    with LadybugStore(db, read_only=True) as store:
        assert not clusters_current(store)  # written without clusters
    result = runner.invoke(app, ["recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with LadybugStore(db, read_only=True) as store:
        expected = _shape(cluster_claims(load_claims(store), vocabulary=VOCABULARY))
        assert clusters_current(store) and _shape(stored_clusters(store)) == expected
        assert any(len(members) == 2 for _id, members in expected)  # the two reports of 41%
    assert f"reclustered {db}: {len(expected)} clusters ({len(expected)} added, 0 removed)" in result.output

    again = runner.invoke(app, ["recluster", "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert f"{len(expected)} clusters (0 added, 0 removed)" in again.output


def test_recluster_replaces_unsound_clusters_that_an_incremental_refresh_keeps(tmp_path: Path) -> None:
    db = build_store(tmp_path / "db", _extractions())
    with LadybugStore(db) as store:
        # Clusters of another clustering: every claim alone. Each claim has one, so they look current.
        singles = [as_cluster([claim], vocabulary=VOCABULARY) for claim in load_claims(store)]
        store.replace_clusters([], [_cluster_row(c) for c in singles], [r for c in singles for r in _report_rows(c)])
        assert clusters_current(store)
        expected = _shape(cluster_claims(load_claims(store), vocabulary=VOCABULARY))
        assert _shape(stored_clusters(store)) != expected
    result = runner.invoke(app, ["recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with LadybugStore(db, read_only=True) as store:
        assert _shape(stored_clusters(store)) == expected


def test_recluster_of_a_missing_store_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "here.db"
    result = runner.invoke(app, ["recluster", "--db", str(missing)])
    assert result.exit_code == 1 and "no store to recluster" in result.output
    assert not missing.exists()
