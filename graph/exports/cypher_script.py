"""A ``.cypher`` script for cypher-shell that loads a snapshot like ``tradetrace push neo4j`` does.

The script holds the same statements as the push (constraints, then the ``UNWIND $rows`` upserts of
:mod:`graph.neo4j_store`); each batch's rows are set first with a one-line ``:param rows => [...]``
console command, so the write statements stay parameterised and identical to the pushed ones. Run it
with ``cypher-shell -u neo4j -p secret -f graph.cypher``; running it twice changes nothing.

Values are written as Cypher literals by :func:`cypher_literal`: strings in single quotes with
backslash escapes (control characters as ``\\uXXXX``, so every ``:param`` stays on one line), dates
as ``date('…')``, map keys bare or in backticks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from typing import Any

from graph.neo4j_store import DEFAULT_BATCH_SIZE, WriteBatch, schema_statements, write_batches
from graph.snapshot import GraphSnapshot, cypher_name
from ontology.errors import ExportError
from ontology.model import Ontology, load_ontology

__all__ = ["cypher_literal", "cypher_script", "cypher_string", "param_command", "script_lines"]

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(text: str) -> str:
    """A Cypher string literal in single quotes.

    >>> print(cypher_string("O'Brien said \\"no\\"\\n"))
    'O\\'Brien said "no"\\n'
    """
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F or char in "\u2028\u2029\u0085":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal.

    >>> cypher_literal({"id": "country:RU", "props": {"aliases": ["RF"], "end": 3, "x": None}})
    "{id: 'country:RU', props: {aliases: ['RF'], `end`: 3, x: null}}"

    Raises
    ------
    ExportError
        For a value with no Cypher literal (NaN, infinities, unknown types).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"no Cypher literal for the float {value!r}")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, dt.datetime):
        raise ExportError(f"no Cypher literal for a datetime ({value!r}); the ontology has DATE only")
    if isinstance(value, dt.date):
        return f"date({cypher_string(value.isoformat())})"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"no Cypher literal for {type(value).__name__} value {value!r}")


def param_command(name: str, value: Any) -> str:
    """A cypher-shell ``:param`` command on one line.

    >>> param_command("rows", [{"id": "a"}])
    ":param rows => [{id: 'a'}]"
    """
    return f":param {cypher_name(name)} => {cypher_literal(value)}"


def _batch_lines(batch: WriteBatch) -> Iterator[str]:
    yield f"// {batch.target}: {len(batch.rows)} row(s)"
    yield param_command("rows", batch.rows)
    yield batch.statement + ";"


def script_lines(snapshot: GraphSnapshot, onto: Ontology | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[str]:
    """The script, line by line (no trailing newlines)."""
    onto = onto or load_ontology()
    yield f"// tradetrace graph export for cypher-shell (ontology {onto.name} {onto.version})"
    yield (f"// {len(snapshot.nodes)} node(s), {len(snapshot.relationships)} relationship(s); "
           "idempotent: MERGE on id/key")
    yield "// run: cypher-shell -a bolt://localhost:7687 -u neo4j -p <password> -f <this file>"
    yield ""
    yield "// -- constraints and indexes"
    for statement in schema_statements(onto):
        yield statement + ";"
    yield ""
    yield "// -- nodes, then relationships"
    for batch in write_batches(snapshot, onto, batch_size):
        yield from _batch_lines(batch)
    yield ":param rows => []"


def cypher_script(snapshot: GraphSnapshot, onto: Ontology | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> str:
    """The whole script as text, ending in a newline."""
    return "\n".join(script_lines(snapshot, onto, batch_size)) + "\n"
