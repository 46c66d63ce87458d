"""The Neo4j dialect of the read queries: properties bare unless reserved, ``toLower``.

>>> NEO4J.broader()
'MATCH (a:Good)-[:BROADER]->(b:Good) RETURN a.id, b.id'
"""

from __future__ import annotations

from graph.cypher.common import CypherDialect
from graph.snapshot import cypher_name

__all__ = ["NEO4J", "Neo4jDialect"]


class Neo4jDialect(CypherDialect):
    """Neo4j 5: a property is written bare unless it is a keyword (:func:`graph.snapshot.cypher_name`)."""

    name = "neo4j"

    def prop(self, var: str, name: str) -> str:
        return f"{var}.{cypher_name(name)}"

    def lower(self, expr: str) -> str:
        return f"toLower({expr})"


NEO4J = Neo4jDialect()
