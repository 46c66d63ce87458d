"""Articles read from standard input (``tradetrace ingest -``): one text, Markdown or HTML article, or
JSON lines.

Standard input is spooled to a temporary file with the format's extension and read by
:func:`ingest.read.read_file`, so that stdin gets the same checks as a file (size limit, encodings,
binary data, per-line JSONL errors); the articles, warnings and errors then name ``<stdin>`` instead of
the temporary file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Container
from pathlib import Path
from typing import BinaryIO

from ingest.read import MAX_BYTES, ReadOutcome, read_file
from ontology.errors import InputError

__all__ = ["STDIN", "STDIN_FORMATS", "STDIN_NAME", "read_stdin"]

STDIN = Path("-")
"""The path that stands for standard input on the command line."""
STDIN_NAME = "<stdin>"
"""What articles, warnings and errors read from standard input name as their file."""
STDIN_FORMATS = {"txt": ".txt", "md": ".md", "html": ".html", "jsonl": ".jsonl"}
"""Formats standard input may be read as, with the extension that selects the reader."""


def read_stdin(fmt: str = "txt", known: Container[str] = frozenset(), max_bytes: int = MAX_BYTES,
               stream: BinaryIO | None = None) -> ReadOutcome:
    """Read standard input (or ``stream``) as one file of format ``fmt`` (see :data:`STDIN_FORMATS`), each
    article at most ``max_bytes`` (the whole input for one article, each line for JSON lines).

    Never raises for bad content; like :func:`ingest.read.read_file`, problems are in the outcome. The
    input is copied in chunks, so a long JSON-lines stream is never held in memory whole.

    Raises
    ------
    InputError
        When ``fmt`` is not one of :data:`STDIN_FORMATS`.
    """
    suffix = STDIN_FORMATS.get(fmt)
    if suffix is None:
        raise InputError(f"cannot read standard input as {fmt!r}; use one of {', '.join(STDIN_FORMATS)}")
    with tempfile.TemporaryDirectory(prefix="tradetrace-stdin-") as folder:
        spooled = Path(folder) / f"stdin{suffix}"
        with spooled.open("wb") as handle:
            shutil.copyfileobj(stream or sys.stdin.buffer, handle)
        outcome = read_file(spooled, known, max_bytes=max_bytes)
    name = str(spooled)

    def rename(text: str) -> str:
        return text.replace(name, STDIN_NAME)

    return ReadOutcome(
        STDIN,
        tuple(a.model_copy(update={"path": rename(a.path)}) for a in outcome.articles),
        tuple(InputError(rename(str(e.args[0]) if e.args else ""), STDIN_NAME, e.line) for e in outcome.errors),
        tuple(rename(w) for w in outcome.warnings),
        outcome.unchanged,
    )
