"""The pages in a real browser: Debian's Chromium driven by Playwright, over a store of our example
corpus and, where ../shared is present, of the seed corpus.

Each test records every request the page makes and every console message: a request to anything but
the test server (or, for an exported file, to anything at all) and any console error fail the test.
The route and claim screenshots in docs/ are written by these tests.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from tests.web.conftest import debian_program
from tradetrace.app import app

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (PyPI) is not installed")

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"
ROUTE_QUERY = "/path?from=China&to=Russia&good=ball+bearings"
# Background services of the browser that would reach the network on their own.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--disable-breakpad", "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = debian_program("chromium", "chromium")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module", params=["examples", pytest.param("seeds", marks=pytest.mark.seeds)])
def served(request: pytest.FixtureRequest, graphviz_dot: str) -> Iterator[tuple[str, Path, str]]:
    """(base URL, store, corpus name): ``tradetrace serve``'s app under uvicorn on a free loopback port."""
    import uvicorn

    from tradetrace.web.server import create_app

    db: Path = request.getfixturevalue("example_db" if request.param == "examples" else "seed_db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db, request.param
    server.should_exit = True
    thread.join(timeout=10)


@dataclass
class Watched:
    """A page with what it asked for and what it said."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def assert_clean(self, allowed_prefix: str) -> None:
        outside = [url for url in self.requests if not url.startswith(allowed_prefix)]
        assert not outside, f"requests left the page's origin: {outside}"
        assert not self.console, f"console errors: {self.console}"


@pytest.fixture()
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    seen = Watched(page)
    page.on("request", lambda req: seen.requests.append(req.url))
    page.on("console", lambda msg: seen.console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen.console.append(str(exc)))
    # Anything that is not the page's own origin is refused (and still recorded above, so it fails).
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/|file://|data:).*"), lambda route: route.abort())
    yield seen
    context.close()


def _json(base: str, path: str) -> Any:
    from urllib.request import urlopen

    sep = "&" if "?" in path else "?"
    with urlopen(f"{base}{path}{sep}format=json", timeout=30) as response:  # the loopback test server only
        return json.loads(response.read())


def _centre_x(page: Any, name: str) -> float:
    box = page.locator("#route-drawing g.node", has=page.locator(f"text='{name}'")).first.bounding_box()
    assert box is not None, f"{name} is not drawn"
    return float(box["x"] + box["width"] / 2)


def _edge_anchor(page: Any, source: str, target: str) -> str:
    """The id of the drawn hop from ``source`` to ``target`` (entity ids), read from Graphviz's titles."""
    wanted = f"n-{source.replace(':', '-')}->n-{target.replace(':', '-')}"
    for edge in page.locator("#route-drawing g.edge.hop").all():
        if edge.locator("title").text_content() == wanted:
            return str(edge.get_attribute("id"))
    raise AssertionError(f"no drawn hop {wanted}")


def _route_checks(page: Any, routes: list[dict[str, Any]]) -> dict[str, Any]:
    """Kyrgyzstan drawn between China and Russia, its hop to Russia clickable with its evidence."""
    transit = next(r for r in routes if [n["name"] for n in r["nodes"]] == ["China", "Kyrgyzstan", "Russia"])
    assert _centre_x(page, "China") < _centre_x(page, "Kyrgyzstan") < _centre_x(page, "Russia")
    china, kyrgyzstan, russia = (n["id"] for n in transit["nodes"])
    assert _edge_anchor(page, china, kyrgyzstan)
    anchor = _edge_anchor(page, kyrgyzstan, russia)
    hop = transit["hops"][1]
    section = page.locator(f"#ev-{anchor}")
    assert not section.is_visible()
    page.locator(f"#route-drawing g#{anchor} text").first.click()
    section.wait_for(state="visible")
    shown = section.inner_text()
    for evidence in hop["evidence"]:
        assert " ".join(evidence["sentence"].split()) in " ".join(shown.split())
        assert evidence["status"] in shown
    assert section.locator("mark").count() >= 1
    assert page.locator(f"#route-drawing g#{anchor}.selected").count() == 1
    return hop


def test_route_page_draws_kyrgyzstan_between_china_and_russia(served: tuple[str, Path, str],
                                                              watched: Watched) -> None:
    base, _db, corpus = served
    routes = _json(base, ROUTE_QUERY)
    watched.page.goto(base + ROUTE_QUERY)
    _route_checks(watched.page, routes)
    if corpus == "examples":
        watched.page.screenshot(path=str(DOCS / "web-route.png"), full_page=True)
    watched.assert_clean(base + "/")


def _claim_checks(page: Any, data: dict[str, Any]) -> None:
    """Every report drawn as a leaf that a chain from the Wall Street Journal reaches."""
    assert data["origins"] == ["Wall Street Journal"]
    nodes = dict(page.eval_on_selector_all(
        "#claim-drawing g.node", "els => els.map(e => [e.id, [...e.querySelectorAll('text')]"
        ".map(t => t.textContent).join(' ')])"))
    origin = [nid for nid, text in nodes.items() if text.strip() == "Wall Street Journal"]
    assert len(origin) == 1
    assert page.locator(f"#claim-drawing g#{origin[0]}.origin").count() == 1
    edges: dict[str, set[str]] = {}
    for title in page.locator("#claim-drawing g.edge title").all_text_contents():
        tail, head = title.split("->")
        edges.setdefault(tail, set()).add(head)
    reached, todo = set(), [origin[0]]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    leaves = [nid for nid in nodes if nid and nid.startswith("report-")]
    assert len(leaves) == len(data["reports"]) >= 2
    assert set(leaves) <= reached, "a report is not reached from the Wall Street Journal"
    verdict = page.locator("#verdict").inner_text()
    assert f"{len(data['reports'])} reports" in verdict and "1 independent origin" in verdict
    for index, report in enumerate(data["reports"], 1):
        leaf = " ".join(nodes[f"report-{index}"].split())
        outlet = report["article"]["outlet"] or report["article"]["title"]
        assert outlet and outlet.split()[0] in leaf
        assert " ".join(report["text"].split())[:30] in leaf


def test_claim_page_draws_the_chain_to_the_wall_street_journal(served: tuple[str, Path, str],
                                                               watched: Watched) -> None:
    base, _db, corpus = served
    claim = next(c for c in _json(base, "/?q=73%25")["claims"] if c["value"] and "73%" in c["value"])
    data = _json(base, f"/claim/{claim['id']}")
    watched.page.goto(f"{base}/claim/{claim['id']}")
    _claim_checks(watched.page, data)
    if corpus == "examples":
        watched.page.screenshot(path=str(DOCS / "web-claim.png"), full_page=True)
    watched.assert_clean(base + "/")


@pytest.mark.parametrize("served", ["examples"], indirect=True)  # the seeds add nothing to these pages' checks
def test_every_page_is_clean(served: tuple[str, Path, str], watched: Watched) -> None:
    base, _db, _corpus = served
    for path in ("/", "/goods?chpl=1", "/conflicts", "/entity/good:ball-bearings"):
        response = watched.page.goto(base + path)
        assert response is not None and response.status == 200, path
        assert watched.page.locator("h1").count() == 1
    watched.page.goto(base + "/?q=Kyrgystan")
    assert "Did you mean" in watched.page.locator("main").inner_text()
    watched.page.get_by_role("link", name="Kyrgyzstan").first.click()
    watched.page.wait_for_url(re.compile(r"/entity/country%3AKG$"))
    watched.assert_clean(base + "/")


# Every drawn element's box relative to the drawing, its computed colours and its text: what the eye sees.
_GEOMETRY = """root => {
  const origin = root.getBoundingClientRect();
  return [...root.querySelectorAll('svg g.node, svg g.edge, svg text, svg path, svg polygon')].map(e => {
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    return [e.tagName, e.id, Math.round(box.x - origin.x), Math.round(box.y - origin.y), Math.round(box.width),
            Math.round(box.height), style.fill, style.stroke, style.fontFamily, e.textContent];
  });
}"""


def _rendered(page: Any, selector: str) -> list[Any]:
    drawing = page.locator(selector)
    drawing.wait_for(state="visible")
    geometry: list[Any] = drawing.evaluate(_GEOMETRY)
    assert len(geometry) > 5
    return geometry


def _export(db: Path, out: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["view", *args, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return out.resolve().as_uri()


@pytest.mark.parametrize("served", ["examples"], indirect=True)  # one store is enough to compare the renderings
def test_exported_files_render_the_same_from_disk(served: tuple[str, Path, str], watched: Watched,
                                                  tmp_path: Path) -> None:
    base, db, _corpus = served
    page = watched.page
    page.goto(base + ROUTE_QUERY)
    served_route = _rendered(page, "#route-drawing")
    page.goto(_export(db, tmp_path / "route.html", "path", "China", "Russia", "--good", "ball bearings"))
    assert _rendered(page, "#route-drawing") == served_route
    _route_checks(page, _json(base, ROUTE_QUERY))

    claim = next(c for c in _json(base, "/?q=73%25")["claims"] if c["value"] and "73%" in c["value"])
    page.goto(f"{base}/claim/{claim['id']}")
    served_tree = _rendered(page, "#claim-drawing")
    page.goto(_export(db, tmp_path / "claim.html", "claim", claim["id"]))
    assert _rendered(page, "#claim-drawing") == served_tree
    _claim_checks(page, _json(base, f"/claim/{claim['id']}"))

    from_disk = [url for url in watched.requests if url.startswith("file://")]
    assert from_disk == [(tmp_path / "route.html").resolve().as_uri(), (tmp_path / "claim.html").resolve().as_uri()]
    outside = [url for url in watched.requests if not url.startswith((base + "/", "file://"))]
    assert not outside and not watched.console, (outside, watched.console)


def test_chromium_is_debians() -> None:
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium is not installed")
    assert Path(found).resolve().is_file()
