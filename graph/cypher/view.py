"""A :class:`graph.store.StoreView` over any store that runs Cypher: one dialect's queries, typed records back.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.ladybug_store import LadybugStore
>>> with LadybugStore(pathlib.Path(tempfile.mkdtemp()) / "tt.db") as store:
...     store.view().articles()
{}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graph.cypher.common import CypherDialect
from graph.store import (
    ArticleRef,
    ArticleText,
    ClaimFilter,
    ClaimRecord,
    ClusterFilter,
    EntityFilter,
    EntityRecord,
    FlowRecord,
    LegFilter,
    QueryResult,
    SourceLink,
    StoredCluster,
    SupplyLeg,
)
from ontology.errors import OntologyError, QueryError
from ontology.model import Ontology

__all__ = ["LOOKUP_LIMIT", "CypherView"]

Runner = Callable[[str, Mapping[str, Any] | None], QueryResult]
_ALL_CLAIMS = ClaimFilter()
_ALL_ENTITIES = EntityFilter()
_ALL_CLUSTERS = ClusterFilter()
LOOKUP_LIMIT = 10_000
"""Most ids read by primary-key look-ups; more are read by scanning the table and keeping those asked for
(a look-up costs about as much as scanning a few rows: 60k claims by id take seconds a query, a scan of
the table a fraction of one)."""
_CLUSTER_EDGES = ("ABOUT", "ATTRIBUTED_TO")
"""The edges from a claim to the entity its cluster is "about": what it is about, and whom it cites."""


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _cluster(row: list[Any]) -> StoredCluster:
    kid, metric, value, period_start, period_end, names, keys, claim_ids, report_keys = row
    return StoredCluster(str(kid), metric, value, period_start, period_end, tuple(names or ()), tuple(keys or ()),
                         tuple(claim_ids or ()), tuple(report_keys or ()))


def _chain(names: list[str] | None, linked: dict[int, SourceLink]) -> tuple[SourceLink, ...]:
    """The chain from the claim's name list, enriched with the stored links (by position, else name)."""
    names = list(names or [])
    by_name = {link.name: link for link in linked.values()}
    links: list[SourceLink] = []
    for position, name in enumerate(names):
        link = linked.get(position)
        if link is None or link.name != name:
            link = by_name.get(name)
        links.append(SourceLink(position, name, link.role if link else None, link.entity_id if link else None,
                                link.type if link else None, link.kind if link else None))
    if not names:  # a backend that keeps only the relations
        links = [linked[pos] for pos in sorted(linked)]
    return tuple(links)


