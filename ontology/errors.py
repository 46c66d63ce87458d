"""The one exception tree of tradetrace.

Every error the packages raise derives from :class:`TradetraceError`; causes are chained with
``raise ... from err``. Only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ExportError",
    "InputError",
    "NoPath",
    "NotFound",
    "OntologyError",
    "QueryError",
    "RefusedQuery",
    "StoreError",
    "TradetraceError",
]


class TradetraceError(Exception):
    """Base class of every error raised by tradetrace."""


class OntologyError(TradetraceError):
    """The ontology or a gazetteer data file is malformed (the message names the path and key)."""


class ConfigError(TradetraceError):
    """A setting is missing or wrong (e.g. the spaCy model cannot be loaded)."""


class InputError(TradetraceError):
    """An input file cannot be read as an article.

    Attributes
    ----------
    path:
        The offending file.
    line:
        The 1-based line number for line-oriented formats (JSONL), else ``None``.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where = f"{where}:{self.line}"
        base = super().__str__()
        return f"{where}: {base}" if where else base


class StoreError(TradetraceError):
    """The graph store refused an operation or could not be opened."""


class QueryError(StoreError):
    """A query is malformed or was refused (e.g. a write on a read-only connection)."""


class RefusedQuery(QueryError):
    """A query was refused before it reached the engine: it does more than it was allowed to
    (see :mod:`graph.cypher_guard`)."""


class NotFound(TradetraceError):
    """A named entity, claim or article does not exist in the store."""


class NoPath(TradetraceError):
    """A domain outcome, not bad input: no supply route connects the two entities."""


class ExportError(TradetraceError):
    """An export or push to another system failed."""
