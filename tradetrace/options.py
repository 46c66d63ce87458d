"""Options shared by the commands (``--db``, ``--model``, ``--format``) and the store they name.

Kept apart from :mod:`tradetrace.app` because the app imports every command module and every command
module needs these: one module holding both would be an import circle.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the database engine loads only for commands that open a store
    from graph.ladybug_store import LadybugStore

__all__ = ["DB_ENV", "DEFAULT_DB", "DbOption", "Format", "FormatOption", "ModelOption", "open_read_only"]

DB_ENV = "TRADETRACE_DB"
DEFAULT_DB = Path("tradetrace.db")
DbOption = Annotated[Path, typer.Option("--db", envvar=DB_ENV, help="Embedded graph database file.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", envvar="TRADETRACE_SPACY_MODEL", help="spaCy model package name.")
]


class Format(StrEnum):
    """Output formats of the listing commands."""

    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def open_read_only(db: Path) -> LadybugStore:
    """The embedded store at ``db``, opened read-only."""
    from graph.ladybug_store import LadybugStore

    return LadybugStore(db, read_only=True)
