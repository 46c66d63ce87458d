"""Fault injection: kill an ingest at random moments of its commits and check what is left.

Usage: ``python -m bench.faults --trials 20 [--corpus examples/corpus] [--signal KILL|TERM] [--seed 1]``
(from the project root).

Each trial ingests ``--corpus`` with the real CLI (``python -m tradetrace ingest``) into a store whose schema
is already on disk, watches the store's write-ahead log, and as soon as it grows (a transaction is being
written) waits a random 0 to ``--max-delay`` seconds and sends the signal. Then it checks that

1. the store opens (a torn log is moved aside, see :mod:`graph.recovery`), and
2. a re-run of the same ingest leaves exactly the state of an uninterrupted ingest (every node and
   relationship with every property, compared with a baseline ingest into a fresh store).

Prints the trials, the kills that landed while the log was being written, the stores that opened, the
stores identical after the re-run, and the torn logs met.

``python -m bench.faults --readers 20`` instead opens the store read-only over and over for 20 seconds
while another process commits and checkpoints in a loop, and prints the opens and the failures (the
engine refuses a read-only open during a checkpoint; :mod:`graph.recovery` retries).

The test suite runs the same harness (:func:`run_trial`) a few times over a small store writer; this
script runs the real ingest, many times.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["Trial", "run_trial", "store_state"]


@dataclass(frozen=True)
class Trial:
    """One killed run: whether the kill landed while the log was written, whether the store opened, what
    opening it said, whether the re-run reached the baseline state."""

    killed_in_commit: bool
    opened: bool
    notices: tuple[str, ...]
    identical: bool
    error: str = ""


def store_state(db: Path) -> tuple[frozenset[Any], frozenset[Any]]:
    """Every node and relationship of the store with every property, as comparable sets."""
    from graph.ladybug_store import LadybugStore
    from graph.snapshot import read_snapshot

    with LadybugStore(db, read_only=True) as store:
        snapshot = read_snapshot(store)
    nodes = frozenset((n.label, n.id, repr(sorted(n.props.items()))) for n in snapshot.nodes)
    rels = frozenset((r.type, r.src, r.dst, repr(sorted(r.props.items()))) for r in snapshot.relationships)
    return nodes, rels


def _prepare(db: Path) -> None:
    """An empty store with its schema checkpointed, so the log grows only with the ingest's transactions."""
    from graph.ladybug_store import LadybugStore

    LadybugStore(db).close()


def run_trial(command: Sequence[str], db: Path, baseline: tuple[frozenset[Any], frozenset[Any]], delay: float,
              sig: signal.Signals = signal.SIGKILL, timeout: float = 600) -> Trial:
    """Run ``command`` (which must write into ``db``), kill it ``delay`` seconds after the write-ahead log
    starts growing, reopen the store, run ``command`` again to completion and compare with ``baseline``."""
    from graph.ladybug_store import LadybugStore
    from graph.recovery import wal_path
    from ontology.errors import StoreError

    _prepare(db)
    wal = wal_path(db)
    process = subprocess.Popen(list(command), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    # Busy polling: the log appears only when a COMMIT writes it and is gone after the checkpoint that
    # follows, a window of milliseconds for a small transaction.
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if os.stat(wal).st_size > 0:
                break
    if delay:
        time.sleep(delay)
    in_commit = process.poll() is None and wal.exists() and wal.stat().st_size > 0
    process.send_signal(sig)
    process.wait(timeout=timeout)
    try:
        with LadybugStore(db) as store:
            notices = store.notices
    except StoreError as err:
        return Trial(in_commit, False, (), False, str(err))
    rerun = subprocess.run(list(command), cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if rerun.returncode != 0:
        return Trial(in_commit, True, notices, False, rerun.stderr[-500:])
    return Trial(in_commit, True, notices, store_state(db) == baseline)


_CHECKPOINTING_WRITER = """
import sys
from graph.ladybug_store import LadybugStore
with LadybugStore(sys.argv[1]) as store:
    for n in range(100000):
        store.query("UNWIND range(1, 2000) AS i CREATE (:Country {`id`: $p + CAST(i AS STRING), `name`: 'x'})",
                    {"p": f"country:{n}-"})
        store.query("CHECKPOINT")
"""


def readers_during_checkpoints(db: Path, seconds: float) -> tuple[int, int, list[str]]:
    """(opens, failures, distinct failure messages) of read-only opens while a writer checkpoints."""
    from graph.ladybug_store import LadybugStore
    from ontology.errors import StoreError

    _prepare(db)
    writer = subprocess.Popen([sys.executable, "-c", _CHECKPOINTING_WRITER, str(db)], cwd=ROOT)
    opens = failures = 0
    messages: set[str] = set()
    try:
        time.sleep(2)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            opens += 1
            try:
                with LadybugStore(db, read_only=True) as store:
                    store.article_ids()
            except StoreError as err:
                failures += 1
                messages.add(str(err)[:160])
    finally:
        writer.kill()
        writer.wait()
    return opens, failures, sorted(messages)


def _ingest(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tradetrace", "ingest", str(corpus), "--db", str(db)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--signal", choices=["KILL", "TERM"], default="KILL")
    parser.add_argument("--max-delay", type=float, default=0.01, help="Seconds after the log starts growing.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--readers", type=float, default=0, help="Seconds of read-only opens during checkpoints.")
    args = parser.parse_args(argv)
    if args.readers:
        with tempfile.TemporaryDirectory(prefix="tradetrace-readers-") as work:
            opens, failures, messages = readers_during_checkpoints(Path(work) / "graph.db", args.readers)
        print(f"read-only opens during checkpoints: {opens} opens, {failures} failed")
        for message in messages:
            print(f"  {message}")
        return 0 if not failures else 1
    sig = signal.SIGKILL if args.signal == "KILL" else signal.SIGTERM
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="tradetrace-faults-"))
    try:
        base_db = work / "baseline.db"
        subprocess.run(_ingest(args.corpus, base_db), cwd=ROOT, check=True, capture_output=True)
        baseline = store_state(base_db)
        trials: list[Trial] = []
        for number in range(1, args.trials + 1):
            db = work / f"trial-{number}.db"
            trial = run_trial(_ingest(args.corpus, db), db, baseline, rng.uniform(0, args.max_delay), sig)
            trials.append(trial)
            print(f"trial {number}: in commit {trial.killed_in_commit}, opened {trial.opened}, identical "
                  f"{trial.identical}, torn log {any('torn' in n for n in trial.notices)}"
                  + (f" ({trial.error})" if trial.error else ""), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"signal SIG{args.signal}, corpus {args.corpus}: {len(trials)} trials, "
          f"{sum(t.killed_in_commit for t in trials)} killed while the log was written, "
          f"{sum(t.opened for t in trials)} stores opened, {sum(t.identical for t in trials)} identical after "
          f"a re-run, {sum(any('torn' in n for n in t.notices) for t in trials)} torn logs moved aside")
    return 0 if all(t.opened and t.identical for t in trials) else 1


if __name__ == "__main__":
    sys.exit(main())
