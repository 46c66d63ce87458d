"""Stored claims with their articles and attribution chains, read back from a store.

This is the read model the claim queries share (:mod:`queries.corroborate`, :mod:`queries.conflicts`,
:mod:`queries.provenance`): one :class:`StoredClaim` per Claim node, with the article that reports it
and the attribution chain ordered outermost (the outlet) first.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.store import ArticleRef, ClaimFilter, ClaimRecord, GraphStore, SourceLink, StoreView, view_of
from queries.reference import Reference
from queries.resolve import resolve_entity

__all__ = ["ArticleRef", "SourceLink", "StoredClaim", "list_claims", "load_articles", "load_claims"]

#: A claim as stored, with its span, value, period, attribution chain and article (the view's record).
StoredClaim = ClaimRecord


def load_articles(store: GraphStore | StoreView, ids: Iterable[str] | None = None) -> dict[str, ArticleRef]:
    """Every stored article (or those with the given ids) as an :class:`ArticleRef`, by id."""
    return view_of(store).articles(ids)


def load_claims(store: GraphStore | StoreView, about: str | None = None, ids: Iterable[str] | None = None,
                mentions: bool = True) -> list[StoredClaim]:
    """Every stored claim (or those ABOUT one entity id, or those with the given ids), ordered by article
    then offset.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    about:
        An entity id; only claims with an ``ABOUT`` relation to it are returned.
    ids:
        Claim ids; only these claims are read (a primary-key look-up each), with only their articles.
    mentions:
        Whether to read the names each claim's article mentions (``article_mentions``, which only the
        computation of origins needs); leave them out for a look-up.

    Notes
    -----
    A fixed number of reads (see :meth:`graph.store.StoreView.claims`), linear in the claims read.
    """
    wanted = frozenset(ids) if ids is not None else None
    return view_of(store).claims(ClaimFilter(ids=wanted, about=about, mentions=mentions))


def list_claims(store: GraphStore | StoreView, about: str | None = None, *,
                reference: Reference) -> list[StoredClaim]:
    """Stored claims, optionally only those about an entity named by name, alias or id.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    about:
        A name ("Russia"), an alias ("the Kremlin") or an entity id; ``None`` for all claims.
    reference:
        The ontology and gazetteer ``about`` is resolved with.

    Raises
    ------
    NotFound
        When ``about`` names no stored entity.

    Examples
    --------
    >>> list_claims(store, about="Atlantic Council", reference=reference)  # doctest: +SKIP
    [StoredClaim(id='claim:...', text='...', ...)]
    """
    view = view_of(store)
    if about is None:
        return load_claims(view)
    entity = resolve_entity(view, about, reference=reference)
    claims = load_claims(view, about=entity.id)
    # A claim attributed to the entity is about what it said; include those too (an investigator
    # asking "claims about the Atlantic Council" wants what the Council is cited for).
    cited = [c for c in load_claims(view) if any(link.entity_id == entity.id for link in c.attribution)]
    seen = {c.id for c in claims}
    merged = claims + [c for c in cited if c.id not in seen]
    merged.sort(key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
    return merged
