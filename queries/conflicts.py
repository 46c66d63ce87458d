"""Conflicts between stored claims, each shown with both spans.

Three kinds:

``value_mismatch``
    The same metric for the same period with different values (same unit, beyond
    :data:`queries.corroborate.VALUE_TOLERANCE`, or opposite directions).
``metric_changed``
    One figure (compatible value, overlapping period) from one origin, reported under a different
    metric in another article: the good changed ("front-end loaders" → "bulldozers") or the scope did
    ("exports" → "equipment exports"). Typical of copy errors along a citation chain.
``figure_reused``
    One article gives the same figure (same number and unit, a percentage, amount or count) for two
    different metrics of overlapping periods (345% for ball bearings and for heavy trucks): one of them
    is probably a copy error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from graph.store import GraphStore, StoreView
from queries.claims import StoredClaim, load_claims
from queries.corroborate import periods_overlap, same_period, values_compatible
from queries.origins import origin_key
from queries.vocabulary import ClaimVocabulary

__all__ = ["Conflict", "ConflictKind", "ConflictSide", "claim_conflicts", "find_conflicts"]

ConflictKind = Literal["value_mismatch", "metric_changed", "figure_reused"]
KINDS: tuple[ConflictKind, ...] = ("value_mismatch", "metric_changed", "figure_reused")


@dataclass(frozen=True)
class ConflictSide:
    """One claim of a conflict with its span, article and origin."""

    claim_id: str
    text: str
    metric: str | None
    value: str | None
    period_start: str | None
    period_end: str | None
    article_id: str
    title: str | None
    outlet: str | None
    start: int | None
    end: int | None
    origin: str


@dataclass(frozen=True)
class Conflict:
    """Two claims that cannot both be right as stated; ``detail`` says why in one line."""

    kind: ConflictKind
    detail: str
    a: ConflictSide
    b: ConflictSide


def _side(claim: StoredClaim, generic: frozenset[str]) -> ConflictSide:
    return ConflictSide(claim.id, claim.text, claim.metric, claim.value_raw, claim.period_start, claim.period_end,
                        claim.article.id, claim.article.title, claim.article.outlet, claim.start, claim.end,
                        origin_key(claim.attribution, claim.article, generic=generic)[1])


def _pair(kind: ConflictKind, detail: str, x: StoredClaim, y: StoredClaim, vocabulary: ClaimVocabulary) -> Conflict:
    a, b = sorted((x, y), key=lambda c: (c.article.published or "", c.article.id, c.start or 0, c.id))
    return Conflict(kind, detail, _side(a, vocabulary.generic), _side(b, vocabulary.generic))


def _terms_label(terms: Iterable[str]) -> str:
    return ", ".join(sorted(t.split(":", 1)[-1] for t in terms)) or "-"


def _value_mismatches(claims: list[StoredClaim], vocabulary: ClaimVocabulary) -> Iterator[Conflict]:
    metric_terms = vocabulary.metric_terms
    by_metric: dict[frozenset[str], list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        terms = metric_terms(claim.metric)
        if terms and claim.value_number is not None and claim.status != "negated":
            by_metric[terms].append(claim)
    for group in by_metric.values():
        for x, y in combinations(group, 2):
            if x.text == y.text or (x.value_unit or None) != (y.value_unit or None) or not same_period(x, y):
                continue
            if not values_compatible(x, y):
                yield _pair("value_mismatch", f"{x.metric}: {x.value_raw} vs {y.value_raw} for the same period", x, y,
                            vocabulary)


def _metric_changes(claims: list[StoredClaim], vocabulary: ClaimVocabulary) -> Iterator[Conflict]:
    metric_terms = vocabulary.metric_terms
    by_origin: dict[str, list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        if claim.value_number is not None and metric_terms(claim.metric) and claim.status != "negated":
            by_origin[origin_key(claim.attribution, claim.article, generic=vocabulary.generic)[0]].append(claim)
    for group in by_origin.values():
        # Metrics that one article of this origin gives the same figure for: a figure the origin itself
        # reuses (see _figure_reuses), not one that changed metric on its way through other outlets.
        stated_together: dict[tuple[str, float | None], set[frozenset[str]]] = defaultdict(set)
        for claim in group:
            stated_together[(claim.article.id, claim.value_number)].add(metric_terms(claim.metric))
        for x, y in combinations(group, 2):
            if x.article.id == y.article.id or not values_compatible(x, y) or not periods_overlap(x, y):
                continue
            tx, ty = metric_terms(x.metric), metric_terms(y.metric)
            if any({tx, ty} <= metrics for (_, number), metrics in stated_together.items()
                   if number == x.value_number):
                continue
            if tx != ty:
                detail = (f"same figure {x.value_raw} / {y.value_raw} from one origin, metric changed: "
                          f"{_terms_label(tx - ty)} → {_terms_label(ty - tx)}")
                yield _pair("metric_changed", detail, x, y, vocabulary)


def _figure_reuses(claims: list[StoredClaim], vocabulary: ClaimVocabulary) -> Iterator[Conflict]:
    metric_terms = vocabulary.metric_terms
    by_figure: dict[tuple[str, str, float], list[StoredClaim]] = defaultdict(list)
    for claim in claims:
        if claim.value_number is None or claim.value_unit in (None, "factor") or claim.status == "negated":
            continue
        by_figure[(claim.article.id, claim.value_unit, claim.value_number)].append(claim)
    for group in by_figure.values():
        for x, y in combinations(group, 2):
            tx, ty = metric_terms(x.metric), metric_terms(y.metric)
            if not tx or not ty or tx <= ty or ty <= tx or not periods_overlap(x, y):
                continue
            yield _pair("figure_reused", f"{x.value_raw} given for {x.metric} and for {y.metric} in one article", x, y,
                        vocabulary)


def claim_conflicts(claims: Iterable[StoredClaim], *, vocabulary: ClaimVocabulary) -> list[Conflict]:
    """Conflicts among claims (pure), their metrics and origins read with ``vocabulary``. Ordered by kind,
    then by the first claim's article and offset.

    Notes
    -----
    Claims are grouped before pairing (by metric, by origin, by article and figure), so the cost is
    quadratic only within groups.
    """
    pool = list(claims)
    found = [*_value_mismatches(pool, vocabulary), *_metric_changes(pool, vocabulary),
             *_figure_reuses(pool, vocabulary)]
    unique = {(c.kind, c.a.claim_id, c.b.claim_id): c for c in found}
    return sorted(unique.values(), key=lambda c: (KINDS.index(c.kind), c.a.article_id, c.a.start or 0, c.b.claim_id))


def find_conflicts(store: GraphStore | StoreView, kinds: Iterable[ConflictKind] | None = None, *,
                   vocabulary: ClaimVocabulary) -> list[Conflict]:
    """Conflicts among the stored claims.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    kinds:
        Only these kinds (default: all three).
    vocabulary:
        What metrics and sources are compared with (:attr:`queries.reference.Reference.vocabulary`).

    Returns
    -------
    list of Conflict

    Examples
    --------
    >>> [c.kind for c in find_conflicts(store, vocabulary=reference.vocabulary)]  # doctest: +SKIP
    ['metric_changed', 'metric_changed', 'figure_reused']
    """
    wanted = set(kinds or KINDS)
    return [c for c in claim_conflicts(load_claims(store), vocabulary=vocabulary) if c.kind in wanted]
