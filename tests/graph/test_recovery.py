"""Crash safety of the embedded store: a torn write-ahead log, a pending checkpoint, the journal."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph import recovery
from graph.ladybug_store import LadybugStore
from graph.recovery import journal_path, wal_path
from ontology.errors import StoreError
from tests.graph.sample import ARTICLE_TEXT, sample_extraction, write_sample_store

ROOT = Path(__file__).resolve().parents[2]
SECOND_TEXT = ARTICLE_TEXT + "\n\nUpdated to add a figure from customs data.\n"

# Writes the second article and dies like `kill -9` right after COMMIT, before the checkpoint: the
# committed transaction is then only in the write-ahead log, which the test tears.
_KILLED_AFTER_COMMIT = textwrap.dedent("""
    import os, sys
    from graph.ladybug_store import LadybugStore
    from tests.graph.sample import sample_extraction, write_sample_store
    store = LadybugStore(sys.argv[1])
    conn = store._connection()
    real = conn.execute
    def execute(query, *args, **kwargs):
        if query == "CHECKPOINT":
            os._exit(9)
        return real(query, *args, **kwargs)
    conn.execute = execute
    store.write(sample_extraction(sys.argv[2], path="fixtures/updated.txt"))
""")


def _die_after_commit(db: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_AFTER_COMMIT, str(db), SECOND_TEXT], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    assert wal_path(db).stat().st_size > 0 and journal_path(db).exists()


def _articles(db: Path) -> list[str]:
    with LadybugStore(db, read_only=True) as store:
        return sorted(store.article_ids())


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_sample_store(tmp_path / "graph.db")


def test_a_kill_after_commit_loses_nothing(db: Path) -> None:
    _die_after_commit(db)
    with LadybugStore(db) as store:
        assert store.notices == ()
        assert len(store.article_ids()) == 2
    assert not journal_path(db).exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_torn_log_is_moved_aside_and_the_store_opens(db: Path, read_only: bool) -> None:
    before = _articles(db)
    _die_after_commit(db)
    log = wal_path(db)
    with log.open("r+b") as handle:  # the kill came while the commit wrote its last page
        handle.truncate(log.stat().st_size - 100)
    with LadybugStore(db, read_only=read_only) as store:
        assert sorted(store.article_ids()) == before
        (notice,) = store.notices
    assert "torn" in notice and "fixtures/updated.txt" in notice and "ingest them again" in notice
    kept = sorted(p.name for p in db.parent.iterdir() if ".wal.torn-" in p.name)
    assert len(kept) == 1 and not journal_path(db).exists()
    with LadybugStore(db) as store:  # a re-run restores what was lost
        assert store.notices == ()
        store.write(sample_extraction(SECOND_TEXT, path="fixtures/updated.txt"))
        assert len(store.article_ids()) == 2


def test_a_read_only_open_waits_out_a_pending_checkpoint(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = recovery.lb.Database
    failures = iter([RuntimeError("Runtime exception: Cannot open database in read-only mode while checkpoint "
                                  "recovery is pending.")] * 3)

    def flaky(path: str, read_only: bool = False) -> object:
        error = next(failures, None)
        if read_only and error is not None:
            raise error
        return real(path, read_only=read_only)

    monkeypatch.setattr(recovery.lb, "Database", flaky)
    with LadybugStore(db, read_only=True) as store:
        assert len(store.article_ids()) == 1


def test_a_pending_recovery_without_a_writer_is_completed(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = recovery.lb.Database
    calls: list[bool] = []

    def pending_until_recovered(path: str, read_only: bool = False) -> object:
        calls.append(read_only)
        if read_only and False not in calls:
            raise RuntimeError("Cannot open database in read-only mode while checkpoint recovery is pending.")
        return real(path, read_only=read_only)

    monkeypatch.setattr(recovery.lb, "Database", pending_until_recovered)
    monkeypatch.setattr(recovery, "OPEN_RETRY_SECONDS", 0.1)
    opened = recovery.open_database(db, read_only=True, retry_seconds=0.1)
    opened.database.close()
    assert False in calls  # a read-write open completed the recovery


def test_an_empty_file_is_not_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="not a tradetrace store"):
        LadybugStore(empty, read_only=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"GIF89a" + bytes(range(256)) * 40)
    with pytest.raises(StoreError, match="not a tradetrace store"):
        LadybugStore(junk, read_only=True)
    with pytest.raises(StoreError, match="not a tradetrace store"):
        LadybugStore(tmp_path, read_only=True)


def test_a_second_writer_gets_a_clear_lock_error(db: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import sys, ladybug; d = ladybug.Database(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="lock"):
            LadybugStore(db)
        with LadybugStore(db, read_only=True) as reader:  # readers still open beside the writer
            assert len(reader.article_ids()) == 1
    finally:
        holder.communicate("", timeout=30)


# -- tradetrace check ------------------------------------------------------------------------------


def test_check_finds_a_whole_store_whole(db: Path) -> None:
    from graph.integrity import check_store

    with LadybugStore(db, read_only=True) as store:
        report = check_store(store)
    assert report.problems == [] and report.checked_articles == 1 and report.stats.supply_flows == 1


def test_check_finds_a_tampered_text_and_a_flow_without_its_article(db: Path) -> None:
    from graph.integrity import check_store

    with LadybugStore(db) as store:
        store.query("MATCH (a:Article) SET a.text = a.text + ' tampered'")
        store.query("MATCH (f:SupplyFlow)-[r:REPORTED_IN]->() DELETE r")
        report = check_store(store)
    assert len(report.problems) == 3, report.problems
    assert any("content hash" in p for p in report.problems)
    assert any("id is not the hash" in p for p in report.problems)
    assert any("SupplyFlow node(s) without REPORTED_IN" in p for p in report.problems)
