"""``tradetrace entities``, ``cypher``, ``stats`` and ``check``: what the store holds, and whether it is whole."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from graph.store import QueryResult
from ontology.errors import InputError, RefusedQuery, StoreError
from tradetrace.console import print_error, print_json, print_listing, print_note, progress
from tradetrace.options import (
    DEFAULT_DB,
    DbOption,
    Format,
    FormatOption,
    open_read_only,
    open_store,
    packaged_reference,
)

__all__ = ["check", "cypher", "entities", "parse_params", "read_query", "recluster", "stats"]


def entities(
    db: DbOption = DEFAULT_DB,
    entity_type: Annotated[str | None, typer.Option("--type", "-t", help="Ontology class, e.g. Country.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List canonical entities with mention counts."""
    from queries.entities import list_entities
    from queries.resolve import resolve_class

    onto = packaged_reference().onto
    label = resolve_class(entity_type, onto.entity_classes()) if entity_type else None
    with open_read_only(db) as store:
        rows = list_entities(store.view(), label, onto=onto)
    print_listing(fmt, ["type", "name", "id", "mentions", "articles", "confidence", "qid"],
                  [[r.type, r.name, r.id, r.mentions, r.articles, r.confidence, r.qid] for r in rows],
                  [row.__dict__ for row in rows])


def parse_params(values: list[str]) -> dict[str, Any]:
    """``NAME=VALUE`` options as query parameters; a value that parses as JSON is taken as JSON."""
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


def read_query(query: str | None, file: str | None) -> str:
    """The Cypher text: the argument, or the file ``-f`` names (``-`` for standard input), never both.

    Raises
    ------
    typer.BadParameter
        When both or neither are given (a usage error, exit 2).
    InputError
        When the file cannot be read or holds no query.
    """
    if query is not None and file is not None:
        raise typer.BadParameter("give the query as an argument or with -f FILE, not both", param_hint="-f")
    if query is None and file is None:
        raise typer.BadParameter("give a query, or -f FILE (-f - reads standard input)", param_hint="QUERY")
    if file is None:
        text = query or ""
    elif file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read the query: {error}", path=file) from error
    if not text.strip():
        raise InputError("the query is empty", path=file)
    return text


