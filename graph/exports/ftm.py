"""FollowTheMoney entities (JSON lines) for Aleph, OpenAleph, yente and the ``ftm`` tools.

Every entity is made by followthemoney's own model (``model.make_entity``) and every value added through
it, so that property names are checked against the schema (an unknown one is an :class:`ExportError`) and
values are cleaned the way FtM cleans them (countries as ISO codes, dates as ISO dates; a value FtM
cannot read is dropped). Mapping to the FtM 4 schemata:

==========================================  ============================================================
tradetrace                                  FollowTheMoney
==========================================  ============================================================
Country, Place                              ``Territory`` (``country``, ``partOf`` for LOCATED_IN /
                                            MEMBER_OF; FtM has no Country schema)
Company                                     ``Company``
GovernmentAgency                            ``PublicBody``
MediaOutlet, ThinkTank, IntergovernmentalOrg  ``Organization``
Person                                      ``Person`` (AFFILIATED_WITH as ``Employment``)
Article                                     ``Article`` (publisher from PUBLISHED_BY)
MENTIONS                                    ``Mention`` (``resolved`` for legal entities) and one
                                            ``Documentation`` per article and entity
SupplyFlow                                  ``EconomicActivity``: ``sender``/``receiver`` for legal
                                            entities, ``originCountry``/``destinationCountry`` for
                                            countries and places, ``tradingCountry`` for the
                                            transit countries (VIA), ``goodsDescription`` and
                                            ``vedCode`` (HS codes) for the good, ``customsAmount``
                                            for the stated value, the quantity in ``description``
                                            (FtM has no quantity property), ``proof`` the article
Claim                                       ``Note`` on its ``entity`` (ABOUT), ``proof`` the article
Good, EndUse, System, GenericSource         no entity of their own: named on flows and claims
==========================================  ============================================================

FtM ids allow ``[0-9a-zA-Z.-]`` only, so ``country:RU`` becomes ``country-RU``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from graph.snapshot import GraphSnapshot, Node
from ontology.errors import ExportError
from ontology.ids import make_id

__all__ = ["SCHEMA_OF", "ftm_entities", "ftm_id", "ftm_lines"]

SCHEMA_OF: dict[str, str] = {
    "Country": "Territory",
    "Place": "Territory",
    "Company": "Company",
    "GovernmentAgency": "PublicBody",
    "MediaOutlet": "Organization",
    "ThinkTank": "Organization",
    "IntergovernmentalOrg": "Organization",
    "Person": "Person",
    "Article": "Article",
}
# Schemata that FtM accepts where it wants a LegalEntity (Mention.resolved, EconomicActivity.sender).
_LEGAL = frozenset({"Company", "PublicBody", "Organization", "Person"})
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


def ftm_id(node_id: str) -> str:
    """An FtM-valid id for a tradetrace id.

    >>> ftm_id("country:RU"), ftm_id("org:zala_aero")
    ('country-RU', 'org-zala-aero')
    """
    return re.sub(r"[^0-9a-zA-Z.]+", "-", node_id).strip("-.")


def _country(code: Any) -> str | None:
    if isinstance(code, str) and _COUNTRY_CODE.match(code):
        return code.lower()
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else None


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    """An FtM entity made by followthemoney's model, each value added (validated and cleaned) by it.

    Raises
    ------
    ExportError
        When the schema or a property name is not FtM's (a mapping error, not bad data).
    """
    try:
        proxy = model.make_entity(schema)
        proxy.id = entity_id
        for name, value in props.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                if item is not None and str(item).strip():
                    proxy.add(name, str(item).strip())
    except InvalidData as err:
        raise ExportError(f"FtM {schema} {entity_id}: {err}") from err
    data: dict[str, Any] = proxy.to_dict()
    return {"id": data["id"], "schema": data["schema"], "properties": data["properties"]}


def _name(snapshot: GraphSnapshot, node_id: str) -> str | None:
    node = snapshot.node(node_id)
    return str(node.get("name")) if node is not None and node.get("name") else None


def _node_entity(snapshot: GraphSnapshot, node: Node) -> dict[str, Any] | None:
    schema = SCHEMA_OF.get(node.label)
    if schema is None:
        return None
    common: dict[str, Any] = {"name": node.get("name"), "alias": node.get("aliases"), "wikidataId": node.get("qid")}
    if node.label == "Country":
        part_of = [ftm_id(r.dst) for r in snapshot.outgoing(node.id, "MEMBER_OF")]
        return _entity(ftm_id(node.id), schema, **common, country=_country(node.get("iso2")),
                       territoryCode=node.get("iso3"), partOf=part_of)
    if node.label == "Place":
        part_of = [ftm_id(r.dst) for r in snapshot.outgoing(node.id, "LOCATED_IN")]
        return _entity(ftm_id(node.id), schema, **common, country=_country(node.get("country")),
                       level=node.get("kind"), partOf=part_of)
    if node.label == "Person":
        return _entity(ftm_id(node.id), schema, **common, country=_country(node.get("country")),
                       position=node.get("role"))
    if node.label == "Article":
        outlets = [_name(snapshot, r.dst) for r in snapshot.outgoing(node.id, "PUBLISHED_BY")]
        return _entity(ftm_id(node.id), schema, title=node.get("title"), sourceUrl=node.get("url"),
                       publishedAt=_date(node.get("published")), publisher=outlets or node.get("outlet"),
                       fileName=node.get("path"), bodyText=node.get("text"))
    seats = [snapshot.node(r.dst) for r in snapshot.outgoing(node.id, "LOCATED_IN")]
    located = [_country(seat.get("iso2")) for seat in seats if seat is not None]
    return _entity(ftm_id(node.id), schema, **common, country=[_country(node.get("country")), *located])


def _party(snapshot: GraphSnapshot, node_id: str) -> tuple[str | None, str | None]:
    """(legal entity id, country code) for a supplier or recipient."""
    node = snapshot.node(node_id)
    if node is None:
        return None, None
    if SCHEMA_OF.get(node.label) in _LEGAL:
        return ftm_id(node.id), _country(node.get("country"))
    return None, _country(node.get("iso2") or node.get("country"))


def _flow_entity(snapshot: GraphSnapshot, flow: Node) -> dict[str, Any]:
    supplier = [r.dst for r in snapshot.outgoing(flow.id, "SUPPLIED_BY")]
    recipient = [r.dst for r in snapshot.outgoing(flow.id, "SUPPLIED_TO")]
    sender, origin = _party(snapshot, supplier[0]) if supplier else (None, None)
    receiver, destination = _party(snapshot, recipient[0]) if recipient else (None, None)
    goods = [snapshot.node(r.dst) for r in snapshot.outgoing(flow.id, "OF_GOOD")]
    via = sorted(snapshot.outgoing(flow.id, "VIA"), key=lambda r: r.get("position", 0))
    uses = [_name(snapshot, r.dst) for r in snapshot.outgoing(flow.id, "USED_FOR")]
    good_names = [g.get("name") for g in goods if g is not None] or [flow.get("good")]
    description = f"{flow.get('supplier')} supplies {flow.get('good')} to {flow.get('recipient')}"
    if via:
        description += " via " + ", ".join(str(_name(snapshot, r.dst) or r.dst) for r in via)
    if any(uses):
        description += "; used for " + ", ".join(u for u in uses if u)
    for label, name in (("quantity", "quantity"), ("value", "value")):
        if flow.get(name):
            description += f"; {label}: {flow.get(name)}"
    description += f" ({flow.get('status', 'asserted')})"
    hs_codes = [code for g in goods if g is not None for code in g.get("hs_codes", [])]
    transit = [_party(snapshot, r.dst)[1] for r in via]
    return _entity(ftm_id(flow.id), "EconomicActivity", sender=sender, receiver=receiver,
                   originCountry=origin, destinationCountry=destination, tradingCountry=transit,
                   customsAmount=flow.get("value"),
                   goodsDescription=good_names, vedCode=hs_codes, vedCodeDescription=good_names,
                   startDate=flow.get("period_start"), endDate=flow.get("period_end"),
                   description=description, summary=flow.get("sentence"),
                   proof=ftm_id(flow.get("article_id")) if flow.get("article_id") else None)


def _claim_entity(snapshot: GraphSnapshot, claim: Node) -> dict[str, Any]:
    about = [snapshot.node(r.dst) for r in snapshot.outgoing(claim.id, "ABOUT")]
    chain = sorted(snapshot.outgoing(claim.id, "ATTRIBUTED_TO"), key=lambda r: r.get("position", 0))
    sources = [_name(snapshot, r.dst) for r in chain] or list(claim.get("attributed_to", []))
    return _entity(ftm_id(claim.id), "Note", name=claim.get("metric") or "claim", description=claim.get("text"),
                   summary="attributed to " + " \u2190 ".join(str(s) for s in sources if s) if sources else None,
                   entity=[ftm_id(n.id) for n in about if n is not None and n.label in SCHEMA_OF],
                   proof=ftm_id(claim.get("article_id")) if claim.get("article_id") else None)


def ftm_entities(snapshot: GraphSnapshot) -> Iterator[dict[str, Any]]:
    """Every FtM entity of the snapshot, nodes first, then mentions, documentation and edges."""
    exported: dict[str, str] = {}
    for node in snapshot.nodes:
        entity = _node_entity(snapshot, node)
        if entity is not None:
            exported[node.id] = entity["schema"]
            yield entity
    for flow in snapshot.nodes_of("SupplyFlow"):
        yield _flow_entity(snapshot, flow)
    for claim in snapshot.nodes_of("Claim"):
        yield _claim_entity(snapshot, claim)
    documented: set[tuple[str, str]] = set()
    for rel in snapshot.relationships_of("MENTIONS"):
        if rel.src not in exported:
            continue
        target = snapshot.node(rel.dst)
        schema = exported.get(rel.dst)
        surface = rel.get("surface") or (target.get("name") if target is not None else None)
        if surface:
            yield _entity(ftm_id(make_id("mention", rel.key)), "Mention", document=ftm_id(rel.src), name=surface,
                          resolved=ftm_id(rel.dst) if schema in _LEGAL else None,
                          detectedSchema=schema or (target.label if target is not None else None),
                          contextCountry=_country(target.get("iso2") or target.get("country")) if target else None)
        if schema is not None and (rel.src, rel.dst) not in documented:
            documented.add((rel.src, rel.dst))
            yield _entity(ftm_id(make_id("documentation", rel.src, rel.dst)), "Documentation",
                          document=ftm_id(rel.src), entity=ftm_id(rel.dst), role="mentioned")
    for rel in snapshot.relationships_of("AFFILIATED_WITH"):
        if exported.get(rel.src) == "Person" and exported.get(rel.dst) in _LEGAL - {"Person"}:
            yield _entity(ftm_id(make_id("employment", rel.key)), "Employment", employee=ftm_id(rel.src),
                          employer=ftm_id(rel.dst), role=rel.get("role"))


def ftm_lines(snapshot: GraphSnapshot) -> Iterator[str]:
    """The entities as JSON lines (each ending in a newline)."""
    for entity in ftm_entities(snapshot):
        yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"
