"""Investigation commands of the ``tradetrace`` CLI: path, goods, claims, provenance, corroborate,
conflicts.

The JSON shapes are built here by the ``*_json`` functions (pure, stable keys); the queries live in
:mod:`queries`. Every evidence cell is a :class:`tradetrace.citations.Citation` (the sentence around the
span, the span marked, outlet, date, URL or file), and the JSON shapes carry the same as ``citation``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from queries.claims import ArticleRef, StoredClaim, load_articles
from queries.conflicts import Conflict, ConflictSide
from queries.corroborate import ClaimCluster
from queries.goods import GoodFlowRow
from queries.provenance import Provenance
from tradetrace.citations import ArticleSource, Citation, cite, load_sources, origin_name
from tradetrace.console import multiline_cells, print_listing
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, open_read_only, packaged_reference

if TYPE_CHECKING:  # queries.paths imports networkx, which no other command needs (a tenth of a second)
    from queries.paths import Hop, LegEvidence, SupplyRoute

Sources = dict[str, ArticleSource]

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


def _claim_citation(claim: StoredClaim, sources: Sources) -> Citation:
    return cite(claim.article, claim.start, claim.end, sources, fallback=claim.text)


def _leg_citation(leg: LegEvidence, sources: Sources) -> Citation:
    return cite(leg.article, leg.start, leg.end, sources, fallback=leg.sentence)


def claim_json(claim: StoredClaim, sources: Sources | None = None) -> dict[str, Any]:
    """A stored claim: text, span, figure, period, attribution chain, article and citation."""
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
        "citation": _claim_citation(claim, sources or {}).json(),
    }


def _hop_json(hop: Hop, sources: Sources) -> dict[str, Any]:
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
                "citation": _leg_citation(e, sources).json(),
            }
            for e in hop.evidence
        ],
    }


def route_json(route: SupplyRoute, sources: Sources | None = None) -> dict[str, Any]:
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
        "hops": [_hop_json(h, sources or {}) for h in route.hops],
    }


def good_json(row: GoodFlowRow) -> dict[str, Any]:
    """A good with HS codes, CHPL tier and its evidence counts."""
    data = asdict(row)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def cluster_json(cluster: ClaimCluster, sources: Sources | None = None) -> dict[str, Any]:
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
        "claim_ids": [c.id for c in cluster.reports],
        "claims": [claim_json(c, sources) for c in cluster.reports],
    }


def _side_citation(side: ConflictSide, articles: dict[str, ArticleRef], sources: Sources) -> Citation:
    article = articles.get(side.article_id) or ArticleRef(side.article_id, side.title, side.outlet)
    return cite(article, side.start, side.end, sources, fallback=side.text)


def conflict_json(conflict: Conflict, articles: dict[str, ArticleRef] | None = None,
                  sources: Sources | None = None) -> dict[str, Any]:
    """A conflict: kind, one-line detail, and both sides with their spans and citations."""
    return {"kind": conflict.kind, "detail": conflict.detail,
            **{key: asdict(side) | {"citation": _side_citation(side, articles or {}, sources or {}).json()}
               for key, side in (("a", conflict.a), ("b", conflict.b))}}


def _report_json(provenance: Provenance, sources: Sources) -> list[dict[str, Any]]:
    return [
        {"claim_id": r.claim.id, "text": r.claim.text, "article": asdict(r.claim.article),
         "span": {"start": r.claim.start, "end": r.claim.end},
         "chain": [asdict(link) for link in r.chain], "origin": r.origin,
         "citation": _claim_citation(r.claim, sources).json()}
        for r in provenance.reports
    ]


def provenance_json(provenance: Provenance, sources: Sources | None = None) -> dict[str, Any]:
    """A claim, every report of it (article, span, chain, origin, citation) and the independent origins."""
    return {
        "claim": claim_json(provenance.claim, sources),
        "cluster_id": provenance.cluster.id,
        "independent_origins": provenance.cluster.independent_origins,
        "origins": [o.name for o in provenance.cluster.origins],
        "reports": _report_json(provenance, sources or {}),
    }


def _period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    if start == end or not end:
        return start or ""
    return f"{start or '?'}..{end}"


# -- commands -------------------------------------------------------------------------------------


def _origins(names: Any, articles: dict[str, ArticleRef], sources: Sources) -> str:
    return ", ".join(origin_name(name, articles, sources) for name in names)


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
        routes = trace_supply_paths(store.view(), source, target, reference=packaged_reference(), good=good,
                                    chpl_tier=chpl_tier, max_hops=max_hops, since=since)
        articles = {e.article.id: e.article for r in routes for h in r.hops for e in h.evidence}
        sources = load_sources(store, articles)
    multiline = multiline_cells(fmt)
    rows = []
    for rank, route in enumerate(routes, 1):
        for hop in route.hops:
            best = hop.evidence[0]
            first = hop is route.hops[0]
            rows.append([rank if first else "", route.good if first else "",
                         f"{hop.source.name} → {hop.target.name}", _period(best.period_start, best.period_end),
                         best.quantity or best.value or "", hop.articles, _origins(hop.origins, articles, sources),
                         ", ".join(hop.end_uses), _leg_citation(best, sources).cell(multiline)])
    print_listing(fmt, ["#", "good", "hop", "period", "quantity", "articles", "origins", "end uses", "evidence"],
                  rows, [route_json(r, sources) for r in routes], title=f"{len(routes)} route(s)")


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
        rows = goods_flowing(store.view(), to=to, chpl_only=chpl, good=good, reference=packaged_reference())
    print_listing(fmt, ["good", "hs", "chpl", "flows", "claims", "articles", "origins", "suppliers", "via"],
                  [[r.name, " ".join(r.hs_codes), r.chpl_tier, r.flows, r.claims, r.articles, r.independent_origins,
                    ", ".join(r.suppliers), ", ".join(r.via)] for r in rows],
                  [good_json(r) for r in rows])


def claims(
    db: DbOption = DEFAULT_DB,
    about: Annotated[str | None, typer.Option("--about", help="Only claims about (or citing) this entity.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Stored claims with id, value, period, attribution chain and the citable sentence."""
    from queries.claims import list_claims

    with open_read_only(db) as store:
        rows = list_claims(store.view(), about=about, reference=packaged_reference())
        sources = load_sources(store, (c.article.id for c in rows))
    multiline = multiline_cells(fmt)
    print_listing(fmt, ["id", "value", "period", "attribution", "evidence"],
                  [[c.id, c.value_raw, _period(c.period_start, c.period_end), " → ".join(c.attributed_to),
                    _claim_citation(c, sources).cell(multiline)] for c in rows],
                  [claim_json(c, sources) for c in rows])


