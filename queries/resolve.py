"""Resolution: the stored entity or goods a user's words stand for.

Names, aliases and ids are looked up in the packaged gazetteer first (so "PRC", "Türkiye" or "the Kremlin"
work), then in the store: case ignored, by alias and inflection, and companies by name fingerprint. A miss
says "did you mean" with the closest stored names; several equal matches are :class:`~ontology.errors.Ambiguous`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from graph.store import EntityFilter, GraphStore, StoreView, view_of
from ingest.resolve import company_key
from ontology.errors import Ambiguous, NotFound
from ontology.gazetteer import fold_surface, inflections
from queries.narrower import with_narrower_goods
from queries.reference import Reference

__all__ = ["EntityRef", "resolve_class", "resolve_entity", "resolve_goods",
           "suggest"]

SUGGESTIONS = 3
SUGGESTION_CUTOFF = 60.0
"""Least rapidfuzz ``ratio`` (0-100, normalised edit similarity) of a stored name to be offered as
"did you mean"; "Chnia" scores 80 against "China", 30 against "OOO Aerotekhnika Sever"."""


@dataclass(frozen=True)
class EntityRef:
    """A stored entity: id, canonical name and ontology class."""

    id: str
    name: str
    type: str | None = None


def suggest(wanted: str, names: Iterable[str | tuple[str, str]], limit: int = SUGGESTIONS) -> tuple[str, ...]:
    """The stored names closest to ``wanted`` (case and spacing ignored), best first, for "did you mean".

    ``names`` holds names, or ``(form, name)`` pairs where an alias should suggest its canonical name.

    >>> suggest("Chnia", ["China", "Russia", "Kazakhstan"])
    ('China',)
    >>> suggest("Mainland Chna", [("China", "China"), ("Mainland China", "China")])
    ('China',)
    """
    pairs = sorted({(n, n) if isinstance(n, str) else n for n in names if n and (isinstance(n, str) or n[0])})
    choices = [name for _form, name in pairs]
    folded = [fold_surface(form) for form, _name in pairs]
    found = process.extract(fold_surface(wanted), folded, scorer=fuzz.ratio, limit=limit * 4,
                            score_cutoff=SUGGESTION_CUTOFF)
    result: list[str] = []
    for _folded, _score, index in found:
        if choices[index] not in result:
            result.append(choices[index])
    return tuple(result[:limit])


def resolve_class(name: str, classes: Sequence[str]) -> str:
    """The ontology class a user's word names, case ignored ("good", "Good", "GOOD" are ``Good``).

    >>> resolve_class("good", ["Country", "Good"])
    'Good'

    Raises
    ------
    NotFound
        When no class of ``classes`` (the ontology's entity classes, say) has that name; the message
        suggests the closest.
    """
    known = list(classes)
    by_fold = {c.lower(): c for c in known}
    found = by_fold.get(name.strip().lower().replace(" ", ""))
    if found is None:
        raise NotFound(f"{name!r} is not an entity class (one of {', '.join(known)})", suggest(name, known))
    return found


def _names_of(view: StoreView, labels: Sequence[str]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """``(id, name, label, aliases)`` of every stored entity of these classes."""
    return [(e.id, e.name, e.label, e.aliases) for e in view.entities(EntityFilter(labels=tuple(labels)))]


def resolve_entity(store: GraphStore | StoreView, name: str, types: Sequence[str] | None = None, *,
                   reference: Reference) -> EntityRef:
    """The stored entity a name, alias or id stands for.

    In order: the packaged gazetteer (so "PRC", "Türkiye" or "the Kremlin" work); the store by id and
    canonical name, case ignored; stored aliases; for companies, the name's fingerprint
    (case, punctuation and legal forms ignored: "jiangsu ruifeng" finds "Jiangsu Ruifeng Co., Ltd."), whole
    or as the leading words of one stored company's fingerprint.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    name:
        An entity id (``country:CN``), a canonical name or an alias; case does not matter.
    types:
        Ontology classes to accept; all entity classes when ``None``.
    reference:
        The ontology (classes) and gazetteer (known names) to resolve with.

    Raises
    ------
    NotFound
        When no stored entity of the given classes goes by that name; ``suggestions`` holds the closest
        stored names.
    Ambiguous
        When the name fits several stored entities equally (by alias or fingerprint) and none exactly.

    Examples
    --------
    >>> resolve_entity(store, "PRC", reference=reference)  # doctest: +SKIP
    EntityRef(id='country:CN', name='China', type='Country')
    """
    classes = reference.onto.entity_classes()
    labels = [t for t in (types or classes) if t in classes]
    candidates: list[str] = [name]
    known = reference.gazetteer.lookup(name, labels)
    if known is not None:
        candidates.insert(0, known.id)
    view = view_of(store)
    for label in labels:
        found = view.entities(EntityFilter(labels=(label,), ids=frozenset(candidates[:-1]) or None, name=name))
        if found:
            by_id = {e.id: e for e in found}
            hit = next((by_id[c] for c in candidates if c in by_id), found[0])
            return EntityRef(hit.id, hit.name, label)
    stored = _names_of(view, labels)  # aliases, inflections and fingerprints: a scan of each table
    folded = fold_surface(name)
    matches = {(eid, ename, label) for eid, ename, label, aliases in stored
               if folded in {fold_surface(form) for form in (ename, *aliases)}}
    if not matches:
        fingerprint = company_key(name)
        companies = [(eid, ename, label, company_key(ename)) for eid, ename, label, _a in stored
                     if label == "Company"]
        matches = {(eid, ename, label) for eid, ename, label, fp in companies if fp == fingerprint}
        if not matches and fingerprint:
            matches = {(eid, ename, label) for eid, ename, label, fp in companies if fp.startswith(fingerprint + " ")}
    if len(matches) == 1:
        eid, ename, label = matches.pop()
        return EntityRef(eid, ename, label)
    if matches:
        raise Ambiguous(f"{name!r} fits {len(matches)} stored entities; name one by its id",
                        tuple((eid, f"{ename} ({label})") for eid, ename, label in sorted(matches)))
    kinds = f" of type {', '.join(types)}" if types else ""
    raise NotFound(f"no stored entity{kinds} named {name!r}",
                   suggest(name, [(n, ename) for _i, ename, _l, aliases in stored for n in (ename, *aliases)]))


def resolve_goods(store: GraphStore | StoreView, good: str | None = None, chpl_tier: str | None = None, *,
                  reference: Reference) -> set[str] | None:
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
    view = view_of(store)
    rows = [(g.id, g.name, g.aliases, g.props.get("chpl_tier")) for g in view.entities(EntityFilter(labels=("Good",)))]
    selected: set[str] = set()
    if good is not None:
        wanted = fold_surface(good)
        known = reference.gazetteer.lookup(good, ["Good"])
        for gid, name, aliases, _tier in rows:
            forms = _good_forms(name or "", tuple(aliases or ()))
            if gid == good or (known is not None and gid == known.id) or wanted in forms:
                selected.add(gid)
        selected = with_narrower_goods(view, selected)  # "bearings" finds ball and roller bearings
    else:
        selected = {row[0] for row in rows}
    if chpl_tier is not None:
        tier = chpl_tier.strip().lower().removeprefix("tier").strip()
        selected = {gid for gid, _n, _a, t in rows if gid in selected and t is not None
                    and str(t).lower().removeprefix("tier").strip() == tier}
    if not selected:
        what = " and ".join(x for x in (f"good {good!r}" if good else "", f"CHPL tier {chpl_tier}" if chpl_tier else "")
                            if x)
        names = [(n, name) for _g, name, aliases, _t in rows for n in (name, *(aliases or ())) if name]
        raise NotFound(f"no stored good matches {what}", suggest(good, names) if good else ())
    return selected


@cache
def _good_forms(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """Folded inflections of a good's name and aliases (cached: a store's goods are asked again and again)."""
    return frozenset(fold_surface(f) for form in (name, *aliases) for f in inflections(form))
