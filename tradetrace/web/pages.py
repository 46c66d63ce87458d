"""The pages: each one's data (a JSON shape of the CLI, read through :mod:`tradetrace.web.adapter`), the
extras its template needs (drawing, marked spans), and rendering to HTML, served or self-contained.

A :class:`Page` is rendered the same way by the server (:mod:`tradetrace.web.server`) and by
``tradetrace view`` — only the way styles and script arrive differs (``/static/`` links, or inlined).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from graph.store import GraphStore
from ontology.errors import InputError
from tradetrace.web import adapter
from tradetrace.web.drawing import DrawingUnavailable, provenance_svg, route_hops, route_svg
from tradetrace.web.search import search

__all__ = [
    "DEFAULT_GOODS_RECIPIENT",
    "Page",
    "claim_page",
    "conflicts_page",
    "entity_page",
    "goods_page",
    "home_page",
    "mark_span",
    "render",
    "route_page",
    "write_standalone",
]

DEFAULT_GOODS_RECIPIENT = "Russia"
STATIC_FILES = ("tradetrace.css", "tradetrace.js")


@dataclass(frozen=True)
class Page:
    """A page: its template, its JSON data (what ``?format=json`` answers) and the template's extras."""

    template: str
    title: str
    data: Any
    extras: dict[str, Any] = field(default_factory=dict)
    status: int = 200


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; ``marked`` when it is the evidence span."""

    text: str
    marked: bool = False


def mark_span(sentence: str | None, article_text: str | None, start: int | None, end: int | None) -> list[Segment]:
    """``sentence`` cut into segments with the article's span ``[start, end)`` marked.

    The span is placed by finding the sentence in the article around ``start``; failing that, by the
    span's own text inside the sentence; failing both, the sentence is returned unmarked.

    Examples
    --------
    >>> text = "Intro. Bearings went to Bishkek. End."
    >>> [(s.text, s.marked) for s in mark_span("Bearings went to Bishkek.", text, 7, 15)]
    [('', False), ('Bearings', True), (' went to Bishkek.', False)]
    """
    if not sentence:
        return []
    if article_text is None or start is None or end is None or not 0 <= start < end <= len(article_text):
        return [Segment(sentence)]
    begin = article_text.rfind(sentence, 0, start + 1)
    if begin < 0 or begin + len(sentence) < end:
        begin = article_text.find(sentence, max(0, end - len(sentence)))
    if 0 <= begin <= start and begin + len(sentence) >= end:
        offset, length = start - begin, end - start
    else:
        offset, length = sentence.find(article_text[start:end]), end - start
        if offset < 0:
            return [Segment(sentence)]
    return [Segment(sentence[:offset]), Segment(sentence[offset:offset + length], True),
            Segment(sentence[offset + length:])]


def _drawing(draw: Any, data: Any) -> tuple[str | None, str | None]:
    try:
        return draw(data), None
    except DrawingUnavailable as error:
        return None, str(error)


def home_page(store: GraphStore, query: str | None) -> Page:
    """``/``: a search box over entities, goods and claims, with "did you mean" on a miss."""
    if not (query or "").strip():  # the bare front page reads nothing
        return Page("home.html", "tradetrace", search([], [], ""))
    data = search(adapter.entity_index(store), adapter.claims(store), query or "")
    return Page("home.html", f"Search: {query}" if query else "tradetrace", data)


def entity_page(store: GraphStore, entity_id: str) -> Page:
    """``/entity/{id}``: type, aliases, ids, flows in and out, claims about it."""
    data = adapter.entity(store, entity_id)
    texts = adapter.article_texts(store, [f["article_id"] for key in ("flows_out", "flows_in", "flows_via",
                                                                        "flows_of") for f in data[key]])
    marks = {f["id"]: mark_span(f["sentence"], texts.get(f["article_id"]), f["start"], f["end"])
             for key in ("flows_out", "flows_in", "flows_via", "flows_of") for f in data[key]}
    return Page("entity.html", data["entity"]["name"], data, {"marks": marks})


def route_page(store: GraphStore, source: str, target: str, *, good: str | None = None,
               chpl_tier: str | None = None, max_hops: int = 4, since: str | None = None) -> Page:
    """``/path``: the routes, ranked as ``tradetrace path`` ranks them, drawn, each hop's evidence one
    click away."""
    routes = adapter.routes(store, source, target, good=good, chpl_tier=chpl_tier, max_hops=max_hops, since=since)
    hops = route_hops(routes)
    texts = adapter.article_texts(store, [e["article"]["id"] for h in hops for e in h.data["evidence"]])
    marks = {(h.anchor, i): mark_span(e["sentence"], texts.get(e["article"]["id"]), e["span"]["start"],
                                      e["span"]["end"])
             for h in hops for i, e in enumerate(h.data["evidence"])}
    svg, drawing_error = _drawing(route_svg, routes)
    what = f" ({good})" if good else ""
    return Page("route.html", f"{routes[0]['source']['name']} → {routes[0]['target']['name']}{what}", routes,
                {"hops": hops, "marks": marks, "svg": svg, "drawing_error": drawing_error,
                 "query": {"from": source, "to": target, "good": good or "", "max_hops": max_hops,
                           "since": since or "", "chpl_tier": chpl_tier or ""}})


def claim_page(store: GraphStore, claim: str) -> Page:
    """``/claim/{id}``: the claim's cluster as a provenance tree, reports and independent origins
    counted, conflicting or mutated figures linked."""
    data = adapter.provenance(store, claim)
    ids = {r["claim_id"] for r in data["reports"]}
    related = [c for c in adapter.conflicts(store) if c["a"]["claim_id"] in ids or c["b"]["claim_id"] in ids]
    svg, drawing_error = _drawing(provenance_svg, data)
    value = data["claim"]["value"] or ""
    marks = [mark_span(r["text"], r["text"], r["text"].find(value), r["text"].find(value) + len(value))
             if value and value in r["text"] else mark_span(r["text"], None, None, None) for r in data["reports"]]
    return Page("claim.html", f"Claim: {value or data['claim']['text'][:40]}", data,
                {"conflicts": related, "report_ids": ids, "svg": svg, "drawing_error": drawing_error, "marks": marks})


def conflicts_page(store: GraphStore) -> Page:
    """``/conflicts``: contradictions and mutations, both sentences side by side."""
    return Page("conflicts.html", "Conflicting figures", adapter.conflicts(store))


def goods_page(store: GraphStore, to: str | None, chpl_only: bool) -> Page:
    """``/goods``: the goods reaching a recipient (Russia unless told), CHPL tiers marked."""
    recipient = to or DEFAULT_GOODS_RECIPIENT
    rows = adapter.goods(store, recipient, chpl_only)
    return Page("goods.html", f"Goods reaching {recipient}", rows, {"to": recipient, "chpl": chpl_only})


# -- rendering ------------------------------------------------------------------------------------

_ENV = Environment(loader=PackageLoader("tradetrace.web", "templates"), autoescape=select_autoescape(default=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _static(name: str) -> str:
    return resources.files("tradetrace.web").joinpath("static", name).read_text(encoding="utf-8")


def render(page: Page, *, standalone: bool = False, generated: datetime | None = None,
           notices: Sequence[str] = (), json_url: str = "?format=json") -> str:
    """The page as HTML. ``standalone`` inlines styles and script and forbids every request (a
    Content-Security-Policy of ``default-src 'none'``), so the file opens from disk with no network;
    links to other pages are then left out, since there is no server behind them. ``json_url`` is the
    served page's own address with ``format=json``."""
    inline = {name: _static(name) for name in STATIC_FILES} if standalone else {}
    return _ENV.get_template(page.template).render(
        page=page, data=page.data, x=page.extras, standalone=standalone, inline=inline, notices=list(notices),
        json_url=json_url,
        generated=(generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write_standalone(page: Page, path: Path) -> None:
    """Write ``page`` as one self-contained HTML file at ``path`` (atomically: a reader never sees
    half a file).

    Raises
    ------
    InputError
        When the file cannot be written.
    """
    html = render(page, standalone=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(html, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error
