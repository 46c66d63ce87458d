"""``tradetrace entities``, ``cypher``, ``stats`` and ``check``: what the store holds, and whether it is whole."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from ontology.errors import RefusedQuery
from tradetrace.console import print_error, print_json, print_note, print_table
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, open_read_only, open_store

__all__ = ["check", "cypher", "entities", "parse_params", "stats"]


def entities(
    db: DbOption = DEFAULT_DB,
    entity_type: Annotated[str | None, typer.Option("--type", "-t", help="Ontology class, e.g. Country.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List canonical entities with mention counts."""
    from queries.entities import list_entities

    with open_read_only(db) as store:
        rows = list_entities(store, entity_type)
    if fmt is Format.json:
        print_json([row.__dict__ for row in rows])
    else:
        print_table(["type", "name", "id", "mentions", "articles", "confidence", "qid"],
                    [[r.type, r.name, r.id, r.mentions, r.articles, r.confidence, r.qid] for r in rows])


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


def cypher(
    query: Annotated[str, typer.Argument(help="Cypher: one statement, or several separated by ';'.")],
    db: DbOption = DEFAULT_DB,
    write: Annotated[bool, typer.Option(
        "--write", help="Allow writes to the graph (CREATE, MERGE, SET, DELETE); never files, network or "
                        "extensions.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON or text).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run Cypher against the embedded store: graph reads only, unless --write.

    Statements that read or write files (COPY, LOAD FROM, EXPORT/IMPORT DATABASE), load or install
    extensions, attach databases, change the schema, settings or transactions, or CALL a procedure
    other than the catalog's read-only ones are refused (exit 2) before anything runs. Several
    statements run in order, each result shown; with --write they run in one transaction.
    """
    from graph.cypher_guard import check_query

    params = parse_params(param or [])
    try:
        check_query(query, allow_writes=write)  # refused before the store is even opened
        with open_store(db, read_only=not write) as store:
            results = store.run_checked(query, params, allow_writes=write)
    except RefusedQuery as error:
        print_error(f"refused: {error}")
        raise typer.Exit(2) from error
    if len(results) == 1:
        (_, result), = results
        if fmt is Format.json:
            print_json(result.records())
        else:
            print_table(result.columns, result.rows)
        return
    if fmt is Format.json:
        print_json([{"statement": statement.text, "rows": result.records()} for statement, result in results])
        return
    for number, (statement, result) in enumerate(results, start=1):
        print_table(result.columns, result.rows, title=f"statement {number}: {statement.text}")


def stats(db: DbOption = DEFAULT_DB, fmt: FormatOption = Format.table) -> None:
    """Counts of articles, entities by type and relations by type."""
    with open_read_only(db) as store:
        result = store.stats()
    data = {"articles": result.articles, "entities": result.entities, "relations": result.relations,
            "supply_flows": result.supply_flows, "claims": result.claims}
    if fmt is Format.json:
        print_json(data)
        return
    rows: list[list[Any]] = [["articles", "", result.articles], ["supply flows", "", result.supply_flows],
                             ["claims", "", result.claims]]
    rows += [["entities", label, count] for label, count in sorted(result.entities.items())]
    rows += [["relations", rel, count] for rel, count in sorted(result.relations.items())]
    print_table(["kind", "type", "count"], rows)


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
