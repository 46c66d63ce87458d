"""``tradetrace push ...`` and ``tradetrace export ...``: the stored graph into other systems.

Every command reads
the embedded store read-only into a :class:`graph.snapshot.GraphSnapshot` and hands it to one
exporter of :mod:`graph.exports` (or to :class:`graph.neo4j_store.Neo4jPusher`). Every single-file export
goes to stdout without ``-o`` or with ``-o -``; messages go to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.snapshot import GraphSnapshot
from ontology.errors import ExportError, StoreError
from tradetrace.console import print_note, progress
from tradetrace.options import DEFAULT_DB, DbOption, open_read_only, packaged_reference

__all__ = ["export_app", "push_app"]

push_app = typer.Typer(help="Load the stored graph into another database.", no_args_is_help=True)
export_app = typer.Typer(help="Write the stored graph in another format.", no_args_is_help=True)

OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Output file ('-' or omitted: stdout).")]
STDOUT = Path("-")


def _snapshot(db: Path) -> GraphSnapshot:
    from graph.snapshot import read_snapshot

    if not db.exists():
        raise StoreError(f"{db}: no store there; run `tradetrace ingest ... --db {db}` first")
    with open_read_only(db) as store:
        return read_snapshot(store)


def _emit(chunks: Iterable[str], output: Path | None, what: str) -> None:
    if output is None or output == STDOUT:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from graph.exports.files import atomic_writer

    with atomic_writer(output, what) as handle:  # a failed export leaves no partial file
        for chunk in chunks:
            handle.write(chunk)
    print_note(f"wrote {what} to {output}")


def _counts(snapshot: GraphSnapshot) -> str:
    return f"{len(snapshot.nodes)} nodes, {len(snapshot.relationships)} relationships"


# -- push -----------------------------------------------------------------------------------------


@push_app.command("neo4j")
def push_neo4j(
    uri: Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Bolt or neo4j URI.")] = "bolt://localhost:7687",
    user: Annotated[str, typer.Option("--user", envvar="NEO4J_USER", help="Neo4j user.")] = "neo4j",
    password_env: Annotated[str, typer.Option("--password-env", help="Environment variable holding the password.")]
    = "NEO4J_PASSWORD",
    database: Annotated[str | None, typer.Option("--database", help="Database name (server default).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per UNWIND statement.")] = 500,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Load the stored graph into Neo4j (constraints, then batched MERGEs; idempotent)."""
    from graph.neo4j_store import Neo4jPusher, WriteBatch

    password = os.environ.get(password_env)
    if password is None:
        raise ExportError(f"set the Neo4j password in the environment variable {password_env}")
    snapshot = _snapshot(db)
    total = len(snapshot.nodes) + len(snapshot.relationships)
    with Neo4jPusher.connect(uri, user, password, database=database, batch_size=batch_size) as pusher, \
            progress() as bar:
        task = bar.add_task("pushing to neo4j", total=total)

        def advance(batch: WriteBatch) -> None:
            bar.advance(task, len(batch.rows))

        summary = pusher.push(snapshot, on_batch=advance)
    print_note(f"pushed {_counts(snapshot)} to {uri} in {summary.statements} statements: "
              f"{summary.nodes_created} nodes and {summary.relationships_created} relationships created, "
              f"{summary.properties_set} properties set")


# -- export ---------------------------------------------------------------------------------------


@export_app.command("cypher")
def export_cypher(output: OutputOption = None, db: DbOption = DEFAULT_DB,
                  batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per :param.")] = 500,
                  ) -> None:
    """A .cypher script for cypher-shell: constraints, then :param rows + UNWIND MERGE statements."""
    from graph.exports.cypher_script import script_lines

    snapshot = _snapshot(db)
    _emit((line + "\n" for line in script_lines(snapshot, batch_size=batch_size)), output,
          f"a Cypher script ({_counts(snapshot)})")


@export_app.command("neo4j-csv")
def export_neo4j_csv(
    output: Annotated[Path, typer.Option("--output", "-o", help="Output directory.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """CSV files for neo4j-admin database import, with import.sh and schema.cypher."""
    from graph.exports.neo4j_csv import write_neo4j_csv

    snapshot = _snapshot(db)
    written = write_neo4j_csv(snapshot, output)
    print_note(f"wrote {len(written)} files ({_counts(snapshot)}) to {output}; load with: sh {output / 'import.sh'}")


class RdfFormat(StrEnum):
    turtle = "turtle"
    json_ld = "json-ld"
    nt = "nt"


@export_app.command("rdf")
def export_rdf(
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="RDF serialisation.")] = RdfFormat.turtle,
    output: OutputOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """RDF typed with the ontology's classes, with PROV-O provenance and Web Annotation selectors."""
    from graph.exports.rdf import serialize_rdf

    snapshot = _snapshot(db)
    _emit([serialize_rdf(snapshot, fmt.value)], output, f"RDF ({fmt.value})")


@export_app.command("ftm")
def export_ftm(output: OutputOption = None, db: DbOption = DEFAULT_DB) -> None:
    """FollowTheMoney entities as JSON lines."""
    from graph.exports.ftm import ftm_lines

    snapshot = _snapshot(db)
    _emit(ftm_lines(snapshot), output, "FollowTheMoney entities")


@export_app.command("claimreview")
def export_claimreview(output: OutputOption = None, db: DbOption = DEFAULT_DB) -> None:
    """schema.org ClaimReview JSON-LD: one Claim per fact, every report an appearance, one review each
    (attribution only, no truth rating)."""
    from graph.exports.claimreview import ClaimGroup, claimreview_json
    from queries.corroborate import corroborate

    snapshot = _snapshot(db)
    with open_read_only(db) as store:
        clusters = corroborate(store, min_reports=1, vocabulary=packaged_reference().vocabulary)
    groups = [ClaimGroup(c.id, tuple(r.id for r in c.reports), tuple(o.name for o in c.origins)) for c in clusters]
    _emit([claimreview_json(snapshot, groups=groups)], output,
          f"{len(groups)} ClaimReview(s) of {len(snapshot.nodes_of('Claim'))} stored claim(s)")


@export_app.command("graphml")
def export_graphml(output: OutputOption = None, db: DbOption = DEFAULT_DB) -> None:
    """GraphML for Gephi, Cytoscape or yEd (lists joined with '; ')."""
    from graph.exports.networkx_export import graphml_lines

    snapshot = _snapshot(db)
    _emit(graphml_lines(snapshot), output, f"GraphML ({_counts(snapshot)})")


@export_app.command("gexf")
def export_gexf(output: OutputOption = None, db: DbOption = DEFAULT_DB) -> None:
    """GEXF for Gephi (lists joined with '; ')."""
    from graph.exports.networkx_export import gexf_lines

    snapshot = _snapshot(db)
    _emit(gexf_lines(snapshot), output, f"GEXF ({_counts(snapshot)})")
