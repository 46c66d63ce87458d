"""The CLI against hostile queries, broken stores and hostile data: refusals, recovery, escaping."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.ladybug_store import LadybugStore
from tests.graph.sample import write_sample_store
from tests.graph.test_cypher_guard import DANGEROUS, victim_files
from tradetrace.app import app

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample_store(tmp_path / "graph.db")


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- read-only cypher ------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [False, True])
def test_dangerous_cypher_is_refused_with_exit_2_and_does_nothing(db: Path, tmp_path: Path, write: bool) -> None:
    victim, secret = victim_files(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for query in DANGEROUS:
        text = query.format(victim=victim, secret=secret, library=tmp_path / "x.so", directory=tmp_path / "out")
        code, stdout, stderr = _cli("cypher", text, "--db", str(db), *(["--write"] if write else []))
        assert code == 2, (text, stdout, stderr)
        assert stderr.startswith("error: refused: ") and stderr.count("\n") == 1, stderr
        assert "the-secret-line" not in stdout + stderr
    assert victim.read_text(encoding="utf-8") == "untouched\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_several_statements_each_result_shown(db: Path) -> None:
    code, stdout, _ = _cli("cypher", "MATCH (a:Article) RETURN count(a) AS articles; MATCH (c:Claim) RETURN "
                           "count(c) AS claims", "--db", str(db), "--format", "json")
    assert code == 0
    assert [r["rows"] for r in json.loads(stdout)] == [[{"articles": 1}], [{"claims": 2}]]


# -- check, broken stores ---------------------------------------------------------------------------


def test_check_reports_a_whole_store(db: Path) -> None:
    code, _, stderr = _cli("check", "--db", str(db))
    assert code == 0 and "1 articles" in stderr and "ok: no problems found" in stderr


def test_check_exits_1_on_a_problem(db: Path) -> None:
    assert _cli("cypher", "MATCH (a:Article) SET a.text = 'rewritten'", "--db", str(db), "--write")[0] == 0
    code, stdout, _stderr = _cli("check", "--db", str(db), "--format", "json")
    assert code == 1
    report = json.loads(stdout)
    assert not report["ok"] and any("content hash" in p for p in report["problems"])


def test_an_empty_file_is_not_a_tradetrace_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (["stats"], ["claims"], ["check"], ["cypher", "MATCH (n) RETURN n"]):
        code, _, stderr = _cli(*command, "--db", str(empty))
        assert code == 1 and "not a tradetrace store" in stderr and "Traceback" not in stderr, (command, stderr)


def test_push_neo4j_refuses_an_unsupported_scheme(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    code, _, stderr = _cli("push", "neo4j", "--uri", "http://localhost:7474", "--db", str(db))
    assert code == 1
    assert "unsupported Neo4j URI 'http://localhost:7474'" in stderr and "bolt://" in stderr and "neo4j+s://" in stderr


# -- exports: XML-safe and atomic -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_xml_exports_hold_no_control_characters(db: Path, tmp_path: Path, kind: str) -> None:
    with LadybugStore(db) as store:  # as a store written before the readers removed them would hold
        store.query("MATCH (a:Article) SET a.title = $t", {"t": "bell\x07 and NUL\x00\x1b"})
    output = tmp_path / f"graph.{kind}"
    code, _, stderr = _cli("export", kind, "-o", str(output), "--db", str(db))
    assert code == 0, stderr
    ElementTree.parse(output)  # well-formed XML
    assert "bell and NUL" in output.read_text(encoding="utf-8")


def test_a_failed_export_leaves_the_previous_file_and_no_partial_one(db: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import networkx

    output = tmp_path / "graph.graphml"
    output.write_text("previous export\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> object:
        yield "<?xml version='1.0' encoding='utf-8'?>"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(networkx, "generate_graphml", broken)
    code, _, stderr = _cli("export", "graphml", "-o", str(output), "--db", str(db))
    assert code == 1 and "No space left on device" in stderr
    assert output.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.db", "graph.graphml"]


# -- data in the terminal is data -----------------------------------------------------------------


def test_stored_markup_and_terminal_controls_print_as_plain_text(db: Path) -> None:
    hostile = "[/caption] [link=http://evil.example]click[/link] \x1b]8;;http://evil.example\x07x\x1b[2J"
    # The claims table quotes the article's sentence and names its outlet: put the markup in both.
    assert _cli("cypher", "MATCH (c:Claim) SET c.text = $t; MATCH (a:Article) SET a.outlet = $t", "--db", str(db),
                "--write", "-p", f"t={hostile}")[0] == 0
    code, stdout, stderr = _cli("claims", "--db", str(db))
    assert code == 0, stderr
    assert "[/caption]" in stdout and "[link=http://evil.example]click[/link]" in stdout
    assert "\x1b" not in stdout and "\x07" not in stdout


def test_markup_in_jsonl_metadata_does_not_abort_ingest(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": "Kazakhstan shipped 40 tonnes of ball bearings to Russia in March 2023.",
                                 "published": "[/x]", "title": "[bold]Bearings[/bold]"}) + "\n", encoding="utf-8")
    code, _, stderr = _cli("ingest", str(batch), "--db", str(tmp_path / "g.db"))
    assert code == 0, stderr
    assert "unrecognised published date '[/x]'" in stderr and "ingested 1 new article(s)" in stderr


def test_max_bytes_is_an_option(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Kazakhstan shipped ball bearings to Russia. " * 40, encoding="utf-8")
    code, _, stderr = _cli("extract", str(big), "--max-bytes", "100")
    assert code == 1 and "article too large: over 100 bytes (--max-bytes)" in stderr


def test_json_output_escapes_c1_controls_and_stays_the_same_json(db: Path) -> None:
    hostile = "csi\x9b2J and del\x7f"
    assert _cli("cypher", "MATCH (c:Claim) SET c.text = $t", "--db", str(db), "--write", "-p", f"t={hostile}")[0] == 0
    code, stdout, _ = _cli("claims", "--db", str(db), "--format", "json")
    assert code == 0
    assert "\x9b" not in stdout and "\x7f" not in stdout
    assert {claim["text"] for claim in json.loads(stdout)} == {hostile}
