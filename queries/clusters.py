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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from graph.clusters import cluster_members
from graph.store import ClaimFilter, ClusterFilter, GraphStore, StoredCluster, StoreView, view_of
from ontology.ids import make_id
from queries.claims import StoredClaim, load_claims
from queries.corroborate import ClaimCluster, ClusterIndex, Origin, as_cluster, corroborate
from queries.origins import source_key
from queries.vocabulary import ClaimVocabulary

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


def comparable_claims(source: GraphStore | StoreView) -> list[StoredClaim]:
    """Every stored claim with what clustering and text matching compare (no chain, no mentions, no edges),
    and its article (two table scans), ordered as :meth:`graph.store.StoreView.claims` orders them."""
    return view_of(source).claims(ClaimFilter(mentions=False, links=False))


def refresh_clusters(store: ClusterWriter, full: bool = False,
                     on_progress: Callable[[str, int, int | None], None] | None = None, *,
                     vocabulary: ClaimVocabulary) -> ClusterUpdate:
    """Bring the stored clusters up to date with the stored claims; idempotent.

    Parameters
    ----------
    store:
        A store that keeps clusters.
    full:
        Re-decide every claim, ignoring the stored clusters (for a store whose clusters were written by
        another version of the clustering); the result is the same when the stored clusters are sound.
    on_progress:
        Told ``(stage, done, total)`` as the work goes: ``reading`` the claims, ``clustering`` them (claims
        decided; of every claim when ``full``, else of an unknown total) and ``writing`` the clusters that
        changed.
    vocabulary:
        What metrics and sources are compared with (:attr:`queries.reference.Reference.vocabulary`).

    Raises
    ------
    StoreError: the store refuses the write (what was stored before is kept).

    Notes
    -----
    Reading the claims and indexing them is linear in the store (a scan of the Claim table); the
    clustering work is proportional to the claims re-decided, and only the clusters that changed are
    read in full and written, in one transaction.
    """
    def report(stage: str, done: int, total: int | None) -> None:
        if on_progress is not None:
            on_progress(stage, done, total)

    view = store.view()
    report("reading", 0, None)
    index = ClusterIndex(comparable_claims(view), vocabulary=vocabulary)
    previous = cluster_members(view)
    total = len(index.claims) if full else None
    report("clustering", 0, total)
    index.assign(() if full else previous.values(), on_progress=lambda done: report("clustering", done, total))
    ids = {make_id("cluster", sorted(c.id for c in members)): members for members in index.groups().values()}
    stored = set(previous)
    removed = stored - ids.keys()
    fresh = [members for cid, members in ids.items() if cid not in stored]
    added: list[ClaimCluster] = []
    if fresh:
        full_claims = {c.id: c for c in load_claims(view, ids={c.id for members in fresh for c in members})}
        added = [as_cluster([full_claims[c.id] for c in members], vocabulary=vocabulary) for members in fresh]
    report("writing", 0, None)
    if removed or added:
        store.replace_clusters(removed, [_cluster_row(c) for c in added],
                               [row for c in added for row in _report_rows(c)],
                               [row for c in added for row in _originates_rows(c)])
    return ClusterUpdate(added=len(added), removed=len(removed), clusters=len(ids), redecided=index.redecided)


def clusters_current(source: GraphStore | StoreView) -> bool:
    """Whether every stored claim reports exactly one stored cluster (two counts); false for a store written
    before clusters were kept (opened read-only, it has no Cluster table)."""
    return view_of(source).clusters_current()


def _read(view: StoreView, heads: list[StoredCluster]) -> list[ClaimCluster]:
    """ClaimClusters from stored clusters, with their claims read by id (no mentions: the origins are stored)."""
    claims = {c.id: c for c in load_claims(view, ids={cid for head in heads for cid in head.claim_ids},
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


def listed_clusters(source: GraphStore | StoreView, min_origins: int = 1, min_reports: int = 1,
                    about: str | None = None) -> list[StoredCluster] | None:
    """The stored clusters as a listing shows them (fact, counts, origin names, claim ids; no claim is read),
    filtered and ordered as :func:`corroborated`; ``None`` when the store's clusters are not current.

    Examples
    --------
    >>> [(c.reports, c.origins) for c in listed_clusters(store, min_reports=2)]  # doctest: +SKIP
    [(2, ('Wall Street Journal',)), (2, ('Atlantic Council',))]
    """
    view = view_of(source)
    if not view.clusters_current():
        return None
    found = view.clusters(ClusterFilter(about=about, min_reports=min_reports, min_origins=min_origins))
    return sorted(found, key=_order)


def stored_clusters(source: GraphStore | StoreView, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """The stored clusters with at least ``min_reports`` reports and ``min_origins`` origins, ordered as
    :func:`queries.corroborate.cluster_claims` orders them (most origins first, then most reports)."""
    view = view_of(source)
    return _read(view, view.clusters(ClusterFilter(min_reports=min_reports, min_origins=min_origins)))


def clusters_about(source: GraphStore | StoreView, entity_id: str, min_origins: int = 1,
                   min_reports: int = 1) -> list[ClaimCluster]:
    """The stored clusters with a report about, or citing, the entity ``entity_id``, filtered and ordered as
    :func:`stored_clusters`."""
    view = view_of(source)
    return _read(view, view.clusters(ClusterFilter(about=entity_id, min_reports=min_reports, min_origins=min_origins)))


def cluster_of(source: GraphStore | StoreView, claim_id: str) -> ClaimCluster | None:
    """The stored cluster of one claim (two look-ups, then its claims by id), or ``None`` when it has none."""
    view = view_of(source)
    heads = view.clusters(ClusterFilter(claims=frozenset({claim_id})))
    return _read(view, heads)[0] if heads else None


def corroborated(source: GraphStore | StoreView, min_origins: int = 1, min_reports: int = 1,
                 about: str | None = None, *, vocabulary: ClaimVocabulary) -> list[ClaimCluster]:
    """Clusters with at least ``min_reports`` reports and ``min_origins`` independent origins (only those with
    a report about or citing the entity id ``about``, when given): the stored ones when they are current
    (:func:`clusters_current`), else computed from the claims with ``vocabulary``.

    Examples
    --------
    >>> [(len(c.reports), c.independent_origins)
    ...  for c in corroborated(store, min_reports=2, vocabulary=reference.vocabulary)]  # doctest: +SKIP
    [(2, 1), (2, 1)]
    """
    view = view_of(source)
    if view.clusters_current():
        if about is not None:
            return clusters_about(view, about, min_origins=min_origins, min_reports=min_reports)
        return stored_clusters(view, min_origins=min_origins, min_reports=min_reports)
    found = corroborate(view, min_origins=min_origins, min_reports=min_reports, vocabulary=vocabulary)
    if about is None:
        return found
    about_ids = {c.id for c in load_claims(view, about=about, mentions=False)}
    return [c for c in found if any(r.id in about_ids or any(link.entity_id == about for link in r.attribution)
                                    for r in c.reports)]
