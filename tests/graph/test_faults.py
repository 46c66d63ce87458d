"""Fault injection in the suite: a writer killed inside its commits, and SIGTERM during a real ingest.

A few trials only (``bench/faults.py --trials N`` runs many, over the real ingest). The writer stands
in for ingest's store side: hand-built extractions written in several transactions, so no model loads.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.faults import ROOT, run_trial, store_state
from graph.ladybug_store import LadybugStore

_WRITER = textwrap.dedent("""
    import sys
    from graph.ladybug_store import LadybugStore
    from tests.graph.sample import ARTICLE_TEXT, sample_extraction
    with LadybugStore(sys.argv[1]) as store:
        for batch in range(3):
            store.write_many([sample_extraction(ARTICLE_TEXT + f"\\nUpdate {batch}.{n}.\\n", path=f"a{batch}-{n}.txt")
                              for n in range(8)])
""")


def _writer(db: Path) -> list[str]:
    return [sys.executable, "-c", _WRITER, str(db)]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> object:
    db = tmp_path_factory.mktemp("baseline") / "graph.db"
    subprocess.run(_writer(db), cwd=ROOT, check=True, timeout=300)
    return store_state(db)


@pytest.mark.parametrize("delay", [0.0, 0.02])
def test_a_kill_inside_a_commit_leaves_a_store_that_opens_and_a_rerun_completes(
        tmp_path: Path, baseline: object, delay: float) -> None:
    trial = run_trial(_writer(tmp_path / "graph.db"), tmp_path / "graph.db", baseline, delay)  # type: ignore[arg-type]
    assert trial.opened, trial.error
    assert trial.identical, trial.error


def test_sigterm_during_ingest_exits_143_and_leaves_a_whole_store(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Bearings via Bishkek\n\nKyrgyzstan re-exported Chinese ball bearings to Russia in 2023, "
                       "customs data show.\n", encoding="utf-8")
    db = tmp_path / "graph.db"
    process = subprocess.Popen([sys.executable, "-m", "tradetrace", "ingest", str(article), "--db", str(db)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not db.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the store opens once the CLI (and its SIGTERM handler) is up
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert "terminated (SIGTERM)" in stderr and "Traceback" not in stderr
    with LadybugStore(db) as store:
        assert store.notices == ()
        assert store.stats().articles in (0, 1)