class CypherView:
    """Typed reads through ``run(cypher, params)`` in one dialect.

    Parameters
    ----------
    run:
        The store's ``query`` (raises :class:`ontology.errors.QueryError`).
    dialect:
        How this backend spells the queries (:mod:`graph.cypher.ladybug`, :mod:`graph.cypher.neo4j`).
    onto:
        The ontology naming labels and properties.
    """

    def __init__(self, run: Runner, dialect: CypherDialect, onto: Ontology) -> None:
        self._run = run
        self.dialect = dialect
        self.onto = onto

    def _rows(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        return self._run(cypher, params).rows

    # -- supply -----------------------------------------------------------------------------------

    def supply_legs(self, where: LegFilter) -> list[SupplyLeg]:
        """SUPPLIES legs matching ``where`` (one query). Complexity: the legs of the named endpoints."""
        params: dict[str, Any] = {}
        if where.sources is not None:
            params["sources"] = sorted(where.sources)
        if where.targets is not None:
            params["targets"] = sorted(where.targets)
        if where.goods is not None:
            params["goods"] = sorted(where.goods)
        cypher = self.dialect.supply_legs(where.sources is not None, where.targets is not None,
                                          where.goods is not None, where.negated)
        return [SupplyLeg(a, an or a, b, bn or b, flow, good or good_id or "", good_id, int(leg or 0),
                          status or "asserted", article, ps, pe, qty)
                for a, an, b, bn, flow, good, good_id, leg, status, article, ps, pe, qty in self._rows(cypher, params)]

    def supply_flows(self, ids: Iterable[str]) -> dict[str, FlowRecord]:
        """The flows ``ids`` with end uses and supporting chains (four queries)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        params = {"ids": wanted}
        uses: dict[str, list[str]] = defaultdict(list)
        for fid, use in self._rows(self.dialect.flow_end_uses(), params):
            if use is not None and use not in uses[fid]:
                uses[fid].append(use)
        supporters = [(fid, cid) for fid, cid in self._rows(self.dialect.flow_support(), params) if cid is not None]
        names = {cid: tuple(chain or ()) for cid, chain in self._rows(
            self.dialect.claim_attributions(), {"ids": sorted({cid for _f, cid in supporters})})} if supporters else {}
        support: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for fid, cid in supporters:
            support[fid].append((cid, names.get(cid, ())))
        flows: dict[str, FlowRecord] = {}
        for (fid, value, via, supplier, recipient, good, status, start, end, sentence, ps, pe, qty,
             aid) in self._rows(self.dialect.flows(), params):
            claims = sorted(support.get(fid, []))
            flows[fid] = FlowRecord(fid, value, tuple(via or ()), supplier, recipient, good, status, start, end,
                                    sentence, ps, pe, qty, aid, tuple(uses.get(fid, ())),
                                    tuple(chain for _, chain in claims), tuple(cid for cid, _ in claims))
        return flows

    # -- articles ---------------------------------------------------------------------------------

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, ArticleRef]:
        """Every article (or those ``ids``) by id (one query)."""
        if ids is None:
            rows = self._rows(self.dialect.articles(by_id=False))
        else:
            wanted = sorted(set(ids))
            if not wanted:
                return {}
            if len(wanted) > LOOKUP_LIMIT:
                keep = set(wanted)
                rows = [row for row in self._rows(self.dialect.articles(by_id=False)) if row[0] in keep]
            else:
                rows = self._rows(self.dialect.articles(by_id=True), {"ids": wanted})
        return {aid: ArticleRef(aid, title, outlet, _iso(published), url)
                for aid, title, outlet, published, url in rows}

    def article_texts(self, ids: Iterable[str]) -> dict[str, ArticleText]:
        """The stored text and file of these articles, by id (one query)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self._rows(self.dialect.article_texts(), {"ids": wanted})
        return {aid: ArticleText(text or "", path) for aid, text, path in rows}

    # -- claims -----------------------------------------------------------------------------------

    def claims(self, where: ClaimFilter = _ALL_CLAIMS) -> list[ClaimRecord]:
        """Claims matching ``where``, ordered by article publication date, article id, offset, id.

        A fixed number of queries (claims, articles, and when asked for: one per entity class for the
        chains, ABOUT and SUPPORTS, the articles' mentions): linear in the claims read. More than
        :data:`LOOKUP_LIMIT` ids are read by scans, linear in the store.
        """
        d = self.dialect
        if where.ids is not None and not where.ids:
            return []
        by_id = where.ids is not None and len(where.ids) <= LOOKUP_LIMIT
        params: dict[str, Any] = {"ids": sorted(where.ids)} if by_id and where.ids is not None else {}
        if where.about is not None:
            rows = self._rows(d.claims(by_id, about=True, names=where.links), {**params, "about": where.about})
        else:
            rows = self._rows(d.claims(by_id, about=False, names=where.links), params)
        if where.ids is not None and not by_id:
            wanted = where.ids
            rows = [row for row in rows if row[0] in wanted]
        article_ids = {row[2] for row in rows if row[2]} if where.ids is not None else None
        articles = self.articles(article_ids)
        chains: dict[str, dict[int, SourceLink]] = defaultdict(dict)
        for label in self.onto.entity_classes() if where.links else ():
            for cid, position, role, eid, name, kind in self._rows(d.claim_chain(by_id, label,
                                                                                 label == "GenericSource"), params):
                if eid is None:
                    continue
                pos = int(position) if position is not None else len(chains[cid])
                chains[cid][pos] = SourceLink(pos, name, role, eid, label, kind)
        abouts: dict[str, set[str]] = defaultdict(set)
        supports: dict[str, list[str]] = defaultdict(list)
        if where.links:
            for cid, name in self._rows(d.claim_about(by_id), params):
                if name is not None:
                    abouts[cid].add(name)
            for cid, fid in self._rows(d.claim_supports(by_id), params):
                if fid is not None:
                    supports[cid].append(fid)
        mentioned: dict[str, set[str]] = defaultdict(set)
        if where.mentions:
            if article_ids is None or len(article_ids) > LOOKUP_LIMIT:
                mention_rows = self._rows(d.article_mentions(by_id=False))
            else:
                mention_rows = self._rows(d.article_mentions(by_id=True), {"ids": sorted(article_ids)})
            for aid, name in mention_rows:
                if name is not None:
                    mentioned[aid].add(name)
        claims: list[ClaimRecord] = []
        for row in rows:
            (cid, text, article_id, start, end, metric, value_raw, value_number, unit, direction, qualifier,
             period_start, period_end, status) = row[:14]
            claims.append(ClaimRecord(
                id=cid, text=text or "", article=articles.get(article_id) or ArticleRef(article_id or ""),
                start=start, end=end, metric=metric, value_raw=value_raw,
                value_number=float(value_number) if value_number is not None else None, value_unit=unit,
                direction=direction, qualifier=qualifier, period_start=period_start, period_end=period_end,
                status=status or "asserted",
                attribution=_chain(row[14], chains.get(cid, {})) if where.links else (),
                about=tuple(sorted(abouts.get(cid, ()))), supports=tuple(sorted(supports.get(cid, []))),
                article_mentions=frozenset(mentioned.get(article_id, ())),
            ))
        claims.sort(key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
        return claims

    # -- entities ---------------------------------------------------------------------------------

    def entities(self, where: EntityFilter = _ALL_ENTITIES) -> list[EntityRecord]:
        """Entities matching ``where`` (one query per label).

        Raises :class:`OntologyError` for a label that is not an entity class.
        """
        classes = self.onto.entity_classes()
        labels = list(where.labels) if where.labels is not None else classes
        for label in labels:
            if label not in classes:
                raise OntologyError(f"{label} is not an entity class; use one of {', '.join(classes)}")
        params: dict[str, Any] = {}
        by_name = where.name is not None
        if by_name:
            params = {"ids": [*sorted(where.ids or ()), str(where.name)], "lower": str(where.name).strip().lower()}
        elif where.ids is not None:
            params = {"ids": sorted(where.ids)}
        out: list[EntityRecord] = []
        for label in labels:
            names = list(self.onto.properties_of(label))
            cypher = self.dialect.entities(self.onto, label, by_id=where.ids is not None, by_name=by_name,
                                           counts=where.counts)
            for row in self._rows(cypher, params):
                values = dict(zip(names, row[: len(names)], strict=True))
                eid, name = str(values.pop("id")), values.pop("name")
                aliases = tuple(values.pop("aliases", None) or ())
                mentions = int(row[len(names)]) if where.counts else None
                articles = int(row[len(names) + 1]) if where.counts else None
                out.append(EntityRecord(eid, label, name or eid, aliases, values, mentions, articles))
        return out

    def broader(self) -> list[tuple[str, str]]:
        """Every BROADER edge as ``(narrower id, broader id)`` (one query)."""
        return [(str(a), str(b)) for a, b in self._rows(self.dialect.broader())]

    # -- clusters ---------------------------------------------------------------------------------

    def clusters(self, where: ClusterFilter = _ALL_CLUSTERS) -> list[StoredCluster]:
        """The stored clusters ``where`` selects, in no particular order.

        The clusters of claims are a primary-key look-up of each claim and its ``REPORTS`` edge; the
        clusters about an entity are found from the entity (a look-up per entity class and edge, ``ABOUT``
        and ``ATTRIBUTED_TO``, then its claims' ``REPORTS``); otherwise the ``Cluster`` table is scanned once.
        Both selectors given, a cluster must meet both.
        """
        counts = {"reports": where.min_reports, "origins": where.min_origins}
        found: dict[str, StoredCluster] | None = None
        if where.claims is not None:
            wanted = sorted(where.claims)
            rows = self._rows(self.dialect.claim_clusters(), {"ids": wanted}) if wanted else []
            found = {}
            for row in rows:
                if row[0] is not None:
                    cluster = _cluster(row)
                    if cluster.reports >= where.min_reports and cluster.independent_origins >= where.min_origins:
                        found.setdefault(cluster.id, cluster)
        if where.about is not None:
            about: dict[str, StoredCluster] = {}
            for label in self.onto.entity_classes():
                for rel in _CLUSTER_EDGES:
                    cypher = self.dialect.clusters_about(self.onto.check_label(label), self.onto.check_relation(rel))
                    for row in self._rows(cypher, {**counts, "about": where.about}):
                        about.setdefault(str(row[0]), _cluster(row))
            found = about if found is None else {kid: k for kid, k in found.items() if kid in about}
        if found is None:
            return [_cluster(row) for row in self._rows(self.dialect.clusters(), counts)]
        return list(found.values())

    def cluster_members(self) -> dict[str, tuple[str, ...]]:
        """Every stored cluster's claim ids, by cluster id (one scan of two columns)."""
        return {str(kid): tuple(ids or ()) for kid, ids in self._rows(self.dialect.cluster_members())}

    def clusters_current(self) -> bool:
        """Whether every stored claim reports exactly one stored cluster (two counts); false for a store
        written before clusters were kept (opened read-only, it has no Cluster table)."""
        try:
            claims = self._rows(self.dialect.claim_count())[0][0]
            reports = self._rows(self.dialect.reported_count())[0][0]
        except QueryError:
            return False
        return int(claims) == int(reports or 0)
