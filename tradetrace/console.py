"""The terminal side of the CLI: standard output and error consoles, tables, JSON and progress bars.

Only the command modules and :mod:`tradetrace.app` use it; nothing below the CLI prints.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["err", "out", "print_error", "print_json", "print_table", "print_warning", "progress"]

# Piped output (files, CI logs) gets wide tables rather than the 80-column default.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


def progress() -> Progress:
    """A progress bar on stderr, shown only when stderr is a terminal."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout (non-ASCII kept, other types as ``str``)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """A table on stdout; ``None`` cells print empty."""
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    out.print(table)


def print_error(message: str) -> None:
    """``error: message`` on stderr."""
    err.print(f"[red]error:[/red] {message}", highlight=False)


def print_warning(message: str) -> None:
    """``warning: message`` on stderr."""
    err.print(f"[yellow]warning:[/yellow] {message}", highlight=False)
