"""The ``tradetrace`` command line: the only place that prints or exits.

Every command turns :class:`ontology.errors.TradetraceError` into a one-line message on stderr and
exit status 1; batch commands report bad files one by one, finish the rest, and exit 1 at the end.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Container, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ontology.errors import InputError, StoreError, TradetraceError
from ontology.records import Article, Extraction

__all__ = ["app", "main"]

app = typer.Typer(
    name="tradetrace",
    help="Sourced triples about goods, suppliers and claims, extracted from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped output (files, CI logs) gets wide tables rather than the 80-column default.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

DB_ENV = "TRADETRACE_DB"
DbOption = Annotated[Path, typer.Option("--db", envvar=DB_ENV, help="Embedded graph database file.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", envvar="TRADETRACE_SPACY_MODEL", help="spaCy model package name.")
]


class Format(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except TradetraceError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(1) from error


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def _print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    out.print(table)


def _report_input_error(error: InputError) -> None:
    err.print(f"[red]error:[/red] {error}", highlight=False)


def _read_all(paths: list[Path], known: Container[str] = frozenset()) -> tuple[list[Article], int, int]:
    """Read every article under ``paths``; print per-file problems; return the articles, the error count
    and how many articles were left unbuilt because their ids are in ``known``."""
    from ingest.read import discover, read_file

    files, errors = discover(paths)
    for error in errors:
        _report_input_error(error)
    articles: list[Article] = []
    failures = len(errors)
    unchanged = 0
    for path in files:
        outcome = read_file(path, known)
        for warning in outcome.warnings:
            err.print(f"[yellow]warning:[/yellow] {path}: {warning}", highlight=False)
        for error in outcome.errors:
            _report_input_error(error)
        failures += len(outcome.errors)
        unchanged += len(outcome.unchanged)
        articles.extend(outcome.articles)
    return articles, failures, unchanged


# -- ingest / extract -----------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (.txt .md .html .jsonl).")],
    db: DbOption = Path("tradetrace.db"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")] = 1,
    model: ModelOption = None,
) -> None:
    """Read articles, extract entities, supply flows and claims, and store them (idempotent)."""
    from graph.ladybug_store import LadybugStore
    from ingest.batch import extract_articles

    with _errors(), LadybugStore(db) as store:
        # Stored articles are recognised by content hash as they are read, before any cleaning or NLP.
        articles, failures, unchanged = _read_all(paths, store.article_ids())
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.id not in seen:
                seen.add(article.id)
                fresh.append(article)
        unchanged += len(articles) - len(fresh)
        written = 0
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(fresh))
            batch: list[Extraction] = []
            rows = 0
            for extraction in extract_articles(fresh, workers=workers, model=model):
                batch.append(extraction)
                rows += len(extraction.mentions) + len(extraction.supply) + len(extraction.claims)
                progress.advance(task)
                if len(batch) == WRITE_BATCH or rows >= WRITE_ROWS:
                    progress.update(task, description="storing")
                    done, failed = _write_batch(store, batch)
                    written, failures = written + done, failures + failed
                    progress.update(task, description="extracting")
                    batch, rows = [], 0
            progress.update(task, description="storing")
            done, failed = _write_batch(store, batch)
            written, failures = written + done, failures + failed
        stats = store.stats()
    err.print(f"ingested {written} new article(s), {unchanged} unchanged, {failures} error(s); "
              f"store {db}: {stats.articles} articles, {sum(stats.entities.values())} entities, "
              f"{stats.supply_flows} supply flows, {stats.claims} claims", highlight=False)
    if failures:
        raise typer.Exit(1)


# Articles, and records (mentions, flows, claims), per store transaction at most. The engine's COMMIT and
# checkpoints cost seconds on a grown store whatever the size of the transaction, so few large ones
# are much cheaper: 1,024 seed-like articles took 20.8 s in transactions of 128, 8.6 s in two and 6.3 s
# in one (docs/benchmarks.md). The row bound (about 500 such articles) caps the memory a batch holds.
WRITE_BATCH = 1024
WRITE_ROWS = 80_000


def _write_batch(store: Any, batch: list[Extraction]) -> tuple[int, int]:
    """Write a batch in one transaction; if the batch fails, write its articles one by one so that
    one bad article costs only itself (its error is reported, the rest lands). Returns (written, failed)."""
    if not batch:
        return 0, 0
    try:
        return sum(not s.skipped for s in store.write_many(batch)), 0
    except StoreError:
        written = failed = 0
        for extraction in batch:
            try:
                written += not store.write(extraction).skipped
            except StoreError as error:
                failed += 1
                err.print(f"[red]error:[/red] {extraction.article.path}: {error}", highlight=False)
        return written, failed


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (.txt .md .html .jsonl).")],
    fmt: FormatOption = Format.json,
    model: ModelOption = None,
) -> None:
    """Extract without storing; JSON per article (entities, supply, claims) on stdout."""
    from ingest.batch import extract_articles
    from tradetrace.output import extraction_json

    with _errors():
        articles, failures, _ = _read_all(paths)
        results = [extraction_json(x) for x in extract_articles(articles, model=model)]
    if fmt is Format.json:
        _print_json({"articles": results})
    else:
        rows = [[r["path"], r["title"], len(r["entities"]), len(r["supply"]), len(r["claims"])] for r in results]
        _print_table(["path", "title", "entities", "supply", "claims"], rows)
    if failures:
        raise typer.Exit(1)


# -- store views ----------------------------------------------------------------------------------


def _open_read_only(db: Path) -> Any:
    from graph.ladybug_store import LadybugStore

    return LadybugStore(db, read_only=True)


@app.command()
def entities(
    db: DbOption = Path("tradetrace.db"),
    entity_type: Annotated[str | None, typer.Option("--type", "-t", help="Ontology class, e.g. Country.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List canonical entities with mention counts."""
    from queries.entities import list_entities

    with _errors(), _open_read_only(db) as store:
        rows = list_entities(store, entity_type)
    if fmt is Format.json:
        _print_json([row.__dict__ for row in rows])
    else:
        _print_table(["type", "name", "id", "mentions", "articles", "confidence", "qid"],
                     [[r.type, r.name, r.id, r.mentions, r.articles, r.confidence, r.qid] for r in rows])


