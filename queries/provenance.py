"""Provenance of a claim: every article that reports the same fact, and each report's attribution
chain down to its original source, with spans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from graph.clusters import claim_clusters
from graph.store import GraphStore, StoreView, view_of
from ontology.errors import Ambiguous, NotFound
from queries.claims import StoredClaim, load_claims
from queries.clusters import cluster_of, comparable_claims
from queries.corroborate import ClaimCluster, cluster_claims
from queries.evidence import Report
from queries.vocabulary import ClaimVocabulary

__all__ = ["Provenance", "Report", "find_claim", "matching_claims", "trace_provenance"]


@dataclass(frozen=True)
class Provenance:
    """A claim, its cluster's reports (the claim's own first) and the cluster's independent origins."""

    claim: StoredClaim
    cluster: ClaimCluster
    reports: tuple[Report, ...]


_FIGURE = re.compile(r"^[$€£]?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|percent|per cent)?$")
CANDIDATES_SHOWN = 20


def _fold_text(text: str) -> str:
    """Case and spacing folded, and nothing else: decimal points and thousands separators stay, so that
    numbers keep their value (the gazetteer's surface folding drops dots)."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _text_pattern(wanted: str) -> re.Pattern[str]:
    """``wanted`` as a pattern over folded claim texts where numbers match as numbers: a query that starts
    or ends with a digit does not match inside a longer number ("45%" never finds "345%", "4" never "45")."""
    head = r"(?<![\d.,])" if wanted[:1].isdigit() else ""
    tail = r"(?![\d]|[.,]\d)" if wanted[-1:].isdigit() else ""
    return re.compile(head + re.escape(wanted) + tail)


def _figure_matches(claim: StoredClaim, wanted: str) -> bool:
    """Whether ``wanted`` is a bare figure ("45%", "1,200") equal to the claim's parsed value."""
    figure = _FIGURE.match(wanted)
    if figure is None or claim.value_number is None:
        return False
    number = float(figure.group(1).replace(",", ""))
    percent = figure.group(2) is not None
    unit = (claim.value_unit or "").lower()
    return claim.value_number == number and (not percent or unit in {"%", "percent", "per cent"})


def matching_claims(claims: Sequence[StoredClaim], claim_id_or_text: str) -> list[StoredClaim]:
    """The claims a user's words name, best kind of match only.

    In order: the claim with this id; claims whose id starts with it (``claim:3f2a``); claims whose text
    is the given text; claims whose text contains it, numbers matched as numbers; claims whose parsed
    value equals a bare figure ("45%"). Case and spacing are ignored.
    """
    wanted_id = claim_id_or_text.strip()
    exact_id = [c for c in claims if c.id == wanted_id]
    if exact_id:
        return exact_id
    if wanted_id.startswith("claim:") and len(wanted_id) > len("claim:"):
        by_prefix = [c for c in claims if c.id.startswith(wanted_id)]
        if by_prefix:
            return by_prefix
    wanted = _fold_text(claim_id_or_text)
    if not wanted:
        return []
    exact = [c for c in claims if _fold_text(c.text) == wanted]
    if exact:
        return exact
    pattern = _text_pattern(wanted)
    return [c for c in claims if pattern.search(_fold_text(c.text)) or _figure_matches(c, wanted)]


def find_claim(claims: list[StoredClaim], claim_id_or_text: str) -> StoredClaim:
    """The claim with this id or text (see :func:`matching_claims`); the earliest reported wins when
    several match.

    Raises
    ------
    NotFound
        When no claim matches.
    """
    found = matching_claims(claims, claim_id_or_text)
    if not found:
        raise NotFound(f"no stored claim has id or text {claim_id_or_text!r}")
    return found[0]


def _provenance(claim: StoredClaim, cluster: ClaimCluster) -> Provenance:
    ordered = sorted(cluster.reports, key=lambda r: (r.id != claim.id, r.article.published or "", r.article.id))
    origin_of = {cid: origin.name for origin in cluster.origins for cid in origin.claim_ids}
    return Provenance(claim, cluster, tuple(Report(r, r.attribution, origin_of[r.id]) for r in ordered))


