"""CSV files for ``neo4j-admin database import full`` (bulk load into an empty database).

One node file per label (``nodes/<Label>.csv``) and one relationship file per (type, source label,
target label) (``relationships/<TYPE>__<Src>__<Dst>.csv``), with neo4j-admin headers: ``id:ID(Label)``
(one id space per label, the id is also stored as the ``id`` property), ``:LABEL``,
``:START_ID(Label)``, ``:END_ID(Label)``, ``:TYPE`` and typed columns (``confidence:double``,
``start:long``, ``published:date``, ``aliases:string[]``). Arrays are joined with ``;`` (another
delimiter is chosen, and named in ``import.sh``, when a value contains one). ``import.sh`` holds the
import command and ``schema.cypher`` the constraints to run once the import is done.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.exports.files import atomic_writer
from graph.neo4j_store import schema_statements
from graph.snapshot import GraphSnapshot
from ontology.errors import ExportError
from ontology.model import Ontology, PropertyType, load_ontology

__all__ = ["CsvFile", "csv_files", "import_command", "node_header", "relationship_header", "write_neo4j_csv"]

_TYPES: dict[str, str] = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOLEAN": ":boolean",
                          "DATE": ":date", "STRING[]": ":string[]"}
_ARRAY_DELIMITERS = (";", "|", "\u001f")


@dataclass(frozen=True)
class CsvFile:
    """One CSV file: path relative to the export directory, header and rows (cells as text)."""

    path: str
    header: list[str]
    rows: list[list[str]]
    kind: str  # "nodes" or "relationships"

    def text(self) -> str:
        """The file's content (RFC 4180 quoting, which neo4j-admin reads with its defaults)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return buffer.getvalue()


def _column(name: str, ptype: PropertyType) -> str:
    return f"{name}{_TYPES[ptype]}"


def node_header(onto: Ontology, label: str) -> list[str]:
    """``id:ID(Label)``, ``:LABEL``, then one typed column per other property.

    >>> node_header(load_ontology(), "Country")
    ['id:ID(Country)', ':LABEL', 'name', 'aliases:string[]', 'qid', 'confidence:double', 'origin', 'iso2', 'iso3']
    """
    props = onto.properties_of(onto.check_label(label))
    return [f"id:ID({label})", ":LABEL", *(_column(n, t) for n, t in props.items() if n != "id")]


def relationship_header(onto: Ontology, rel_type: str, src_label: str, dst_label: str) -> list[str]:
    """``:START_ID(Src)``, ``:END_ID(Dst)``, ``:TYPE``, ``key``, then the typed properties.

    >>> relationship_header(load_ontology(), "VIA", "SupplyFlow", "Country")
    [':START_ID(SupplyFlow)', ':END_ID(Country)', ':TYPE', 'key', 'position:long']
    """
    rdef = onto.relations[onto.check_relation(rel_type)]
    onto.check_label(src_label)
    onto.check_label(dst_label)
    return [f":START_ID({src_label})", f":END_ID({dst_label})", ":TYPE", "key",
            *(_column(n, t) for n, t in rdef.properties.items())]


def _cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return delimiter.join(str(item) for item in value)
    return str(value)


def _array_delimiter(snapshot: GraphSnapshot) -> str:
    values: list[str] = []
    props = [node.props for node in snapshot.nodes] + [rel.props for rel in snapshot.relationships]
    for item in props:
        for value in item.values():
            if isinstance(value, list | tuple):
                values += [str(v) for v in value]
    for delimiter in _ARRAY_DELIMITERS:
        if not any(delimiter in value for value in values):
            return delimiter
    raise ExportError("every array delimiter (; | \\x1f) occurs inside an array value; cannot write CSV")


def csv_files(snapshot: GraphSnapshot, onto: Ontology | None = None) -> tuple[list[CsvFile], str]:
    """The node and relationship files of a snapshot, and the array delimiter they use."""
    onto = onto or load_ontology()
    delimiter = _array_delimiter(snapshot)
    files: list[CsvFile] = []
    for label in onto.concrete_classes():
        nodes = snapshot.nodes_of(label)
        if not nodes:
            continue
        names = [n for n in onto.properties_of(label) if n != "id"]
        rows = [[node.id, label, *(_cell(node.props.get(n), delimiter) for n in names)] for node in nodes]
        files.append(CsvFile(f"nodes/{label}.csv", node_header(onto, label), rows, "nodes"))
    for (rel_type, src_label, dst_label), rels in snapshot.relationship_groups():
        names = list(onto.relations[rel_type].properties)
        rows = [[rel.src, rel.dst, rel_type, rel.key, *(_cell(rel.props.get(n), delimiter) for n in names)]
                for rel in rels]
        files.append(CsvFile(f"relationships/{rel_type}__{src_label}__{dst_label}.csv",
                             relationship_header(onto, rel_type, src_label, dst_label), rows, "relationships"))
    return files, delimiter


def import_command(files: Iterable[CsvFile], array_delimiter: str = ";", database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command line for the files (paths relative).

    >>> import_command([CsvFile("nodes/Country.csv", [], [], "nodes")])
    "neo4j-admin database import full --id-type=string --array-delimiter=';' --multiline-fields=true \
--nodes=nodes/Country.csv neo4j"
    """
    delimiter = "'\\x1f'" if array_delimiter == "\u001f" else shlex.quote(array_delimiter)
    parts = ["neo4j-admin database import full", "--id-type=string", f"--array-delimiter={delimiter}",
             "--multiline-fields=true"]
    parts += [f"--{f.kind}={shlex.quote(f.path)}" for f in files]
    parts.append(shlex.quote(database))
    return " ".join(parts)


def write_neo4j_csv(snapshot: GraphSnapshot, directory: Path, onto: Ontology | None = None) -> list[Path]:
    """Write the CSV files, ``import.sh`` and ``schema.cypher`` under ``directory``; return their paths.

    Raises
    ------
    ExportError
        When the directory cannot be written.
    """
    onto = onto or load_ontology()
    files, delimiter = csv_files(snapshot, onto)
    script = "\n".join([
        "#!/bin/sh",
        "# Bulk-load this export into an empty Neo4j database (stop the server first), then create the",
        "# constraints:  cypher-shell -u neo4j -p <password> -f schema.cypher",
        "# Usage: sh import.sh [database]   (default: neo4j)",
        'set -e',
        'cd "$(dirname "$0")"',
        import_command(files, delimiter, "neo4j").removesuffix(" neo4j") + ' "${1:-neo4j}"',
        "",
    ])
    schema = "\n".join(statement + ";" for statement in schema_statements(onto)) + "\n"
    written: list[Path] = []
    try:
        for name, text in [*((f.path, f.text()) for f in files), ("import.sh", script), ("schema.cypher", schema)]:
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_writer(path, "Neo4j CSV files") as handle:
                handle.write(text)
            written.append(path)
        (directory / "import.sh").chmod(0o755)
    except OSError as err:
        raise ExportError(f"cannot write Neo4j CSV files to {directory}: {err}") from err
    return written
