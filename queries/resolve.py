"""Resolution: the stored entity or goods a user's words stand for.

Names, aliases and ids are looked up in the packaged gazetteer first (so "PRC", "Türkiye" or "the Kremlin"
work), then in the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.store import GraphStore
from ontology.errors import NotFound
from ontology.gazetteer import fold_surface, inflections, load_gazetteer
from ontology.model import load_ontology
from queries.narrower import with_narrower_goods

__all__ = ["SUPPLY_CLASSES", "EntityRef", "resolve_entity", "resolve_goods"]

SUPPLY_CLASSES = ("Country", "Company", "GovernmentAgency", "Place")
"""The classes that supply or receive goods (endpoints of routes)."""


@dataclass(frozen=True)
class EntityRef:
    """A stored entity: id, canonical name and ontology class."""

    id: str
    name: str
    type: str | None = None


def resolve_entity(store: GraphStore, name: str, types: Sequence[str] | None = None) -> EntityRef:
    """The stored entity a name, alias or id stands for.

    The packaged gazetteer is asked first (so "PRC", "Türkiye" or "the Kremlin" work), then the store
    by id, canonical name and aliases (for entities found only by NER).

    Parameters
    ----------
    name:
        An entity id (``country:CN``), a canonical name or an alias; case does not matter.
    types:
        Ontology classes to accept; all entity classes when ``None``.

    Raises
    ------
    NotFound
        When no stored entity of the given classes goes by that name.

    Examples
    --------
    >>> resolve_entity(store, "PRC")  # doctest: +SKIP
    EntityRef(id='country:CN', name='China', type='Country')
    """
    onto = load_ontology()
    labels = [t for t in (types or onto.entity_classes()) if t in onto.entity_classes()]
    candidates: list[str] = [name]
    known = load_gazetteer().lookup(name, labels)
    if known is not None:
        candidates.insert(0, known.id)
    folded = fold_surface(name)
    for label in labels:
        has_aliases = "aliases" in onto.properties_of(label)
        aliases = "n.aliases" if has_aliases else "NULL"
        rows = store.query(
            f"MATCH (n:{label}) WHERE n.id IN $ids OR lower(n.name) = $lower RETURN n.id, n.name, {aliases}",
            {"ids": candidates, "lower": name.strip().lower()},
        ).rows
        if rows:
            by_id = {row[0]: row for row in rows}
            row = next((by_id[c] for c in candidates if c in by_id), rows[0])
            return EntityRef(row[0], row[1], label)
    for label in labels:  # aliases last: a scan of each table
        if "aliases" not in onto.properties_of(label):
            continue
        for eid, ename, aliases in store.query(f"MATCH (n:{label}) RETURN n.id, n.name, n.aliases").rows:
            if folded in {fold_surface(a) for a in (aliases or [])} or fold_surface(ename or "") == folded:
                return EntityRef(eid, ename, label)
    raise NotFound(f"no stored entity named {name!r}" + (f" of type {', '.join(types)}" if types else ""))


def resolve_goods(store: GraphStore, good: str | None = None, chpl_tier: str | None = None) -> set[str] | None:
    """Ids of the stored goods a name (any inflection or alias, with every narrower good) and/or a CHPL tier
    select.

    Returns ``None`` when neither filter is given (every good).

    Raises
    ------
    NotFound
        When the filters select no stored good.
    """
    if good is None and chpl_tier is None:
        return None
    rows = store.query("MATCH (g:Good) RETURN g.id, g.name, g.aliases, g.chpl_tier").rows
    selected: set[str] = set()
    if good is not None:
        wanted = fold_surface(good)
        known = load_gazetteer().lookup(good, ["Good"])
        for gid, name, aliases, _tier in rows:
            forms = {fold_surface(f) for form in (name or "", *(aliases or [])) for f in inflections(form)}
            if gid == good or (known is not None and gid == known.id) or wanted in forms:
                selected.add(gid)
        selected = with_narrower_goods(store, selected)  # "bearings" finds ball and roller bearings
    else:
        selected = {row[0] for row in rows}
    if chpl_tier is not None:
        tier = chpl_tier.strip().lower().removeprefix("tier").strip()
        selected = {gid for gid, _n, _a, t in rows if gid in selected and t is not None
                    and str(t).lower().removeprefix("tier").strip() == tier}
    if not selected:
        what = " and ".join(x for x in (f"good {good!r}" if good else "", f"CHPL tier {chpl_tier}" if chpl_tier else "")
                            if x)
        raise NotFound(f"no stored good matches {what}")
    return selected