def provenance(
    claim: Annotated[str, typer.Argument(metavar="CLAIM_ID_OR_TEXT",
                                         help="A claim id (or its start, claim:3f2a) or part of its text.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = Format.table,
) -> None:
    """A claim, every article that reports it and each report's attribution chain to the origin.

    A text that matches claims of different facts lists them (id, text, outlet) and exits 2; numbers
    match as numbers ("45%" never finds "345%").
    """
    from queries.provenance import trace_provenance

    with open_read_only(db) as store:
        view = store.view()
        result = trace_provenance(view, claim, vocabulary=packaged_reference().vocabulary)
        articles = load_articles(view)
        sources = load_sources(store, (r.claim.article.id for r in result.reports))
    if fmt == Format.json:
        print_listing(fmt, [], [], provenance_json(result, sources))
        return
    origins = _origins((o.name for o in result.cluster.origins), articles, sources)
    title = (f"{result.claim.id}: {result.claim.text}\n{len(result.reports)} report(s), "
             f"{result.cluster.independent_origins} independent origin(s): {origins}")
    multiline = multiline_cells(fmt)
    print_listing(fmt, ["claim", "chain", "origin", "evidence"],
                  [[r.claim.id, " → ".join(link.name for link in r.chain), origin_name(r.origin, articles, sources),
                    _claim_citation(r.claim, sources).cell(multiline)] for r in result.reports],
                  [{"cluster_id": result.cluster.id} | report for report in _report_json(result, sources)],
                  title=title)


_CLUSTER_COLUMNS = ["cluster", "metric", "value", "period", "reports", "origins", "origin names", "claims"]


def corroborate(
    db: DbOption = DEFAULT_DB,
    min_origins: Annotated[int, typer.Option("--min-origins", min=1, help="Least independent origins.")] = 1,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Least reports per cluster.")] = 2,
    about: Annotated[str | None, typer.Option("--about", help="Only facts with a report about (or citing) this "
                                                               "entity.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Facts reported by several articles, with how many independent origins they really have."""
    from queries.clusters import corroborated, listed_clusters
    from queries.resolve import resolve_entity

    with open_read_only(db) as store:
        view = store.view()
        entity = resolve_entity(view, about, reference=packaged_reference()).id if about is not None else None
        # A table or CSV shows what the stored Cluster nodes hold: no claim needs reading.
        listed = listed_clusters(view, min_origins=min_origins, min_reports=min_reports, about=entity) \
            if fmt in (Format.table, Format.csv) else None
        if listed is not None:
            print_listing(fmt, _CLUSTER_COLUMNS,
                          [[c.id, c.metric, c.value, _period(c.period_start, c.period_end), c.reports,
                            c.independent_origins, ", ".join(c.origins), " ".join(c.claim_ids)] for c in listed], [])
            return
        clusters = corroborated(view, min_origins=min_origins, min_reports=min_reports, about=entity,
                                vocabulary=packaged_reference().vocabulary)
        articles = load_articles(view)
        sources = load_sources(store, (r.article.id for c in clusters for r in c.reports))
    print_listing(fmt, _CLUSTER_COLUMNS,
                  [[c.id, c.metric, c.value, _period(c.period_start, c.period_end), len(c.reports),
                    c.independent_origins, _origins((o.name for o in c.origins), articles, sources),
                    " ".join(r.id for r in c.reports)] for c in clusters],
                  [cluster_json(c, sources) for c in clusters])


def conflicts(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Conflicting figures: value mismatches, metrics changed along a chain, one figure reused."""
    from queries.conflicts import find_conflicts

    with open_read_only(db) as store:
        view = store.view()
        found = find_conflicts(view, vocabulary=packaged_reference().vocabulary)
        articles = load_articles(view)
        sources = load_sources(store, (side.article_id for c in found for side in (c.a, c.b)))
    multiline = multiline_cells(fmt)

    def side_cell(side: ConflictSide) -> str:
        return f"{side.claim_id}: {_side_citation(side, articles, sources).cell(multiline)}"

    print_listing(fmt, ["kind", "detail", "a", "b"],
                  [[c.kind, c.detail, side_cell(c.a), side_cell(c.b)] for c in found],
                  [conflict_json(c, articles, sources) for c in found])
