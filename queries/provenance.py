"""Provenance of a claim: every article that reports the same fact, and each report's attribution
chain down to its original source, with spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.store import GraphStore
from ontology.errors import NotFound
from ontology.gazetteer import fold_surface
from queries.claims import SourceLink, StoredClaim, load_articles, load_claims
from queries.clusters import cluster_of, clusters_current
from queries.corroborate import ClaimCluster, cluster_claims

__all__ = ["Provenance", "Report", "find_claim", "find_claim_id", "trace_provenance"]


@dataclass(frozen=True)
class Report:
    """One article's report of the fact: the claim (span, text), its chain and its original source."""

    claim: StoredClaim
    chain: tuple[SourceLink, ...]
    origin: str


@dataclass(frozen=True)
class Provenance:
    """A claim, its cluster's reports (the claim's own first) and the cluster's independent origins."""

    claim: StoredClaim
    cluster: ClaimCluster
    reports: tuple[Report, ...]


def _find(candidates: Sequence[tuple[str, str]], claim_id_or_text: str) -> str:
    """The id among ``(id, text)`` pairs (in report order) that :func:`find_claim` picks."""
    for cid, _text in candidates:
        if cid == claim_id_or_text:
            return cid
    wanted = fold_surface(claim_id_or_text)
    folded = [(cid, fold_surface(text)) for cid, text in candidates]
    exact = [cid for cid, text in folded if text == wanted]
    if exact:
        return exact[0]
    containing = [cid for cid, text in folded if wanted and wanted in text]
    if containing:
        return containing[0]
    raise NotFound(f"no stored claim has id or text {claim_id_or_text!r}")


def find_claim(claims: list[StoredClaim], claim_id_or_text: str) -> StoredClaim:
    """The claim with this id, else the one whose text is, or contains, the given text (case and
    spacing ignored; the earliest reported wins when several contain it).

    Raises
    ------
    NotFound
        When no claim matches.
    """
    found = _find([(c.id, c.text) for c in claims], claim_id_or_text)
    return next(c for c in claims if c.id == found)


def find_claim_id(store: GraphStore, claim_id_or_text: str) -> str:
    """:func:`find_claim` against the store: a claim id is one look-up; a text is sought in every claim's
    text (one query), in report order.

    Raises
    ------
    NotFound
        When no claim matches.
    """
    if store.query("MATCH (c:Claim {id: $id}) RETURN c.id", {"id": claim_id_or_text}).rows:
        return claim_id_or_text
    published = {aid: article.published for aid, article in load_articles(store).items()}
    rows = store.query("MATCH (c:Claim) RETURN c.id, c.text, c.article_id, c.start").rows
    rows.sort(key=lambda r: (published.get(r[2]) or "", r[2] or "", r[3] or 0, r[0]))
    return _find([(cid, text or "") for cid, text, _aid, _start in rows], claim_id_or_text)


def _provenance(claim: StoredClaim, cluster: ClaimCluster) -> Provenance:
    ordered = sorted(cluster.reports, key=lambda r: (r.id != claim.id, r.article.published or "", r.article.id))
    origin_of = {cid: origin.name for origin in cluster.origins for cid in origin.claim_ids}
    return Provenance(claim, cluster, tuple(Report(r, r.attribution, origin_of[r.id]) for r in ordered))


def trace_provenance(store: GraphStore, claim_id_or_text: str) -> Provenance:
    """The claim, every article that reports it (its corroboration cluster) and each report's chain.

    A look-up of the stored cluster when the store's clusters are current
    (:func:`queries.clusters.clusters_current`); else the claims are clustered here.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    claim_id_or_text:
        A claim id (``claim:…``) or a piece of its text ("73%", "more than tripled").

    Raises
    ------
    NotFound
        When no claim matches.

    Examples
    --------
    >>> p = trace_provenance(store, "exports to Russia increased by 73%")  # doctest: +SKIP
    >>> [(r.claim.article.outlet, r.origin) for r in p.reports]  # doctest: +SKIP
    [('Ukrainska Pravda', 'Wall Street Journal'), ('Building Crypto', 'Wall Street Journal')]
    """
    if clusters_current(store):
        claim_id = find_claim_id(store, claim_id_or_text)
        cluster = cluster_of(store, claim_id)
        if cluster is not None:
            return _provenance(next(r for r in cluster.reports if r.id == claim_id), cluster)
    claims = load_claims(store)
    claim = find_claim(claims, claim_id_or_text)
    cluster = next(c for c in cluster_claims(claims) if any(r.id == claim.id for r in c.reports))
    return _provenance(claim, cluster)
