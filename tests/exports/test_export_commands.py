"""``tradetrace push`` / ``tradetrace export`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradetrace.app import app

runner = CliRunner()


def test_export_cypher_to_stdout(sample_db: Path) -> None:
    result = runner.invoke(app, ["export", "cypher", "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("// tradetrace graph export for cypher-shell")
    assert "UNWIND $rows AS row MERGE (n:Country {id: row.id}) SET n += row.props;" in result.stdout


def test_export_cypher_to_file(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.cypher"
    result = runner.invoke(app, ["export", "cypher", "--db", str(sample_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count(":param rows => ") > 5


def test_export_neo4j_csv(sample_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "neo4j-csv", "--db", str(sample_db), "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "nodes" / "Country.csv").is_file()
    assert "neo4j-admin database import full" in (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "marker"), [("turtle", "@prefix tt:"), ("nt", "<https://w3id.org/tradetrace/id/"),
                                              ("json-ld", '"@context"')])
def test_export_rdf(sample_db: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["export", "rdf", "--format", fmt, "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout


def test_export_ftm(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "entities.ftm.json"
    result = runner.invoke(app, ["export", "ftm", "--db", str(sample_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["schema"] for line in lines)


def test_export_claimreview(sample_db: Path) -> None:
    result = runner.invoke(app, ["export", "claimreview", "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    assert [r["@type"] for r in json.loads(result.stdout)["@graph"]] == ["ClaimReview", "ClaimReview"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graph_files(sample_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(app, ["export", fmt, "--db", str(sample_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "ftm", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "none.db" in result.output and "ingest" in result.output


def test_push_without_password(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TT_TEST_NO_SUCH_VAR", raising=False)
    result = runner.invoke(app, ["push", "neo4j", "--db", str(sample_db), "--password-env", "TT_TEST_NO_SUCH_VAR"])
    assert result.exit_code == 1
    assert "TT_TEST_NO_SUCH_VAR" in result.output


def test_push_to_an_unreachable_server(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TT_TEST_PASSWORD", "secret")
    result = runner.invoke(app, ["push", "neo4j", "--db", str(sample_db), "--uri", "bolt://127.0.0.1:9",
                                 "--password-env", "TT_TEST_PASSWORD"])
    assert result.exit_code == 1
    assert "cannot connect to bolt://127.0.0.1:9" in result.output
