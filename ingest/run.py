"""Ingest as one call: read every file, skip what is stored, extract the rest and write it in batches.

:func:`ingest_paths` is the whole of ``tradetrace ingest`` except the printing. It never prints: per-file
problems go to an ``on_problem`` callback as they happen (and into the returned :class:`IngestReport`),
progress to an ``on_progress`` callback, so a terminal, a web page or a test can each show them their way.

The store is anything with a ``writer()`` as :class:`ArticleSink` describes (every backend of
:mod:`graph.store` has one); this module imports no backend, so the pipeline's read → extract steps stay
free of the database.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from ontology.errors import InputError, StoreError
from ontology.records import Article, Extraction

__all__ = [
    "WRITE_BATCH",
    "WRITE_ROWS",
    "ArticleSink",
    "ArticleWriter",
    "IngestReport",
    "Problem",
    "ProgressEvent",
    "ReadReport",
    "Written",
    "ingest_paths",
    "read_paths",
    "write_batch",
]

# Articles, and records (mentions, flows, claims), per store transaction at most. The engine's COMMIT and
# checkpoints cost seconds on a grown store whatever the size of the transaction, so few large ones
# are much cheaper: 1,024 seed-like articles took 20.8 s in transactions of 128, 8.6 s in two and 6.3 s
# in one (docs/benchmarks.md). The row bound (about 500 such articles) caps the memory a batch holds.
WRITE_BATCH = 1024
WRITE_ROWS = 80_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: ``message`` names the file (or article path) and what is wrong."""

    level: Literal["error", "warning"]
    message: str


@dataclass(frozen=True)
class ProgressEvent:
    """Where ingest stands: ``stage`` is ``"extracting"`` or ``"storing"``; ``done`` of ``total`` new articles
    have been extracted."""

    stage: Literal["extracting", "storing"]
    done: int
    total: int


class Written(Protocol):
    """What a store says about one article it was asked to write."""

    @property
    def skipped(self) -> bool: ...


class ArticleWriter(Protocol):
    """The part of a store's writer that ingest needs: which articles it holds, and idempotent writes."""

    def article_ids(self) -> set[str]: ...

    def write(self, extraction: Extraction) -> Written: ...

    def write_many(self, extractions: Iterable[Extraction]) -> Sequence[Written]: ...


class ArticleSink(Protocol):
    """A store as ingest sees it: it hands out a writer (see :class:`graph.store.StoreWriter`)."""

    def writer(self) -> ArticleWriter: ...


@dataclass(frozen=True)
class ReadReport:
    """The articles read from some paths, how many were left unbuilt as already known, and the problems."""

    articles: list[Article]
    unchanged: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def failures(self) -> int:
        """Inputs that could not be read (errors, not warnings)."""
        return sum(p.level == "error" for p in self.problems)


@dataclass(frozen=True)
class IngestReport:
    """What :func:`ingest_paths` did: new articles written, unchanged ones skipped, and every problem."""

    written: int
    unchanged: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def failures(self) -> int:
        """Files or articles that did not land (errors, not warnings)."""
        return sum(p.level == "error" for p in self.problems)


ProblemCallback = Callable[[Problem], None]
ProgressCallback = Callable[[ProgressEvent], None]


def _ignore(_: object) -> None:
    return None


def read_paths(paths: Iterable[Path], known: Container[str] = frozenset(),
               on_problem: ProblemCallback = _ignore, max_bytes: int | None = None,
               stdin_format: str = "txt") -> ReadReport:
    """Read every article under ``paths`` (files or directories; ``-`` is standard input, read as
    ``stdin_format``, see :func:`ingest.stdin.read_stdin`); ``max_bytes`` bounds each article
    (:data:`ingest.read.MAX_BYTES` by default, see :func:`ingest.read.read_file`).

    Articles whose content-hash id is in ``known`` are counted as unchanged and not built. Unreadable
    files and warnings are reported through ``on_problem`` in the order met, and kept in the report.
    """
    from ingest.read import MAX_BYTES, discover, read_file, shown_path
    from ingest.stdin import STDIN, STDIN_NAME, read_stdin

    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        on_problem(problem)

    paths = list(paths)
    files, errors = discover(p for p in paths if p != STDIN)
    for error in errors:
        report(_error(error))
    articles: list[Article] = []
    unchanged = 0
    limit = MAX_BYTES if max_bytes is None else max_bytes
    for path in [*files, *([STDIN] if STDIN in paths else [])]:
        outcome = read_stdin(stdin_format, known, limit) if path == STDIN else read_file(path, known, max_bytes=limit)
        for warning in outcome.warnings:
            report(Problem("warning", f"{STDIN_NAME if path == STDIN else shown_path(path)}: {warning}"))
        for error in outcome.errors:
            report(_error(error))
        unchanged += len(outcome.unchanged)
        articles.extend(outcome.articles)
    return ReadReport(articles, unchanged, problems)


