"""Provenance of a claim: every article that reports the same fact, and each report's attribution
chain down to its original source, with spans."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore
from ontology.errors import NotFound
from ontology.gazetteer import fold_surface
from queries.claims import SourceLink, StoredClaim, load_claims
from queries.corroborate import ClaimCluster, cluster_claims, report_origins

__all__ = ["Provenance", "Report", "find_claim", "trace_provenance"]


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


def find_claim(claims: list[StoredClaim], claim_id_or_text: str) -> StoredClaim:
    """The claim with this id, else the one whose text is, or contains, the given text (case and
    spacing ignored; the earliest reported wins when several contain it).

    Raises
    ------
    NotFound
        When no claim matches.
    """
    for claim in claims:
        if claim.id == claim_id_or_text:
            return claim
    wanted = fold_surface(claim_id_or_text)
    exact = [c for c in claims if fold_surface(c.text) == wanted]
    if exact:
        return exact[0]
    containing = [c for c in claims if wanted and wanted in fold_surface(c.text)]
    if containing:
        return containing[0]
    raise NotFound(f"no stored claim has id or text {claim_id_or_text!r}")


def trace_provenance(store: GraphStore, claim_id_or_text: str) -> Provenance:
    """The claim, every article that reports it (its corroboration cluster) and each report's chain.

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
    claims = load_claims(store)
    claim = find_claim(claims, claim_id_or_text)
    cluster = next(c for c in cluster_claims(claims) if any(r.id == claim.id for r in c.reports))
    ordered = sorted(cluster.reports, key=lambda r: (r.id != claim.id, r.article.published or "", r.article.id))
    reports = tuple(Report(r, r.attribution, origin[1]) for r, origin in zip(ordered, report_origins(ordered),
                                                                               strict=True))
    return Provenance(claim, cluster, reports)
