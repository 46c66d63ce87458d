"""Options shared by the commands (``--db``, ``--model``, ``--format``) and the store they name.

Kept apart from :mod:`tradetrace.app` because the app imports every command module and every command
module needs these: one module holding both would be an import circle.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the database engine loads only for commands that open a store
    from graph.ladybug_store import LadybugStore
    from queries.reference import Reference

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "DbOption",
    "Format",
    "FormatOption",
    "MaxBytesOption",
    "ModelOption",
    "open_read_only",
    "open_store",
    "packaged_reference",
]

DB_ENV = "TRADETRACE_DB"
DEFAULT_DB = Path("tradetrace.db")
DbOption = Annotated[Path, typer.Option("--db", envvar=DB_ENV, help="Embedded graph database file.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", envvar="TRADETRACE_SPACY_MODEL", help="spaCy model package name.")
]
MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", min=1, envvar="TRADETRACE_MAX_BYTES",
    help="Largest article read, in bytes: a whole text, Markdown or HTML file, or one JSONL line.")]


class Format(StrEnum):
    """Output formats of the listing commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="Output format: table (plain columns when piped), json, jsonl or csv.")]


def open_store(db: Path, read_only: bool = False) -> LadybugStore:
    """The embedded store at ``db``; what opening it recovered or lost (a torn log moved aside) is
    printed as warnings."""
    from graph.ladybug_store import LadybugStore
    from tradetrace.console import print_warning

    store = LadybugStore(db, read_only=read_only)
    for notice in store.notices:
        print_warning(notice)
    return store


def open_read_only(db: Path) -> LadybugStore:
    """The embedded store at ``db``, opened read-only (see :func:`open_store`)."""
    return open_store(db, read_only=True)


@cache
def packaged_reference() -> Reference:
    """The ontology, gazetteers and claim lexicon shipped with the package, as the queries take them (loaded
    once)."""
    from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
    from ontology.model import load_ontology
    from queries.reference import Reference

    return Reference(load_ontology(), load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
