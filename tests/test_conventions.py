"""The command line's conventions, one test each, through typer's CliRunner (whose stdout is not a terminal).

Citable evidence cells, claim ids, origins by name, provenance on stdout; look-ups that list candidates,
match numbers as numbers, resolve case-insensitively, by alias and by company fingerprint, and say "did
you mean" (exit 2); ``-`` as standard input and output; ``--format table|json|jsonl|csv`` on every listing;
plain tables and no colour off a terminal; ``--version`` and shell completion.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from ontology.records import Entity, Extraction
from tests.queries.builders import (
    ATLANTIC,
    BALL_BEARINGS,
    CHINA,
    KYRGYZSTAN,
    RUSSIA,
    article,
    build_store,
    claim,
    flow,
)
from tradetrace.app import app

runner = CliRunner()

HENGDA = Entity(id="org:ningbo-hengda-bearing-co-ltd", type="Company", name="Ningbo Hengda Bearing Co., Ltd.")

WIRE_TEXT = (
    "Bearings to Russia up 345%\n"
    "Ball-bearing shipments from China to Russia rose 345% in 2023 compared with 2021, the Atlantic Council "
    "said in a report on Tuesday.\n"
    "Ningbo Hengda Bearing Co., Ltd. shipped ball bearings to Russia through Kyrgyzstan during the year, "
    "according to customs declarations seen by the newsroom, which listed more than forty consignments.\n"
    "Subscribe to our newsletter\n"
)
BULLETIN_TEXT = (
    "Customs bulletin\n"
    "Russia now buys 45% of its ball bearings from China.\n"
)
LEDGER_TEXT = (
    "Bearing trade, revisited\n"
    "Ball-bearing shipments from China to Russia rose 354% in 2023 compared with 2021, Reuters reported.\n"
)
URL = "https://steppewire.example/2024/01/bearings"


def _extractions() -> list[Extraction]:
    wire = article(WIRE_TEXT, "Steppe Wire", dt.date(2024, 1, 9)).model_copy(update={"url": URL})
    bulletin = article(BULLETIN_TEXT, None, dt.date(2024, 2, 1))  # no outlet, no named source
    ledger = article(LEDGER_TEXT, "Baltic Ledger", dt.date(2024, 1, 20))
    hengda_flow = flow(wire, "shipped ball bearings to Russia through Kyrgyzstan", HENGDA, BALL_BEARINGS, RUSSIA,
                       via=[KYRGYZSTAN])
    metric = "ball-bearing shipments from China to Russia"
    rose = claim(wire, "Ball-bearing shipments from China to Russia rose 345% in 2023 compared with 2021, the "
                       "Atlantic Council said in a report on Tuesday.", metric=metric, raw="345%", number=345.0,
                 unit="%", period=("2023-01", "2023-12"), chain=[("Atlantic Council", ATLANTIC, "origin")],
                 about=[CHINA, BALL_BEARINGS, RUSSIA])
    other = claim(ledger, "Ball-bearing shipments from China to Russia rose 354% in 2023 compared with 2021, "
                          "Reuters reported.", metric=metric, raw="354%", number=354.0, unit="%",
                  period=("2023-01", "2023-12"), chain=[("Reuters", None, "origin")], about=[CHINA, RUSSIA])
    share = claim(bulletin, "Russia now buys 45% of its ball bearings from China.", metric="share of ball bearings",
                  raw="45%", number=45.0, unit="%", direction="level", about=[RUSSIA, BALL_BEARINGS])
    entities = (CHINA, RUSSIA, KYRGYZSTAN, BALL_BEARINGS, ATLANTIC, HENGDA)
    return [Extraction(article=wire, entities=entities, supply=(hengda_flow,), claims=(rose,)),
            Extraction(article=ledger, entities=(CHINA, RUSSIA), claims=(other,)),
            Extraction(article=bulletin, entities=(RUSSIA, BALL_BEARINGS), claims=(share,))]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_store(tmp_path_factory.mktemp("conventions") / "db", _extractions()))


def _ok(args: list[str], stdin: str | None = None) -> str:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def _claim_id(text_start: str) -> str:
    for item in _extractions():
        for c in item.claims:
            if c.text.startswith(text_start):
                return c.id
    raise AssertionError(text_start)


# -- citable answers ------------------------------------------------------------------------------


def test_evidence_cells_quote_the_sentence_mark_the_span_and_cite_the_article(db: str) -> None:
    out = _ok(["path", "Ningbo Hengda Bearing Co., Ltd.", "Russia", "--db", db])
    # The span in its sentence, marked; the long rest of the sentence cut at a word, then where it was read.
    assert "Ningbo Hengda Bearing Co., Ltd. «shipped ball bearings to Russia through Kyrgyzstan» during the" in out
    assert f"which listed… — Steppe Wire, 2024-01-09, {URL}" in out
    assert "Subscribe" not in out and "Atlantic Council said" not in out  # one sentence only
    claims = _ok(["claims", "--db", db, "--format", "csv"])
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(claims))}
    bulletin = rows[_claim_id("Russia now buys")]["evidence"]
    # No outlet and no URL: the title and the file stand in.
    assert bulletin.startswith("«Russia now buys 45% of its ball bearings from China.» — Customs bulletin, "
                               "2024-02-01, ")
    assert bulletin.endswith(".txt")
    data = json.loads(_ok(["claims", "--db", db, "--format", "json"]))
    citation = next(c["citation"] for c in data if c["id"] == _claim_id("Ball-bearing shipments from China to "
                                                                          "Russia rose 345%"))
    assert citation["outlet"] == "Steppe Wire" and citation["url"] == URL and citation["quote"].startswith("«")


def test_claim_ids_in_claims_corroborate_and_conflicts(db: str) -> None:
    wire_claim = _claim_id("Ball-bearing shipments from China to Russia rose 345%")
    ledger_claim = _claim_id("Ball-bearing shipments from China to Russia rose 354%")
    assert wire_claim in _ok(["claims", "--db", db])
    corroborate = _ok(["corroborate", "--min-reports", "1", "--db", db])
    assert wire_claim in corroborate and _claim_id("Russia now buys") in corroborate
    conflicts = _ok(["conflicts", "--db", db])
    assert "value_mismatch" in conflicts
    assert wire_claim in conflicts and ledger_claim in conflicts


def test_origins_are_names_and_provenance_answers_on_stdout(db: str) -> None:
    result = runner.invoke(app, ["provenance", "45%", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    first, summary = result.stdout.splitlines()[:2]
    assert first.startswith(_claim_id("Russia now buys") + ": Russia now buys 45%")
    # The report names no source and its article no outlet: the origin is the article, by its title.
    assert summary == "1 report(s), 1 independent origin(s): Customs bulletin"
    assert "article:" not in result.stdout.split("\n", 3)[3].split("«")[0]


# -- look-ups -------------------------------------------------------------------------------------


def test_text_matching_several_facts_lists_the_candidates_and_exits_2(db: str) -> None:
    result = runner.invoke(app, ["provenance", "from china", "--db", db])
    assert result.exit_code == 2 and result.stdout == ""
    assert "'from china' matches 3 claims of different facts" in result.stderr
    for start, outlet in (("Russia now buys", "Customs bulletin"), ("Ball-bearing shipments from China to Russia "
                                                                    "rose 345%", "Steppe Wire"),
                          ("Ball-bearing shipments from China to Russia rose 354%", "Baltic Ledger")):
        line = next(line for line in result.stderr.splitlines() if _claim_id(start) in line)
        assert start in line and line.endswith(f"— {outlet}")


def test_numbers_match_as_numbers(db: str) -> None:
    forty_five = json.loads(_ok(["provenance", "45%", "--db", db, "--format", "json"]))
    assert forty_five["claim"]["value"] == "45%"  # never the 345% claim
    three = json.loads(_ok(["provenance", "345%", "--db", db, "--format", "json"]))
    assert three["claim"]["value"] == "345%"
    missing = runner.invoke(app, ["provenance", "34%", "--db", db])
    assert missing.exit_code == 2 and "no stored claim" in missing.stderr


def test_entities_and_goods_resolve_by_case_alias_and_fingerprint(db: str) -> None:
    for source in ("Ningbo Hengda Bearing Co., Ltd.", "ningbo hengda bearing", "NINGBO HENGDA",
                   "org:ningbo-hengda-bearing-co-ltd"):
        routes = json.loads(_ok(["path", source, "the Russian Federation", "--good", "Ball Bearing", "--db", db,
                                 "--format", "json"]))
        assert routes[0]["source"]["name"] == "Ningbo Hengda Bearing Co., Ltd.", source
        assert routes[0]["target"]["id"] == "country:RU"


def test_a_miss_says_did_you_mean_and_exits_2(db: str) -> None:
    entity = runner.invoke(app, ["path", "Ningbo Hengda", "Rusia", "--db", db])
    assert entity.exit_code == 2 and "did you mean 'Russia'" in entity.stderr
    good = runner.invoke(app, ["path", "Ningbo Hengda", "Russia", "--good", "bal bearings", "--db", db])
    assert good.exit_code == 2 and "did you mean 'ball bearings'" in good.stderr
    far = runner.invoke(app, ["path", "Atlantis", "Russia", "--db", db])
    assert far.exit_code == 2 and "did you mean" not in far.stderr


# -- standard input and output --------------------------------------------------------------------


STDIN_ARTICLE = """Kazakh hauliers carry Chinese drones north

