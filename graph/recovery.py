"""Opening a LadybugDB file whatever state a crash or a concurrent writer left it in.

What the engine does, and what we do about it (docs/reliability.md has the tests):

* A process killed while a commit writes the write-ahead log leaves a torn log: every later open
  fails with "Checksum verification failed, the WAL file is corrupted". :func:`open_database` then
  moves the log aside (``<db>.wal.torn-<UTC time>``, kept for inspection) and opens the store as of
  its last checkpoint. The store checkpoints after every commit (see
  :meth:`graph.ladybug_store.LadybugStore.write_many`), so the log never holds more than the
  transaction in flight, and that transaction is all that is lost. The articles it held are named by
  the journal (:func:`write_journal`), so the message says which to ingest again.
* A read-only open while another process checkpoints fails with "checkpoint recovery is pending" or
  "Reading past the end of the file" (measured by ``bench/faults.py --readers``); a read-only open
  while a writer commits may meet a log still being written. A read-only open that fails is retried
  for a bounded time, whatever the engine's message, unless the file is no database at all. A
  pending recovery that outlives the retries with no writer alive (a kill during a checkpoint) is
  completed by a brief read-write open.
* A torn log is only ever moved while holding the database file's write lock, the lock every writer
  holds, so a live writer's log is never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import ladybug as lb

from ontology.errors import StoreError

__all__ = [
    "OPEN_RETRY_SECONDS",
    "Opened",
    "clear_journal",
    "journal_path",
    "open_database",
    "wal_path",
    "write_journal",
]

#: How long a read-only open keeps retrying while another process checkpoints or commits.
OPEN_RETRY_SECONDS = 5.0
_FIRST_DELAY = 0.02
_MAX_DELAY = 0.25

_TORN = "wal file is corrupted"
_PENDING = "checkpoint recovery is pending"
_NOT_A_STORE = "not a valid lbug database file"


@dataclass(frozen=True)
class Opened:
    """An open database and what opening it took: ``notices`` say what was recovered or lost."""

    database: lb.Database
    notices: tuple[str, ...] = ()


def wal_path(db: Path) -> Path:
    """The engine's write-ahead log beside ``db``."""
    return db.with_name(db.name + ".wal")


def journal_path(db: Path) -> Path:
    """The journal naming the articles of the transaction in flight, beside ``db``."""
    return db.with_name(db.name + ".pending")


def write_journal(db: Path, articles: Sequence[tuple[str, str]]) -> None:
    """Record (id, path) of the articles a transaction is about to write, durably, before it starts."""
    path = journal_path(db)
    data = json.dumps({"articles": [{"id": i, "path": p} for i, p in articles]}, ensure_ascii=False)
    with path.open("w", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def clear_journal(db: Path) -> None:
    """Forget the journal once its transaction is committed and checkpointed (or rolled back)."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(db).unlink()


def _journal_articles(db: Path) -> list[str]:
    try:
        data = json.loads(journal_path(db).read_text(encoding="utf-8", errors="surrogateescape"))
        return [str(a.get("path") or a.get("id")) for a in data.get("articles", [])]
    except (OSError, ValueError, AttributeError):
        return []


@contextlib.contextmanager
def _write_lock(db: Path) -> Iterator[bool]:
    """Hold the database file's write lock (the one every writer holds) if no process holds it;
    yields whether it was taken."""
    try:
        fd = os.open(db, os.O_RDWR)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _move_torn_wal(db: Path) -> str:
    """Move the torn log aside and return the notice saying what was lost."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    kept = db.with_name(f"{db.name}.wal.torn-{stamp}")
    wal_path(db).rename(kept)
    lost = _journal_articles(db)
    clear_journal(db)
    what = (f"the last transaction's {len(lost)} article(s) were lost: {', '.join(lost[:10])}"
            f"{' ...' if len(lost) > 10 else ''}; ingest them again to restore them") if lost else \
        "the transaction in flight was lost; ingest its files again to restore them"
    return (f"{db}: the write-ahead log was torn (a process was killed while committing); it was moved to "
            f"{kept.name} and the store opened as of its last checkpoint: {what}")


def _engine_error(db: Path, err: Exception) -> StoreError:
    message = str(err)
    if _NOT_A_STORE in message.lower():
        return StoreError(f"{db}: not a tradetrace store (not a LadybugDB database file)")
    return StoreError(f"cannot open database at {db}: {message}")


def open_database(db: Path, read_only: bool, retry_seconds: float = OPEN_RETRY_SECONDS) -> Opened:
    """Open ``db`` with the engine, recovering from a torn log and waiting out a concurrent checkpoint.

    Raises
    ------
    StoreError
        When the file is no LadybugDB database, another writer holds it (read-write opens are not
        retried: two ingests into one store is a user's mistake to report at once), or a read-only
        open still fails after ``retry_seconds``.
    """
    notices: list[str] = []
    deadline = time.monotonic() + retry_seconds
    delay = _FIRST_DELAY
    recovered = False
    while True:
        try:
            database = lb.Database(str(db), read_only=read_only)
        except (OSError, RuntimeError) as err:
            message = str(err).lower()
            expired = time.monotonic() >= deadline
            if _TORN in message:
                with _write_lock(db) as locked:
                    if locked and wal_path(db).exists():
                        notices.append(_move_torn_wal(db))
                        continue
                # A live writer's log, still being written: wait for its commit.
                if expired or not read_only:
                    raise StoreError(f"{db}: the write-ahead log is corrupted and another process holds the "
                                     f"store; stop it and retry") from err
            elif _PENDING in message and read_only:
                if expired:
                    with _write_lock(db) as locked:
                        pass
                    if not locked or recovered:
                        raise StoreError(f"{db}: another process is checkpointing the store; retry when it "
                                         f"finishes") from err
                    _recover(db)
                    recovered = True
                    deadline = time.monotonic() + retry_seconds
                    continue
            elif not read_only or expired or _NOT_A_STORE in message:
                raise _engine_error(db, err) from err
            # Any other failure of a read-only open is taken as a writer's checkpoint in progress (it
            # also shows as "Reading past the end of the file" while the file grows) and retried.
            time.sleep(delay)
            delay = min(delay * 2, _MAX_DELAY)
            continue
        if not read_only and journal_path(db).exists():
            clear_journal(db)  # its transaction committed (the log replayed) or never began
        return Opened(database, tuple(notices))


def _recover(db: Path) -> None:
    """Complete a pending checkpoint recovery with a brief read-write open."""
    try:
        lb.Database(str(db)).close()
    except (OSError, RuntimeError) as err:
        raise StoreError(f"{db}: checkpoint recovery is pending and a read-write open to complete it "
                         f"failed: {err}") from err
