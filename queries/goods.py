"""Goods flowing to a recipient: HS codes, CHPL tier, supporting flows and claims, origins.

The flows are found through the store's typed view (no Cypher here): the SUPPLIES legs that reach the
recipient (or every leg), of which a flow's last one reaches its stated recipient, then the flows, their
goods and their articles by id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.store import ArticleRef, EntityFilter, FlowRecord, GraphStore, LegFilter, StoreView, SupplyLeg, view_of
from queries.evidence import chain_origin
from queries.reference import Reference
from queries.resolve import resolve_entity, resolve_goods

__all__ = ["GoodFlowRow", "goods_flowing"]


@dataclass(frozen=True)
class GoodFlowRow:
    """One good with the evidence that it flows (to the recipient, when one is given).

    ``flows`` counts non-negated SupplyFlow statements, ``claims`` the claims that SUPPORT them,
    ``articles`` distinct reporting articles, ``independent_origins`` distinct original sources
    (see :func:`queries.origins.origin_key`); ``suppliers`` and ``via`` are names.
    """

    id: str
    name: str
    hs_codes: tuple[str, ...]
    chpl_tier: str | None
    category: str | None
    flows: int
    claims: int
    articles: int
    independent_origins: int
    suppliers: tuple[str, ...] = field(default_factory=tuple)
    via: tuple[str, ...] = field(default_factory=tuple)
    origins: tuple[str, ...] = field(default_factory=tuple)


def _reaches_recipient(leg: SupplyLeg, flow: FlowRecord) -> bool:
    """Whether ``leg`` ends at its flow's stated recipient: a direct flow's one leg (0), or a transit
    flow's last (one past each transit country)."""
    return leg.leg == 0 or leg.leg == len(flow.via) + 1


def goods_flowing(store: GraphStore | StoreView, to: str | None = None, chpl_only: bool = False,
                  good: str | None = None, *, reference: Reference) -> list[GoodFlowRow]:
    """Goods that stored flows carry (to ``to`` when given), best-evidenced first.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    to:
        A recipient's name, alias or id ("Russia"); ``None`` for flows to anyone.
    chpl_only:
        Only goods on the Common High Priority List (a CHPL tier is set).
    good:
        Only this good (name, alias or id) and the goods narrower than it ("bearings": ball and roller
        bearings too).
    reference:
        The ontology and gazetteer names are resolved with (and generic sources told apart).

    Raises
    ------
    NotFound
        When ``to`` names no stored entity, or ``good`` no stored good.

    Examples
    --------
    >>> [row.name for row in goods_flowing(view, to="Russia", chpl_only=True, reference=ref)][:2]  # doctest: +SKIP
    ['ball bearings', 'integrated circuits']

    Notes
    -----
    Reads the legs reaching the recipient (all legs without one), then the flows, goods and articles
    they name by id: linear in the legs read.
    """
    view = view_of(store)
    targets = (frozenset({resolve_entity(view, to, reference.supply_classes, reference=reference).id})
               if to is not None else None)
    gids = resolve_goods(view, good, reference=reference) if good is not None else None  # with narrower goods
    legs = [leg for leg in view.supply_legs(LegFilter(targets=targets, goods=frozenset(gids) if gids is not None
                                                      else None)) if leg.good_id is not None]
    flows = view.supply_flows({leg.flow_id for leg in legs})
    carried: dict[str, str] = {}  # flow id -> good id
    for leg in legs:
        flow = flows.get(leg.flow_id)
        if flow is not None and flow.status != "negated" and (targets is None or _reaches_recipient(leg, flow)):
            carried[leg.flow_id] = str(leg.good_id)
    info = {g.id: g for g in view.entities(EntityFilter(labels=("Good",), ids=frozenset(carried.values())))}
    articles = view.articles({aid for fid in carried if (aid := flows[fid].article_id)})
    acc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for fid, gid in sorted(carried.items()):
        entity = info.get(gid)
        if entity is None or (chpl_only and not entity.props.get("chpl_tier")):
            continue
        flow, bucket = flows[fid], acc[gid]
        bucket["flows"].add(fid)
        bucket["articles"].add(flow.article_id or fid)
        if flow.supplier:
            bucket["suppliers"].add(flow.supplier)
        bucket["via"].update(flow.via)
        article = articles.get(flow.article_id or "") or ArticleRef(flow.article_id or "")
        bucket["claims"].update(flow.claim_ids)
        for chain in flow.chains or ((),):
            bucket["origins"].add(chain_origin(chain, article, reference.generic_sources)[1])
    result = [
        GoodFlowRow(
            id=gid, name=info[gid].name, hs_codes=tuple(info[gid].props.get("hs_codes") or ()),
            chpl_tier=info[gid].props.get("chpl_tier"), category=info[gid].props.get("category"),
            flows=len(bucket["flows"]), claims=len(bucket["claims"]), articles=len(bucket["articles"]),
            independent_origins=len(bucket["origins"]), suppliers=tuple(sorted(bucket["suppliers"])),
            via=tuple(sorted(bucket["via"])), origins=tuple(sorted(bucket["origins"])),
        )
        for gid, bucket in acc.items()
    ]
    result.sort(key=lambda r: (-r.independent_origins, -r.flows, r.name))
    return result
