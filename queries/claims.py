"""Stored claims with their articles and attribution chains, read back from a store.

This is the read model the claim queries share (:mod:`queries.corroborate`, :mod:`queries.conflicts`,
:mod:`queries.provenance`): one :class:`StoredClaim` per Claim node, with the article that reports it
and the attribution chain ordered outermost (the outlet) first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore
from ontology.model import load_ontology
from queries.resolve import resolve_entity

__all__ = ["ArticleRef", "SourceLink", "StoredClaim", "list_claims", "load_articles", "load_claims"]


@dataclass(frozen=True)
class ArticleRef:
    """An article as evidence: id, title, outlet, publication date (ISO) and URL."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourceLink:
    """One link of an attribution chain.

    ``type`` is the ontology class of the linked entity (``None`` when the chain names a source the
    store has no entity for); ``kind`` is the GenericSource kind (``data``, ``officials``...).
    """

    position: int
    name: str
    role: str | None = None
    entity_id: str | None = None
    type: str | None = None
    kind: str | None = None

    @property
    def generic(self) -> bool:
        """Whether the link is a collective, unnamed source ("trade data", "U.S. officials")."""
        return self.type == "GenericSource"


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored, with its span, value, period, attribution chain and article."""

    id: str
    text: str
    article: ArticleRef
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
    attribution: tuple[SourceLink, ...] = ()
    about: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    article_mentions: frozenset[str] = frozenset()
    """Names of the entities the claim's article mentions anywhere (for unattributed echoes)."""

    @property
    def attributed_to(self) -> list[str]:
        """The attribution chain's names, outermost first."""
        return [link.name for link in self.attribution]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_CLAIM_COLUMNS = ("c.id, c.text, c.article_id, c.start, c.`end`, c.metric, c.value_raw, c.value_number, c.value_unit, "
                  "c.direction, c.qualifier, c.period_start, c.period_end, c.status, c.attributed_to")


def load_articles(store: GraphStore, ids: Iterable[str] | None = None) -> dict[str, ArticleRef]:
    """Every stored article (or those with the given ids) as an :class:`ArticleRef`, by id."""
    columns = "a.id, a.title, a.outlet, a.published, a.url"
    if ids is None:
        result = store.query(f"MATCH (a:Article) RETURN {columns}")
    else:
        result = store.query(f"UNWIND $ids AS i MATCH (a:Article {{id: i}}) RETURN {columns}", {"ids": sorted(ids)})
    return {aid: ArticleRef(aid, title, outlet, _iso(published), url)
            for aid, title, outlet, published, url in result.rows}


def _claim_match(ids: list[str] | None) -> tuple[str, dict[str, Any]]:
    """The MATCH clause binding ``c`` to every claim, or (a primary-key look-up each) to those ``ids``."""
    if ids is None:
        return "MATCH (c:Claim)", {}
    return "UNWIND $ids AS i MATCH (c:Claim {id: i})", {"ids": ids}


_FOLLOW_EDGES = 1000


def _expand(ids: list[str] | None) -> str:
    """How to walk from the matched claims: after the primary-key look-ups of a few claims, ``OPTIONAL
    MATCH`` (the embedded engine then follows each claim's own edges, where a plain ``MATCH`` joins the whole
    relationship table: about ten times slower for a few claims, faster for thousands, which would each
    return a row of nulls); rows with nothing on the far side are dropped by the caller."""
    return "OPTIONAL MATCH" if ids is not None and len(ids) <= _FOLLOW_EDGES else "MATCH"


def _chains(store: GraphStore, ids: list[str] | None = None) -> dict[str, dict[int, SourceLink]]:
    """ATTRIBUTED_TO links by claim id and position, with the linked entity's class (one query per
    entity class: labels come from the ontology, so the queries stay portable across backends)."""
    chains: dict[str, dict[int, SourceLink]] = defaultdict(dict)
    match, params = _claim_match(ids)
    for label in load_ontology().entity_classes():
        kind = "e.kind" if label == "GenericSource" else "NULL"
        result = store.query(
            f"{match} {_expand(ids)} (c)-[r:ATTRIBUTED_TO]->(e:{label}) "
            f"RETURN c.id, r.position, r.role, e.id, e.name, {kind}", params
        )
        for cid, position, role, eid, name, ekind in result.rows:
            if eid is None:
                continue
            pos = int(position) if position is not None else len(chains[cid])
            chains[cid][pos] = SourceLink(pos, name, role, eid, label, ekind)
    return chains


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


