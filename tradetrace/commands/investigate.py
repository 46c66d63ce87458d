"""Investigation commands of the ``tradetrace`` CLI: path, goods, claims, provenance, corroborate,
conflicts.

The JSON shapes are built here by the ``*_json`` functions (pure, stable keys); the queries live in
:mod:`queries`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from queries.claims import StoredClaim
from queries.conflicts import Conflict
from queries.corroborate import ClaimCluster
from queries.goods import GoodFlowRow
from queries.paths import Hop, SupplyRoute
from queries.provenance import Provenance
from tradetrace.console import print_json, print_note, print_table
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, open_read_only

__all__ = [
    "claim_json",
    "claims",
    "cluster_json",
    "conflict_json",
    "conflicts",
    "corroborate",
    "good_json",
    "goods",
    "path",
    "provenance",
    "provenance_json",
    "route_json",
]


# -- JSON shapes ----------------------------------------------------------------------------------


def claim_json(claim: StoredClaim) -> dict[str, Any]:
    """A stored claim: text, span, figure, period, attribution chain, article."""
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "metric": claim.metric,
        "value": claim.value_raw,
        "number": claim.value_number,
        "unit": claim.value_unit,
        "direction": claim.direction,
        "qualifier": claim.qualifier,
        "period": {"start": claim.period_start, "end": claim.period_end},
        "status": claim.status,
        "attributed_to": claim.attributed_to,
        "attribution": [asdict(link) for link in claim.attribution],
        "about": list(claim.about),
        "supports": list(claim.supports),
        "article": asdict(claim.article),
    }


def _hop_json(hop: Hop) -> dict[str, Any]:
    return {
        "from": asdict(hop.source),
        "to": asdict(hop.target),
        "goods": list(hop.goods),
        "strength": hop.strength,
        "articles": hop.articles,
        "origins": list(hop.origins),
        "end_uses": list(hop.end_uses),
        "evidence": [
            {
                "flow_id": e.flow_id, "good": e.good, "good_id": e.good_id, "leg": e.leg, "status": e.status,
                "period": {"start": e.period_start, "end": e.period_end}, "quantity": e.quantity, "value": e.value,
                "flow": {"supplier": e.flow_supplier, "recipient": e.flow_recipient, "via": list(e.via)},
                "end_uses": list(e.end_uses), "article": asdict(e.article),
                "span": {"start": e.start, "end": e.end}, "sentence": e.sentence,
                "attribution": list(e.attribution), "origin": e.origin,
            }
            for e in hop.evidence
        ],
    }


def route_json(route: SupplyRoute) -> dict[str, Any]:
    """A supply route: endpoints, good, nodes in order, hops with evidence, strength and counts."""
    return {
        "source": asdict(route.source),
        "target": asdict(route.target),
        "good": route.good,
        "good_id": route.good_id,
        "through": route.through,
        "nodes": [asdict(n) for n in route.nodes],
        "strength": route.strength,
        "articles": route.articles,
        "origins": list(route.origins),
        "end_uses": list(route.end_uses),
        "hops": [_hop_json(h) for h in route.hops],
    }


def good_json(row: GoodFlowRow) -> dict[str, Any]:
    """A good with HS codes, CHPL tier and its evidence counts."""
    data = asdict(row)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def cluster_json(cluster: ClaimCluster) -> dict[str, Any]:
    """A corroboration cluster: the fact, its reports and its independent origins."""
    return {
        "id": cluster.id,
        "metric": cluster.metric,
        "value": cluster.value,
        "period": {"start": cluster.period_start, "end": cluster.period_end},
        "reports": len(cluster.reports),
        "independent_origins": cluster.independent_origins,
        "origins": [o.name for o in cluster.origins],
        "origin_reports": {o.name: list(o.claim_ids) for o in cluster.origins},
        "claims": [claim_json(c) for c in cluster.reports],
    }


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """A conflict: kind, one-line detail, and both sides with their spans."""
    return {"kind": conflict.kind, "detail": conflict.detail, "a": asdict(conflict.a), "b": asdict(conflict.b)}


def provenance_json(provenance: Provenance) -> dict[str, Any]:
    """A claim, every report of it (article, span, chain, origin) and the independent origins."""
    return {
        "claim": claim_json(provenance.claim),
        "cluster_id": provenance.cluster.id,
        "independent_origins": provenance.cluster.independent_origins,
        "origins": [o.name for o in provenance.cluster.origins],
        "reports": [
            {"claim_id": r.claim.id, "text": r.claim.text, "article": asdict(r.claim.article),
             "span": {"start": r.claim.start, "end": r.claim.end},
             "chain": [asdict(link) for link in r.chain], "origin": r.origin}
            for r in provenance.reports
        ],
    }


def _period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    if start == end or not end:
        return start or ""
    return f"{start or '?'}..{end}"


# -- commands -------------------------------------------------------------------------------------


def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Supplier: name, alias or id (China, PRC).")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Recipient: name, alias or id (Russia).")],
    db: DbOption = DEFAULT_DB,
    good: Annotated[str | None, typer.Option("--good", "-g", help="Only routes of this good.")] = None,
    chpl_tier: Annotated[str | None, typer.Option("--chpl-tier", help="Only goods of this CHPL tier.")] = None,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, help="Longest route in legs.")] = 4,
    since: Annotated[str | None, typer.Option("--since", help="Only legs dated on/after (YYYY[-MM[-DD]]).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Every supply route from FROM to TO, direct or through transit countries, strongest first."""
    from queries.paths import trace_supply_paths

    with open_read_only(db) as store:
        routes = trace_supply_paths(store, source, target, good=good, chpl_tier=chpl_tier, max_hops=max_hops,
                                    since=since)
    if fmt is Format.json:
        print_json([route_json(r) for r in routes])
        return
    rows = []
    for rank, route in enumerate(routes, 1):
        for hop in route.hops:
            best = hop.evidence[0]
            rows.append([rank if hop is route.hops[0] else "", route.good if hop is route.hops[0] else "",
                         f"{hop.source.name} → {hop.target.name}", _period(best.period_start, best.period_end),
                         best.quantity or best.value or "", hop.articles, ", ".join(hop.origins),
                         ", ".join(hop.end_uses),
                         f"{best.article.outlet or best.article.id} [{best.start}:{best.end}]"])
    print_table(["#", "good", "hop", "period", "quantity", "articles", "origins", "end uses", "evidence"], rows,
                 title=f"{len(routes)} route(s)")


