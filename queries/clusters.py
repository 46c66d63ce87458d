"""Stored corroboration: clusters of claims and their independent origins kept in the graph, updated
incrementally.

:func:`refresh_clusters` brings the stored clusters up to date with the stored claims. It reads what
clustering needs of every claim (no chains, no mentions) and the stored clusters, and lets
:class:`queries.corroborate.ClusterIndex` re-decide only the claims that can decide differently: the
claims without a cluster (those just written), then the later claims linked to a cluster whose members
changed. Only the clusters whose members changed are computed in full (their claims read with chains
and mentions, their origins counted) and written: a ``Cluster`` node each, a ``REPORTS`` edge from each
claim naming the independent origin it belongs to, and an ``ORIGINATES`` edge from the stored entity
each origin is named after, when there is one. The result equals a full recomputation
(:func:`queries.corroborate.cluster_claims`) over the stored claims.

:func:`stored_clusters`, :func:`clusters_about` and :func:`cluster_of` read them back as
:class:`queries.corroborate.ClaimCluster` values: look-ups of the clusters (:mod:`graph.clusters`) and of
their claims by id, no clustering. :func:`clusters_current` says whether every stored claim has its
cluster (a store written before clusters were kept has none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from graph.clusters import ClusterFilter, StoredCluster, claim_rows, cluster_members, read_clusters
from graph.store import GraphStore
from ontology.errors import QueryError
from ontology.ids import make_id
from queries.claims import ArticleRef, StoredClaim, load_articles, load_claims
from queries.corroborate import ClaimCluster, ClusterIndex, Origin, as_cluster, corroborate
from queries.origins import source_key

__all__ = [
    "ClusterUpdate",
    "ClusterWriter",
    "cluster_of",
    "clusters_about",
    "clusters_current",
    "comparable_claims",
    "corroborated",
    "listed_clusters",
    "refresh_clusters",
    "stored_clusters",
]


class ClusterWriter(GraphStore, Protocol):
    """A store that keeps clusters (both backends do)."""

    def cluster_ids(self) -> set[str]: ...

    def replace_clusters(self, removed: Iterable[str], clusters: list[dict[str, Any]],
                         reports: list[dict[str, Any]], originates: list[dict[str, Any]] | None = None) -> None: ...


@dataclass(frozen=True)
class ClusterUpdate:
    """What :func:`refresh_clusters` changed: clusters added and removed, how many there are now, and how
    many claims it had to re-decide (all of them for a full recomputation)."""

    added: int
    removed: int
    clusters: int
    redecided: int = 0


def _cluster_row(cluster: ClaimCluster) -> dict[str, Any]:
    origin_of = {cid: origin.key for origin in cluster.origins for cid in origin.claim_ids}
    return {"id": cluster.id, "metric": cluster.metric, "value": cluster.value, "period_start": cluster.period_start,
            "period_end": cluster.period_end, "reports": len(cluster.reports),
            "independent_origins": cluster.independent_origins, "origins": [o.name for o in cluster.origins],
            "origin_keys": [o.key for o in cluster.origins], "claim_ids": [c.id for c in cluster.reports],
            "report_origins": [origin_of[c.id] for c in cluster.reports]}


def _report_rows(cluster: ClaimCluster) -> list[dict[str, Any]]:
    origin_of = {cid: origin for origin in cluster.origins for cid in origin.claim_ids}
    return [{"_src": claim.id, "_dst": cluster.id, "origin": origin_of[claim.id].name,
             "origin_key": origin_of[claim.id].key} for claim in cluster.reports]


def _originates_rows(cluster: ClaimCluster) -> list[dict[str, Any]]:
    """An ``ORIGINATES`` row for each origin named after a stored entity: the first chain link (of the
    origin's reports) whose name has the origin's key and that links an entity."""
    rows: list[dict[str, Any]] = []
    by_id = {c.id: c for c in cluster.reports}
    for position, origin in enumerate(cluster.origins):
        link = next((link for cid in origin.claim_ids for link in by_id[cid].attribution
                     if link.entity_id and link.type and source_key(link.name) == origin.key), None)
        if link is not None:
            rows.append({"_src": link.entity_id, "_dst": cluster.id, "_label": link.type, "origin_key": origin.key,
                         "name": origin.name, "position": position, "reports": len(origin.claim_ids)})
    return rows


def comparable_claims(store: GraphStore) -> list[StoredClaim]:
    """Every stored claim with what clustering and text matching compare (no chain, no mentions), and its
    article (two table scans)."""
    articles = load_articles(store)
    return [StoredClaim(id=r.id, text=r.text, article=articles.get(r.article_id) or ArticleRef(r.article_id),
                        start=r.start, end=r.end, metric=r.metric, value_raw=r.value_raw, value_number=r.value_number,
                        value_unit=r.value_unit, direction=r.direction, qualifier=r.qualifier,
                        period_start=r.period_start, period_end=r.period_end, status=r.status)
            for r in claim_rows(store)]


def refresh_clusters(store: ClusterWriter, full: bool = False) -> ClusterUpdate:
    """Bring the stored clusters up to date with the stored claims; idempotent.

    Parameters
    ----------
    store:
        A store that keeps clusters.
    full:
        Re-decide every claim, ignoring the stored clusters (for a store whose clusters were written by
        another version of the clustering); the result is the same when the stored clusters are sound.

    Raises
    ------
    StoreError: the store refuses the write (what was stored before is kept).

    Notes
    -----
    Reading the claims and indexing them is linear in the store (a scan of the Claim table); the
    clustering work is proportional to the claims re-decided, and only the clusters that changed are
    read in full and written, in one transaction.
    """
    index = ClusterIndex(comparable_claims(store))
    previous = cluster_members(store)
    index.assign(() if full else previous.values())
    ids = {make_id("cluster", sorted(c.id for c in members)): members for members in index.groups().values()}
    stored = set(previous)
    removed = stored - ids.keys()
    fresh = [members for cid, members in ids.items() if cid not in stored]
    added: list[ClaimCluster] = []
    if fresh:
        full_claims = {c.id: c for c in load_claims(store, ids={c.id for members in fresh for c in members})}
        added = [as_cluster([full_claims[c.id] for c in members]) for members in fresh]
    if removed or added:
        store.replace_clusters(removed, [_cluster_row(c) for c in added],
                               [row for c in added for row in _report_rows(c)],
                               [row for c in added for row in _originates_rows(c)])
    return ClusterUpdate(added=len(added), removed=len(removed), clusters=len(ids), redecided=index.redecided)


def clusters_current(store: GraphStore) -> bool:
    """Whether every stored claim reports exactly one stored cluster (two counts); false for a store written
    before clusters were kept (opened read-only, it has no Cluster table)."""
    try:
        claims = store.query("MATCH (c:Claim) RETURN count(c)").rows[0][0]
        reports = store.query("MATCH (k:Cluster) RETURN sum(k.reports)").rows[0][0]
    except QueryError:
        return False
    return int(claims) == int(reports or 0)


def _read(store: GraphStore, heads: list[StoredCluster]) -> list[ClaimCluster]:
    """ClaimClusters from stored clusters, with their claims read by id (no mentions: the origins are stored)."""
    claims = {c.id: c for c in load_claims(store, ids={cid for head in heads for cid in head.claim_ids},
                                           mentions=False)}
    result: list[ClaimCluster] = []
    for head in heads:
        key_of = dict(zip(head.claim_ids, head.report_origins, strict=True))
        reports = tuple(claims[cid] for cid in head.claim_ids if cid in claims)
        origins = tuple(Origin(key, name, tuple(r.id for r in reports if key_of[r.id] == key))
                        for key, name in zip(head.origin_keys, head.origins, strict=True))
        result.append(ClaimCluster(id=head.id, metric=head.metric, value=head.value, period_start=head.period_start,
                                   period_end=head.period_end, reports=reports, origins=origins))
    result.sort(key=lambda c: (-c.independent_origins, -len(c.reports), c.metric or "", c.id))
    return result


def _order(cluster: StoredCluster) -> tuple[Any, ...]:
    return -cluster.independent_origins, -cluster.reports, cluster.metric or "", cluster.id


def listed_clusters(store: GraphStore, min_origins: int = 1, min_reports: int = 1,
                    about: str | None = None) -> list[StoredCluster] | None:
    """The stored clusters as a listing shows them (fact, counts, origin names, claim ids; no claim is read),
    filtered and ordered as :func:`corroborated`; ``None`` when the store's clusters are not current.

    Examples
    --------
    >>> [(c.reports, c.origins) for c in listed_clusters(store, min_reports=2)]  # doctest: +SKIP
    [(2, ('Wall Street Journal',)), (2, ('Atlantic Council',))]
    """
    if not clusters_current(store):
        return None
    found = read_clusters(store, ClusterFilter(about=about, min_reports=min_reports, min_origins=min_origins))
    return sorted(found, key=_order)


def stored_clusters(store: GraphStore, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """The stored clusters with at least ``min_reports`` reports and ``min_origins`` origins, ordered as
    :func:`queries.corroborate.cluster_claims` orders them (most origins first, then most reports)."""
    return _read(store, read_clusters(store, ClusterFilter(min_reports=min_reports, min_origins=min_origins)))


def clusters_about(store: GraphStore, entity_id: str, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """The stored clusters with a report about, or citing, the entity ``entity_id``, filtered and ordered as
    :func:`stored_clusters`."""
    return _read(store, read_clusters(store, ClusterFilter(about=entity_id, min_reports=min_reports,
                                                           min_origins=min_origins)))


def cluster_of(store: GraphStore, claim_id: str) -> ClaimCluster | None:
    """The stored cluster of one claim (two look-ups, then its claims by id), or ``None`` when it has none."""
    heads = read_clusters(store, ClusterFilter(claim_id=claim_id))
    return _read(store, heads)[0] if heads else None


def corroborated(store: GraphStore, min_origins: int = 1, min_reports: int = 1,
                 about: str | None = None) -> list[ClaimCluster]:
    """Clusters with at least ``min_reports`` reports and ``min_origins`` independent origins (only those with
    a report about or citing the entity id ``about``, when given): the stored ones when they are current
    (:func:`clusters_current`), else computed from the claims.

    Examples
    --------
    >>> [(len(c.reports), c.independent_origins) for c in corroborated(store, min_reports=2)]  # doctest: +SKIP
    [(2, 1), (2, 1)]
    """
    if clusters_current(store):
        if about is not None:
            return clusters_about(store, about, min_origins=min_origins, min_reports=min_reports)
        return stored_clusters(store, min_origins=min_origins, min_reports=min_reports)
    found = corroborate(store, min_origins=min_origins, min_reports=min_reports)
    if about is None:
        return found
    about_ids = {c.id for c in load_claims(store, about=about, mentions=False)}
    return [c for c in found if any(r.id in about_ids or any(link.entity_id == about for link in r.attribution)
                                    for r in c.reports)]
