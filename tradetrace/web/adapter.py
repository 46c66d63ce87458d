"""The web layer's one door to the query layer: every read a page makes goes through here.

Each function takes an open store and returns plain JSON-ready data in **the same shapes as the CLI's
``--format json``** (so a page's ``?format=json`` and ``tradetrace ... --format json`` agree, and
templates render from those shapes only). When the query API changes, this is the file to adapt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from graph.store import EntityFilter, FlowRecord, GraphStore, LegFilter, SupplyLeg
from ontology.errors import NotFound
from tradetrace.options import packaged_reference

__all__ = [
    "article_texts",
    "claims",
    "conflicts",
    "entity",
    "entity_index",
    "goods",
    "open_read_only",
    "provenance",
    "routes",
]


@contextmanager
def open_read_only(db: Path) -> Iterator[GraphStore]:
    """The embedded store at ``db``, opened read-only (the engine refuses writes).

    Raises
    ------
    StoreError
        When ``db`` does not exist or is not a store.
    """
    from graph.ladybug_store import LadybugStore

    with LadybugStore(db, read_only=True) as store:
        yield store


def routes(store: GraphStore, source: str, target: str, *, good: str | None = None, chpl_tier: str | None = None,
           max_hops: int = 4, since: str | None = None) -> list[dict[str, Any]]:
    """``tradetrace path --format json``: every route, strongest first.

    Raises
    ------
    NotFound, NoPath, InputError
        As :func:`queries.paths.trace_supply_paths`.
    """
    from queries.paths import trace_supply_paths
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import route_json

    found = trace_supply_paths(store.view(), source, target, reference=packaged_reference(), good=good,
                               chpl_tier=chpl_tier, max_hops=max_hops, since=since)
    sources = load_sources(store, {e.article.id for r in found for h in r.hops for e in h.evidence})
    return [route_json(r, sources) for r in found]


def provenance(store: GraphStore, claim: str) -> dict[str, Any]:
    """``tradetrace provenance --format json`` for a claim id or a piece of its text."""
    from queries.provenance import trace_provenance
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import provenance_json

    result = trace_provenance(store.view(), claim, vocabulary=packaged_reference().vocabulary)
    return provenance_json(result, load_sources(store, (r.claim.article.id for r in result.reports)))


def conflicts(store: GraphStore) -> list[dict[str, Any]]:
    """``tradetrace conflicts --format json``."""
    from queries.claims import load_articles
    from queries.conflicts import find_conflicts
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import conflict_json

    view = store.view()
    found = find_conflicts(view, vocabulary=packaged_reference().vocabulary)
    articles = load_articles(view)
    sources = load_sources(store, (side.article_id for c in found for side in (c.a, c.b)))
    return [conflict_json(c, articles, sources) for c in found]


def goods(store: GraphStore, to: str | None, chpl_only: bool) -> list[dict[str, Any]]:
    """``tradetrace goods --format json``."""
    from queries.goods import goods_flowing
    from tradetrace.commands.investigate import good_json

    return [good_json(r) for r in goods_flowing(store.view(), to=to, chpl_only=chpl_only,
                                                reference=packaged_reference())]


def claims(store: GraphStore, about: str | None = None) -> list[dict[str, Any]]:
    """``tradetrace claims --format json``."""
    from queries.claims import list_claims
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import claim_json

    rows = list_claims(store.view(), about=about, reference=packaged_reference())
    sources = load_sources(store, (c.article.id for c in rows))
    return [claim_json(c, sources) for c in rows]


def entity_index(store: GraphStore) -> list[dict[str, Any]]:
    """``tradetrace entities --format json`` rows, each with its ``aliases`` added (for search)."""
    from queries.entities import list_entities

    view = store.view()
    aliases = {e.id: list(e.aliases) for e in view.entities()}
    rows = list_entities(view, onto=packaged_reference().onto)
    return [asdict(row) | {"aliases": aliases.get(row.id, [])} for row in rows]


_FLOW_KEYS = ("id", "supplier", "good", "recipient", "via", "status", "period_start", "period_end", "quantity",
              "value", "article_id", "start", "end", "sentence")


def _flow_json(flow: FlowRecord) -> dict[str, Any]:
    return {"id": flow.id, "supplier": flow.supplier, "good": flow.good, "recipient": flow.recipient,
            "via": list(flow.via), "status": flow.status, "period_start": flow.period_start,
            "period_end": flow.period_end, "quantity": flow.quantity, "value": flow.value,
            "article_id": flow.article_id, "start": flow.start, "end": flow.end, "sentence": flow.sentence}


def entity(store: GraphStore, entity_id: str) -> dict[str, Any]:
    """An entity page's data: the stored entity (type, aliases, ids; HS codes and CHPL tier for goods),
    its supply flows out, in, through it and of it (for goods), and the claims about it.

    Shape: ``{"entity": {"id", "type", "name", ...stored properties}, "flows_out", "flows_in",
    "flows_via", "flows_of", "claims"}``; flows as ``{"id", "supplier", "good", "recipient", "via",
    "status", "period_start", "period_end", "quantity", "value", "article_id", "start", "end",
    "sentence"}`` (negated ones too); claims as in ``tradetrace claims --format json``.

    The flows are found from the entity's SUPPLIES legs (the store view's typed reads): a flow leaves its
    supplier on its first leg (0 for a direct flow, else 1), reaches its recipient on its last and passes
    each transit country between two legs.

    Raises
    ------
    NotFound
        When no stored entity has this id.
    """
    view = store.view()
    found = view.entities(EntityFilter(ids=frozenset({entity_id})))
    if not found:
        raise NotFound(f"no stored entity has id {entity_id!r}")
    stored = found[0]
    label = stored.label
    values = {"id": stored.id, "name": stored.name, "aliases": list(stored.aliases), **stored.props}
    record = {"id": entity_id, "type": label,
              **{p: values[p] for p in sorted(values) if values[p] not in (None, [], "")}}

    def flows(legs: list[SupplyLeg], keep: Callable[[SupplyLeg, FlowRecord], bool]) -> list[dict[str, Any]]:
        records = view.supply_flows({leg.flow_id for leg in legs})
        chosen = {leg.flow_id: records[leg.flow_id] for leg in legs
                  if leg.flow_id in records and keep(leg, records[leg.flow_id])}
        ordered = sorted(chosen.values(), key=lambda f: (str(f.good or ""), str(f.supplier or ""), f.id))
        return [_flow_json(f) for f in ordered]

    # Which flows an entity can have follows the ontology's supply roles (a person may supply, not receive).
    onto = packaged_reference().onto
    supplier = label in onto.classes_with_role("supplier")
    recipient = label in onto.classes_with_role("recipient")
    transit = label in set(onto.expand(onto.relations["VIA"].range))
    ids = frozenset({entity_id})
    leaving = view.supply_legs(LegFilter(sources=ids, negated=True)) if supplier or transit else []
    reaching = view.supply_legs(LegFilter(targets=ids, negated=True)) if recipient or transit else []
    return {
        "entity": record,
        "flows_out": flows(leaving, lambda leg, _f: leg.leg <= 1) if supplier else [],
        "flows_in": flows(reaching, lambda leg, f: leg.leg in (0, len(f.via) + 1)) if recipient else [],
        "flows_via": flows(reaching, lambda leg, f: 1 <= leg.leg <= len(f.via)) if transit else [],
        "flows_of": flows(view.supply_legs(LegFilter(goods=ids, negated=True)), lambda _leg, _f: True)
        if label == "Good" else [],
        "claims": claims(store, about=entity_id),
    }


def article_texts(store: GraphStore, article_ids: Iterable[str]) -> dict[str, str]:
    """The stored text of each article, by id (to mark evidence spans inside their sentences)."""
    return {aid: article.text for aid, article in store.view().article_texts(article_ids).items()}
