"""Stored corroboration clusters: the reads of ``Cluster`` nodes and of what clustering needs, as Cypher.

The writes are the stores' own (``replace_clusters`` on :class:`graph.ladybug_store.LadybugStore` and
:class:`graph.neo4j_store.Neo4jStore`); this module holds every read, so that no query module writes
Cypher for clusters. The statements are portable (no dialect quirks): a claim or entity is found by
primary key (``UNWIND $ids AS i MATCH (n:Label {id: i})``), clusters by their counts.

:class:`StoredCluster` is one ``Cluster`` node as stored: its fact, its reports in order and the key of
the independent origin each report belongs to (``report_origins``, aligned with ``claim_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.schema import quote
from graph.store import GraphStore
from ontology.errors import StoreError
from ontology.model import Ontology, load_ontology

__all__ = ["ClaimRow", "ClusterFilter", "StoredCluster", "claim_clusters", "claim_rows", "cluster_members",
           "cluster_write_statements", "read_clusters"]


@dataclass(frozen=True)
class StoredCluster:
    """One stored ``Cluster`` node: the fact, its reports (claim ids, in order of publication) and its
    independent origins (names and keys, in order of first report; ``report_origins[i]`` is the origin key
    of ``claim_ids[i]``)."""

    id: str
    metric: str | None
    value: str | None
    period_start: str | None
    period_end: str | None
    origins: tuple[str, ...]
    origin_keys: tuple[str, ...]
    claim_ids: tuple[str, ...]
    report_origins: tuple[str, ...]

    @property
    def reports(self) -> int:
        """How many claims report the fact."""
        return len(self.claim_ids)

    @property
    def independent_origins(self) -> int:
        """How many independent origins the reports have."""
        return len(self.origins)


@dataclass(frozen=True)
class ClusterFilter:
    """Which stored clusters to read: the cluster of one claim (``claim_id``), the clusters with a report
    about or citing one entity (``about``, an entity id), and at least ``min_reports`` reports and
    ``min_origins`` independent origins."""

    claim_id: str | None = None
    about: str | None = None
    min_reports: int = 1
    min_origins: int = 1


@dataclass(frozen=True)
class ClaimRow:
    """What clustering reads of a claim: no attribution chain, no mentions (see :func:`claim_rows`)."""

    id: str
    text: str
    article_id: str
    start: int | None
    end: int | None
    metric: str | None
    value_raw: str | None
    value_number: float | None
    value_unit: str | None
    direction: str | None
    qualifier: str | None
    period_start: str | None
    period_end: str | None
    status: str


_CLUSTER_COLUMNS = ", ".join(f"k.{quote(p)}" for p in (
    "id", "metric", "value", "period_start", "period_end", "origins", "origin_keys", "claim_ids", "report_origins"))

_CLAIM_COLUMNS = ", ".join(f"c.{quote(p)}" for p in (
    "id", "text", "article_id", "start", "end", "metric", "value_raw", "value_number", "value_unit", "direction",
    "qualifier", "period_start", "period_end", "status"))


def _cluster(row: Sequence[Any]) -> StoredCluster:
    kid, metric, value, period_start, period_end, names, keys, claim_ids, report_keys = row
    return StoredCluster(kid, metric, value, period_start, period_end, tuple(names or ()), tuple(keys or ()),
                         tuple(claim_ids or ()), tuple(report_keys or ()))


def read_clusters(store: GraphStore, where: ClusterFilter = ClusterFilter()) -> list[StoredCluster]:
    """The stored clusters ``where`` selects, in no particular order.

    The cluster of a claim is two primary-key steps (the claim, its ``REPORTS`` edge); the clusters about
    an entity are found from the entity (one look-up per entity class, its ``ABOUT`` and
    ``ATTRIBUTED_TO`` claims, their ``REPORTS``); otherwise the ``Cluster`` table is scanned once.
    """
    counts = (f"k.{quote('reports')} >= $reports AND k.{quote('independent_origins')} >= $origins")
    params: dict[str, Any] = {"reports": where.min_reports, "origins": where.min_origins}
    if where.claim_id is not None:
        rows = store.query(f"MATCH (c:Claim {{{quote('id')}: $claim}})-[:REPORTS]->(k:Cluster) WHERE {counts} "
                           f"RETURN {_CLUSTER_COLUMNS}", {**params, "claim": where.claim_id}).rows
    elif where.about is not None:
        seen: dict[str, list[Any]] = {}
        for label in load_ontology().entity_classes():
            for rel in ("ABOUT", "ATTRIBUTED_TO"):
                found = store.query(
                    f"MATCH (e:{label} {{{quote('id')}: $about}})<-[:{rel}]-(c:Claim)-[:REPORTS]->(k:Cluster) "
                    f"WHERE {counts} RETURN DISTINCT {_CLUSTER_COLUMNS}", {**params, "about": where.about}).rows
                for row in found:
                    seen.setdefault(row[0], row)
        rows = list(seen.values())
    else:
        rows = store.query(f"MATCH (k:Cluster) WHERE {counts} RETURN {_CLUSTER_COLUMNS}", params).rows
    return [_cluster(row) for row in rows]


def claim_clusters(store: GraphStore, claim_ids: Iterable[str]) -> dict[str, str]:
    """The stored cluster id of each of ``claim_ids`` that has one (a primary-key look-up each)."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        return {}
    # OPTIONAL MATCH after the look-up follows each claim's own edge (a plain MATCH joins the REPORTS table).
    rows = store.query(f"UNWIND $ids AS i MATCH (c:Claim {{{quote('id')}: i}}) OPTIONAL MATCH (c)-[:REPORTS]->"
                       f"(k:Cluster) RETURN c.{quote('id')}, k.{quote('id')}", {"ids": wanted}).rows
    return {str(cid): str(kid) for cid, kid in rows if kid is not None}


def cluster_members(store: GraphStore) -> dict[str, tuple[str, ...]]:
    """Every stored cluster's claim ids, by cluster id (one scan of the ``Cluster`` table)."""
    rows = store.query(f"MATCH (k:Cluster) RETURN k.{quote('id')}, k.{quote('claim_ids')}").rows
    return {str(kid): tuple(ids or ()) for kid, ids in rows}


def claim_rows(store: GraphStore) -> list[ClaimRow]:
    """Every stored claim as clustering reads it (one scan of the ``Claim`` table)."""
    rows = store.query(f"MATCH (c:Claim) RETURN {_CLAIM_COLUMNS}").rows
    return [ClaimRow(cid, text or "", article_id or "", start, end, metric, raw,
                     float(number) if number is not None else None, unit, direction, qualifier, period_start,
                     period_end, status or "asserted")
            for (cid, text, article_id, start, end, metric, raw, number, unit, direction, qualifier, period_start,
                 period_end, status) in rows]


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
