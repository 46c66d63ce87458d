"""Stored corroboration clusters: the Cypher that replaces them on a server, and thin reads over the view.

The reads are the view's (:meth:`graph.store.StoreView.clusters`, built per dialect in
:mod:`graph.cypher`); :func:`read_clusters`, :func:`claim_clusters` and :func:`cluster_members` are the
shapes clustering and provenance ask for. The writes are the stores' own (``replace_clusters`` on
:class:`graph.ladybug_store.LadybugStore` and :class:`graph.neo4j_store.Neo4jStore`); the Neo4j store
sends :func:`cluster_write_statements`.

:class:`StoredCluster` is one ``Cluster`` node as stored: its fact, its reports in order and the key of
the independent origin each report belongs to (``report_origins``, aligned with ``claim_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.store import ClusterFilter, GraphStore, StoredCluster, StoreView, view_of
from ontology.errors import StoreError
from ontology.model import Ontology

__all__ = ["ClusterFilter", "StoredCluster", "claim_clusters", "cluster_members", "cluster_write_statements",
           "read_clusters"]


_ALL = ClusterFilter()


def read_clusters(source: GraphStore | StoreView, where: ClusterFilter = _ALL) -> list[StoredCluster]:
    """The stored clusters ``where`` selects, in no particular order (see :meth:`graph.store.StoreView.clusters`)."""
    return view_of(source).clusters(where)


def claim_clusters(source: GraphStore | StoreView, claim_ids: Iterable[str]) -> dict[str, str]:
    """The stored cluster id of each of ``claim_ids`` that has one (a primary-key look-up each)."""
    wanted = frozenset(claim_ids)
    if not wanted:
        return {}
    return {cid: cluster.id for cluster in view_of(source).clusters(ClusterFilter(claims=wanted))
            for cid in cluster.claim_ids if cid in wanted}


def cluster_members(source: GraphStore | StoreView) -> dict[str, tuple[str, ...]]:
    """Every stored cluster's claim ids, by cluster id (one scan of the ``Cluster`` table)."""
    return view_of(source).cluster_members()


def _edge_properties(onto: Ontology, rel: str) -> str:
    return ", ".join(f"{name}: row.{name}" for name in onto.relations[rel].properties)


def cluster_write_statements(onto: Ontology, removed: Iterable[str], clusters: list[dict[str, Any]],
                             reports: list[dict[str, Any]], originates: list[dict[str, Any]]
                             ) -> list[tuple[str, dict[str, Any]]]:
    """The statements (text, parameters) that replace stored clusters, for a server that runs plain Cypher
    (Neo4j): delete the ``removed`` clusters with their edges, create the ``clusters`` (rows of Cluster
    properties), their ``REPORTS`` (claim id in ``_src``, cluster id in ``_dst``) and their ``ORIGINATES``
    (entity id in ``_src``, its class in ``_label``; one statement per class). Run them in one transaction.

    Raises
    ------
    StoreError: an ``ORIGINATES`` row names a class that is not an entity class of the ontology.

    Examples
    --------
    >>> from ontology.model import load_ontology
    >>> cluster_write_statements(load_ontology(), ["cluster:1"], [], [], [])
    [('UNWIND $ids AS i MATCH (k:Cluster {id: i}) DETACH DELETE k', {'ids': ['cluster:1']})]
    """
    statements: list[tuple[str, dict[str, Any]]] = []
    gone = sorted(set(removed))
    if gone:
        statements.append(("UNWIND $ids AS i MATCH (k:Cluster {id: i}) DETACH DELETE k", {"ids": gone}))
    if clusters:
        statements.append(("UNWIND $rows AS row CREATE (k:Cluster) SET k = row", {"rows": clusters}))
    if reports:
        statements.append((f"UNWIND $rows AS row MATCH (c:Claim {{id: row._src}}) MATCH (k:Cluster {{id: row._dst}}) "
                           f"CREATE (c)-[:REPORTS {{{_edge_properties(onto, 'REPORTS')}}}]->(k)", {"rows": reports}))
    by_label: dict[str, list[dict[str, Any]]] = {}
    for row in originates:
        label = str(row["_label"])
        if label not in onto.entity_classes():
            raise StoreError(f"ORIGINATES cannot start from {label!r}")
        by_label.setdefault(label, []).append({k: v for k, v in row.items() if k != "_label"})
    for label, rows in sorted(by_label.items()):
        statements.append((f"UNWIND $rows AS row MATCH (e:{label} {{id: row._src}}) MATCH (k:Cluster {{id: row._dst}}) "
                           f"CREATE (e)-[:ORIGINATES {{{_edge_properties(onto, 'ORIGINATES')}}}]->(k)", {"rows": rows}))
    return statements
