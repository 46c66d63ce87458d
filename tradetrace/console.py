"""The terminal side of the CLI: standard output and error consoles, tables, JSON and progress bars.

Only the command modules and :mod:`tradetrace.app` use it; nothing below the CLI prints.

Data is data: article text, file names and metadata reach the terminal only through :func:`terminal_text`,
which removes terminal control sequences and control characters, and never as rich markup (``[/x]`` or
``[link=...]`` in an article prints as written). Styles come only from this module.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

__all__ = [
    "err",
    "out",
    "print_error",
    "print_json",
    "print_note",
    "print_table",
    "print_warning",
    "progress",
    "terminal_text",
]

# ESC-introduced sequences (CSI ... final byte, OSC ... BEL or ST, two-character escapes), C1 CSI and
# OSC introducers with their sequences, then any other C0 or C1 control but tab and line feed.
_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(value: object) -> str:
    r"""``value`` as text safe to print: terminal control sequences and control characters removed
    (tab and line feed kept), and lone surrogates written as ``\udcXX``.

    >>> terminal_text("red\x1b[31m alert\x1b]8;;http://x\x07link\x1b]8;;\x07 [/b]\x00")
    'red alertlink [/b]'
    """
    text = _TERMINAL_CONTROL.sub("", str(value))
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")

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
    table = Table(title=Text(terminal_text(title)) if title else None, show_lines=False)
    for column in columns:
        table.add_column(Text(terminal_text(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if cell is None else terminal_text(cell)) for cell in row))
    out.print(table)


def print_error(message: str) -> None:
    """``error: message`` on stderr."""
    err.print(Text.assemble(("error:", "red"), " ", terminal_text(message)), highlight=False)


def print_warning(message: str) -> None:
    """``warning: message`` on stderr."""
    err.print(Text.assemble(("warning:", "yellow"), " ", terminal_text(message)), highlight=False)


def print_note(message: str) -> None:
    """A plain message (a summary, where a file went) on stderr."""
    err.print(Text(terminal_text(message)), highlight=False)
