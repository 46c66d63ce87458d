"""JSON shapes of the CLI's output, as pure functions of records (the CLI prints them).

The ``extract`` shape is the contract of ``../shared/eval/score.py``: per article ``entities``
(name, type), ``supply`` (supplier, good, recipient, via) and ``claims`` (text, value, attributed_to).
"""

from __future__ import annotations

from typing import Any

from ontology.records import Claim, Entity, Extraction, Period, SupplyFlow

__all__ = ["claim_json", "entity_json", "extraction_json", "period_json", "supply_json"]


def entity_json(entity: Entity) -> dict[str, Any]:
    """An entity with the fields that are set."""
    data = entity.model_dump(exclude_defaults=True)
    data.setdefault("confidence", entity.confidence)
    data.setdefault("origin", entity.origin)
    return data


def period_json(period: Period | None) -> dict[str, Any] | None:
    """A period as ``{"text", "start", "end"}`` or ``None``."""
    return period.model_dump() if period else None


def supply_json(flow: SupplyFlow, names: dict[str, str]) -> dict[str, Any]:
    """A supply flow with canonical names instead of ids, plus ids and evidence; the good is named as the
    text names it (``good_id`` links it to the canonical good)."""
    return {
        "id": flow.id,
        "supplier": names.get(flow.supplier_id, flow.supplier_id),
        "good": flow.good_name or names.get(flow.good_id, flow.good_id),
        "good_id": flow.good_id,
        "recipient": names.get(flow.recipient_id, flow.recipient_id),
        "via": [names.get(v, v) for v in flow.via],
        "end_uses": [names.get(u, u) for u in flow.end_uses],
        "period": period_json(flow.period),
        "quantity": flow.quantity,
        "value": flow.value,
        "status": flow.status,
        "evidence": flow.evidence.model_dump(),
    }


def claim_json(claim: Claim, names: dict[str, str]) -> dict[str, Any]:
    """A claim with its value, period and attribution chain (names, outermost first)."""
    value = claim.value
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.evidence.start,
        "end": claim.evidence.end,
        "metric": claim.metric,
        "value": value.raw if value else None,
        "number": value.number if value else None,
        "unit": value.unit if value else None,
        "direction": value.direction if value else None,
        "qualifier": value.qualifier if value else None,
        "period": period_json(claim.period),
        "attributed_to": [source.name for source in claim.attributed_to],
        "attribution": [source.model_dump() for source in claim.attributed_to],
        "status": claim.status,
        "mood": claim.mood,
        "about": [names.get(i, i) for i in claim.about],
    }


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    """One article's extraction in the ``extract --format json`` shape."""
    article = extraction.article
    names = {entity.id: entity.name for entity in extraction.entities}
    mentioned = {mention.entity_id for mention in extraction.mentions}
    return {
        "path": article.path,
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "warnings": list(article.warnings),
        "boilerplate": [{"start": s.start, "end": s.end, "label": s.label} for s in article.boilerplate],
        "entities": [entity_json(e) | {"mentions": sum(m.entity_id == e.id for m in extraction.mentions)}
                     for e in extraction.entities if e.id in mentioned or _is_outlet(e, article.outlet)],
        # Negated statements ("has not supplied lethal weapons") are kept, but apart: they are not supply.
        "supply": [supply_json(flow, names) for flow in extraction.supply if flow.status != "negated"],
        "negated_supply": [supply_json(flow, names) for flow in extraction.supply if flow.status == "negated"],
        "claims": [claim_json(claim, names) for claim in extraction.claims],
    }


def _is_outlet(entity: Entity, outlet: str | None) -> bool:
    """Whether the entity is the article's publishing outlet (named by metadata, not in the text)."""
    return bool(outlet) and entity.type == "MediaOutlet" and (
        entity.origin in ("metadata", "inferred") or outlet in (entity.name, *entity.aliases))
