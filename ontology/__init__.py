"""The tradetrace ontology, its records, gazetteers and the exception tree."""

from ontology.errors import (
    ConfigError,
    ExportError,
    InputError,
    NoPath,
    NotFound,
    OntologyError,
    QueryError,
    StoreError,
    TradetraceError,
)

__all__ = [
    "ConfigError",
    "ExportError",
    "InputError",
    "NoPath",
    "NotFound",
    "OntologyError",
    "QueryError",
    "StoreError",
    "TradetraceError",
]
