"""The goods hierarchy as stored: a good and every good narrower than it (BROADER edges, any depth)."""

from __future__ import annotations

from collections.abc import Iterable

from graph.store import GraphStore, StoreView, view_of

__all__ = ["with_narrower_goods"]


def with_narrower_goods(store: GraphStore | StoreView, good_ids: Iterable[str]) -> set[str]:
    """``good_ids`` and the ids of all stored goods narrower than one of them.

    A stored ``(:Good)-[:BROADER]->(:Good)`` edge says the first good is a narrower kind of the second
    ("ball bearings" -> "bearings"); the set is closed over any number of such steps.

    Parameters
    ----------
    store:
        A :class:`graph.store.StoreView` (or a store, whose view is used).
    good_ids:
        Ids of stored goods.

    Returns
    -------
    set[str]
        The given ids and every id reached by following BROADER edges backwards.

    Examples
    --------
    >>> sorted(with_narrower_goods(store, {"good:bearings"}))  # doctest: +SKIP
    ['good:ball-bearings', 'good:bearings', 'good:roller-bearings']

    Complexity: one query for the whole edge list, then a breadth-first walk, O(goods + edges).
    """
    selected = set(good_ids)
    narrower: dict[str, set[str]] = {}
    for child, parent in view_of(store).broader():
        narrower.setdefault(parent, set()).add(child)
    frontier = list(selected)
    while frontier:
        for child in narrower.get(frontier.pop(), ()):
            if child not in selected:
                selected.add(child)
                frontier.append(child)
    return selected