def _error(error: InputError) -> Problem:
    return Problem("error", str(error))


def write_batch(store: ArticleWriter, batch: Sequence[Extraction],
                on_problem: ProblemCallback = _ignore) -> tuple[int, int]:
    """Write ``batch`` in one transaction; if it fails, write each half of it the same way, down to single
    articles, so that one bad article costs only itself (its error goes to ``on_problem``, the rest lands).

    Halving, not article by article: each transaction commits and checkpoints, which costs about a second
    on a grown store, so a batch of ``n`` with ``k`` bad articles costs about ``2 k log2(n / k)``
    transactions instead of ``n``. What lands and what is refused is the same either way.

    Returns ``(written, failed)``: articles newly written (stored ones count as neither) and articles refused.
    """
    if not batch:
        return 0, 0
    if len(batch) == 1:
        try:
            return int(not store.write(batch[0]).skipped), 0
        except StoreError as error:
            on_problem(Problem("error", f"{batch[0].article.path}: {error}"))
            return 0, 1
    try:
        return sum(not s.skipped for s in store.write_many(batch)), 0
    except StoreError:
        middle = len(batch) // 2
        first = write_batch(store, batch[:middle], on_problem)
        second = write_batch(store, batch[middle:], on_problem)
        return first[0] + second[0], first[1] + second[1]


def _unique(articles: Iterable[Article]) -> list[Article]:
    """The articles with each id once (the same text in two files is one article), first seen kept."""
    seen: set[str] = set()
    fresh: list[Article] = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            fresh.append(article)
    return fresh


def ingest_paths(paths: Iterable[Path], store: ArticleSink, *, workers: int = 1, model: str | None = None,
                 on_problem: ProblemCallback = _ignore, on_progress: ProgressCallback = _ignore,
                 max_bytes: int | None = None, stdin_format: str = "txt") -> IngestReport:
    """Read, extract and store every article under ``paths``; idempotent.

    Stored articles are recognised by content hash while reading, before any cleaning or NLP, and an article
    met twice in one run is extracted once. Extractions are written in transactions of at most
    :data:`WRITE_BATCH` articles or :data:`WRITE_ROWS` records; a transaction that fails is retried one
    article at a time, so one bad article never stops the rest.

    Parameters
    ----------
    paths: files or directories (``.txt .md .html .jsonl``); ``-`` for standard input, read as ``stdin_format``.
    store: where the extractions go.
    workers, model: extraction processes and spaCy model (see :func:`ingest.batch.extract_articles`).
    on_problem: called with each unreadable file, warning and refused article, as it happens.
    on_progress: called once before extraction, after each extracted article and around each write.
    max_bytes: the largest article read (see :func:`read_paths`).

    Raises
    ------
    StoreError: the store itself fails (not one article's data).
    """
    from ingest.batch import fewer_collections

    with fewer_collections():
        report = _ingest(paths, store, workers, model, on_problem, on_progress, max_bytes, stdin_format)
        # Collections were rare meanwhile: free the garbage in reference cycles now (hundreds of MiB after a
        # large ingest, a few hundredths of a second), before a caller's next step (the CLI then
        # clusters the stored claims, the peak of its memory).
        gc.collect()
        return report


def _ingest(paths: Iterable[Path], store: ArticleSink, workers: int, model: str | None, on_problem: ProblemCallback,
            on_progress: ProgressCallback, max_bytes: int | None, stdin_format: str) -> IngestReport:
    from ingest.batch import extract_articles

    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        on_problem(problem)

    writer = store.writer()  # a store's writer needs no closing (the store itself is the caller's)
    read = read_paths(paths, writer.article_ids(), report, max_bytes, stdin_format)
    fresh = _unique(read.articles)
    unchanged = read.unchanged + len(read.articles) - len(fresh)
    total, done, written = len(fresh), 0, 0
    on_progress(ProgressEvent("extracting", 0, total))
    batch: list[Extraction] = []
    rows = 0

    def flush() -> None:
        nonlocal written, batch, rows
        on_progress(ProgressEvent("storing", done, total))
        # No full collection here: extraction leaves next to no cyclic garbage now that docs are released
        # (a few dozen objects per 200 articles), and one would walk every pending record for nothing.
        added, _ = write_batch(writer, batch, report)
        written += added
        batch, rows = [], 0

    def extraction_failed(article: Article, reason: str) -> None:
        nonlocal done
        done += 1
        report(Problem("error", f"{article.path}: {reason}"))

    for extraction in extract_articles(fresh, workers=workers, model=model, on_error=extraction_failed):
        batch.append(extraction)
        rows += len(extraction.mentions) + len(extraction.supply) + len(extraction.claims)
        done += 1
        on_progress(ProgressEvent("extracting", done, total))
        if len(batch) == WRITE_BATCH or rows >= WRITE_ROWS:
            flush()
            on_progress(ProgressEvent("extracting", done, total))
    flush()
    return IngestReport(written, unchanged, problems)
