"""The terminal side of the CLI: standard output and error consoles, listings, JSON and progress bars.

Only the command modules and :mod:`tradetrace.app` use it; nothing below the CLI prints.

Every listing is printed by :func:`print_listing` in the format the user asked for: ``table`` (box drawing
and colour on a terminal; plain, space-aligned columns when stdout is a pipe or a file, so that ``grep``,
``cut`` and ``awk`` see one row per line), ``json`` (one array), ``jsonl`` (one object per line) or ``csv``
(the table's columns, RFC 4180 quoting).

Data is data: article text, file names and metadata reach the terminal only through :func:`terminal_text`,
which removes terminal control sequences and control characters, and never as rich markup (``[/x]`` or
``[link=...]`` in an article prints as written). Styles come only from this module.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

__all__ = [
    "err",
    "multiline_cells",
    "out",
    "print_csv",
    "print_error",
    "print_json",
    "print_jsonl",
    "print_listing",
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


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout (non-ASCII kept, other types as ``str``).

    JSON escapes C0 controls itself; DEL and C1 controls (``\\x9b`` starts a terminal sequence too) and
    lone surrogates are escaped here, so the output is safe on a terminal and still the same JSON.
    """
    _write(_json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n")


def print_jsonl(records: Sequence[Any]) -> None:
    """One compact JSON document per line on stdout (escaped as :func:`print_json` escapes)."""
    _write("".join(_json_safe(json.dumps(r, ensure_ascii=False, default=str)) + "\n" for r in records))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def _json_safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _cell(value: Any) -> str:
    return "" if value is None else terminal_text(value)


def _plain_cell(value: Any) -> str:
    """A cell on one line: a plain table row and a CSV record stay one line each."""
    return " ".join(_cell(value).split())


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """A table on stdout; ``None`` cells print empty.

    On a terminal: a rich table (cells are shown as text, never read as markup). Elsewhere: the title on
    its own line, then space-aligned columns without box drawing, one row per line.
    """
    if out.is_terminal:
        table = Table(title=Text(terminal_text(title)) if title else None, show_lines=False)
        for column in columns:
            table.add_column(Text(terminal_text(column)), overflow="fold")
        for row in rows:
            table.add_row(*(Text(_cell(cell)) for cell in row))
        out.print(table)
        return
    cells = [[_plain_cell(c) for c in columns], *([_plain_cell(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    _write((terminal_text(title) + "\n" if title else "") + "\n".join(lines) + "\n")


def print_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """The columns and rows as CSV on stdout (a header row, one record per row)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_plain_cell(c) for c in row] for row in rows)
    sys.stdout.flush()


def print_listing(fmt: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                  records: Sequence[Mapping[str, Any]] | Mapping[str, Any], title: str | None = None) -> None:
    """A listing in ``fmt`` (a :class:`tradetrace.options.Format` value): ``columns``/``rows`` for ``table``
    and ``csv``, ``records`` for ``json`` and ``jsonl`` (a single mapping prints as one object, or one line)."""
    if fmt == "json":
        print_json(records)
    elif fmt == "jsonl":
        print_jsonl([records] if isinstance(records, Mapping) else records)
    elif fmt == "csv":
        print_csv(columns, rows)
    else:
        print_table(columns, rows, title=title)


def multiline_cells(fmt: str) -> bool:
    """Whether cells may hold line breaks: only in a table drawn on a terminal."""
    return fmt == "table" and out.is_terminal


def print_error(message: str) -> None:
    """``error: message`` on stderr."""
    err.print(Text.assemble(("error:", "red"), " ", terminal_text(message)), highlight=False)


def print_warning(message: str) -> None:
    """``warning: message`` on stderr."""
    err.print(Text.assemble(("warning:", "yellow"), " ", terminal_text(message)), highlight=False)


def print_note(message: str) -> None:
    """A plain message (a summary, where a file went) on stderr."""
    err.print(Text(terminal_text(message)), highlight=False)