def _table_cell(value: Any) -> Any:
    """A plain value in a table cell: nodes, relationships, paths, lists and maps as compact JSON."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def cypher(
    query: Annotated[str | None, typer.Argument(
        help="Cypher: one statement, or several separated by ';' (or use -f).")] = None,
    file: Annotated[str | None, typer.Option("--file", "-f", help="Read the Cypher from FILE ('-': stdin).")] = None,
    db: DbOption = DEFAULT_DB,
    write: Annotated[bool, typer.Option(
        "--write", help="Allow writes to the graph (CREATE, MERGE, SET, DELETE); never files, network or "
                        "extensions.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON or text).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format: table, json, jsonl or csv.")] = Format.table,
) -> None:
    """Run Cypher against the embedded store: graph reads only, unless --write.

    Statements that read or write files (COPY, LOAD FROM, EXPORT/IMPORT DATABASE), load or install
    extensions, attach databases, change the schema, settings or transactions, or CALL a procedure
    other than the catalog's read-only ones are refused (exit 2) before anything runs. Several
    statements run in order, each result shown; with --write they run in one transaction.

    ``-f FILE`` reads the Cypher from a file, ``-f -`` from standard input (``-f`` is the file here, as
    in cypher-shell; the format is ``--format``). ``--format json`` gives plain values: nodes as
    {labels, properties}, relationships as {type, properties}, paths as lists of them; never the
    engine's internal ids. Several statements: json gives [{statement, rows}], jsonl one
    {statement, row} a line, table one table each; csv holds one result only.
    """
    from graph.cypher_guard import check_query

    text = read_query(query, file)
    params = parse_params(param or [])
    try:
        statements = check_query(text, allow_writes=write)  # refused before the store is even opened
        if len(statements) > 1 and fmt == Format.csv:
            raise InputError("CSV holds one result; run one statement, or use --format json or jsonl")
        with open_store(db, read_only=not write) as store:
            results = store.run_checked(text, params, allow_writes=write)
    except RefusedQuery as error:
        print_error(f"refused: {error}")
        raise typer.Exit(2) from error
    if len(results) == 1:
        (_, result), = results
        records = _plain_records(result)
        print_listing(fmt, result.columns, _cells(result.columns, records), records)
        return
    if fmt == Format.json:
        print_json([{"statement": statement.text, "rows": _plain_records(result)} for statement, result in results])
    elif fmt == Format.jsonl:
        print_listing(fmt, [], [], [{"statement": statement.text, "row": record}
                                    for statement, result in results for record in _plain_records(result)])
    else:
        for number, (statement, result) in enumerate(results, start=1):
            records = _plain_records(result)
            print_listing(fmt, result.columns, _cells(result.columns, records), records,
                          title=f"statement {number}: {statement.text}")


def _plain_records(result: QueryResult) -> list[dict[str, Any]]:
    from graph.cypher_values import plain_value

    return [{column: plain_value(value) for column, value in record.items()} for record in result.records()]


def _cells(columns: list[str], records: list[dict[str, Any]]) -> list[list[Any]]:
    return [[_table_cell(record[c]) for c in columns] for record in records]


def stats(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Counts of articles, entities by type and relations by type."""
    with open_read_only(db) as store:
        result = store.stats()
    data = {"articles": result.articles, "entities": result.entities, "relations": result.relations,
            "supply_flows": result.supply_flows, "claims": result.claims}
    rows: list[list[Any]] = [["articles", "", result.articles], ["supply flows", "", result.supply_flows],
                             ["claims", "", result.claims]]
    rows += [["entities", label, count] for label, count in sorted(result.entities.items())]
    rows += [["relations", rel, count] for rel, count in sorted(result.relations.items())]
    print_listing(fmt, ["kind", "type", "count"], rows, data if fmt == Format.json else
                  [{"kind": kind, "type": label or None, "count": count} for kind, label, count in rows])


def check(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Open the store (recovering it after a crash) and check that it is whole; exit 1 on a problem.

    Checks every article's id and content hash against its text, and that every supply flow and claim
    has its article and the relations it is written with.
    """
    from graph.integrity import check_store

    with open_read_only(db) as store:
        report = check_store(store)
    stats = report.stats
    if fmt is Format.json:
        print_json({"db": str(db), "articles": stats.articles, "entities": sum(stats.entities.values()),
                    "supply_flows": stats.supply_flows, "claims": stats.claims,
                    "relations": sum(stats.relations.values()), "problems": report.problems,
                    "ok": not report.problems})
    else:
        print_note(f"{db}: {stats.articles} articles ({report.checked_articles} checked), "
                   f"{sum(stats.entities.values())} entities, {stats.supply_flows} supply flows, {stats.claims} "
                   f"claims, {sum(stats.relations.values())} relations")
        for problem in report.problems:
            print_error(problem)
        print_note("problems found" if report.problems else "ok: no problems found")
    if report.problems:
        raise typer.Exit(1)


def recluster(db: DbOption = DEFAULT_DB) -> None:
    """Recompute the corroboration clusters of the store from its claims, every claim decided afresh.

    ``ingest`` keeps the clusters up to date by re-deciding only the claims that can change; this is for a
    store whose clusters were written by another version of tradetrace. Only the clusters that differ
    are rewritten, in one transaction.
    """
    from queries.clusters import refresh_clusters

    if not db.exists():  # opening it for writing would make an empty store
        raise StoreError(f"{db}: no store to recluster")

    with open_store(db) as store, progress() as bar:
        task = bar.add_task("reading claims", total=None)

        def show_progress(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        update = refresh_clusters(store, full=True, on_progress=show_progress,
                                  vocabulary=packaged_reference().vocabulary)
    print_note(f"reclustered {db}: {update.clusters} clusters ({update.added} added, {update.removed} removed); "
               f"{update.redecided} claims decided")
