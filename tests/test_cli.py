"""The CLI through typer's CliRunner: ingest, extract, entities, cypher, stats, and the bad-input battery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradetrace.app import app

runner = CliRunner()

ARTICLE = """Chinese machinery keeps reaching the front, customs figures show

Published: 14 November 2023

Russian importers bought Chinese excavators in record numbers this autumn, according to the Atlantic Council.
Kyrgyz re-exporters also moved ball bearings to Moscow, the Wall Street Journal reported.

READ ALSO: Celine Dion announces a surprise Las Vegas residency

Click to comment
"""

SECOND = """Bishkek traders turn into a transit hub

Monday, 20 November 2023, 09:15

Kyrgyzstan has become a conduit for Chinese bearings bound for Russia, the Atlantic Council said.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "machinery.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "bishkek.md").write_text(SECOND, encoding="utf-8")
    return folder


def _stats(db: Path) -> dict[str, object]:
    result = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_ingest_then_cypher_then_reingest_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "ingested 2 new article(s)" in first.stderr
    before = _stats(db)
    assert before["articles"] == 2
    query = runner.invoke(app, ["cypher", "MATCH (c:Country) RETURN c.name AS name ORDER BY name", "--db", str(db),
                                "--format", "json"])
    assert query.exit_code == 0, query.output
    names = [row["name"] for row in json.loads(query.stdout)]
    assert {"China", "Russia", "Kyrgyzstan"} <= set(names)
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "ingested 0 new article(s), 2 unchanged" in second.stderr
    assert _stats(db) == before


