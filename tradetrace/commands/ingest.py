"""``tradetrace ingest`` and ``tradetrace extract``: articles in, records out.

The work is :func:`ingest.run.ingest_paths` and :func:`ingest.run.read_paths`; these commands only show
its progress and problems and print the summary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ingest.read import MAX_BYTES
from ingest.run import Problem, ProgressEvent
from ontology.records import Article
from tradetrace.console import print_error, print_json, print_note, print_table, print_warning, progress
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, MaxBytesOption, ModelOption, open_store

__all__ = ["extract", "ingest"]

PathsArgument = Annotated[list[Path], typer.Argument(help="Files or directories (.txt .md .html .jsonl).")]


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
) -> None:
    """Read articles, extract entities, supply flows and claims, and store them (idempotent)."""
    from ingest.run import ingest_paths

    with open_store(db) as store, progress() as bar:
        task = bar.add_task("extracting", total=None)

        def show_progress(event: ProgressEvent) -> None:
            bar.update(task, description=event.stage, completed=event.done, total=event.total)

        report = ingest_paths(paths, store, workers=workers, model=model, on_problem=show_problem,
                              on_progress=show_progress, max_bytes=max_bytes)
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
) -> None:
    """Extract without storing; JSON per article (entities, supply, claims) on stdout."""
    from ingest.batch import extract_articles
    from ingest.run import read_paths
    from tradetrace.output import extraction_json

    read = read_paths(paths, on_problem=show_problem, max_bytes=max_bytes)
    failed: list[str] = []

    def extraction_failed(article: Article, reason: str) -> None:
        failed.append(article.path)
        print_error(f"{article.path}: {reason}")

    results = [extraction_json(x) for x in extract_articles(read.articles, model=model, on_error=extraction_failed)]
    if fmt is Format.json:
        print_json({"articles": results})
    else:
        rows = [[r["path"], r["title"], len(r["entities"]), len(r["supply"]), len(r["claims"])] for r in results]
        print_table(["path", "title", "entities", "supply", "claims"], rows)
    if read.failures or failed:
        raise typer.Exit(1)
