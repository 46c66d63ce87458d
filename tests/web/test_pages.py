"""The pure parts of the web view: search, span marking, distinct hops, drawing labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradetrace.web.drawing import DrawingUnavailable, provenance_svg, route_hops, route_svg
from tradetrace.web.pages import mark_span
from tradetrace.web.search import search

ENTITIES = [
    {"id": "country:KG", "type": "Country", "name": "Kyrgyzstan", "aliases": ["Kirghizia"], "mentions": 9},
    {"id": "good:ball-bearings", "type": "Good", "name": "ball bearings", "aliases": [], "mentions": 4},
]
CLAIMS = [{"id": "claim:1", "text": "Exports rose 2,492% last year.", "metric": "exports", "value": "2,492%"}]


def test_search_by_name_alias_and_claim_text() -> None:
    assert [e["id"] for e in search(ENTITIES, CLAIMS, "kirghizia")["entities"]] == ["country:KG"]
    assert [g["id"] for g in search(ENTITIES, CLAIMS, "Bearings")["goods"]] == ["good:ball-bearings"]
    assert [c["id"] for c in search(ENTITIES, CLAIMS, "2,492")["claims"]] == ["claim:1"]
    assert search(ENTITIES, CLAIMS, "   ")["suggestions"] == []


def test_search_suggests_close_names_only_on_a_miss() -> None:
    assert [s["id"] for s in search(ENTITIES, CLAIMS, "Kyrgistan")["suggestions"]] == ["country:KG"]
    assert search(ENTITIES, CLAIMS, "Kyrgyzstan")["suggestions"] == []
    assert search(ENTITIES, CLAIMS, "zzqx")["suggestions"] == []


def test_mark_span_inside_its_sentence() -> None:
    text = "Intro line. Bearings went to Bishkek. Then to Tula."
    start = text.index("Bishkek")
    segments = mark_span("Bearings went to Bishkek.", text, start, start + len("Bishkek"))
    assert [(s.text, s.marked) for s in segments] == [("Bearings went to ", False), ("Bishkek", True), (".", False)]


def test_mark_span_falls_back_to_the_span_text_then_to_no_mark() -> None:
    text = "A. Bearings went to Bishkek."
    start = text.index("Bishkek")
    # the stored sentence differs from the text (cleaned whitespace): the span's own text is found
    segments = mark_span("Bearings  went to Bishkek.", text, start, start + 7)
    assert [s.text for s in segments if s.marked] == ["Bishkek"]
    assert [s.marked for s in mark_span("Nothing in common.", text, start, start + 7)] == [False]
    assert [s.marked for s in mark_span("Sentence.", None, None, None)] == [False]
    assert mark_span(None, text, 0, 1) == []


def _ref(eid: str, name: str) -> dict[str, str]:
    return {"id": eid, "name": name, "type": "Country"}


CN, KG, RU = _ref("country:CN", "China"), _ref("country:KG", "Kyrgyzstan"), _ref("country:RU", "Russia")


def _hop(a: dict[str, str], b: dict[str, str], status: str = "asserted") -> dict[str, object]:
    return {"from": a, "to": b, "strength": 1.0, "articles": 1, "origins": ["X"], "end_uses": [],
            "evidence": [{"status": status}]}


ROUTES = [
    {"source": CN, "target": RU, "good": "ball bearings", "nodes": [CN, KG, RU], "end_uses": ["tanks"],
     "hops": [_hop(CN, KG), _hop(KG, RU, "hedged")]},
    {"source": CN, "target": RU, "good": "ball bearings", "nodes": [CN, RU], "end_uses": [],
     "hops": [_hop(CN, RU)]},
    {"source": CN, "target": RU, "good": "ball bearings", "nodes": [CN, KG, RU], "end_uses": [],
     "hops": [_hop(CN, KG), _hop(KG, RU)]},
]


def test_route_hops_are_distinct_and_know_their_routes() -> None:
    hops = route_hops(ROUTES)
    assert [(h.source["name"], h.target["name"], h.routes) for h in hops] == [
        ("China", "Kyrgyzstan", (1, 3)), ("Kyrgyzstan", "Russia", (1, 3)), ("China", "Russia", (2,))]
    assert [h.anchor for h in hops] == ["hop-1", "hop-2", "hop-3"]


def test_route_drawing(graphviz_dot: str) -> None:
    svg = route_svg(ROUTES)
    assert svg.startswith("<svg")
    for name in ("China", "Kyrgyzstan", "Russia", "tanks"):
        assert f">{name}</text>" in svg
    assert svg.count('class="edge hop"') == 3
    assert 'xlink:href="#ev-hop-2"' in svg and "routes #1, #3" in svg


def test_labels_are_text_never_markup(graphviz_dot: str) -> None:
    odd = _ref("company:x", '<b>Evil "Co"</b> \\N')
    svg = route_svg([{"source": CN, "target": odd, "good": "<script>", "nodes": [CN, odd], "end_uses": [],
                      "hops": [_hop(CN, odd)]}])
    assert "<b>" not in svg and "<script>" not in svg
    assert "&lt;b&gt;Evil &quot;Co&quot;&lt;/b&gt; \\N" in svg


def test_provenance_tree_has_origins_first_and_every_report(graphviz_dot: str) -> None:
    def report(outlet: str, chain: list[str]) -> dict[str, object]:
        return {"text": f"{outlet} says 73%.", "article": {"id": f"article:{outlet}", "outlet": outlet,
                                                          "published": "2023-08-01"},
                "chain": [{"name": n, "role": None, "entity_id": None, "type": None} for n in chain],
                "origin": chain[-1]}

    data = {"origins": ["WSJ"], "reports": [report("A", ["A", "WSJ"]), report("B", ["B", "Reuters", "WSJ"])]}
    svg = provenance_svg(data)
    assert svg.count('class="node report"') == 2 and svg.count('class="node source origin"') == 1
    titles = [line for line in svg.splitlines() if line.startswith("<title>") and "&gt;" in line]
    assert len(titles) == 5  # WSJ→A, A→report 1, WSJ→Reuters, Reuters→B, B→report 2


def test_without_dot_the_drawing_is_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DrawingUnavailable, match="apt-get install graphviz"):
        route_svg(ROUTES)


def test_goods_get_their_own_colour_and_companies_square_corners(graphviz_dot: str) -> None:
    firm = {"id": "company:acme", "name": "Acme Trading", "type": "Company"}
    routes = [*ROUTES, {"source": CN, "target": firm, "good": "drones", "nodes": [CN, firm], "end_uses": [],
                        "hops": [_hop(CN, firm)]}]
    svg = route_svg(routes)
    edges = svg.split('class="edge hop"')[1:]
    bearings = {re.search(r'stroke="(#[0-9A-Fa-f]{6})"', e).group(1) for e in edges if "ball bearings" in e}
    drones = {re.search(r'stroke="(#[0-9A-Fa-f]{6})"', e).group(1) for e in edges if "drones" in e}
    assert len(bearings) == len(drones) == 1 and bearings != drones
    acme = svg[svg.index('class="node entity company'):].split("</g>")[0]
    china = svg[svg.index('class="node entity country'):].split("</g>")[0]
    assert "<polygon" in acme and "<path" not in acme  # straight corners
    assert "<path" in china  # rounded corners are drawn as curves
    single = route_svg(ROUTES)
    assert "#0072B2" not in single  # one good: no colour key needed
