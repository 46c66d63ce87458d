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

**Independent origins** of a cluster: reports whose attribution chains end in the same original
source (the innermost named link, skipping generic sources such as "trade data") count once; a report
with no named source counts as its outlet (article outlet, else article id) — unless its article
names, elsewhere, the named origin of another report of the cluster (an unattributed echo of a
source the article cites: "according to a report by the Atlantic Council … exports more than
tripled"), when it counts under that origin; near-verbatim copies count once even when unattributed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from graph.store import GraphStore
from ontology.gazetteer import GAZETTEER_DIR, fold_surface, load_gazetteer
from ontology.ids import make_id
from queries.claims import StoredClaim, load_claims
from queries.origins import named_origin, origin_key

__all__ = [
    "REUSE_THRESHOLD",
    "VALUE_TOLERANCE",
    "ClaimCluster",
    "Origin",
    "cluster_claims",
    "corroborate",
    "independent_origins",
    "metric_terms",
    "periods_overlap",
    "report_origins",
    "text_reuse",
    "values_compatible",
]

VALUE_TOLERANCE = 0.02
"""Relative difference under which two numbers of the same unit are the same figure (rounding)."""

REUSE_THRESHOLD = 0.6
"""Word 5-gram Jaccard similarity at or above which two sentences are copies of one another."""

_MAX_POSTING = 50

_STOPWORDS = frozenset({
    "a", "an", "the", "of", "to", "from", "in", "into", "on", "for", "by", "with", "and", "or", "as", "at",
    "its", "it", "their", "this", "that", "these", "those", "than", "s", "'s", "was", "were", "is", "are",
    "be", "been", "has", "have", "had", "total's", "same", "period", "year", "last",
    # "exports of all goods" is the unqualified measure: it adds no subject term.
    "all", "good",
})


# -- comparison of claims -------------------------------------------------------------------------


@cache
def _lexicon() -> dict[str, Any]:
    path = GAZETTEER_DIR / "claim_lexicon.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


@cache
def _measure_forms() -> tuple[tuple[str, str], ...]:
    """(surface, canonical measure) pairs, longest surface first."""
    pairs: list[tuple[str, str]] = []
    for canonical, forms in (_lexicon().get("measures") or {}).items():
        for form in [canonical, *forms]:
            if isinstance(form, str) and re.fullmatch(r"[a-z][a-z' -]*", form):
                pairs.append((form, canonical.replace(" ", "_")))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _change_words() -> frozenset[str]:
    words: set[str] = set()
    for key in ("change_verbs", "change_nouns"):
        for forms in (_lexicon().get(key) or {}).values():
            words |= {str(f) for f in forms}
    return frozenset(words)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cache
def metric_terms(metric: str | None) -> frozenset[str]:
    """The content terms of a metric string, for comparing metrics written differently.

    Countries and goods become their ids (so names, demonyms, inflections and aliases agree), measure
    words become the lexicon's canonical measure ("sold", "shipments" → ``exports``), change words and
    stop words go. The claim extractor writes metrics as ``"<measure> of <good> from <supplier> to
    <recipient>"``; free-form metrics from other extractors compare as well.

    Examples
    --------
    >>> metric_terms("exports of excavators from China to Russia") == metric_terms("Chinese excavator sales to Russia")
    True
    >>> sorted(metric_terms("exports of ball bearings to Kyrgyzstan"))
    ['country:KG', 'exports', 'good:ball-bearings']
    """
    if not metric:
        return frozenset()
    text = " " + re.sub(r"[^a-z0-9%'\- ]+", " ", metric.lower().replace("\u2019", "'")) + " "
    text = re.sub(r"'s\b", " ", text)
    gazetteer = load_gazetteer()
    words = text.split()
    terms: set[str] = set()
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[i:i + size])
            if len(words[i:i + size]) < size:
                continue
            entity = gazetteer.lookup(phrase, ["Country", "Good"])
            if entity is not None:
                terms.add(entity.id)
                i += size
                break
            measure = next((canon for form, canon in _measure_forms() if form == phrase), None)
            if measure is not None:
                terms.add(measure)
                i += size
                break
        else:
            word = words[i].strip("'-")
            if word and word not in _STOPWORDS and word not in _change_words() and not word.isdigit() \
                    and _singular(word) not in _STOPWORDS:
                terms.add(_singular(word))
            i += 1
    return frozenset(terms)


