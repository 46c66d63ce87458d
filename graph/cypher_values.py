"""Values of a Cypher result as plain JSON values, without the engine's internals.

LadybugDB returns a node as a dict with its internal id (``_ID: {offset, table}``) and ``_LABEL`` next to
the properties, a relationship with ``_SRC``/``_DST``/``_ID``/``_LABEL``, and a path (or a variable-length
relationship) as ``{_NODES, _RELS}``. Scripts get instead:

- a node: ``{"labels": [...], "properties": {...}}``
- a relationship: ``{"type": ..., "properties": {...}}``, with ``"start"``/``"end"`` (the endpoint nodes'
  ``id`` property) when the result holds the endpoints (inside a path)
- a path: a list of them, node, relationship, node, ... in order
- dates and datetimes as ISO 8601 text; lists and maps element by element

Properties that are null are left out, as Neo4j leaves out absent properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = ["plain_value"]

_NODE_KEYS = {"_ID", "_LABEL"}
_REL_KEYS = {"_SRC", "_DST", "_LABEL"}
_PATH_KEYS = {"_NODES", "_RELS"}


def _key(internal: Any) -> tuple[Any, ...] | None:
    """An internal id (``{offset, table}``) as a hashable key."""
    if isinstance(internal, Mapping):
        return tuple(sorted(internal.items()))
    return None


def _properties(value: Mapping[str, Any]) -> dict[str, Any]:
    return {k: plain_value(v) for k, v in value.items() if not k.startswith("_") and v is not None}


def _node(value: Mapping[str, Any]) -> dict[str, Any]:
    return {"labels": [value["_LABEL"]], "properties": _properties(value)}


def _relationship(value: Mapping[str, Any], ids: Mapping[tuple[Any, ...] | None, Any] | None = None
                  ) -> dict[str, Any]:
    data: dict[str, Any] = {"type": value["_LABEL"], "properties": _properties(value)}
    if ids is not None:
        for end, key in (("start", "_SRC"), ("end", "_DST")):
            node_id = ids.get(_key(value.get(key)))
            if node_id is not None:
                data[end] = node_id
    return data


def _path(value: Mapping[str, Any]) -> list[dict[str, Any]]:
    nodes = list(value.get("_NODES") or [])
    rels = list(value.get("_RELS") or [])
    ids = {_key(n.get("_ID")): n.get("id") for n in nodes}
    plain_nodes = [_node(n) for n in nodes]
    plain_rels = [_relationship(r, ids) for r in rels]
    if len(nodes) == len(rels) + 1:  # a whole path: node, rel, node, ...
        ordered: list[dict[str, Any]] = [plain_nodes[0]]
        for rel, node in zip(plain_rels, plain_nodes[1:], strict=True):
            ordered += [rel, node]
        return ordered
    if len(nodes) + 1 == len(rels):  # a variable-length relationship: rel, inner node, rel, ...
        ordered = [plain_rels[0]]
        for node, rel in zip(plain_nodes, plain_rels[1:], strict=True):
            ordered += [node, rel]
        return ordered
    return plain_nodes + plain_rels


def plain_value(value: Any) -> Any:
    """A result value as plain JSON data (see the module docstring).

    >>> plain_value({"_ID": {"offset": 0, "table": 0}, "_LABEL": "Country", "id": "country:CN", "qid": None})
    {'labels': ['Country'], 'properties': {'id': 'country:CN'}}
    >>> plain_value(dt.date(2023, 8, 22))
    '2023-08-22'
    """
    if isinstance(value, Mapping):
        keys = set(value)
        if keys >= _PATH_KEYS:
            return _path(value)
        if keys >= _REL_KEYS:
            return _relationship(value)
        if keys >= _NODE_KEYS:
            return _node(value)
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
