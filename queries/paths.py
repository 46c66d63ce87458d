"""Supply routes: every way a good moves from one entity to another, hop by hop, with evidence.

A *route* is a sequence of entities ``source → … → target`` joined by SUPPLIES legs of **one good**
(a ball bearing that leaves China for Kyrgyzstan and a ball bearing that leaves Kyrgyzstan for
Russia make a route; a ball bearing and a tractor do not). Legs come from direct flows (``leg 0``)
and from the legs of flows stated with transit countries (``leg 1..n``, one per VIA position), and
legs of different flows chain when they meet at an entity. Negated flows are never legs of a route.

The legs near the two endpoints are pulled from the store with Cypher, a breadth-first frontier at
a time from both ends (so the work is bounded by the neighbourhoods, not the graph), and the routes
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
from typing import Any

import networkx as nx

from graph.store import GraphStore
from ontology.errors import InputError, NoPath
from ontology.gazetteer import fold_surface
from queries.claims import ArticleRef, SourceLink
from queries.origins import generic_source_names, origin_key
from queries.resolve import SUPPLY_CLASSES, EntityRef, resolve_entity, resolve_goods

__all__ = [
    "Hop",
    "LegEvidence",
    "SupplyRoute",
    "trace_supply_paths",
]

STATUS_WEIGHT = {"asserted": 1.0, "hedged": 0.5}


@dataclass(frozen=True)
class LegEvidence:
    """One SUPPLIES leg backing a hop, with the flow statement it belongs to and where it was read.

    ``leg`` is 0 for a direct flow and 1.. for the legs of a transit route; ``flow_supplier``,
    ``flow_recipient`` and ``via`` describe the whole stated flow; ``attribution`` is the chain of the
    claim supporting the flow (outermost first), empty when the article states it in its own voice.
    """

    flow_id: str
    good: str
    good_id: str | None
    leg: int
    status: str
    period_start: str | None
    period_end: str | None
    quantity: str | None
    value: str | None
    article: ArticleRef
    start: int | None
    end: int | None
    sentence: str | None
    flow_supplier: str | None
    flow_recipient: str | None
    via: tuple[str, ...] = ()
    end_uses: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    origin: str = ""


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

_LEG_COLUMNS = ("a.id, a.name, b.id, b.name, r.flow_id, r.good, r.good_id, r.leg, r.status, r.article_id, "
                "r.period_start, r.period_end, r.quantity")


@dataclass(frozen=True)
class _Leg:
    source: str
    source_name: str
    target: str
    target_name: str
    flow_id: str
    good: str
    good_id: str | None
    leg: int
    status: str
    article_id: str | None
    period_start: str | None
    period_end: str | None
    quantity: str | None


def _leg(row: Sequence[Any]) -> _Leg:
    a, an, b, bn, flow, good, good_id, leg, status, article, ps, pe, qty = row
    return _Leg(a, an or a, b, bn or b, flow, good or good_id or "", good_id, int(leg or 0), status or "asserted",
                article, ps, pe, qty)


def _pull(store: GraphStore, frontier: set[str], forward: bool, goods: set[str] | None) -> list[_Leg]:
    end = "a" if forward else "b"
    where = [f"{end}.id IN $ids", "(r.status IS NULL OR r.status <> 'negated')"]
    params: dict[str, Any] = {"ids": sorted(frontier)}
    if goods is not None:
        where.append("r.good_id IN $goods")
        params["goods"] = sorted(goods)
    result = store.query(f"MATCH (a)-[r:SUPPLIES]->(b) WHERE {' AND '.join(where)} RETURN {_LEG_COLUMNS}", params)
    return [_leg(row) for row in result.rows]


def _neighbourhood(store: GraphStore, source: str, target: str, max_hops: int,
                   goods: set[str] | None) -> list[_Leg]:
    """Legs that can lie on a route of at most ``max_hops`` legs: a forward search from the source
    for ⌈k/2⌉ levels and a backward one from the target for ⌊k/2⌋ levels cover every such leg."""
    legs: dict[tuple[str, str, str, int], _Leg] = {}
    for forward, start, depth in ((True, source, (max_hops + 1) // 2), (False, target, max_hops // 2)):
        seen = {start}
        frontier = {start}
        for _ in range(depth):
            if not frontier:
                break
            pulled = _pull(store, frontier, forward, goods)
            nxt: set[str] = set()
            for leg in pulled:
                legs[(leg.source, leg.target, leg.flow_id, leg.leg)] = leg
                far = leg.target if forward else leg.source
                if far not in seen and far not in (source, target):
                    nxt.add(far)
            seen |= nxt
            frontier = nxt
    return list(legs.values())


def _date_of(leg: _Leg, published: str | None) -> str | None:
    return leg.period_end or leg.period_start or published


def _since_ok(date: str | None, since: str) -> bool:
    """Whether a partial ISO date (``2023``, ``2023-07``, ``2023-07-15``) is on or after ``since``."""
    if date is None:
        return False
    return date >= since[: len(date)]


# -- evidence -------------------------------------------------------------------------------------


@dataclass
class _FlowInfo:
    value: str | None = None
    via: tuple[str, ...] = ()
    supplier: str | None = None
    recipient: str | None = None
    status: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    quantity: str | None = None
    article_id: str | None = None
    end_uses: list[str] = field(default_factory=list)
    chains: list[list[str]] = field(default_factory=list)


def _flow_info(store: GraphStore, flow_ids: Iterable[str]) -> dict[str, _FlowInfo]:
    ids = sorted(set(flow_ids))
    info: dict[str, _FlowInfo] = defaultdict(_FlowInfo)
    if not ids:
        return info
    rows = store.query(
        "MATCH (f:SupplyFlow) WHERE f.id IN $ids RETURN f.id, f.value, f.via, f.supplier, f.recipient, f.status, "
        "f.start, f.`end`, f.sentence, f.period_start, f.period_end, f.quantity, f.article_id", {"ids": ids}).rows
    for fid, value, via, supplier, recipient, status, start, end, sentence, ps, pe, qty, aid in rows:
        info[fid] = _FlowInfo(value, tuple(via or ()), supplier, recipient, status, start, end, sentence, ps, pe,
                              qty, aid)
    for fid, use in store.query("MATCH (f:SupplyFlow)-[:USED_FOR]->(u:EndUse) WHERE f.id IN $ids "
                                "RETURN f.id, u.name", {"ids": ids}).rows:
        if use not in info[fid].end_uses:
            info[fid].end_uses.append(use)
    for fid, chain in store.query("MATCH (c:Claim)-[:SUPPORTS]->(f:SupplyFlow) WHERE f.id IN $ids "
                                  "RETURN f.id, c.attributed_to", {"ids": ids}).rows:
        info[fid].chains.append(list(chain or []))
    return info


def _articles(store: GraphStore, ids: Iterable[str | None]) -> dict[str, ArticleRef]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = store.query("MATCH (a:Article) WHERE a.id IN $ids RETURN a.id, a.title, a.outlet, a.published, a.url",
                       {"ids": wanted}).rows
    return {aid: ArticleRef(aid, title, outlet, published.isoformat() if hasattr(published, "isoformat")
                            else published, url) for aid, title, outlet, published, url in rows}


def _types(store: GraphStore, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    types: dict[str, str] = {}
    for label in SUPPLY_CLASSES:
        for (eid,) in store.query(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id", {"ids": wanted}).rows:
            types[eid] = label
    return types


def _evidence(leg: _Leg, flow: _FlowInfo, article: ArticleRef) -> LegEvidence:
    generic = generic_source_names()
    chain = max(flow.chains, key=len) if flow.chains else []
    links = [SourceLink(i, name, type="GenericSource" if fold_surface(name) in generic else None)
             for i, name in enumerate(chain)]
    return LegEvidence(
        flow_id=leg.flow_id, good=leg.good, good_id=leg.good_id, leg=leg.leg, status=leg.status,
        period_start=leg.period_start or flow.period_start, period_end=leg.period_end or flow.period_end,
        quantity=leg.quantity or flow.quantity, value=flow.value, article=article, start=flow.start, end=flow.end,
        sentence=flow.sentence, flow_supplier=flow.supplier, flow_recipient=flow.recipient, via=flow.via,
        end_uses=tuple(flow.end_uses), attribution=tuple(chain), origin=origin_key(links, article)[1],
    )


def _hop_strength(evidence: Sequence[LegEvidence]) -> tuple[float, tuple[str, ...]]:
    best: dict[str, float] = {}
    for item in evidence:
        weight = STATUS_WEIGHT.get(item.status, 0.0)
        best[item.origin] = max(best.get(item.origin, 0.0), weight)
    return sum(best.values()), tuple(sorted(best))


# -- routes ---------------------------------------------------------------------------------------


def trace_supply_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    good: str | None = None,
    chpl_tier: str | None = None,
    max_hops: int = 4,
    since: str | None = None,
) -> list[SupplyRoute]:
    """Every route by which a good moves from ``source`` to ``target``, strongest first.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    source, target:
        Entity names, aliases or ids ("China", "PRC", "country:RU").
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
    >>> routes = trace_supply_paths(store, "China", "Russia", good="ball bearings")  # doctest: +SKIP
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
    src = resolve_entity(store, source, SUPPLY_CLASSES)
    dst = resolve_entity(store, target, SUPPLY_CLASSES)
    goods = resolve_goods(store, good, chpl_tier)
    legs = _neighbourhood(store, src.id, dst.id, max_hops, goods)
    flows = _flow_info(store, (leg.flow_id for leg in legs))
    articles = _articles(store, [leg.article_id or flows[leg.flow_id].article_id for leg in legs])
    if since is not None:
        legs = [leg for leg in legs
                if _since_ok(_date_of(leg, (articles.get(leg.article_id or "") or ArticleRef("")).published), since)]
    legs = [leg for leg in legs if (flows[leg.flow_id].status or leg.status) != "negated"]

    by_good: dict[str, list[_Leg]] = defaultdict(list)
    for leg in legs:
        by_good[leg.good_id or leg.good].append(leg)
    names = {src.id: src.name, dst.id: dst.name}
    for leg in legs:
        names.setdefault(leg.source, leg.source_name)
        names.setdefault(leg.target, leg.target_name)

    raw_routes: list[tuple[str, list[str], dict[tuple[str, str], list[_Leg]]]] = []
    for good_key, good_legs in by_good.items():
        graph = nx.DiGraph()
        edges: dict[tuple[str, str], list[_Leg]] = defaultdict(list)
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

    types = _types(store, {n for _, path, _ in raw_routes for n in path})
    routes: list[SupplyRoute] = []
    for _good_key, node_path, edges in raw_routes:
        nodes = tuple(EntityRef(n, names.get(n, n), types.get(n)) for n in node_path)
        hops: list[Hop] = []
        for a, b in itertools.pairwise(nodes):
            evidence = sorted(
                (_evidence(leg, flows[leg.flow_id], articles.get(leg.article_id or flows[leg.flow_id].article_id
                                                                 or "") or ArticleRef(leg.article_id or ""))
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
