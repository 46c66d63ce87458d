"""How exports reach the disk: whole or not at all, and in characters XML can hold.

:func:`atomic_writer` writes to a temporary file beside the target and renames it over the target only
when everything was written, so a failed or interrupted export never leaves a partial file (and never
destroys the previous one). :func:`xml_text` removes what XML 1.0 cannot hold; the readers remove the
same characters from articles, but a store written by an older version, or edited through
``cypher --write``, may still hold them.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ontology.errors import ExportError

__all__ = ["atomic_writer", "xml_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (C0 controls but tab and line breaks, lone
    surrogates, U+FFFE, U+FFFF).

    >>> xml_text("bell\\x07 and NUL\\x00 gone, tab\\tkept")
    'bell and NUL gone, tab\\tkept'
    """
    return _NOT_XML.sub("", value)


@contextlib.contextmanager
def atomic_writer(path: Path, what: str = "export") -> Iterator[TextIO]:
    """A UTF-8 text handle whose content replaces ``path`` when the block ends without error.

    Raises :class:`ontology.errors.ExportError` when the file cannot be written; the temporary file is
    removed on any failure, the target left as it was.
    """
    path = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or Path("."))
    except OSError as err:
        raise ExportError(f"cannot write {what} to {path}: {err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"cannot write {what} to {path}: {err}") from err
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
