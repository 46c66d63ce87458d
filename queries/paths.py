"""Supply routes: every way a good moves from one entity to another, hop by hop, with evidence.

A *route* is a sequence of entities ``source → … → target`` joined by SUPPLIES legs of **one good**
(a ball bearing that leaves China for Kyrgyzstan and a ball bearing that leaves Kyrgyzstan for
Russia make a route; a ball bearing and a tractor do not). Legs come from direct flows (``leg 0``)
and from the legs of flows stated with transit countries (``leg 1..n``, one per VIA position), and
legs of different flows chain when they meet at an entity. Negated flows are never legs of a route.

The legs near the two endpoints are pulled through the store's typed view
(:meth:`graph.store.StoreView.supply_legs`, no Cypher here), a breadth-first frontier at a time from
both ends (so the work is bounded by the neighbourhoods, not the graph), and the routes
are enumerated with networkx's ``all_simple_paths`` over the pulled legs.

Ranking is by evidence strength, weakest hop first: a route is as strong as its worst-supported
hop. A hop's strength sums, over its independent origins (see :func:`queries.origins.origin_key`),
the weight of the best statement from that origin (asserted 1.0, hedged 0.5).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graph.store import (
    ArticleRef,
    EntityFilter,
    FlowRecord,
    GraphStore,
    LegFilter,
    StoreView,
    SupplyLeg,
    view_of,
)
from ontology.errors import InputError, NoPath
from queries.evidence import LegEvidence, leg_evidence
from queries.reference import Reference
from queries.resolve import EntityRef, resolve_entity, resolve_goods

__all__ = [
    "Hop",
    "LegEvidence",
    "SupplyRoute",
    "trace_supply_paths",
]

STATUS_WEIGHT = {"asserted": 1.0, "hedged": 0.5}


@dataclass(frozen=True)
class Hop:
    """One step of a route: the legs of the route's good from ``source`` to ``target``."""

    source: EntityRef
    target: EntityRef
    goods: tuple[str, ...]
    evidence: tuple[LegEvidence, ...]
    articles: int
    origins: tuple[str, ...]
    strength: float
    end_uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupplyRoute:
    """A route of one good from ``source`` to ``target`` through zero or more intermediaries.

    ``strength`` is the weakest hop's strength; ``articles`` and ``origins`` count distinct articles
    and independent origins over all hops; ``end_uses`` are the stated uses of the good along the route.
    """

    source: EntityRef
    target: EntityRef
    good: str
    good_id: str | None
    nodes: tuple[EntityRef, ...]
    hops: tuple[Hop, ...]
    strength: float
    articles: int
    origins: tuple[str, ...]
    end_uses: tuple[str, ...] = field(default_factory=tuple)

    @property
    def through(self) -> list[str]:
        """Names of the intermediaries, in route order."""
        return [node.name for node in self.nodes[1:-1]]


# -- pulling legs ---------------------------------------------------------------------------------


def _pull(view: StoreView, frontier: set[str], forward: bool, goods: set[str] | None) -> list[SupplyLeg]:
    ends = frozenset(frontier)
    where = LegFilter(sources=ends if forward else None, targets=None if forward else ends,
                      goods=frozenset(goods) if goods is not None else None)
    return view.supply_legs(where)


