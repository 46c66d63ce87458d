"""Goods flowing to a recipient: HS codes, CHPL tier, supporting flows and claims, origins."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.store import GraphStore
from queries.claims import ArticleRef, SourceLink
from queries.origins import generic_source_names, origin_key
from queries.resolve import SUPPLY_CLASSES, resolve_entity, resolve_goods

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


def goods_flowing(store: GraphStore, to: str | None = None, chpl_only: bool = False,
                  good: str | None = None) -> list[GoodFlowRow]:
    """Goods that stored flows carry (to ``to`` when given), best-evidenced first.

    Parameters
    ----------
    store:
        Any :class:`graph.store.GraphStore`.
    to:
        A recipient's name, alias or id ("Russia"); ``None`` for flows to anyone.
    chpl_only:
        Only goods on the Common High Priority List (a CHPL tier is set).
    good:
        Only this good (name, alias or id) and the goods narrower than it ("bearings": ball and roller
        bearings too).

    Raises
    ------
    NotFound
        When ``to`` names no stored entity, or ``good`` no stored good.

    Examples
    --------
    >>> [row.name for row in goods_flowing(store, to="Russia", chpl_only=True)][:2]  # doctest: +SKIP
    ['ball bearings', 'integrated circuits']
    """
    params: dict[str, object] = {}
    where = "(f.status IS NULL OR f.status <> 'negated')"
    if to is not None:
        params["rid"] = resolve_entity(store, to, SUPPLY_CLASSES).id
        where += " AND r.id = $rid"
    if good is not None:
        params["gids"] = sorted(resolve_goods(store, good) or ())  # with the goods narrower than it
        where += " AND g.id IN $gids"
    rows = store.query(
        "MATCH (f:SupplyFlow)-[:OF_GOOD]->(g:Good) MATCH (f)-[:SUPPLIED_TO]->(r) "
        f"WHERE {where} "
        "RETURN g.id, g.name, g.hs_codes, g.chpl_tier, g.category, f.id, f.supplier, f.via, f.article_id",
        params,
    ).rows
    flow_ids = sorted({row[5] for row in rows})
    chains: dict[str, list[list[str]]] = defaultdict(list)
    if flow_ids:
        for fid, cid, chain in store.query(
                "MATCH (c:Claim)-[:SUPPORTS]->(f:SupplyFlow) WHERE f.id IN $ids RETURN f.id, c.id, c.attributed_to",
                {"ids": flow_ids}).rows:
            chains[fid].append([cid, *(chain or [])])
    outlets = dict(store.query("MATCH (a:Article) RETURN a.id, a.outlet").rows)
    generic = generic_source_names()
    from ontology.gazetteer import fold_surface

    goods: dict[str, dict[str, object]] = {}
    acc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for gid, name, hs, tier, category, fid, supplier, via, aid in rows:
        if chpl_only and not tier:
            continue
        goods[gid] = {"name": name, "hs": tuple(hs or ()), "tier": tier, "category": category}
        bucket = acc[gid]
        bucket["flows"].add(fid)
        bucket["articles"].add(aid or fid)
        if supplier:
            bucket["suppliers"].add(supplier)
        bucket["via"].update(via or ())
        article = ArticleRef(aid or "", outlet=outlets.get(aid))
        supporting = chains.get(fid) or [[""]]
        for cid, *chain in supporting:
            if cid:
                bucket["claims"].add(cid)
            links = [SourceLink(i, n, type="GenericSource" if fold_surface(n) in generic else None)
                     for i, n in enumerate(chain)]
            bucket["origins"].add(origin_key(links, article)[1])
    result = [
        GoodFlowRow(
            id=gid, name=str(info["name"]), hs_codes=info["hs"], chpl_tier=info["tier"],  # type: ignore[arg-type]
            category=info["category"], flows=len(acc[gid]["flows"]),  # type: ignore[arg-type]
            claims=len(acc[gid]["claims"]), articles=len(acc[gid]["articles"]),
            independent_origins=len(acc[gid]["origins"]), suppliers=tuple(sorted(acc[gid]["suppliers"])),
            via=tuple(sorted(acc[gid]["via"])), origins=tuple(sorted(acc[gid]["origins"])),
        )
        for gid, info in goods.items()
    ]
    result.sort(key=lambda r: (-r.independent_origins, -r.flows, r.name))
    return result