def metrics_agree(a: str | None, b: str | None) -> bool:
    """Whether one metric's terms contain the other's (both non-empty)."""
    ta, tb = metric_terms(a), metric_terms(b)
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
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _same_fact(a: StoredClaim, b: StoredClaim) -> bool:
    if (a.status == "negated") != (b.status == "negated"):
        return False
    structured = (a.value_number is not None or a.value_raw is not None) and metrics_agree(a.metric, b.metric) \
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


def report_origins(reports: Sequence[StoredClaim]) -> list[tuple[str, str]]:
    """The (key, name) of each report's original source within its cluster.

    A report's origin is the innermost named source of its chain (see :func:`origin_key`). A report
    with no named source, in an article that names another report's origin elsewhere in its text, is
    taken to come from that origin: an outlet that credits the Atlantic Council two paragraphs before a
    figure is passing the Council's figure on, not publishing its own.
    """
    keys = [origin_key(r.attribution, r.article) for r in reports]
    named = {key: name for r, (key, name) in zip(reports, keys, strict=True) if named_origin(r.attribution)}
    for i, report in enumerate(reports):
        if named_origin(report.attribution) is None:
            mentioned = {fold_surface(n) for n in report.article_mentions}
            cited = [key for key, name in named.items() if fold_surface(name) in mentioned]
            if cited:
                keys[i] = (cited[0], named[cited[0]])
    return keys


def independent_origins(reports: Sequence[StoredClaim]) -> tuple[Origin, ...]:
    """Group reports by original source; near-verbatim copies join the original they copy.

    Examples
    --------
    Two outlets echoing one newspaper have one origin; two unattributed outlets with different
    sentences have two.
    """
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = report_origins(reports)
    first_by_key: dict[str, int] = {}
    for i, (key, _name) in enumerate(keys):
        if key in first_by_key:
            parent[find(i)] = find(first_by_key[key])
        else:
            first_by_key[key] = i
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if reports[i].article.id != reports[j].article.id and \
                    text_reuse(reports[i].text, reports[j].text) >= REUSE_THRESHOLD:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(find(i), []).append(i)
    origins: list[Origin] = []
    for members in sorted(groups.values(), key=min):
        key, name = keys[members[0]]
        origins.append(Origin(key, name, tuple(reports[i].id for i in members)))
    return tuple(origins)


def _specificity(claim: StoredClaim) -> tuple[int, int, int]:
    return (claim.value_number is None, claim.period_start is None and claim.period_end is None,
            -len(metric_terms(claim.metric)))