def _parse_params(values: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query.")],
    db: DbOption = Path("tradetrace.db"),
    write: Annotated[bool, typer.Option("--write", help="Allow writes (the store opens read-only otherwise).")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON or text).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run a Cypher query against the embedded store (read-only unless --write)."""
    from graph.ladybug_store import LadybugStore

    params = _parse_params(param or [])
    with _errors(), LadybugStore(db, read_only=not write) as store:
        result = store.query(query, params)
    if fmt is Format.json:
        _print_json(result.records())
    else:
        _print_table(result.columns, result.rows)


@app.command()
def stats(db: DbOption = Path("tradetrace.db"), fmt: FormatOption = Format.table) -> None:
    """Counts of articles, entities by type and relations by type."""
    with _errors(), _open_read_only(db) as store:
        result = store.stats()
    data = {"articles": result.articles, "entities": result.entities, "relations": result.relations,
            "supply_flows": result.supply_flows, "claims": result.claims}
    if fmt is Format.json:
        _print_json(data)
        return
    rows: list[list[Any]] = [["articles", "", result.articles], ["supply flows", "", result.supply_flows],
                             ["claims", "", result.claims]]
    rows += [["entities", label, count] for label, count in sorted(result.entities.items())]
    rows += [["relations", rel, count] for rel, count in sorted(result.relations.items())]
    _print_table(["kind", "type", "count"], rows)


def main() -> None:
    """Console-script entry point."""
    app()


from tradetrace import export_commands as _export_commands  # noqa: E402,F401
from tradetrace import query_commands as _query_commands  # noqa: E402,F401
from tradetrace import web_commands as _web_commands  # noqa: E402,F401