def test_ingest_splits_transactions_at_the_row_bound(corpus: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Extractions are written in transactions of at most WRITE_ROWS records; every article lands."""
    from graph.ladybug_store import LadybugStore
    from ingest import run

    sizes: list[int] = []
    write_many = LadybugStore.write_many

    def spy(self: LadybugStore, extractions: list[object]) -> object:
        sizes.append(len(extractions))
        return write_many(self, extractions)  # type: ignore[arg-type]

    monkeypatch.setattr(LadybugStore, "write_many", spy)
    monkeypatch.setattr(run, "WRITE_ROWS", 1)
    db = tmp_path / "graph.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [size for size in sizes if size] == [1, 1]
    assert _stats(db)["articles"] == 2


def test_boilerplate_names_never_become_entities(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.stdout)}
    assert "Atlantic Council" in names
    assert not {"Celine Dion", "Las Vegas"} & names


def test_entities_filters_by_type(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", str(db), "--type", "Good", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["type"] for row in rows} == {"Good"}
    assert {"excavators", "ball bearings"} <= {row["name"] for row in rows}
    lower = runner.invoke(app, ["entities", "--db", str(db), "--type", "good", "--format", "json"])
    assert lower.exit_code == 0 and json.loads(lower.stdout) == rows
    bad = runner.invoke(app, ["entities", "--db", str(db), "--type", "Spaceship"])
    assert bad.exit_code == 2
    assert "Spaceship" in bad.stderr
    typo = runner.invoke(app, ["entities", "--db", str(db), "--type", "Compny"])
    assert typo.exit_code == 2 and "did you mean 'Company'" in typo.stderr


def test_cypher_is_read_only_unless_write(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    refused = runner.invoke(app, ["cypher", "CREATE (:Country {id: 'country:XX', name: 'Nowhere'})", "--db", str(db)])
    assert refused.exit_code == 2  # refused before it reaches the engine
    assert "error" in refused.stderr.lower()
    allowed = runner.invoke(app, ["cypher", "MATCH (c:Country {id: $id}) SET c.qid = 'Q148' RETURN c.qid",
                                  "--db", str(db), "--write", "--param", "id=country:CN"])
    assert allowed.exit_code == 0, allowed.output
    assert "Q148" in allowed.stdout


def test_extract_prints_score_contract_json(corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus / "machinery.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    assert article["path"].endswith("machinery.txt")
    assert article["published"] == "2023-11-14"
    assert {"name": "China", "type": "Country"}.items() <= next(
        e for e in article["entities"] if e["name"] == "China").items()
    assert isinstance(article["supply"], list) and isinstance(article["claims"], list)


def test_bad_input_battery_reports_each_file_and_keeps_the_good_ones(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.db"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_text("", encoding="utf-8")
    (batch / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    latin1 = "Caf\xe9 owners in Bishkek say Chinese bearings reach Russia.\n"
    (batch / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (batch / "feed.jsonl").write_text(
        json.dumps({"text": "Turkey shipped chips to Russia, Reuters reported.", "title": "Chips"}) + "\n"
        + '{"text": "truncated line\n', encoding="utf-8")
    (batch / "report.pdf").write_bytes(b"%PDF-1.4")
    (batch / "fine.txt").write_text(SECOND.replace("Monday", "Tuesday"), encoding="utf-8")
    before = _stats(db)
    result = runner.invoke(app, ["ingest", str(batch), "--db", str(db)])
    assert result.exit_code == 1
    err = result.stderr
    assert "empty.txt" in err and "empty" in err
    assert "image.txt" in err and "binary" in err
    assert "latin1.txt" in err and "UTF-8" in err
    assert "feed.jsonl:2" in err
    assert "report.pdf" in err and "unsupported" in err
    after = _stats(db)
    assert after["articles"] == int(before["articles"]) + 3  # type: ignore[call-overload]
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert missing.exit_code == 1
    assert "nope.txt" in missing.stderr
    assert _stats(db)["articles"] == after["articles"]


def test_read_only_commands_on_missing_store_say_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "ingest" in result.stderr


def test_a_defect_is_one_line_and_exit_70_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Any unexpected exception inside a command (a bug of ours) reaches the user as one line.
    def broken(db: Path) -> object:
        raise TypeError("replace_clusters() takes 4 positional arguments but 5 were given")

    monkeypatch.setattr("tradetrace.commands.store.open_read_only", broken)
    monkeypatch.delenv("TRADETRACE_DEBUG", raising=False)
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 70
    assert "internal error (TypeError: replace_clusters() takes 4" in result.output
    assert "Traceback" not in result.output
    monkeypatch.setenv("TRADETRACE_DEBUG", "1")
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "x.db")])
    assert isinstance(result.exception, TypeError)


def test_a_sigterm_swallowed_inside_the_engine_still_exits_143(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # The engine checks the signal handlers inside a callback of its own: the handler's exception is then
    # reported as unraisable and the command runs on to its end. main must still exit 143, quietly.
    import signal
    import sys
    import types

    from tradetrace import app as app_module

    def command() -> None:
        try:
            app_module._terminate(signal.SIGTERM, None)
        except app_module.Terminated as swallowed:
            sys.unraisablehook(types.SimpleNamespace(exc_type=type(swallowed), exc_value=swallowed,
                                                     exc_traceback=None, err_msg=None, object=None))
        raise SystemExit(0)

    monkeypatch.setattr(app_module, "_signalled", [])
    monkeypatch.setattr(app_module, "app", command)
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    with pytest.raises(SystemExit) as done:
        app_module.main()
    assert done.value.code == app_module.TERMINATED_EXIT
    err = capsys.readouterr().err
    assert "terminated (SIGTERM)" in err and "Traceback" not in err and "Exception ignored" not in err


def test_other_unraisable_exceptions_are_still_reported(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from tradetrace.app import Terminated, _quiet_termination

    class Finaliser:
        def __init__(self, error: BaseException) -> None:
            self.error = error

        def __del__(self) -> None:
            raise self.error

    monkeypatch.setattr(sys, "unraisablehook", _quiet_termination)
    Finaliser(Terminated())  # freed at once: its exception is unraisable
    assert capsys.readouterr().err == ""
    Finaliser(ValueError("a finaliser failed"))
    assert "a finaliser failed" in capsys.readouterr().err