def load_claims(store: GraphStore, about: str | None = None, ids: Iterable[str] | None = None,
                mentions: bool = True) -> list[StoredClaim]:
    """Every stored claim (or those ABOUT one entity id, or those with the given ids), ordered by article
    then offset.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    about:
        An entity id; only claims with an ``ABOUT`` relation to it are returned.
    ids:
        Claim ids; only these claims are read (a primary-key look-up each), with only their articles.
    mentions:
        Whether to read the names each claim's article mentions (``article_mentions``, which only the
        computation of origins needs); leave them out for a look-up.

    Returns
    -------
    list of StoredClaim

    Notes
    -----
    A fixed number of queries (one for claims, one for articles, one per entity class for the
    chains), so the cost is linear in the number of claims read.
    """
    wanted = sorted(set(ids)) if ids is not None else None
    match, params = _claim_match(wanted)
    if about is None:
        result = store.query(f"{match} RETURN {_CLAIM_COLUMNS}", params)
    else:
        result = store.query(
            f"{match} MATCH (c)-[:ABOUT]->(e) WHERE e.id = $about RETURN DISTINCT {_CLAIM_COLUMNS}",
            {**params, "about": about},
        )
    article_ids = None if wanted is None else {row[2] for row in result.rows if row[2]}
    articles = load_articles(store, article_ids)
    chains = _chains(store, wanted)
    abouts: dict[str, list[str]] = defaultdict(list)
    for cid, name in store.query(f"{match} {_expand(wanted)} (c)-[:ABOUT]->(e) RETURN c.id, e.name", params).rows:
        if name is not None:
            abouts[cid].append(name)
    supports: dict[str, list[str]] = defaultdict(list)
    for cid, fid in store.query(f"{match} {_expand(wanted)} (c)-[:SUPPORTS]->(f:SupplyFlow) RETURN c.id, f.id",
                                params).rows:
        if fid is not None:
            supports[cid].append(fid)
    mentioned: dict[str, set[str]] = defaultdict(set)
    if mentions:
        if article_ids is None:
            rows = store.query("MATCH (a:Article)-[:MENTIONS]->(e) RETURN DISTINCT a.id, e.name").rows
        else:
            rows = store.query("UNWIND $ids AS i MATCH (a:Article {id: i})-[:MENTIONS]->(e) "
                               "RETURN DISTINCT a.id, e.name", {"ids": sorted(article_ids)}).rows
        for aid, name in rows:
            if name is not None:
                mentioned[aid].add(name)
    claims: list[StoredClaim] = []
    for (cid, text, article_id, start, end, metric, value_raw, value_number, unit, direction, qualifier,
         period_start, period_end, status, attributed) in result.rows:
        article = articles.get(article_id) or ArticleRef(article_id or "")
        claims.append(StoredClaim(
            id=cid, text=text or "", article=article, start=start, end=end, metric=metric, value_raw=value_raw,
            value_number=float(value_number) if value_number is not None else None, value_unit=unit,
            direction=direction, qualifier=qualifier, period_start=period_start, period_end=period_end,
            status=status or "asserted", attribution=_chain(attributed, chains.get(cid, {})),
            about=tuple(sorted(set(abouts.get(cid, [])))), supports=tuple(sorted(supports.get(cid, []))),
            article_mentions=frozenset(mentioned.get(article_id, ())),
        ))
    claims.sort(key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
    return claims


def list_claims(store: GraphStore, about: str | None = None) -> list[StoredClaim]:
    """Stored claims, optionally only those about an entity named by name, alias or id.

    Parameters
    ----------
    about:
        A name ("Russia"), an alias ("the Kremlin") or an entity id; ``None`` for all claims.

    Raises
    ------
    NotFound
        When ``about`` names no stored entity.

    Examples
    --------
    >>> list_claims(store, about="Atlantic Council")  # doctest: +SKIP
    [StoredClaim(id='claim:...', text='...', ...)]
    """
    if about is None:
        return load_claims(store)
    entity = resolve_entity(store, about)
    claims = load_claims(store, about=entity.id)
    # A claim attributed to the entity is about what it said; include those too (an investigator
    # asking "claims about the Atlantic Council" wants what the Council is cited for).
    cited = [c for c in load_claims(store) if any(link.entity_id == entity.id for link in c.attribution)]
    seen = {c.id for c in claims}
    merged = claims + [c for c in cited if c.id not in seen]
    merged.sort(key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
    return merged
