"""``tradetrace entities``, ``cypher`` and ``stats``: what the store holds."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from tradetrace.console import print_json, print_table
from tradetrace.options import DEFAULT_DB, DbOption, Format, FormatOption, open_read_only

__all__ = ["cypher", "entities", "parse_params", "stats"]


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
    query: Annotated[str, typer.Argument(help="A Cypher query.")],
    db: DbOption = DEFAULT_DB,
    write: Annotated[bool, typer.Option("--write", help="Allow writes (the store opens read-only otherwise).")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (JSON or text).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run a Cypher query against the embedded store (read-only unless --write)."""
    from graph.ladybug_store import LadybugStore

    params = parse_params(param or [])
    with LadybugStore(db, read_only=not write) as store:
        result = store.query(query, params)
    if fmt is Format.json:
        print_json(result.records())
    else:
        print_table(result.columns, result.rows)


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
