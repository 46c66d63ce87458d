"""``tradetrace entities``, ``cypher`` and ``stats``: what the store holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ontology.errors import InputError
from tradetrace.console import print_listing
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, open_read_only

__all__ = ["cypher", "entities", "parse_params", "read_query", "stats"]


def entities(
    db: DbOption = DEFAULT_DB,
    entity_type: Annotated[str | None, typer.Option("--type", "-t", help="Ontology class, e.g. Country.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List canonical entities with mention counts."""
    from queries.entities import list_entities
    from queries.resolve import resolve_class

    label = resolve_class(entity_type) if entity_type else None
    with open_read_only(db) as store:
        rows = list_entities(store, label)
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
    InputError
        When both or neither are given, or the file cannot be read or holds no query.
    """
    if (query is None) == (file is None):
        raise InputError("give a query, or -f FILE (-f - reads standard input), not both")
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
    query: Annotated[str | None, typer.Argument(help="A Cypher query (or use -f).")] = None,
    file: Annotated[str | None, typer.Option("--file", "-f", help="Read the query from FILE ('-': stdin).")] = None,
    db: DbOption = DEFAULT_DB,
    write: Annotated[bool, typer.Option("--write", help="Allow writes (the store opens read-only otherwise).")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON or text).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format: table, json, jsonl or csv.")] = Format.table,
) -> None:
    """Run a Cypher query against the embedded store (read-only unless --write).

    ``--format json`` gives plain values: nodes as {labels, properties}, relationships as {type, properties},
    paths as lists of them; never the engine's internal ids. (``-f`` is the query file here, as in
    cypher-shell; the format is ``--format``.)
    """
    from graph.cypher_values import plain_value
    from graph.ladybug_store import LadybugStore

    text = read_query(query, file)
    params = parse_params(param or [])
    with LadybugStore(db, read_only=not write) as store:
        result = store.query(text, params)
    records = [{column: plain_value(value) for column, value in record.items()} for record in result.records()]
    print_listing(fmt, result.columns, [[_table_cell(record[c]) for c in result.columns] for record in records],
                  records)


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
