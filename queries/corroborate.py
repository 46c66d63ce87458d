"""Corroboration: reports of the same fact across articles, and how many independent origins they have.

Two claims report the same fact (and fall in one :class:`ClaimCluster`) when

* their **metrics** agree: the content terms of one metric contain the other's (``exports`` and
  ``equipment exports`` agree; ``front-end loaders`` and ``bulldozers`` do not) — see
  :func:`metric_terms`;
* their **values** are compatible: same unit and numbers within :data:`VALUE_TOLERANCE`, with the same
  direction where both state one (factor words normalise to numbers: "tripled" = "three times" = 3);
* their **periods** overlap (a claim without a period is compatible with any);

or, whatever their metric and value, when their sentences are near-verbatim copies (text reuse: word
5-gram Jaccard ≥ :data:`REUSE_THRESHOLD`). Clusters are built by complete linkage: a claim joins
the best cluster all of whose members it agrees with, so a vague claim cannot bridge two facts.

**Independent origins** of a cluster: two reports are independent only if their attribution chains
share no named source (generic sources such as "trade data", and the publishing outlet, are not named
sources). Reports whose chains meet at any named link are one origin, named after the source most of them
share, the innermost of those: "Ukrainska Pravda → WSJ → Bank of Finland" and "Kyiv Post → WSJ" are one
origin, the WSJ. A report with no named source counts as its outlet, by name — unless its article names,
elsewhere, a source of another report of the cluster (an unattributed echo of a source the article
cites: "according to a report by the Atlantic Council … exports more than tripled"), when it counts
under that source; near-verbatim copies count once even when unattributed.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.store import GraphStore, StoreView
from ontology.gazetteer import fold_surface
from ontology.ids import make_id
from queries.claims import StoredClaim, load_claims
from queries.origins import named_sources, outlet_origin
from queries.vocabulary import ClaimVocabulary

__all__ = [
    "REUSE_THRESHOLD",
    "VALUE_TOLERANCE",
    "ClaimCluster",
    "ClusterIndex",
    "Origin",
    "as_cluster",
    "cluster_claims",
    "corroborate",
    "independent_origins",
    "metric_terms",
    "periods_overlap",
    "report_origins",
    "report_sources",
    "text_reuse",
    "values_compatible",
]

VALUE_TOLERANCE = 0.02
"""Relative difference under which two numbers of the same unit are the same figure (rounding)."""

REUSE_THRESHOLD = 0.6
"""Word 5-gram Jaccard similarity at or above which two sentences are copies of one another."""

PROGRESS_EVERY = 1000
"""How many decisions :meth:`ClusterIndex.assign` makes between two reports of its progress."""

_MAX_POSTING = 200
"""Claims a sentence shingle may occur in and still count as evidence of copying (more is stock phrasing)."""

# -- comparison of claims -------------------------------------------------------------------------


def metric_terms(metric: str | None, *, vocabulary: ClaimVocabulary) -> frozenset[str]:
    """The content terms of a metric string, for comparing metrics written differently.

    Countries and goods become their ids (so names, demonyms, inflections and aliases agree), measure
    words become the lexicon's canonical measure ("sold", "shipments" → ``exports``), change words and
    stop words go. The claim extractor writes metrics as ``"<measure> of <good> from <supplier> to
    <recipient>"``; free-form metrics from other extractors compare as well. The words are
    ``vocabulary``'s (:class:`queries.vocabulary.ClaimVocabulary`), which caches the terms.

    Examples
    --------
    >>> from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
    >>> from queries.vocabulary import claim_vocabulary
    >>> vocabulary = claim_vocabulary(load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
    >>> metric_terms("exports of excavators from China to Russia", vocabulary=vocabulary) == metric_terms(
    ...     "Chinese excavator sales to Russia", vocabulary=vocabulary)
    True
    >>> sorted(metric_terms("exports of ball bearings to Kyrgyzstan", vocabulary=vocabulary))
    ['country:KG', 'exports', 'good:ball-bearings']
    """
    return vocabulary.metric_terms(metric)


def metrics_agree(a: str | None, b: str | None, *, vocabulary: ClaimVocabulary) -> bool:
    """Whether one metric's terms contain the other's (both non-empty)."""
    ta, tb = vocabulary.metric_terms(a), vocabulary.metric_terms(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def values_compatible(a: StoredClaim, b: StoredClaim, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Same unit, numbers within ``tolerance`` (relative), same direction where both state one.

    Claims without a number are compatible only when their raw values read the same.
    """
    if a.value_number is None or b.value_number is None:
        return a.value_raw is not None and b.value_raw is not None and fold_surface(a.value_raw) == fold_surface(
            b.value_raw)
    if (a.value_unit or None) != (b.value_unit or None):
        return False
    if a.direction and b.direction and a.direction != b.direction:
        return False
    x, y = a.value_number, b.value_number
    return abs(x - y) <= tolerance * max(abs(x), abs(y)) or x == y


def _bounds(start: str | None, end: str | None) -> tuple[str, str] | None:
    if not start and not end:
        return None
    lo = (start or end or "")[:7]
    hi = (end or start or "")[:7]
    lo = lo if len(lo) == 7 else f"{lo[:4]}-01"
    hi = hi if len(hi) == 7 else f"{hi[:4]}-12"
    return lo, hi


def periods_overlap(a: StoredClaim, b: StoredClaim) -> bool:
    """Whether the claims' periods overlap (month precision); a missing period overlaps anything."""
    pa, pb = _bounds(a.period_start, a.period_end), _bounds(b.period_start, b.period_end)
    if pa is None or pb is None:
        return True
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def same_period(a: StoredClaim, b: StoredClaim) -> bool:
    """Whether both claims state a period and it is the same (month precision)."""
    pa, pb = _bounds(a.period_start, a.period_end), _bounds(b.period_start, b.period_end)
    return pa is not None and pa == pb


@lru_cache(maxsize=1 << 18)
def _shingles(text: str, size: int = 5) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def text_reuse(a: str, b: str) -> float:
    """Word 5-gram Jaccard similarity of two sentences (1.0 for identical texts).

    >>> text_reuse("China sold Russia twice as many loaders as a year before",
    ...            "China sold Russia twice as many loaders as a year earlier")
    0.75
    """
    return _jaccard(_shingles(a), _shingles(b))


def _jaccard(sa: frozenset[tuple[str, ...]], sb: frozenset[tuple[str, ...]]) -> float:
    """The Jaccard similarity of two shingle sets (:func:`text_reuse` of the texts they come from)."""
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _reused(sa: frozenset[tuple[str, ...]], sb: frozenset[tuple[str, ...]]) -> bool:
    """``_jaccard(sa, sb) >= REUSE_THRESHOLD``, skipping the set operations when the shingle counts alone rule
    it out (the Jaccard similarity is at most the smaller count over the larger)."""
    if not sa or not sb:
        return False
    small, large = sorted((len(sa), len(sb)))
    if small < REUSE_THRESHOLD * large - 1e-9:
        return False
    return len(sa & sb) / len(sa | sb) >= REUSE_THRESHOLD


def _same_fact(a: StoredClaim, b: StoredClaim, *, vocabulary: ClaimVocabulary) -> bool:
    if (a.status == "negated") != (b.status == "negated"):
        return False
    structured = (a.value_number is not None or a.value_raw is not None) \
        and metrics_agree(a.metric, b.metric, vocabulary=vocabulary) \
        and values_compatible(a, b) and periods_overlap(a, b)
    return structured or text_reuse(a.text, b.text) >= REUSE_THRESHOLD


# -- clusters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """One independent origin of a cluster: its display name and the reports that trace back to it."""

    key: str
    name: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class ClaimCluster:
    """Reports of one fact. ``reports`` are ordered by publication date; ``origins`` by first report."""

    id: str
    metric: str | None
    value: str | None
    period_start: str | None
    period_end: str | None
    reports: tuple[StoredClaim, ...]
    origins: tuple[Origin, ...]

    @property
    def independent_origins(self) -> int:
        """How many independent origins the reports have."""
        return len(self.origins)


def report_sources(reports: Sequence[StoredClaim], *,
                   vocabulary: ClaimVocabulary) -> list[tuple[tuple[str, str], ...]]:
    """The ``(key, name)`` sources each report depends on, outermost first.

    A report depends on every source its chain names (see :func:`queries.origins.named_sources`). A
    report that names none, in an article that names another report's source elsewhere in its text, is
    taken to come from that source: an outlet that credits the Atlantic Council two paragraphs before a
    figure is passing the Council's figure on, not publishing its own. Any other report that names no
    source depends on its outlet alone (:func:`queries.origins.outlet_origin`). Generic sources are those
    of ``vocabulary``.
    """
    sources = [named_sources(r.attribution, generic=vocabulary.generic) for r in reports]
    named: dict[str, str] = {}
    for found in sources:
        for key, name in found:
            named.setdefault(key, name)
    result: list[tuple[tuple[str, str], ...]] = []
    for report, found in zip(reports, sources, strict=True):
        if not found:
            mentioned = {fold_surface(n) for n in report.article_mentions}
            cited = [(key, name) for key, name in named.items() if fold_surface(name) in mentioned]
            found = (cited[0],) if cited else (outlet_origin(report.attribution, report.article),)
        result.append(found)
    return result


def _origin_groups(reports: Sequence[StoredClaim],
                   vocabulary: ClaimVocabulary) -> tuple[list[list[int]], list[tuple[str, str]]]:
    """Reports grouped by shared sources and copying, each group with the ``(key, name)`` it is named by."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sources = report_sources(reports, vocabulary=vocabulary)
    first_by_key: dict[str, int] = {}
    for i, found in enumerate(sources):
        for key, _name in found:
            if key in first_by_key:
                parent[find(i)] = find(first_by_key[key])
            else:
                first_by_key[key] = i
    shingles = [_shingles(report.text) for report in reports]  # once per report, not once per pair
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if reports[i].article.id != reports[j].article.id and _reused(shingles[i], shingles[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(find(i), []).append(i)
    ordered = sorted(groups.values(), key=min)
    return ordered, [_shared_source(members, sources) for members in ordered]


def _shared_source(members: list[int], sources: list[tuple[tuple[str, str], ...]]) -> tuple[str, str]:
    """The source a group of reports is named after: the one most of them depend on, the innermost of
    those (a Bank of Finland figure relayed by the WSJ is the Bank's), the first met on a tie."""
    score: dict[str, tuple[int, int, int]] = {}
    names: dict[str, str] = {}
    for order, i in enumerate(members):
        for depth, (key, name) in enumerate(sources[i]):
            names.setdefault(key, name)
            count, deepest, first = score.get(key, (0, -1, -order))
            score[key] = (count + 1, max(deepest, depth), first)
    best = max(score, key=lambda key: score[key])
    return best, names[best]


def report_origins(reports: Sequence[StoredClaim], *, vocabulary: ClaimVocabulary) -> list[tuple[str, str]]:
    """The ``(key, name)`` of the independent origin each report belongs to (see :func:`independent_origins`)."""
    groups, named = _origin_groups(reports, vocabulary)
    result: list[tuple[str, str]] = [("", "")] * len(reports)
    for members, origin in zip(groups, named, strict=True):
        for i in members:
            result[i] = origin
    return result


def independent_origins(reports: Sequence[StoredClaim], *, vocabulary: ClaimVocabulary) -> tuple[Origin, ...]:
    """The independent origins of the reports of one fact, in order of first report.

    Two reports are independent only if their chains share no named source: reports whose chains meet
    at any named link (two outlets citing the WSJ, one of them through the WSJ citing the Bank of
    Finland) are one origin, named after the source most of them share, the innermost of those. A report
    that names no source counts as its outlet, by name. Near-verbatim copies between articles join the
    report they copy. Generic sources are those of ``vocabulary``.

    Examples
    --------
    >>> from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
    >>> from queries.claims import ArticleRef, SourceLink, StoredClaim
    >>> from queries.vocabulary import claim_vocabulary
    >>> vocabulary = claim_vocabulary(load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
    >>> def report(cid, outlet, *chain):
    ...     links = tuple(SourceLink(i, n, "outlet" if i == 0 else None) for i, n in enumerate((outlet, *chain)))
    ...     return StoredClaim(cid, f"text {cid}", ArticleRef(f"article:{cid}", outlet=outlet), 0, 1, None, None,
    ...                        None, None, None, None, None, None, "asserted", links)
    >>> [(o.name, len(o.claim_ids)) for o in independent_origins([
    ...     report("a", "Ukrainska Pravda", "Wall Street Journal", "Bank of Finland"),
    ...     report("b", "Kyiv Post", "Wall Street Journal"),
    ...     report("c", "Helsinki Times")], vocabulary=vocabulary)]
    [('Wall Street Journal', 2), ('Helsinki Times', 1)]
    """
    groups, named = _origin_groups(reports, vocabulary)
    return tuple(Origin(key, name, tuple(reports[i].id for i in members))
                 for members, (key, name) in zip(groups, named, strict=True))


def _specificity(claim: StoredClaim, vocabulary: ClaimVocabulary) -> tuple[int, int, int]:
    return (claim.value_number is None, claim.period_start is None and claim.period_end is None,
            -len(vocabulary.metric_terms(claim.metric)))


def _rank(claim: StoredClaim, vocabulary: ClaimVocabulary) -> tuple[Any, ...]:
    """The order clustering takes claims in: the most specific first, then by publication and position."""
    return (_specificity(claim, vocabulary), claim.article.published or "", claim.article.id, claim.start or 0,
            claim.id)


class ClusterIndex:
    """Greedy complete-linkage clustering of claims, able to take new claims without redoing the rest.

    Claims are taken in :func:`_rank` order; each joins the best cluster all of whose members so far
    report the same fact (:func:`_same_fact`) among its *candidate* clusters, else starts one. The
    candidates of a claim are the clusters of the earlier claims *linked* to it, a pairwise relation
    that does not depend on the order: both have a value, of the same unit, in neighbouring buckets one
    tolerance wide, with the same subject or one without subject; or their sentences share at least
    :data:`REUSE_THRESHOLD` of the shingles of the shorter one (shingles in more than
    :data:`_MAX_POSTING` claims are stock phrasing and do not count). The best cluster has the most
    metric terms plus text reuse in common with one member; on a tie, the earliest started.

    :meth:`assign` takes the clusters a previous run stored and re-decides only the claims that can
    decide differently: the new claims, then every later claim linked to (or in) a cluster whose members
    changed, and so on; every other claim keeps its cluster. Because a claim's decision depends only on
    the clusters of the earlier claims linked to it, the result equals a run over all claims from
    scratch (the tests compare both over random orders of ingest).
    """

    def __init__(self, claims: Iterable[StoredClaim], *, vocabulary: ClaimVocabulary) -> None:
        self.vocabulary = vocabulary
        self.claims = sorted(claims, key=lambda c: _rank(c, vocabulary))
        self.position = {c.id: i for i, c in enumerate(self.claims)}
        self._buckets = [_bucket(c) for c in self.claims]
        self._subjects = [vocabulary.subject(c.metric) for c in self.claims]
        self._shingles = [_shingles(c.text) for c in self.claims]
        self._terms = [vocabulary.metric_terms(c.metric) for c in self.claims]
        self._negated = [c.status == "negated" for c in self.claims]
        self._valued = [c.value_number is not None or c.value_raw is not None for c in self.claims]
        self._by_bucket: dict[tuple[object, ...], list[int]] = {}
        self._by_shingle: dict[tuple[str, ...], list[int]] = {}
        for i, (bucket, subject, shingles) in enumerate(zip(self._buckets, self._subjects, self._shingles,
                                                            strict=True)):
            if bucket is not None:
                self._by_bucket.setdefault((*bucket, subject), []).append(i)
                self._by_bucket.setdefault(bucket, []).append(i)
            for shingle in shingles:  # get-then-append: about twice as fast as setdefault over 700k shingles
                posting = self._by_shingle.get(shingle)
                if posting is None:
                    self._by_shingle[shingle] = [i]
                else:
                    posting.append(i)
        self._linked: dict[int, frozenset[int]] = {}
        self._periods: dict[int, tuple[str, str] | None] = {}
        self.leader: list[int] = []
        self.redecided = 0
        """How many claims the last :meth:`assign` decided (the rest kept their clusters)."""

    def linked(self, i: int) -> frozenset[int]:
        """The claims linked to claim ``i`` (positions; see the class docstring), itself excluded."""
        found = self._linked.get(i)
        if found is not None:
            return found
        result: set[int] = set()
        bucket, subject = self._buckets[i], self._subjects[i]
        if bucket is not None:
            for step in (bucket[1] - 1, bucket[1], bucket[1] + 1):
                if subject:  # same subject, or a metric naming none (which may contain this one)
                    result.update(self._by_bucket.get((bucket[0], step, subject), ()))
                    result.update(self._by_bucket.get((bucket[0], step, frozenset()), ()))
                else:
                    result.update(self._by_bucket.get((bucket[0], step), ()))
        shared: Counter[int] = Counter()
        for shingle in self._shingles[i]:
            posting = self._by_shingle[shingle]
            # A shingle in many claims is stock phrasing, not evidence of copying.
            if len(posting) <= _MAX_POSTING:
                shared.update(posting)
        size = len(self._shingles[i])
        result.update(j for j, count in shared.items()
                      if count >= REUSE_THRESHOLD * min(size, len(self._shingles[j])))
        result.discard(i)
        frozen = self._linked[i] = frozenset(result)
        return frozen

    def _period(self, i: int) -> tuple[str, str] | None:
        found = self._periods.get(i, ())
        if found == ():
            claim = self.claims[i]
            found = self._periods[i] = _bounds(claim.period_start, claim.period_end)
        return found  # type: ignore[return-value]

    def _copies(self, i: int, j: int) -> bool:
        """``text_reuse(...) >= REUSE_THRESHOLD`` of claims ``i`` and ``j`` (see :func:`_reused`)."""
        return _reused(self._shingles[i], self._shingles[j])

    def _reuse(self, i: int, j: int) -> float:
        """:func:`text_reuse` of claims ``i`` and ``j``, from their kept shingles."""
        return _jaccard(self._shingles[i], self._shingles[j])

    def _same(self, i: int, j: int) -> bool:
        """:func:`_same_fact` of claims ``i`` and ``j`` (positions), with their periods and shingles kept."""
        if self._negated[i] != self._negated[j]:
            return False
        ta, tb = self._terms[i], self._terms[j]  # metrics_agree, on the kept terms
        if self._valued[i] and ta and tb and (ta <= tb or tb <= ta) and values_compatible(self.claims[i],
                                                                                          self.claims[j]):
            pa, pb = self._period(i), self._period(j)
            if pa is None or pb is None or (pa[0] <= pb[1] and pb[0] <= pa[1]):
                return True
        return self._copies(i, j)

    def _decide(self, z: int, members: dict[int, list[int]]) -> int:
        """The leader (first member) of the cluster claim ``z`` joins, or ``z`` when it starts one."""
        terms = self._terms
        best: tuple[float, int] | None = None
        for lead in sorted({self.leader[y] for y in self.linked(z) if y < z}):
            group = members[lead]  # in rank order (kept sorted)
            prefix = group[:bisect.bisect_left(group, z)]
            if prefix and all(self._same(z, m) for m in prefix):
                score = max(len(terms[z] & terms[m]) + self._reuse(z, m) for m in prefix)
                if best is None or score > best[0]:
                    best = (score, lead)
        return z if best is None else best[1]

    def assign(self, previous: Iterable[Iterable[str]] = (),
               on_progress: Callable[[int], None] | None = None) -> set[int]:
        """Cluster every claim, keeping the clusters of ``previous`` (claim ids per cluster, from an earlier
        run over the claims known then) where nothing can change them; returns the leaders of the clusters
        whose members changed. Claims of ``previous`` that are not in the index are ignored (their
        clusters' remaining members are re-decided). ``on_progress`` is told how many claims are decided so
        far, every :data:`PROGRESS_EVERY` decisions and at the end."""
        n = len(self.claims)
        self.leader = list(range(n))
        known = [False] * n
        members: dict[int, list[int]] = {}
        pending: list[int] = []
        for ids in previous:
            positions = sorted(self.position[cid] for cid in ids if cid in self.position)
            if not positions:
                continue
            for p in positions:
                self.leader[p] = positions[0]
                known[p] = True
            members[positions[0]] = positions
            if len(positions) < len(set(ids)):
                pending.extend(positions)
        pending.extend(i for i in range(n) if not known[i])
        # A shingle pushed past the stock-phrasing limit by the new claims unlinks the known claims it linked.
        for posting in self._by_shingle.values():
            if len(posting) > _MAX_POSTING and sum(known[p] for p in posting) <= _MAX_POSTING \
                    and not all(known[p] for p in posting):
                pending.extend(p for p in posting if known[p])
        for i in range(n):
            if not known[i]:
                self.leader[i] = -1  # not decided yet
        heapq.heapify(pending)
        done: set[int] = set()
        changed: set[int] = set()
        everything = not any(known)
        while pending:
            z = heapq.heappop(pending)
            if z in done:
                continue
            done.add(z)
            if on_progress is not None and len(done) % PROGRESS_EVERY == 0:
                on_progress(len(done))
            old = self.leader[z]
            new = self._decide(z, members)
            if new == old:
                continue
            if old >= 0:
                members[old].remove(z)
            self.leader[z] = new
            bisect.insort(members.setdefault(new, []), z)
            if everything:
                changed.add(new)
                continue
            for lead in (old, new):
                if lead < 0:
                    continue
                changed.add(lead)
                for m in (*members.get(lead, ()), z):
                    for w in (m, *self.linked(m)):
                        if w > z and w not in done:
                            heapq.heappush(pending, w)
        self.redecided = len(done)
        if on_progress is not None:
            on_progress(len(done))
        return {lead for lead in changed if members.get(lead)}

    def groups(self) -> dict[int, list[StoredClaim]]:
        """The clusters of the last :meth:`assign`, by leader, members in rank order."""
        result: dict[int, list[StoredClaim]] = {}
        for i, lead in enumerate(self.leader):
            result.setdefault(lead, []).append(self.claims[i])
        return result


def cluster_claims(claims: Iterable[StoredClaim], *, vocabulary: ClaimVocabulary) -> list[ClaimCluster]:
    """Group claims into clusters of reports of one fact (pure; see the module docstring and
    :class:`ClusterIndex`), their metrics and sources compared with ``vocabulary``.

    Returns
    -------
    list of ClaimCluster
        Every claim is in exactly one cluster (singletons included), most independent origins first,
        then most reports.

    Notes
    -----
    Candidate clusters are looked up by value bucket and subject of the metric, and by sentence
    shingles (shingles in more than 200 claims are ignored as stock phrasing), so the cost is near
    linear for typical data; complete linkage costs O(cluster size) per candidate. Two metrics with
    different non-empty subjects are never compared by value (``bulldozers and excavators`` does not
    cluster with ``excavators``): a metric's subject (its terms but route and measure) must match
    exactly or be empty.
    """
    index = ClusterIndex(claims, vocabulary=vocabulary)
    index.assign()
    result = [as_cluster(members, vocabulary=vocabulary) for members in index.groups().values()]
    result.sort(key=lambda c: (-c.independent_origins, -len(c.reports), c.metric or "", c.id))
    return result


def _bucket(claim: StoredClaim) -> tuple[str | None, int] | None:
    if claim.value_number is None or claim.value_number == 0:
        return None
    # Buckets one tolerance wide (log scale), so compatible numbers share or neighbour a bucket.
    return claim.value_unit, math.floor(math.log(abs(claim.value_number)) / math.log1p(VALUE_TOLERANCE))


def as_cluster(members: list[StoredClaim], *, vocabulary: ClaimVocabulary) -> ClaimCluster:
    """The cluster of these claims: id (hash of the claim ids), fact (of the most specific claim), reports in
    order of publication, independent origins (see :func:`independent_origins`)."""
    reports = tuple(sorted(members, key=lambda c: (c.article.published or "", c.article.id, c.start or 0)))
    lead = min(members, key=lambda c: _specificity(c, vocabulary))
    return ClaimCluster(
        id=make_id("cluster", sorted(c.id for c in members)), metric=lead.metric, value=lead.value_raw,
        period_start=lead.period_start, period_end=lead.period_end, reports=reports,
        origins=independent_origins(reports, vocabulary=vocabulary),
    )


def corroborate(store: GraphStore | StoreView, min_origins: int = 1, min_reports: int = 1, *,
                vocabulary: ClaimVocabulary) -> list[ClaimCluster]:
    """Clusters of stored claims with at least ``min_reports`` reports and ``min_origins`` origins.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    min_origins:
        Keep clusters with at least this many independent origins.
    min_reports:
        Keep clusters with at least this many reports (2 to see only facts reported more than once).
    vocabulary:
        What metrics and sources are compared with (:attr:`queries.reference.Reference.vocabulary`).

    Examples
    --------
    >>> [(len(c.reports), c.independent_origins)
    ...  for c in corroborate(store, min_reports=2, vocabulary=reference.vocabulary)]  # doctest: +SKIP
    [(2, 1), (2, 1)]
    """
    return [c for c in cluster_claims(load_claims(store), vocabulary=vocabulary)
            if c.independent_origins >= min_origins and len(c.reports) >= min_reports]
