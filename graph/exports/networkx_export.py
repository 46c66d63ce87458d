"""GraphML and GEXF files (Gephi, Cytoscape, yEd) through networkx.

The snapshot becomes a ``networkx.MultiDiGraph``: nodes keyed by id with ``label`` (a display name:
name, title or id), ``class`` (the ontology class) and their properties; edges keyed by their stable
relationship key with ``rel_type`` and their properties. Both formats want scalar attributes, so
lists are joined with ``"; "``, dates written as ISO text and unset properties left out. ``start`` and
``end`` (character offsets) become ``span_start``/``span_end``: GEXF reads ``start``/``end`` as time
bounds of a dynamic graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exports.files import atomic_writer, xml_text
from graph.snapshot import GraphSnapshot, Node

__all__ = ["LIST_SEPARATOR", "to_networkx", "write_gexf", "write_graphml"]

LIST_SEPARATOR = "; "
_RENAMED = {"start": "span_start", "end": "span_end", "label": "label_", "id": "id_", "type": "type_"}


def _attrs(props: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in props.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[_RENAMED.get(name, name)] = xml_text(value) if isinstance(value, str) else value
    return out


def _display(node: Node) -> str:
    return xml_text(str(node.get("name") or node.get("title") or node.id))


def to_networkx(snapshot: GraphSnapshot) -> Any:
    """The snapshot as a ``networkx.MultiDiGraph`` with scalar attributes only.

    >>> from graph.snapshot import GraphSnapshot, Node
    >>> russia = Node("Country", "country:RU", {"name": "Russia", "aliases": ["RF", "RU"]})
    >>> g = to_networkx(GraphSnapshot((russia,), ()))
    >>> g.nodes["country:RU"]
    {'label': 'Russia', 'class': 'Country', 'name': 'Russia', 'aliases': 'RF; RU'}
    """
    graph = nx.MultiDiGraph()
    for node in snapshot.nodes:
        graph.add_node(node.id, label=_display(node), **{"class": node.label}, **_attrs(node.props))
    for rel in snapshot.relationships:
        graph.add_edge(rel.src, rel.dst, key=rel.key, rel_type=rel.type, **_attrs(rel.props))
    return graph


def write_graphml(snapshot: GraphSnapshot, path: Path) -> None:
    """Write GraphML (attribute types declared per key), whole or not at all."""
    _write(nx.generate_graphml(to_networkx(snapshot), encoding="utf-8", prettyprint=True), path, "GraphML")


def write_gexf(snapshot: GraphSnapshot, path: Path) -> None:
    """Write GEXF 1.2 (Gephi), whole or not at all."""
    _write(nx.generate_gexf(to_networkx(snapshot), encoding="utf-8", prettyprint=True), path, "GEXF")


def _write(lines: Iterable[str], path: Path, what: str) -> None:
    with atomic_writer(path, what) as handle:
        for line in lines:
            handle.write(line + "\n")