def cluster_claims(claims: Iterable[StoredClaim]) -> list[ClaimCluster]:
    """Group claims into clusters of reports of one fact (pure; see the module docstring).

    Returns
    -------
    list of ClaimCluster
        Every claim is in exactly one cluster (singletons included), most independent origins first,
        then most reports.

    Notes
    -----
    Candidate clusters are looked up by value bucket and subject of the metric, and by sentence
    shingles (shingles shared by more than 50 clusters are ignored as stock phrasing), so the cost
    is near linear for typical data; complete linkage costs O(cluster size) per candidate. Two
    metrics with different non-empty subjects are never compared (``bulldozers and
    excavators`` does not cluster with ``excavators``): a metric's subject (its terms but route and
    measure) must match exactly or be empty.
    """
    ordered = sorted(claims, key=lambda c: (_specificity(c), c.article.published or "", c.article.id,
                                            c.start or 0, c.id))
    clusters: list[list[StoredClaim]] = []
    by_bucket: dict[tuple[object, ...], list[int]] = {}
    by_shingle: dict[tuple[str, ...], list[int]] = {}
    for claim in ordered:
        candidates: set[int] = set()
        bucket = _bucket(claim)
        goods = _subject(claim.metric)
        if bucket is not None:
            for unit, step in ((bucket[0], bucket[1] + d) for d in (-1, 0, 1)):
                if goods:  # same subject, or a metric naming none (which may contain this one)
                    candidates.update(by_bucket.get((unit, step, goods), ()))
                    candidates.update(by_bucket.get((unit, step, frozenset()), ()))
                else:
                    candidates.update(by_bucket.get((unit, step), ()))
        shingles = _shingles(claim.text)
        shared: Counter[int] = Counter()
        for shingle in shingles:
            posting = by_shingle.get(shingle, ())
            # A shingle shared by many clusters is boilerplate phrasing, not evidence of copying.
            if len(posting) <= _MAX_POSTING:
                shared.update(posting)
        # Jaccard >= t needs at least t·|shingles| shared shingles: fewer cannot be a copy.
        needed = REUSE_THRESHOLD * len(shingles)
        candidates.update(index for index, count in shared.items() if count >= needed)
        best: tuple[float, int] | None = None
        for index in candidates:
            members = clusters[index]
            if all(_same_fact(claim, other) for other in members):
                score = max(len(metric_terms(claim.metric) & metric_terms(o.metric)) + text_reuse(claim.text, o.text)
                            for o in members)
                if best is None or score > best[0]:
                    best = (score, index)
        if best is None:
            clusters.append([claim])
            index = len(clusters) - 1
        else:
            index = best[1]
            clusters[index].append(claim)
        if bucket is not None:
            by_bucket.setdefault((*bucket, goods), []).append(index)
            by_bucket.setdefault(bucket, []).append(index)
        for shingle in _shingles(claim.text):
            posting = by_shingle.setdefault(shingle, [])
            if len(posting) <= _MAX_POSTING and (not posting or posting[-1] != index):
                posting.append(index)
    result = [_cluster(members) for members in clusters]
    result.sort(key=lambda c: (-c.independent_origins, -len(c.reports), c.metric or "", c.id))
    return result


@cache
def _subject(metric: str | None) -> frozenset[str]:
    """What a metric is about, without its route and measure (the goods, "all goods", "equipment")."""
    measures = {canon for _form, canon in _measure_forms()}
    return frozenset(t for t in metric_terms(metric) if not t.startswith("country:") and t not in measures)


def _bucket(claim: StoredClaim) -> tuple[str | None, int] | None:
    if claim.value_number is None or claim.value_number == 0:
        return None
    import math

    # Buckets one tolerance wide (log scale), so compatible numbers share or neighbour a bucket.
    return claim.value_unit, math.floor(math.log(abs(claim.value_number)) / math.log1p(VALUE_TOLERANCE))


def _cluster(members: list[StoredClaim]) -> ClaimCluster:
    reports = tuple(sorted(members, key=lambda c: (c.article.published or "", c.article.id, c.start or 0)))
    lead = min(members, key=_specificity)
    return ClaimCluster(
        id=make_id("cluster", sorted(c.id for c in members)), metric=lead.metric, value=lead.value_raw,
        period_start=lead.period_start, period_end=lead.period_end, reports=reports,
        origins=independent_origins(reports),
    )


def corroborate(store: GraphStore, min_origins: int = 1, min_reports: int = 1) -> list[ClaimCluster]:
    """Clusters of stored claims with at least ``min_reports`` reports and ``min_origins`` origins.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    min_origins:
        Keep clusters with at least this many independent origins.
    min_reports:
        Keep clusters with at least this many reports (2 to see only facts reported more than once).

    Examples
    --------
    >>> [(len(c.reports), c.independent_origins) for c in corroborate(store, min_reports=2)]  # doctest: +SKIP
    [(2, 1), (2, 1)]
    """
    return [c for c in cluster_claims(load_claims(store))
            if c.independent_origins >= min_origins and len(c.reports) >= min_reports]
