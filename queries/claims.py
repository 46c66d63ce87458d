"""Stored claims with their articles and attribution chains, read back from a store.

This is the read model the claim queries share (:mod:`queries.corroborate`, :mod:`queries.conflicts`,
:mod:`queries.provenance`): one :class:`StoredClaim` per Claim node, with the article that reports it
and the attribution chain ordered outermost (the outlet) first.
"""

from __future__ import annotations

from collections import defaultdict
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


def load_articles(store: GraphStore) -> dict[str, ArticleRef]:
    """Every stored article as an :class:`ArticleRef`, by id."""
    result = store.query("MATCH (a:Article) RETURN a.id, a.title, a.outlet, a.published, a.url")
    return {aid: ArticleRef(aid, title, outlet, _iso(published), url)
            for aid, title, outlet, published, url in result.rows}


def _chains(store: GraphStore) -> dict[str, dict[int, SourceLink]]:
    """ATTRIBUTED_TO links by claim id and position, with the linked entity's class (one query per
    entity class: labels come from the ontology, so the queries stay portable across backends)."""
    chains: dict[str, dict[int, SourceLink]] = defaultdict(dict)
    for label in load_ontology().entity_classes():
        kind = "e.kind" if label == "GenericSource" else "NULL"
        result = store.query(
            f"MATCH (c:Claim)-[r:ATTRIBUTED_TO]->(e:{label}) "
            f"RETURN c.id, r.position, r.role, e.id, e.name, {kind}"
        )
        for cid, position, role, eid, name, ekind in result.rows:
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


def load_claims(store: GraphStore, about: str | None = None) -> list[StoredClaim]:
    """Every stored claim (or those ABOUT one entity id), ordered by article then offset.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    about:
        An entity id; only claims with an ``ABOUT`` relation to it are returned.

    Returns
    -------
    list of StoredClaim

    Notes
    -----
    A fixed number of queries (one for claims, one for articles, one per entity class for the
    chains), so the cost is linear in the number of claims.
    """
    articles = load_articles(store)
    if about is None:
        result = store.query(
            "MATCH (c:Claim) RETURN c.id, c.text, c.article_id, c.start, c.`end`, c.metric, c.value_raw, "
            "c.value_number, c.value_unit, c.direction, c.qualifier, c.period_start, c.period_end, c.status, "
            "c.attributed_to"
        )
    else:
        result = store.query(
            "MATCH (c:Claim)-[:ABOUT]->(e) WHERE e.id = $about "
            "RETURN DISTINCT c.id, c.text, c.article_id, c.start, c.`end`, c.metric, c.value_raw, "
            "c.value_number, c.value_unit, c.direction, c.qualifier, c.period_start, c.period_end, c.status, "
            "c.attributed_to",
            {"about": about},
        )
    chains = _chains(store)
    abouts: dict[str, list[str]] = defaultdict(list)
    for cid, name in store.query("MATCH (c:Claim)-[:ABOUT]->(e) RETURN c.id, e.name").rows:
        if name is not None:
            abouts[cid].append(name)
    supports: dict[str, list[str]] = defaultdict(list)
    for cid, fid in store.query("MATCH (c:Claim)-[:SUPPORTS]->(f:SupplyFlow) RETURN c.id, f.id").rows:
        supports[cid].append(fid)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for aid, name in store.query("MATCH (a:Article)-[:MENTIONS]->(e) RETURN DISTINCT a.id, e.name").rows:
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
