"""Stored corroboration: clusters of claims and their independent origins kept in the graph.

:func:`refresh_clusters` computes the clusters of every stored claim (:func:`queries.corroborate.cluster_claims`)
and stores the difference with what is stored: a ``Cluster`` node per cluster (metric, value, period,
counts and its origins in order), and one ``REPORTS`` edge from each claim to its cluster naming the
independent origin the report belongs to. A cluster's id hashes its member claims, so an unchanged
cluster is left alone and a changed one is replaced; the stored clusters therefore always equal a
full recomputation over the stored claims.

:func:`stored_clusters` and :func:`cluster_of` read them back as :class:`queries.corroborate.ClaimCluster`
values: a look-up of the clusters and of their claims, no clustering. :func:`clusters_current` says
whether every stored claim has its cluster (a store written before clusters were kept has none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from graph.store import GraphStore
from ontology.errors import QueryError
from queries.claims import load_claims
from queries.corroborate import ClaimCluster, Origin, cluster_claims, corroborate, report_origins

__all__ = ["ClusterUpdate", "ClusterWriter", "cluster_of", "clusters_current", "corroborated", "refresh_clusters",
           "stored_clusters"]


class ClusterWriter(GraphStore, Protocol):
    """A store that keeps clusters (the embedded store does)."""

    def cluster_ids(self) -> set[str]: ...

    def replace_clusters(self, removed: Iterable[str], clusters: list[dict[str, Any]],
                         reports: list[dict[str, Any]]) -> None: ...


@dataclass(frozen=True)
class ClusterUpdate:
    """What :func:`refresh_clusters` changed: clusters added and removed, and how many there are now."""

    added: int
    removed: int
    clusters: int


def _cluster_row(cluster: ClaimCluster) -> dict[str, Any]:
    origin_of = {cid: origin.key for origin in cluster.origins for cid in origin.claim_ids}
    return {"id": cluster.id, "metric": cluster.metric, "value": cluster.value, "period_start": cluster.period_start,
            "period_end": cluster.period_end, "reports": len(cluster.reports),
            "independent_origins": cluster.independent_origins, "origins": [o.name for o in cluster.origins],
            "origin_keys": [o.key for o in cluster.origins], "claim_ids": [c.id for c in cluster.reports],
            "report_origins": [origin_of[c.id] for c in cluster.reports]}


def _report_rows(cluster: ClaimCluster) -> list[dict[str, Any]]:
    return [{"_src": claim.id, "_dst": cluster.id, "origin": name, "origin_key": key}
            for claim, (key, name) in zip(cluster.reports, report_origins(cluster.reports), strict=True)]


def refresh_clusters(store: ClusterWriter) -> ClusterUpdate:
    """Bring the stored clusters up to date with the stored claims; idempotent.

    Raises
    ------
    StoreError: the store refuses the write (what was stored before is kept).

    Notes
    -----
    The clustering runs over every stored claim (near linear, see :func:`cluster_claims`); only the
    clusters that changed are written, in one transaction.
    """
    clusters = {c.id: c for c in cluster_claims(load_claims(store))}
    stored = store.cluster_ids()
    removed = stored - clusters.keys()
    added = [c for cid, c in clusters.items() if cid not in stored]
    if removed or added:
        store.replace_clusters(removed, [_cluster_row(c) for c in added],
                               [row for c in added for row in _report_rows(c)])
    return ClusterUpdate(added=len(added), removed=len(removed), clusters=len(clusters))


def clusters_current(store: GraphStore) -> bool:
    """Whether every stored claim reports exactly one stored cluster (two counts); false for a store written
    before clusters were kept (opened read-only, it has no Cluster table)."""
    try:
        claims = store.query("MATCH (c:Claim) RETURN count(c)").rows[0][0]
        reports = store.query("MATCH (k:Cluster) RETURN sum(k.reports)").rows[0][0]
    except QueryError:
        return False
    return int(claims) == int(reports or 0)


_CLUSTER_COLUMNS = ("k.id, k.metric, k.value, k.period_start, k.period_end, k.origins, k.origin_keys, k.claim_ids, "
                    "k.report_origins")


def _read(store: GraphStore, heads: Sequence[Sequence[Any]]) -> list[ClaimCluster]:
    """ClaimClusters from cluster rows (``_CLUSTER_COLUMNS``), with their claims read by id."""
    claims = {c.id: c for c in load_claims(store, ids={cid for head in heads for cid in head[7] or ()},
                                           mentions=False)}
    result: list[ClaimCluster] = []
    for kid, metric, value, period_start, period_end, names, keys, claim_ids, report_keys in heads:
        key_of = dict(zip(claim_ids or [], report_keys or [], strict=True))
        reports = tuple(claims[cid] for cid in claim_ids or [] if cid in claims)
        origins = tuple(Origin(key, name, tuple(r.id for r in reports if key_of[r.id] == key))
                        for key, name in zip(keys or [], names or [], strict=True))
        result.append(ClaimCluster(id=kid, metric=metric, value=value, period_start=period_start,
                                   period_end=period_end, reports=reports, origins=origins))
    result.sort(key=lambda c: (-c.independent_origins, -len(c.reports), c.metric or "", c.id))
    return result


def stored_clusters(store: GraphStore, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """The stored clusters with at least ``min_reports`` reports and ``min_origins`` origins, ordered as
    :func:`queries.corroborate.cluster_claims` orders them (most origins first, then most reports).

    The claims' ``article_mentions`` are not read (the origins are stored).
    """
    heads = store.query(f"MATCH (k:Cluster) WHERE k.reports >= $reports AND k.independent_origins >= $origins "
                        f"RETURN {_CLUSTER_COLUMNS}", {"reports": min_reports, "origins": min_origins}).rows
    return _read(store, heads)


def cluster_of(store: GraphStore, claim_id: str) -> ClaimCluster | None:
    """The stored cluster of one claim (two look-ups, then its claims by id), or ``None`` when it has none."""
    heads = store.query(f"MATCH (:Claim {{id: $id}})-[:REPORTS]->(k:Cluster) RETURN {_CLUSTER_COLUMNS}",
                        {"id": claim_id}).rows
    return _read(store, heads)[0] if heads else None


def corroborated(store: GraphStore, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """Clusters with at least ``min_reports`` reports and ``min_origins`` independent origins: the stored
    ones when they are current (:func:`clusters_current`), else computed from the claims.

    Examples
    --------
    >>> [(len(c.reports), c.independent_origins) for c in corroborated(store, min_reports=2)]  # doctest: +SKIP
    [(2, 1), (2, 1)]
    """
    if clusters_current(store):
        return stored_clusters(store, min_origins=min_origins, min_reports=min_reports)
    return corroborate(store, min_origins=min_origins, min_reports=min_reports)
