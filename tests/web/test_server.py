"""Every page over HTTP, as HTML and as JSON (the CLI's ``--format json`` shapes), error statuses,
and the read-only guarantees of ``tradetrace serve``."""

from __future__ import annotations

import hashlib
import html as html_module
import json
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import LOCAL
from tradetrace.app import app
from tradetrace.web.server import CONTENT_SECURITY_POLICY, create_app

ROUTE = "/path?from=China&to=Russia&good=ball+bearings"


def cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def get_json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def claim_id(client: TestClient, value: str) -> str:
    found = get_json(client, f"/?q={value}")["claims"]
    assert found, f"no stored claim mentions {value}"
    return str(found[0]["id"])


# -- JSON: the CLI's shapes -----------------------------------------------------------------------


def test_route_json_is_the_cli_path_json(client: TestClient, example_db: Path) -> None:
    assert get_json(client, ROUTE) == cli_json(example_db, "path", "China", "Russia", "--good", "ball bearings")


def test_claim_json_is_the_cli_provenance_json(client: TestClient, example_db: Path) -> None:
    cid = claim_id(client, "73%25")
    data = get_json(client, f"/claim/{cid}")
    assert data == cli_json(example_db, "provenance", cid)
    assert data["claim"]["id"] == cid


def test_conflicts_and_goods_json_are_the_cli_json(client: TestClient, example_db: Path) -> None:
    assert get_json(client, "/conflicts") == cli_json(example_db, "conflicts")
    assert get_json(client, "/goods?to=Russia&chpl=1") == cli_json(example_db, "goods", "--to", "Russia", "--chpl")
    # /goods defaults to the goods reaching Russia
    assert get_json(client, "/goods") == cli_json(example_db, "goods", "--to", "Russia")


def test_accept_header_selects_json(client: TestClient) -> None:
    response = client.get("/conflicts", headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json(), list)
    browser = client.get("/conflicts", headers={"Accept": "text/html,application/xhtml+xml,application/json;q=0.9"})
    assert browser.headers["content-type"].startswith("text/html")


def test_entity_json(client: TestClient, example_db: Path) -> None:
    data = get_json(client, "/entity/country:KG")
    assert data["entity"]["name"] == "Kyrgyzstan"
    assert data["entity"]["iso2"] == "KG" and data["entity"]["qid"]
    flows = data["flows_out"] + data["flows_via"]
    assert any(f["good"] == "ball bearings" and f["recipient"] == "Russia" for f in flows)
    assert data["claims"] == cli_json(example_db, "claims", "--about", "country:KG")
    good = get_json(client, "/entity/good:ball-bearings")["entity"]
    assert good["type"] == "Good" and good["hs_codes"] and good["chpl_tier"]


def test_search_finds_entities_goods_claims_and_suggests_on_a_miss(client: TestClient) -> None:
    found = get_json(client, "/?q=kyrgyz")
    assert [e["id"] for e in found["entities"]][:1] == ["country:KG"]
    assert any(g["id"] == "good:ball-bearings" for g in get_json(client, "/?q=bearings")["goods"])
    miss = get_json(client, "/?q=Kyrgystan")
    assert not miss["entities"] and not miss["claims"]
    assert miss["suggestions"][0]["name"] == "Kyrgyzstan"


# -- HTML -----------------------------------------------------------------------------------------


