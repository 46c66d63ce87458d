"""The store contract: one writer/reader interface, several backends.

Backends (``graph.ladybug_store.LadybugStore`` embedded; Neo4j through ``graph.neo4j_store``) pass the
same behaviour suite in ``tests/graph/test_store_contract.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ontology.records import Extraction

__all__ = ["GraphStore", "QueryResult", "StoreStats", "WriteSummary"]


@dataclass(frozen=True)
class QueryResult:
    """Rows of a Cypher query, with the column names in order."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class WriteSummary:
    """What one :meth:`GraphStore.write` did. ``skipped`` is true when the article was already stored
    with the same content hash (nothing written)."""

    article_id: str
    skipped: bool
    nodes: int = 0
    relations: int = 0


@dataclass(frozen=True)
class StoreStats:
    """Counts for ``tradetrace stats``."""

    articles: int
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    supply_flows: int = 0
    claims: int = 0


@runtime_checkable
class GraphStore(Protocol):
    """A graph store of extractions.

    ``write`` is an idempotent upsert: writing the same :class:`Extraction` twice changes nothing, and
    writing one article never deletes another's data.
    """

    def write(self, extraction: Extraction) -> WriteSummary: ...

    def has_article(self, article_id: str) -> bool: ...

    def query(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult: ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...