def _neighbourhood(view: StoreView, source: str, target: str, max_hops: int,
                   goods: set[str] | None) -> list[SupplyLeg]:
    """Legs that can lie on a route of at most ``max_hops`` legs: a forward search from the source
    for ⌈k/2⌉ levels and a backward one from the target for ⌊k/2⌋ levels cover every such leg."""
    legs: dict[tuple[str, str, str, int], SupplyLeg] = {}
    for forward, start, depth in ((True, source, (max_hops + 1) // 2), (False, target, max_hops // 2)):
        seen = {start}
        frontier = {start}
        for _ in range(depth):
            if not frontier:
                break
            pulled = _pull(view, frontier, forward, goods)
            nxt: set[str] = set()
            for leg in pulled:
                legs[(leg.source, leg.target, leg.flow_id, leg.leg)] = leg
                far = leg.target if forward else leg.source
                if far not in seen and far not in (source, target):
                    nxt.add(far)
            seen |= nxt
            frontier = nxt
    return list(legs.values())


def _date_of(leg: SupplyLeg, published: str | None) -> str | None:
    return leg.period_end or leg.period_start or published


def _since_ok(date: str | None, since: str) -> bool:
    """Whether a partial ISO date (``2023``, ``2023-07``, ``2023-07-15``) is on or after ``since``."""
    if date is None:
        return False
    return date >= since[: len(date)]


# -- evidence -------------------------------------------------------------------------------------


def _types(view: StoreView, ids: Iterable[str], classes: Sequence[str]) -> dict[str, str]:
    found = view.entities(EntityFilter(labels=tuple(classes), ids=frozenset(ids)))
    return {entity.id: entity.label for entity in found}


def _hop_strength(evidence: Sequence[LegEvidence]) -> tuple[float, tuple[str, ...]]:
    best: dict[str, float] = {}
    for item in evidence:
        weight = STATUS_WEIGHT.get(item.status, 0.0)
        best[item.origin] = max(best.get(item.origin, 0.0), weight)
    return sum(best.values()), tuple(sorted(best))


# -- routes ---------------------------------------------------------------------------------------


def trace_supply_paths(
    store: GraphStore | StoreView,
    source: str,
    target: str,
    *,
    reference: Reference,
    good: str | None = None,
    chpl_tier: str | None = None,
    max_hops: int = 4,
    since: str | None = None,
) -> list[SupplyRoute]:
    """Every route by which a good moves from ``source`` to ``target``, strongest first.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    source, target:
        Entity names, aliases or ids ("China", "PRC", "country:RU").
    reference:
        The ontology and gazetteer names are resolved with (and generic sources told apart).
    good:
        Only routes of this good (name, alias or inflection: "ball bearing").
    chpl_tier:
        Only goods of this Common High Priority List tier ("1", "Tier 2").
    max_hops:
        Longest route, in legs (default 4).
    since:
        ISO date; only legs whose period (or, without one, the article's publication date) ends on or
        after it. Legs with no date at all are left out when ``since`` is given.

    Returns
    -------
    list of SupplyRoute
        Ordered by strength (weakest hop), then total independent origins, then articles, then
        fewer hops, then good and intermediaries' names.

    Raises
    ------
    NotFound
        When an endpoint or the good names nothing stored.
    NoPath
        When no route connects the endpoints within ``max_hops`` (a domain outcome, not an error of
        the input).
    InputError
        When ``max_hops`` < 1 or ``since`` is not an ISO date.

    Examples
    --------
    >>> routes = trace_supply_paths(view, "China", "Russia", reference=ref, good="ball bearings")  # doctest: +SKIP
    >>> [r.through for r in routes]  # doctest: +SKIP
    [['Kyrgyzstan'], []]

    Notes
    -----
    Pulls O(k) frontier queries; enumeration is ``all_simple_paths`` per good, exponential in
    ``max_hops`` only on dense neighbourhoods.
    """
    if max_hops < 1:
        raise InputError(f"max_hops must be at least 1, got {max_hops}")
    if since is not None and not _is_iso(since):
        raise InputError(f"since must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {since!r}")
    view = view_of(store)
    src = resolve_entity(view, source, reference.supply_classes, reference=reference)
    dst = resolve_entity(view, target, reference.supply_classes, reference=reference)
    goods = resolve_goods(view, good, chpl_tier, reference=reference)
    legs = _neighbourhood(view, src.id, dst.id, max_hops, goods)
    stored = view.supply_flows(leg.flow_id for leg in legs)
    flows = {leg.flow_id: stored.get(leg.flow_id) or FlowRecord(leg.flow_id) for leg in legs}
    articles = view.articles({i for leg in legs if (i := leg.article_id or flows[leg.flow_id].article_id)})
    if since is not None:
        legs = [leg for leg in legs
                if _since_ok(_date_of(leg, (articles.get(leg.article_id or "") or ArticleRef("")).published), since)]
    legs = [leg for leg in legs if (flows[leg.flow_id].status or leg.status) != "negated"]

    by_good: dict[str, list[SupplyLeg]] = defaultdict(list)
    for leg in legs:
        by_good[leg.good_id or leg.good].append(leg)
    names = {src.id: src.name, dst.id: dst.name}
    for leg in legs:
        names.setdefault(leg.source, leg.source_name)
        names.setdefault(leg.target, leg.target_name)

    raw_routes: list[tuple[str, list[str], dict[tuple[str, str], list[SupplyLeg]]]] = []
    for good_key, good_legs in by_good.items():
        graph = nx.DiGraph()
        edges: dict[tuple[str, str], list[SupplyLeg]] = defaultdict(list)
        for leg in good_legs:
            if leg.source == leg.target:
                continue
            edges[(leg.source, leg.target)].append(leg)
            graph.add_edge(leg.source, leg.target)
        if src.id not in graph or dst.id not in graph:
            continue
        for node_path in nx.all_simple_paths(graph, src.id, dst.id, cutoff=max_hops):
            raw_routes.append((good_key, list(node_path), edges))
    if not raw_routes:
        what = f" for {good}" if good else ""
        raise NoPath(f"no supply route from {src.name} to {dst.name}{what} within {max_hops} hop(s)")

    types = _types(view, {n for _, path, _ in raw_routes for n in path}, reference.supply_classes)
    routes: list[SupplyRoute] = []
    for _good_key, node_path, edges in raw_routes:
        nodes = tuple(EntityRef(n, names.get(n, n), types.get(n)) for n in node_path)
        hops: list[Hop] = []
        for a, b in itertools.pairwise(nodes):
            evidence = sorted(
                (leg_evidence(leg, flows[leg.flow_id], articles.get(leg.article_id or flows[leg.flow_id].article_id
                                                                    or "") or ArticleRef(leg.article_id or ""),
                              reference.generic_sources)
                 for leg in edges[(a.id, b.id)]),
                key=lambda e: (-STATUS_WEIGHT.get(e.status, 0), e.article.published or "", e.article.id, e.start or 0))
            strength, origins = _hop_strength(evidence)
            uses = tuple(dict.fromkeys(u for e in evidence for u in e.end_uses))
            hops.append(Hop(a, b, tuple(dict.fromkeys(e.good for e in evidence)), tuple(evidence),
                            len({e.article.id for e in evidence}), origins, strength, uses))
        first = hops[0].evidence[0]
        all_evidence = [e for hop in hops for e in hop.evidence]
        routes.append(SupplyRoute(
            source=nodes[0], target=nodes[-1], good=first.good, good_id=first.good_id, nodes=nodes,
            hops=tuple(hops), strength=min(h.strength for h in hops),
            articles=len({e.article.id for e in all_evidence}),
            origins=tuple(sorted({o for h in hops for o in h.origins})),
            end_uses=tuple(dict.fromkeys(u for h in hops for u in h.end_uses)),
        ))
    routes.sort(key=lambda r: (-r.strength, -len(r.origins), -r.articles, len(r.hops), r.good,
                               [n.name for n in r.nodes]))
    return routes


def _is_iso(text: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) is not None