Published: 3 March 2024

Kazakhstan re-exported Chinese drones to Russia last year, the Atlantic Council said in a report.
"""


def test_ingest_and_extract_read_standard_input(tmp_path: Path) -> None:
    store = str(tmp_path / "stdin.db")
    result = runner.invoke(app, ["ingest", "-", "--db", store], input=STDIN_ARTICLE)
    assert result.exit_code == 0, result.output
    lines = "\n".join([
        json.dumps({"text": "Turkey sold microchips to Russia in 2023, Reuters reported.", "title": "Chips",
                    "outlet": "Harbour Line"}),
        "{not json",
    ])
    bad = runner.invoke(app, ["ingest", "-", "--format", "jsonl", "--db", store], input=lines)
    assert bad.exit_code == 1 and "<stdin>:2: malformed JSON" in bad.stderr  # the good line still lands
    paths = json.loads(_ok(["cypher", "MATCH (a:Article) RETURN a.path AS path ORDER BY path", "--db", store,
                            "--format", "json"]))
    assert [p["path"] for p in paths] == ["<stdin>", "<stdin>#L1"]
    extracted = json.loads(_ok(["extract", "-"], stdin=STDIN_ARTICLE))
    assert extracted["articles"][0]["path"] == "<stdin>"


def _parse_rdf(text: str, fmt: str) -> int:
    from rdflib import Graph

    return len(Graph().parse(data=text, format=fmt))


def _parse_ftm(text: str) -> int:
    from followthemoney import model

    return len([model.get_proxy(json.loads(line)) for line in text.splitlines()])


def _parse_xml_graph(text: str, reader: str) -> int:
    graph = getattr(nx, reader)(io.BytesIO(text.encode("utf-8")))
    return int(graph.number_of_nodes())


@pytest.mark.parametrize(("args", "parse"), [
    (["cypher"], lambda t: t.count("UNWIND $rows")),
    (["rdf", "--format", "turtle"], lambda t: _parse_rdf(t, "turtle")),
    (["rdf", "--format", "nt"], lambda t: _parse_rdf(t, "nt")),
    (["rdf", "--format", "json-ld"], lambda t: _parse_rdf(t, "json-ld")),
    (["ftm"], _parse_ftm),
    (["claimreview"], lambda t: len(json.loads(t)["@graph"])),
    (["graphml"], lambda t: _parse_xml_graph(t, "read_graphml")),
    (["gexf"], lambda t: _parse_xml_graph(t, "read_gexf")),
], ids=["cypher", "turtle", "nt", "json-ld", "ftm", "claimreview", "graphml", "gexf"])
def test_every_export_pipes_to_stdout_and_parses(db: str, tmp_path: Path, args: list[str], parse: object,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a file named "-" would land here
    out = _ok(["export", *args, "--db", db, "-o", "-"])
    assert callable(parse) and parse(out) > 0
    assert not (tmp_path / "-").exists()


def test_claimreview_has_one_claim_per_fact(db: str) -> None:
    graph = json.loads(_ok(["export", "claimreview", "--db", db]))["@graph"]
    claims = [item for item in graph if item["@type"] == "Claim"]
    # Three stored claims, three facts (345% and 354% conflict, they do not corroborate).
    assert len(claims) == 3 and len([i for i in graph if i["@type"] == "ClaimReview"]) == 3


def test_cypher_reads_a_file_or_standard_input_and_prints_plain_values(db: str, tmp_path: Path) -> None:
    query = "MATCH p = (f:SupplyFlow)-[:SUPPLIED_BY]->(c:Company) RETURN p, c.name AS name"
    script = tmp_path / "q.cypher"
    script.write_text(query, encoding="utf-8")
    from_file = json.loads(_ok(["cypher", "-f", str(script), "--db", db, "--format", "json"]))
    from_stdin = json.loads(_ok(["cypher", "-f", "-", "--db", db, "--format", "json"], stdin=query))
    assert from_file == from_stdin
    (row,) = from_file
    flow_node, link, company = row["p"]
    assert flow_node["labels"] == ["SupplyFlow"] and company["labels"] == ["Company"]
    assert link == {"type": "SUPPLIED_BY", "properties": link["properties"], "start": flow_node["properties"]["id"],
                    "end": HENGDA.id}
    assert "_ID" not in json.dumps(from_file) and "offset" not in json.dumps(from_file)
    both = runner.invoke(app, ["cypher", query, "-f", str(script), "--db", db])
    assert both.exit_code == 2 and "not both" in " ".join(both.output.replace("│", " ").split())


# -- formats, tables, version ---------------------------------------------------------------------


LISTINGS = [
    ["entities"], ["stats"], ["goods"], ["claims"], ["corroborate", "--min-reports", "1"], ["conflicts"],
    ["path", "ningbo hengda", "Russia"], ["provenance", "45%"], ["cypher", "MATCH (c:Country) RETURN c.name, c"],
]


@pytest.mark.parametrize("command", LISTINGS, ids=[c[0] for c in LISTINGS])
def test_every_listing_speaks_table_json_jsonl_and_csv(db: str, command: list[str]) -> None:
    table = _ok([*command, "--db", db]).splitlines()
    data = json.loads(_ok([*command, "--db", db, "--format", "json"]))
    lines = _ok([*command, "--db", db, "--format", "jsonl"]).splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
    rows = list(csv.reader(io.StringIO(_ok([*command, "--db", db, "--format", "csv"]))))
    # The CSV header is the table's header line (after a title line or two, where the command has one).
    assert rows[0] in [re.split(r"\s{2,}", line.strip()) for line in table[:3]]
    if isinstance(data, list):
        assert len(data) == len(lines)
    # One table and CSV row per record, but path's per hop of each route.
    records = sum(len(route["hops"]) for route in data) if command[0] == "path" else len(lines)
    assert len(rows) - 1 == records


def test_tables_off_a_terminal_are_plain_and_uncoloured(db: str) -> None:
    out = _ok(["claims", "--db", db])
    assert not set("┃│━─┏┡╇└┘") & set(out)
    assert all("  " in line for line in out.splitlines()[1:])  # one row a line, columns apart
    miss = runner.invoke(app, ["path", "Rusia", "China", "--db", db])
    assert "\x1b[" not in miss.stderr and "\x1b[" not in out


def test_version_and_shell_completion() -> None:
    from tradetrace import __version__

    assert _ok(["--version"]) == f"tradetrace {__version__}\n"
    helptext = _ok(["--help"])
    assert "--install-completion" in helptext and "--show-completion" in helptext


def test_claim_id_prefix_names_the_claim(db: str) -> None:
    claim_id = _claim_id("Russia now buys")
    data = json.loads(_ok(["provenance", claim_id[:12], "--db", db, "--format", "json"]))
    assert data["claim"]["id"] == claim_id


def test_ambiguous_company_fingerprint_lists_both(tmp_path: Path) -> None:
    twin = Entity(id="org:ningbo-hengda-bearing-trading-llc", type="Company",
                  name="Ningbo Hengda Bearing Trading LLC")
    text = ("Two Ningbo firms\nNingbo Hengda Bearing Trading LLC sold ball bearings to Russia in 2023.\n"
            "Ningbo Hengda Bearing Co., Ltd. sold ball bearings to Kyrgyzstan in 2023.\n")
    art = article(text, "Harbour Line")
    flows = (flow(art, "Ningbo Hengda Bearing Trading LLC sold ball bearings to Russia in 2023", twin, BALL_BEARINGS,
                  RUSSIA),
             flow(art, "Ningbo Hengda Bearing Co., Ltd. sold ball bearings to Kyrgyzstan in 2023", HENGDA,
                  BALL_BEARINGS, KYRGYZSTAN))
    store = str(build_store(tmp_path / "twins.db", [Extraction(article=art, entities=(
        twin, HENGDA, BALL_BEARINGS, RUSSIA, KYRGYZSTAN), supply=flows)]))
    result = runner.invoke(app, ["path", "Ningbo Hengda", "Russia", "--db", store])
    assert result.exit_code == 2
    assert twin.id in result.stderr and HENGDA.id in result.stderr
    exact = json.loads(_ok(["path", "ningbo hengda bearing trading", "Russia", "--db", store, "--format", "json"]))
    assert exact[0]["source"]["id"] == twin.id
