"""Drawings of routes and provenance trees: Graphviz's layered layout (``dot``) rendered to SVG.

The graphs are built from the pages' JSON shapes with the ``graphviz`` package (which quotes every
identifier and label) and laid out by the ``dot`` program; the SVG is inlined in the page, so a page
and its exported file draw the same picture with no script. Every edge and leaf links to the
``#fragment`` of its evidence on the same page.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import graphviz

from ontology.errors import TradetraceError

__all__ = ["DrawingUnavailable", "Hop", "dot_available", "provenance_svg", "route_hops", "route_svg"]

FONT = "Helvetica,Arial,sans-serif"
# One colour per good when a drawing carries several (Okabe-Ito, readable by colour-blind readers).
GOOD_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B")
NODE_CLASS = {"Country": "country", "Company": "company", "GovernmentAgency": "agency", "Place": "place"}


class DrawingUnavailable(TradetraceError):
    """Graphviz's ``dot`` program is not installed, or failed on a graph."""


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` is on ``PATH``."""
    return shutil.which("dot") is not None


@dataclass(frozen=True)
class Hop:
    """One distinct hop drawn on a route page: ``anchor`` is its evidence's fragment id; ``routes`` are
    the 1-based ranks of the routes that use it."""

    anchor: str
    source: dict[str, Any]
    target: dict[str, Any]
    good: str
    routes: tuple[int, ...]
    data: dict[str, Any]


def route_hops(routes: Sequence[dict[str, Any]]) -> list[Hop]:
    """The distinct hops (source, target, good) of ``routes`` (``path --format json`` objects), in
    the order the ranked routes first use them."""
    seen: dict[tuple[str, str, str], int] = {}
    hops: list[Hop] = []
    for rank, route in enumerate(routes, 1):
        for hop in route["hops"]:
            key = (hop["from"]["id"], hop["to"]["id"], route["good"])
            if key in seen:
                index = seen[key]
                hops[index] = Hop(hops[index].anchor, hops[index].source, hops[index].target, hops[index].good,
                                  (*hops[index].routes, rank), hops[index].data)
                continue
            seen[key] = len(hops)
            hops.append(Hop(f"hop-{len(hops) + 1}", hop["from"], hop["to"], route["good"], (rank,), hop))
    return hops


def _digraph(name: str) -> graphviz.Digraph:
    return graphviz.Digraph(
        name=name,
        graph_attr={"rankdir": "LR", "bgcolor": "transparent", "nodesep": "0.35", "ranksep": "0.9",
                    "fontname": FONT, "pad": "0.2"},
        node_attr={"fontname": FONT, "fontsize": "12", "shape": "box", "style": "rounded,filled",
                   "fillcolor": "#ffffff", "color": "#4a5568", "margin": "0.15,0.08"},
        edge_attr={"fontname": FONT, "fontsize": "10", "color": "#4a5568", "arrowsize": "0.8"},
    )


def _text(value: str) -> str:
    """A label safe for DOT: backslashes escaped, never read as an HTML-like label."""
    # Kept as graphviz's NoHtml str subclass (str() would drop the marker): "<b>x</b>" stays text.
    return cast(str, graphviz.escape(value))


def _lines(*parts: str, width: int = 0) -> str:
    """Label lines, each escaped and left-aligned; long parts wrapped at ``width`` characters."""
    lines: list[str] = []
    for part in parts:
        lines.extend(textwrap.wrap(part, width) if width and len(part) > width else [part])
    return cast(str, graphviz.nohtml("".join(_text(line) + "\\l" for line in lines)))


def _node_id(entity_id: str) -> str:
    return "n-" + re.sub(r"[^A-Za-z0-9_-]", "-", entity_id)


def _render(graph: graphviz.Digraph) -> str:
    try:
        svg = str(graph.pipe(format="svg", encoding="utf-8"))
    except graphviz.ExecutableNotFound as error:
        raise DrawingUnavailable("Graphviz's `dot` is not installed (Debian: apt-get install graphviz)") from error
    except graphviz.CalledProcessError as error:
        raise DrawingUnavailable(f"Graphviz failed on the drawing: {error.stderr!r}") from error
    # Inline SVG: the XML prolog and DOCTYPE are for stand-alone files only.
    return svg[svg.index("<svg"):]


def route_svg(routes: Sequence[dict[str, Any]]) -> str:
    """All ``routes`` in one drawing: entities as nodes, one labelled arrow per distinct hop (good and
    the ranks of the routes using it; dashed when only hedged), end uses as grey notes after the
    route's last entity.

    Raises
    ------
    DrawingUnavailable
        When ``dot`` is missing or fails.
    """
    graph = _digraph("routes")
    drawn: set[str] = set()
    ends = {r["target"]["id"] for r in routes}
    starts = {r["source"]["id"] for r in routes}
    for route in routes:
        for node in route["nodes"]:
            if node["id"] in drawn:
                continue
            drawn.add(node["id"])
            role = "endpoint" if node["id"] in starts | ends else "transit"
            kind = NODE_CLASS.get(node.get("type") or "", "entity")
            graph.node(_node_id(node["id"]), _text(node["name"]), id=_node_id(node["id"]),
                       # countries and places rounded, companies and agencies square-cornered
                       style="rounded,filled" if kind in ("country", "place") else "filled",
                       **{"class": f"entity {kind} {role}",
                          "fillcolor": "#e8f0fe" if role == "endpoint" else "#fff7e0",
                          "tooltip": _text(f"{node['name']} ({node.get('type') or 'entity'})")})
    goods = sorted({r["good"] for r in routes})
    colours = {g: GOOD_COLOURS[i % len(GOOD_COLOURS)] for i, g in enumerate(goods)} if len(goods) > 1 else {}
    for hop in route_hops(routes):
        statuses = {e["status"] for e in hop.data["evidence"]}
        label = f"{hop.good}\n{_rank_label(hop.routes)}"
        graph.edge(_node_id(hop.source["id"]), _node_id(hop.target["id"]),
                   label=graphviz.nohtml(_text(label).replace("\n", "\\n")), id=hop.anchor, URL=f"#ev-{hop.anchor}",
                   tooltip=_text(f"{hop.source['name']} → {hop.target['name']}: show the evidence"),
                   style="solid" if "asserted" in statuses else "dashed",
                   color=colours.get(hop.good, "#4a5568"), fontcolor=colours.get(hop.good, "#1f2933"),
                   penwidth=str(1.2 + min(hop.data["strength"], 3.0)), **{"class": "hop"})
    for index, route in enumerate(routes, 1):
        for use in route["end_uses"]:
            use_id = _node_id(f"use:{use}")
            if use_id not in drawn:
                drawn.add(use_id)
                graph.node(use_id, _text(use), id=use_id, shape="note", fillcolor="#f1f1f1",
                           **{"class": "end-use", "tooltip": _text(f"end use: {use}")})
            graph.edge(_node_id(route["target"]["id"]), use_id, style="dotted", arrowhead="none",
                       id=f"use-{index}-{use_id}", **{"class": "end-use-link"})
    return _render(graph)


def _rank_label(ranks: Sequence[int]) -> str:
    return ("route " if len(ranks) == 1 else "routes ") + ", ".join(f"#{r}" for r in ranks)


def _link_key(link: dict[str, Any]) -> str:
    return link.get("entity_id") or "name:" + " ".join(str(link["name"]).casefold().split())


def provenance_svg(provenance: dict[str, Any]) -> str:
    """A claim's cluster as a provenance tree (``provenance --format json``): origins at the root on
    the left, each attribution chain's links in between (a link shared by several chains drawn once),
    and every report as a leaf on the right with its outlet, date and sentence.

    Raises
    ------
    DrawingUnavailable
        When ``dot`` is missing or fails.
    """
    graph = _digraph("provenance")
    origins = set(provenance["origins"])
    drawn: set[str] = set()
    edges: set[tuple[str, str]] = set()
    for index, report in enumerate(provenance["reports"], 1):
        chain = list(reversed(report["chain"]))  # innermost (the origin's side) first
        previous: str | None = None
        for link in chain:
            key = _node_id(_link_key(link))
            if key not in drawn:
                drawn.add(key)
                is_origin = link["name"] in origins
                generic = link.get("type") == "GenericSource"
                graph.node(key, _text(link["name"]), id=key,
                           fillcolor="#fde2e1" if is_origin else "#ffffff",
                           penwidth="2" if is_origin else "1",
                           style="rounded,filled,dashed" if generic else "rounded,filled",
                           **{"class": "source origin" if is_origin else "source generic" if generic else "source",
                              "tooltip": _text(f"{link['name']}: {link.get('role') or 'source'}"
                                               + (" (independent origin)" if is_origin else ""))})
            if previous is not None and (previous, key) not in edges:
                edges.add((previous, key))
                graph.edge(previous, key, **{"class": "cites"})
            previous = key
        article = report["article"]
        leaf = f"report-{index}"
        head = " · ".join(x for x in (article.get("outlet") or article.get("title") or article["id"],
                                      article.get("published")) if x)
        graph.node(leaf, _lines(head, report["text"], width=60), id=leaf, URL=f"#{leaf}", shape="box",
                   fillcolor="#f6f8fa", fontsize="10",
                   **{"class": "report", "tooltip": _text(f"report {index}: {head}")})
        if previous is not None:
            graph.edge(previous, leaf, **{"class": "reported"})
    return _render(graph)