def trace_provenance(store: GraphStore | StoreView, claim_id_or_text: str, *,
                     vocabulary: ClaimVocabulary) -> Provenance:
    """The claim, every article that reports it (its corroboration cluster) and each report's chain.

    When the store's clusters are current (:func:`queries.clusters.clusters_current`), a claim id is a
    look-up of its stored cluster, and a text is matched against the stored claims' texts
    (:func:`matching_claims`) and looked up through the matches' ``REPORTS`` edges: no clustering. A store
    without current clusters has its claims clustered here, with ``vocabulary``.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    claim_id_or_text:
        A claim id (``claim:…``) or a piece of its text ("73%", "more than tripled").
    vocabulary:
        What metrics and sources are compared with (:attr:`queries.reference.Reference.vocabulary`).

    Raises
    ------
    NotFound
        When no claim matches.
    Ambiguous
        When the text matches claims of more than one cluster (different facts); the candidates are
        ``(claim id, "text — outlet")``, one per matching claim.

    Examples
    --------
    >>> p = trace_provenance(store, "exports to Russia increased by 73%",
    ...                      vocabulary=reference.vocabulary)  # doctest: +SKIP
    >>> [(r.claim.article.outlet, r.origin) for r in p.reports]  # doctest: +SKIP
    [('Ukrainska Pravda', 'Wall Street Journal'), ('Building Crypto', 'Wall Street Journal')]
    """
    view = view_of(store)
    if view.clusters_current():
        return _looked_up(view, claim_id_or_text)
    claims = load_claims(view)
    matches = matching_claims(claims, claim_id_or_text)
    if not matches:
        raise NotFound(f"no stored claim has id or text {claim_id_or_text!r}")
    cluster_by_claim = {r.id: c for c in cluster_claims(claims, vocabulary=vocabulary) for r in c.reports}
    _refuse_ambiguous(claim_id_or_text, matches, {m.id: cluster_by_claim[m.id].id for m in matches})
    return _provenance(matches[0], cluster_by_claim[matches[0].id])


def _refuse_ambiguous(wanted: str, matches: list[StoredClaim], cluster_of_claim: dict[str, str]) -> None:
    if len({cluster_of_claim[m.id] for m in matches}) > 1:
        raise Ambiguous(
            f"{wanted!r} matches {len(matches)} claims of different facts; name one by its id"
            + (f" (the first {CANDIDATES_SHOWN} are listed)" if len(matches) > CANDIDATES_SHOWN else ""),
            tuple((m.id, f"{m.text} — {m.article.outlet or m.article.title or m.article.id}")
                  for m in matches[:CANDIDATES_SHOWN]))


def _looked_up(store: StoreView, claim_id_or_text: str) -> Provenance:
    """Provenance from the stored clusters: a claim id is its cluster's look-up; a text is matched against
    the claims' texts (one scan of the Claim table, no chains), and the matches' clusters are read through
    their ``REPORTS`` edges."""
    wanted = claim_id_or_text.strip()
    stored = cluster_of(store, wanted)
    if stored is not None:
        return _provenance(next(r for r in stored.reports if r.id == wanted), stored)
    claims = comparable_claims(store)
    claims.sort(key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
    matches = matching_claims(claims, claim_id_or_text)
    if not matches:
        raise NotFound(f"no stored claim has id or text {claim_id_or_text!r}")
    cluster_ids = claim_clusters(store, (m.id for m in matches))
    _refuse_ambiguous(claim_id_or_text, matches, cluster_ids)
    found = cluster_of(store, matches[0].id)
    if found is None:  # pragma: no cover - clusters_current says every claim has one
        raise NotFound(f"claim {matches[0].id} has no stored cluster")
    return _provenance(next(r for r in found.reports if r.id == matches[0].id), found)