def html(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_route_page_draws_the_routes_and_holds_every_hops_evidence(client: TestClient) -> None:
    page = html(client, ROUTE)
    routes = get_json(client, ROUTE)
    svg = page[page.index("<svg"):page.index("</svg>")]
    for name in ("China", "Kyrgyzstan", "Russia"):
        assert f">{name}</text>" in svg
    sentences = {e["sentence"] for r in routes for h in r["hops"] for e in h["evidence"]}
    evidence = re.findall(r'<section class="evidence" id="(ev-hop-\d+)"', page)
    assert evidence and all(f'xlink:href="#{anchor}"' in svg for anchor in evidence)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", page))
    missing = [s for s in sentences if s not in text]
    assert not missing
    assert "<mark>" in page


def test_claim_page_states_reports_and_origins(client: TestClient) -> None:
    cid = claim_id(client, "73%25")
    data = get_json(client, f"/claim/{cid}")
    page = html(client, f"/claim/{cid}")
    assert f"{len(data['reports'])} reports</strong>" in page
    assert f"{data['independent_origins']} independent origin" in page
    assert page.count('class="node report"') == len(data["reports"])
    assert "Wall Street Journal" in page


@pytest.mark.parametrize("url", ["/", "/?q=bearings", "/?q=Kyrgystan", "/conflicts", "/goods", "/goods?to=Kyrgyzstan",
                                 "/entity/country:RU", "/entity/good:ball-bearings"])
def test_pages_render(client: TestClient, url: str) -> None:
    page = html(client, url)
    assert "<h1>" in page and "</html>" in page


def test_head_and_the_json_link_keep_the_query(client: TestClient) -> None:
    assert client.head(ROUTE).status_code == 200
    assert 'href="/path?from=China&amp;to=Russia&amp;good=ball+bearings&amp;format=json"' in html(client, ROUTE)


def test_did_you_mean(client: TestClient) -> None:
    page = html(client, "/?q=Kyrgystan")
    assert "Did you mean" in page and 'href="/entity/country%3AKG"' in page


@pytest.mark.parametrize(("url", "status"), [
    ("/entity/country:ZZ", 404), ("/claim/claim:0000000000000000", 404), ("/path?from=China&to=Atlantis", 404),
    ("/path?from=China", 400), ("/path?from=China&to=Russia&max_hops=two", 400),
    ("/path?from=China&to=Russia&max_hops=99", 400), ("/goods?to=Atlantis", 404),
])
def test_errors_answer_a_status_and_one_message(client: TestClient, url: str, status: int) -> None:
    page = html(client, url, status)
    assert 'class="error"' in page and "Traceback" not in page
    assert set(get_json(client, url, status)) == {"error"}


# -- read-only ------------------------------------------------------------------------------------


def _fingerprint(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(db.parent.glob(db.name + "*"))}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_only_get_and_head_are_served(client: TestClient, method: str) -> None:
    for url in ("/", ROUTE, "/conflicts", "/goods", "/entity/country:KG", "/static/tradetrace.css", "/cypher"):
        response = client.request(method, url, content=b"MATCH (n) DETACH DELETE n")
        assert response.status_code == 405, url
        assert response.headers["allow"] == "GET, HEAD"


def test_no_page_runs_cypher_and_the_store_is_untouched(example_db: Path, graphviz_dot: str) -> None:
    before = _fingerprint(example_db)
    stats = cli_json(example_db, "stats")
    with TestClient(create_app(example_db), base_url=LOCAL) as fresh:
        assert fresh.get("/cypher", params={"query": "MATCH (n) RETURN n"}).status_code == 404
        hostile = "MATCH (n) DETACH DELETE n"
        assert fresh.get("/", params={"q": hostile}).status_code == 200
        assert fresh.get("/path", params={"from": hostile, "to": "Russia"}).status_code == 404
        assert fresh.get("/claim/" + hostile).status_code == 404
        for url in ("/", ROUTE, "/conflicts", "/goods", "/entity/country:KG"):
            assert fresh.get(url).status_code == 200
    assert _fingerprint(example_db) == before
    assert cli_json(example_db, "stats") == stats


def test_the_app_opens_the_store_read_only(example_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import ladybug_store

    opened: list[bool] = []
    original = ladybug_store.LadybugStore.__init__

    def spy(self: Any, path: Any, *args: Any, **kwargs: Any) -> None:
        opened.append(bool(kwargs.get("read_only")))
        original(self, path, *args, **kwargs)

    monkeypatch.setattr(ladybug_store.LadybugStore, "__init__", spy)
    with TestClient(create_app(example_db), base_url=LOCAL) as fresh:
        assert fresh.get("/conflicts").status_code == 200
    assert opened == [True]


def test_responses_forbid_other_hosts(client: TestClient) -> None:
    for url in ("/", ROUTE, "/static/tradetrace.js"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    page = html(client, ROUTE)
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', page)


def test_a_missing_store_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output and "Traceback" not in result.output


def test_serve_binds_loopback_by_default() -> None:
    import inspect

    from tradetrace.web.commands import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_without_graphviz_pages_still_answer_and_say_why(example_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with TestClient(create_app(example_db), base_url=LOCAL) as fresh:
        page = fresh.get(ROUTE).text
    assert "No drawing: Graphviz" in page and "<svg" not in page
    assert "drawings are left out" in page and 'class="evidence"' in page


def test_claim_page_marks_the_figure_in_each_report(client: TestClient) -> None:
    cid = claim_id(client, "73%25")
    page = html(client, f"/claim/{cid}")
    assert page.count("<mark>73%</mark>") == len(get_json(client, f"/claim/{cid}")["reports"])


def test_other_host_names_are_refused(client: TestClient, example_db: Path) -> None:
    # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
    assert client.get("/conflicts", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/conflicts", headers={"Host": "localhost:8765"}).status_code == 200
    named = "workstation.example"
    with TestClient(create_app(example_db, host=named), base_url=f"http://{named}") as exposed:
        assert exposed.get("/goods").status_code == 200


def test_goods_link_each_supplier_to_its_route(client: TestClient) -> None:
    page = html(client, "/goods")
    assert 'href="/path?from=China&amp;to=Russia&amp;good=ball+bearings"' in page
    assert client.get("/path?from=China&to=Russia&good=ball+bearings").status_code == 200
    assert 'action="/path"' in html(client, "/entity/country:CN")
