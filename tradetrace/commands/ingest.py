"""``tradetrace ingest`` and ``tradetrace extract``: articles in, records out.

The work is :func:`ingest.run.ingest_paths` and :func:`ingest.run.read_paths`; these commands only show
its progress and problems and print the summary.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ingest.read import MAX_BYTES
from ingest.run import Problem, ProgressEvent
from ontology.records import Article
from tradetrace.console import print_error, print_listing, print_note, print_warning, progress
from tradetrace.options import (
    DEFAULT_DB,
    DbOption,
    Format,
    FormatOption,
    MaxBytesOption,
    ModelOption,
    open_store,
    packaged_reference,
)

__all__ = ["extract", "ingest"]

PathsArgument = Annotated[list[Path], typer.Argument(
    help="Files or directories (.txt .md .html .jsonl); '-' reads standard input.")]


class InputFormat(StrEnum):
    """How standard input (``-``) is read: one article (text, Markdown, HTML) or JSON lines."""

    txt = "txt"
    md = "md"
    html = "html"
    jsonl = "jsonl"


_INPUT_FORMAT_HELP = "How '-' (standard input) is read: txt, md, html (one article) or jsonl."
InputFormatOption = Annotated[InputFormat, typer.Option("--input-format", help=_INPUT_FORMAT_HELP)]


def show_problem(problem: Problem) -> None:
    """One per-file problem on stderr, as it happens."""
    if problem.level == "warning":
        print_warning(problem.message)
    else:
        print_error(problem.message)


def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")] = 1,
    model: ModelOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    # ingest prints no listing, so its --format is the input's (extract's --format is its output's).
    input_format: Annotated[InputFormat, typer.Option("--format", "--input-format", "-f",
                                                      help=_INPUT_FORMAT_HELP)] = InputFormat.txt,
) -> None:
    """Read articles, extract entities, supply flows and claims, and store them (idempotent).

    ``-`` reads standard input: one article (``--format txt``, ``md`` or ``html``) or JSON lines
    (``--format jsonl``), e.g. ``curl -s URL | tradetrace ingest - --format html``.
    """
    from ingest.batch import fewer_collections
    from ingest.run import ingest_paths
    from queries.clusters import clusters_current, refresh_clusters

    with fewer_collections(), open_store(db) as store, progress() as bar:
        task = bar.add_task("extracting", total=None)

        def show_progress(event: ProgressEvent) -> None:
            bar.update(task, description=event.stage, completed=event.done, total=event.total)

        report = ingest_paths(paths, store, workers=workers, model=model, on_problem=show_problem,
                              on_progress=show_progress, max_bytes=max_bytes, stdin_format=input_format.value)
        if report.written or not clusters_current(store):
            bar.update(task, description="corroborating")
            refresh_clusters(store, vocabulary=packaged_reference().vocabulary)
        stats = store.stats()
    print_note(f"ingested {report.written} new article(s), {report.unchanged} unchanged, {report.failures} error(s); "
              f"store {db}: {stats.articles} articles, {sum(stats.entities.values())} entities, "
              f"{stats.supply_flows} supply flows, {stats.claims} claims")
    if report.failures:
        raise typer.Exit(1)


def extract(
    paths: PathsArgument,
    fmt: FormatOption = Format.json,
    model: ModelOption = None,
    max_bytes: MaxBytesOption = MAX_BYTES,
    input_format: InputFormatOption = InputFormat.txt,
) -> None:
    """Extract without storing; JSON per article (entities, supply, claims) on stdout."""
    from ingest.batch import extract_articles
    from ingest.run import read_paths
    from tradetrace.output import extraction_json

    read = read_paths(paths, on_problem=show_problem, max_bytes=max_bytes, stdin_format=input_format.value)
    failed: list[str] = []

    def extraction_failed(article: Article, reason: str) -> None:
        failed.append(article.path)
        print_error(f"{article.path}: {reason}")

    results = [extraction_json(x) for x in extract_articles(read.articles, model=model, on_error=extraction_failed)]
    rows = [[r["path"], r["title"], len(r["entities"]), len(r["supply"]), len(r["claims"])] for r in results]
    # json keeps the {"articles": [...]} document of the scorer's contract; jsonl is one article a line.
    print_listing(fmt, ["path", "title", "entities", "supply", "claims"], rows,
                  {"articles": results} if fmt == Format.json else results)
    if read.failures or failed:
        raise typer.Exit(1)
