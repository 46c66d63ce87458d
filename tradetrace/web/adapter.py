"""The web layer's one door to the query layer: every read a page makes goes through here.

Each function takes an open store and returns plain JSON-ready data in **the same shapes as the CLI's
``--format json``** (so a page's ``?format=json`` and ``tradetrace ... --format json`` agree, and
templates render from those shapes only). When the query API changes, this is the file to adapt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from ontology.errors import NotFound
from ontology.model import load_ontology

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

    found = trace_supply_paths(store, source, target, good=good, chpl_tier=chpl_tier, max_hops=max_hops,
                               since=since)
    sources = load_sources(store, {e.article.id for r in found for h in r.hops for e in h.evidence})
    return [route_json(r, sources) for r in found]


def provenance(store: GraphStore, claim: str) -> dict[str, Any]:
    """``tradetrace provenance --format json`` for a claim id or a piece of its text."""
    from queries.provenance import trace_provenance
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import provenance_json

    result = trace_provenance(store, claim)
    return provenance_json(result, load_sources(store, (r.claim.article.id for r in result.reports)))


def conflicts(store: GraphStore) -> list[dict[str, Any]]:
    """``tradetrace conflicts --format json``."""
    from queries.claims import load_articles
    from queries.conflicts import find_conflicts
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import conflict_json

    found = find_conflicts(store)
    articles = load_articles(store)
    sources = load_sources(store, (side.article_id for c in found for side in (c.a, c.b)))
    return [conflict_json(c, articles, sources) for c in found]


def goods(store: GraphStore, to: str | None, chpl_only: bool) -> list[dict[str, Any]]:
    """``tradetrace goods --format json``."""
    from queries.goods import goods_flowing
    from tradetrace.commands.investigate import good_json

    return [good_json(r) for r in goods_flowing(store, to=to, chpl_only=chpl_only)]


def claims(store: GraphStore, about: str | None = None) -> list[dict[str, Any]]:
    """``tradetrace claims --format json``."""
    from queries.claims import list_claims
    from tradetrace.citations import load_sources
    from tradetrace.commands.investigate import claim_json

    rows = list_claims(store, about=about)
    sources = load_sources(store, (c.article.id for c in rows))
    return [claim_json(c, sources) for c in rows]


def entity_index(store: GraphStore) -> list[dict[str, Any]]:
    """``tradetrace entities --format json`` rows, each with its ``aliases`` added (for search)."""
    from queries.entities import list_entities

    aliases = _aliases(store)
    return [asdict(row) | {"aliases": aliases.get(row.id, [])} for row in list_entities(store)]


def _aliases(store: GraphStore) -> dict[str, list[str]]:
    onto = load_ontology()
    found: dict[str, list[str]] = {}
    for label in onto.entity_classes():
        if "aliases" in onto.properties_of(label):
            for eid, names in store.query(f"MATCH (n:{label}) RETURN n.id, n.aliases").rows:
                found[eid] = list(names or [])
    return found


# The query layer has no single-entity read yet; these few fixed, parameterised reads stand in for it.
_FLOW_COLUMNS = ("f.id, f.supplier, f.good, f.recipient, f.via, f.status, f.period_start, f.period_end, "
                 "f.quantity, f.value, f.article_id, f.start, f.`end`, f.sentence")
_FLOW_KEYS = ("id", "supplier", "good", "recipient", "via", "status", "period_start", "period_end", "quantity",
              "value", "article_id", "start", "end", "sentence")


def entity(store: GraphStore, entity_id: str) -> dict[str, Any]:
    """An entity page's data: the stored entity (type, aliases, ids; HS codes and CHPL tier for goods),
    its supply flows out, in, through it and of it (for goods), and the claims about it.

    Shape: ``{"entity": {"id", "type", "name", ...stored properties}, "flows_out", "flows_in",
    "flows_via", "flows_of", "claims"}``; flows as ``{"id", "supplier", "good", "recipient", "via",
    "status", "period_start", "period_end", "quantity", "value", "article_id", "start", "end",
    "sentence"}``; claims as in ``tradetrace claims --format json``.

    Raises
    ------
    NotFound
        When no stored entity has this id.
    """
    onto = load_ontology()
    for label in onto.entity_classes():
        props = sorted(onto.properties_of(label))
        rows = store.query(f"MATCH (n:{label}) WHERE n.id = $id RETURN " + ", ".join(f"n.{p}" for p in props),
                           {"id": entity_id}).rows
        if rows:
            record = {p: v for p, v in zip(props, rows[0], strict=True) if v not in (None, [], "")}
            break
    else:
        raise NotFound(f"no stored entity has id {entity_id!r}")
    record = {"id": entity_id, "type": label, **record}

    def flows(pattern: str) -> list[dict[str, Any]]:
        result = store.query(f"MATCH {pattern} WHERE n.id = $id RETURN DISTINCT {_FLOW_COLUMNS}", {"id": entity_id})
        return [dict(zip(_FLOW_KEYS, row, strict=True)) for row in sorted(result.rows, key=_flow_order)]

    # Which flows an entity can have follows the ontology's supply roles (a person may supply, not receive).
    via = set(onto.expand(onto.relations["VIA"].range))
    return {
        "entity": record,
        "flows_out": flows(f"(f:SupplyFlow)-[:SUPPLIED_BY]->(n:{label})")
        if label in onto.classes_with_role("supplier") else [],
        "flows_in": flows(f"(f:SupplyFlow)-[:SUPPLIED_TO]->(n:{label})")
        if label in onto.classes_with_role("recipient") else [],
        "flows_via": flows(f"(f:SupplyFlow)-[:VIA]->(n:{label})") if label in via else [],
        "flows_of": flows("(f:SupplyFlow)-[:OF_GOOD]->(n:Good)") if label == "Good" else [],
        "claims": claims(store, about=entity_id),
    }


def _flow_order(row: list[Any]) -> tuple[str, str, str]:
    return str(row[2] or ""), str(row[1] or ""), str(row[0])


def article_texts(store: GraphStore, article_ids: Iterable[str]) -> dict[str, str]:
    """The stored text of each article, by id (to mark evidence spans inside their sentences)."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return {}
    rows = store.query("MATCH (a:Article) WHERE a.id IN $ids RETURN a.id, a.text", {"ids": wanted}).rows
    return {aid: text or "" for aid, text in rows}