def goods(
    db: DbOption = DEFAULT_DB,
    to: Annotated[str | None, typer.Option("--to", help="Recipient: name, alias or id.")] = None,
    chpl: Annotated[bool, typer.Option("--chpl", help="Only goods on the Common High Priority List.")] = False,
    good: Annotated[str | None, typer.Option("--good", help="Only this good and the goods narrower than it.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Goods flowing (to a recipient) with HS codes, CHPL tier, supporting flows/claims and origins."""
    from queries.goods import goods_flowing

    with open_read_only(db) as store:
        rows = goods_flowing(store, to=to, chpl_only=chpl, good=good)
    if fmt is Format.json:
        print_json([good_json(r) for r in rows])
        return
    print_table(["good", "hs", "chpl", "flows", "claims", "articles", "origins", "suppliers", "via"],
                 [[r.name, " ".join(r.hs_codes), r.chpl_tier, r.flows, r.claims, r.articles, r.independent_origins,
                   ", ".join(r.suppliers), ", ".join(r.via)] for r in rows])


def claims(
    db: DbOption = DEFAULT_DB,
    about: Annotated[str | None, typer.Option("--about", help="Only claims about (or citing) this entity.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Stored claims with value, period, attribution chain and article."""
    from queries.claims import list_claims

    with open_read_only(db) as store:
        rows = list_claims(store, about=about)
    if fmt is Format.json:
        print_json([claim_json(c) for c in rows])
        return
    print_table(["claim", "value", "period", "attribution", "article"],
                 [[c.text, c.value_raw, _period(c.period_start, c.period_end), " → ".join(c.attributed_to),
                   c.article.outlet or c.article.title or c.article.id] for c in rows])


def provenance(
    claim: Annotated[str, typer.Argument(metavar="CLAIM_ID_OR_TEXT", help="A claim id or part of its text.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """A claim, every article that reports it and each report's attribution chain to the origin."""
    from queries.provenance import trace_provenance

    with open_read_only(db) as store:
        result = trace_provenance(store, claim)
    if fmt is Format.json:
        print_json(provenance_json(result))
        return
    print_note(f"{result.claim.text}\n{len(result.reports)} report(s), "
              f"{result.cluster.independent_origins} independent origin(s): "
              f"{', '.join(o.name for o in result.cluster.origins)}")
    print_table(["article", "outlet", "span", "chain", "origin", "text"],
                 [[r.claim.article.title or r.claim.article.id, r.claim.article.outlet,
                   f"{r.claim.start}:{r.claim.end}", " → ".join(link.name for link in r.chain), r.origin,
                   r.claim.text] for r in result.reports])


def corroborate(
    db: DbOption = DEFAULT_DB,
    min_origins: Annotated[int, typer.Option("--min-origins", min=1, help="Least independent origins.")] = 1,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Least reports per cluster.")] = 2,
    fmt: FormatOption = Format.table,
) -> None:
    """Facts reported by several articles, with how many independent origins they really have."""
    from queries.corroborate import corroborate as corroborate_claims

    with open_read_only(db) as store:
        clusters = corroborate_claims(store, min_origins=min_origins, min_reports=min_reports)
    if fmt is Format.json:
        print_json([cluster_json(c) for c in clusters])
        return
    print_table(["metric", "value", "period", "reports", "origins", "origin names"],
                 [[c.metric, c.value, _period(c.period_start, c.period_end), len(c.reports), c.independent_origins,
                   ", ".join(o.name for o in c.origins)] for c in clusters])


def conflicts(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Conflicting figures: value mismatches, metrics changed along a chain, one figure reused."""
    from queries.conflicts import find_conflicts

    with open_read_only(db) as store:
        found = find_conflicts(store)
    if fmt is Format.json:
        print_json([conflict_json(c) for c in found])
        return
    print_table(["kind", "detail", "a", "b"],
                 [[c.kind, c.detail, f"{c.a.outlet or c.a.article_id} [{c.a.start}:{c.a.end}] {c.a.text}",
                   f"{c.b.outlet or c.b.article_id} [{c.b.start}:{c.b.end}] {c.b.text}"] for c in found])
