"""Read queries shared by every Cypher dialect; a dialect overrides only how names and functions are spelt.

Labels and relationship types come from the ontology's allow-list and every value travels as a
parameter. Ids are looked up with ``UNWIND $ids AS i MATCH (n:L {id: i})`` (a primary-key look-up per
id in the embedded store, an index seek in Neo4j) where the caller names the nodes.

Examples
--------
>>> from graph.cypher.neo4j import NEO4J
>>> NEO4J.articles(by_id=True)
'UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id, a.title, a.outlet, a.published, a.url'
"""

from __future__ import annotations

from ontology.model import Ontology

__all__ = ["CLUSTER_COLUMNS", "CypherDialect"]

CLUSTER_COLUMNS = ("id", "metric", "value", "period_start", "period_end", "origins", "origin_keys", "claim_ids",
                   "report_origins")
"""The ``Cluster`` properties the cluster reads return, in :class:`graph.store.StoredCluster` order."""


class CypherDialect:
    """Builds the read queries; subclasses spell properties (:meth:`prop`) and lower-casing (:meth:`lower`)."""

    name = "cypher"

    def prop(self, var: str, name: str) -> str:
        """``var.name`` as this dialect writes a property access."""
        return f"{var}.{name}"

    def lower(self, expr: str) -> str:
        """The lower-casing of a string expression."""
        return f"toLower({expr})"

    def _cols(self, var: str, *names: str) -> str:
        return ", ".join(self.prop(var, n) for n in names)

    # -- supply -----------------------------------------------------------------------------------

    def supply_legs(self, sources: bool, targets: bool, goods: bool, negated: bool) -> str:
        """SUPPLIES legs leaving ``$sources``, reaching ``$targets``, of ``$goods`` (each only when set),
        negated ones only when ``negated``; columns in :class:`graph.store.SupplyLeg` order."""
        p = self.prop
        where: list[str] = []
        if sources:
            where.append(f"{p('a', 'id')} IN $sources")
        if targets:
            where.append(f"{p('b', 'id')} IN $targets")
        if not negated:
            where.append(f"({p('r', 'status')} IS NULL OR {p('r', 'status')} <> 'negated')")
        if goods:
            where.append(f"{p('r', 'good_id')} IN $goods")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        columns = [self._cols("a", "id", "name"), self._cols("b", "id", "name"),
                   self._cols("r", "flow_id", "good", "good_id", "leg", "status", "article_id", "period_start",
                              "period_end", "quantity")]
        return f"MATCH (a)-[r:SUPPLIES]->(b){clause} RETURN {', '.join(columns)}"

    def flows(self) -> str:
        """The SupplyFlow nodes with ids ``$ids``."""
        columns = self._cols("f", "id", "value", "via", "supplier", "recipient", "good", "status", "start", "end",
                             "sentence", "period_start", "period_end", "quantity", "article_id")
        return f"UNWIND $ids AS i MATCH (f:SupplyFlow {{id: i}}) RETURN {columns}"

    def flow_end_uses(self) -> str:
        """``(flow id, end use name)`` of the flows ``$ids``, in the order they were stored."""
        # A primary-key look-up per flow, then its own edges: ``WHERE f.id IN $ids`` would scan the whole
        # table (about a hundred times slower on a store of a million legs). Flows without one give nulls.
        return (f"UNWIND $ids AS i MATCH (f:SupplyFlow {{id: i}}) OPTIONAL MATCH (f)-[:USED_FOR]->(u:EndUse) "
                f"RETURN {self.prop('f', 'id')}, {self.prop('u', 'name')}")

    def flow_support(self) -> str:
        """``(flow id, claim id)`` of the claims supporting the flows ``$ids`` (nulls for a flow without one)."""
        # Only the ids: reading a property of the claims here costs the embedded engine a pass over the
        # Claim table; their chains are looked up by id afterwards (:meth:`claim_attributions`).
        return (f"UNWIND $ids AS i MATCH (f:SupplyFlow {{id: i}}) OPTIONAL MATCH (f)<-[:SUPPORTS]-(c:Claim) "
                f"RETURN {self.prop('f', 'id')}, {self.prop('c', 'id')}")

    def claim_attributions(self) -> str:
        """``(claim id, attribution names)`` of the claims ``$ids``."""
        return (f"UNWIND $ids AS i MATCH (c:Claim {{id: i}}) "
                f"RETURN {self.prop('c', 'id')}, {self.prop('c', 'attributed_to')}")

    # -- articles ---------------------------------------------------------------------------------

    def articles(self, by_id: bool) -> str:
        """Every article (or those ``$ids``) as ``id, title, outlet, published, url``."""
        match = "UNWIND $ids AS i MATCH (a:Article {id: i})" if by_id else "MATCH (a:Article)"
        return f"{match} RETURN {self._cols('a', 'id', 'title', 'outlet', 'published', 'url')}"

    def article_texts(self) -> str:
        """``id, text, path`` of the articles ``$ids`` (their stored text, to cite spans in)."""
        return f"UNWIND $ids AS i MATCH (a:Article {{id: i}}) RETURN {self._cols('a', 'id', 'text', 'path')}"

    def article_mentions(self, by_id: bool) -> str:
        """``(article id, entity name)`` of what every article (or those ``$ids``) mentions, once each."""
        match = "UNWIND $ids AS i MATCH (a:Article {id: i})" if by_id else "MATCH (a:Article)"
        return f"{match}-[:MENTIONS]->(e) RETURN DISTINCT {self.prop('a', 'id')}, {self.prop('e', 'name')}"

    # -- claims -----------------------------------------------------------------------------------

    @staticmethod
    def _claim_match(by_id: bool) -> str:
        return "UNWIND $ids AS i MATCH (c:Claim {id: i})" if by_id else "MATCH (c:Claim)"

    @staticmethod
    def _follow(by_id: bool) -> str:
        """How to walk on from the matched claims: after primary-key look-ups, ``OPTIONAL MATCH`` (the
        embedded engine then follows each claim's own edges, where ``MATCH`` joins the whole relationship
        table: about ten times slower for a few claims); the rows with nulls are dropped by the reader."""
        return "OPTIONAL MATCH" if by_id else "MATCH"

    def claims(self, by_id: bool, about: bool, names: bool = True) -> str:
        """Claims (all, or ``$ids``; ABOUT ``$about`` when ``about``), in the order of
        :class:`graph.store.ClaimRecord`'s first fields, then ``attributed_to`` when ``names``."""
        columns = self._cols("c", "id", "text", "article_id", "start", "end", "metric", "value_raw", "value_number",
                             "value_unit", "direction", "qualifier", "period_start", "period_end", "status",
                             *(("attributed_to",) if names else ()))
        if about:
            return (f"{self._claim_match(by_id)} MATCH (c)-[:ABOUT]->(e) WHERE {self.prop('e', 'id')} = $about "
                    f"RETURN DISTINCT {columns}")
        return f"{self._claim_match(by_id)} RETURN {columns}"

    def claim_chain(self, by_id: bool, label: str, kind: bool) -> str:
        """ATTRIBUTED_TO links of claims to ``label`` entities: claim id, position, role, entity id, name,
        and the GenericSource ``kind`` when ``kind``."""
        kind_col = self.prop("e", "kind") if kind else "NULL"
        return (f"{self._claim_match(by_id)} {self._follow(by_id)} (c)-[r:ATTRIBUTED_TO]->(e:{label}) "
                f"RETURN {self.prop('c', 'id')}, {self._cols('r', 'position', 'role')}, "
                f"{self._cols('e', 'id', 'name')}, {kind_col}")

    def claim_about(self, by_id: bool) -> str:
        """``(claim id, entity name)`` of the claims' ABOUT edges."""
        return (f"{self._claim_match(by_id)} {self._follow(by_id)} (c)-[:ABOUT]->(e) "
                f"RETURN {self.prop('c', 'id')}, {self.prop('e', 'name')}")

    def claim_supports(self, by_id: bool) -> str:
        """``(claim id, flow id)`` of the claims' SUPPORTS edges."""
        return (f"{self._claim_match(by_id)} {self._follow(by_id)} (c)-[:SUPPORTS]->(f:SupplyFlow) "
                f"RETURN {self.prop('c', 'id')}, {self.prop('f', 'id')}")

    # -- entities ---------------------------------------------------------------------------------

    def entities(self, onto: Ontology, label: str, by_id: bool, by_name: bool, counts: bool) -> str:
        """Entities of ``label`` (all, ``$ids``, or whose id is in ``$ids`` or lower-cased name is
        ``$lower`` when ``by_name``): every property of the class, then mention and article counts
        when ``counts``."""
        props = list(onto.properties_of(onto.check_label(label)))
        if by_name:
            match = (f"MATCH (n:{label}) WHERE {self.prop('n', 'id')} IN $ids OR "
                     f"{self.lower(self.prop('n', 'name'))} = $lower")
        elif by_id:
            match = f"UNWIND $ids AS i MATCH (n:{label} {{id: i}})"
        else:
            match = f"MATCH (n:{label})"
        columns = self._cols("n", *props)
        if counts:
            return (f"{match} OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(n) "
                    f"RETURN {columns}, count(m), count(DISTINCT a)")
        return f"{match} RETURN {columns}"

    def broader(self) -> str:
        """Every BROADER edge as ``(narrower id, broader id)``."""
        return f"MATCH (a:Good)-[:BROADER]->(b:Good) RETURN {self.prop('a', 'id')}, {self.prop('b', 'id')}"

    # -- clusters ---------------------------------------------------------------------------------

    def _cluster_counts(self) -> str:
        return f"{self.prop('k', 'reports')} >= $reports AND {self.prop('k', 'independent_origins')} >= $origins"

    def clusters(self) -> str:
        """Every Cluster with at least ``$reports`` reports and ``$origins`` independent origins (a scan of the
        table); columns :data:`CLUSTER_COLUMNS`."""
        return f"MATCH (k:Cluster) WHERE {self._cluster_counts()} RETURN {self._cols('k', *CLUSTER_COLUMNS)}"

    def claim_clusters(self) -> str:
        """The Cluster each claim of ``$ids`` reports, nulls for a claim without one; columns
        :data:`CLUSTER_COLUMNS` (the counts are the reader's to check)."""
        # OPTIONAL MATCH after the look-up follows each claim's own edge (a plain MATCH joins the REPORTS table).
        return (f"UNWIND $ids AS i MATCH (c:Claim {{id: i}}) OPTIONAL MATCH (c)-[:REPORTS]->(k:Cluster) "
                f"RETURN {self._cols('k', *CLUSTER_COLUMNS)}")

    def clusters_about(self, label: str, rel: str) -> str:
        """The Clusters with at least ``$reports`` reports and ``$origins`` origins that a claim reports whose
        ``rel`` edge (``ABOUT``, ``ATTRIBUTED_TO``) reaches the ``label`` entity ``$about``: one look-up of the
        entity, then its edges. ``label`` and ``rel`` come from the ontology (the caller checks them)."""
        return (f"MATCH (e:{label} {{id: $about}})<-[:{rel}]-(c:Claim)-[:REPORTS]->(k:Cluster) "
                f"WHERE {self._cluster_counts()} RETURN DISTINCT {self._cols('k', *CLUSTER_COLUMNS)}")

    def cluster_members(self) -> str:
        """``(cluster id, claim ids)`` of every Cluster (a scan of two columns of the table)."""
        return f"MATCH (k:Cluster) RETURN {self._cols('k', 'id', 'claim_ids')}"

    def claim_count(self) -> str:
        """How many claims are stored."""
        return "MATCH (c:Claim) RETURN count(c)"

    def reported_count(self) -> str:
        """How many reports the stored clusters hold, together (null when there is none)."""
        return f"MATCH (k:Cluster) RETURN sum({self.prop('k', 'reports')})"
