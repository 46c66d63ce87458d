"""The LadybugDB dialect of the read queries.

LadybugDB 0.22 (the Kùzu fork) reserves ``end`` (and may reserve ``start``), so every property is
written in backticks (:func:`graph.schema.quote`), and lower-casing is ``lower``.

>>> LADYBUG.broader()
'MATCH (a:Good)-[:BROADER]->(b:Good) RETURN a.`id`, b.`id`'
"""

from __future__ import annotations

from graph.cypher.common import CypherDialect
from graph.schema import quote

__all__ = ["LADYBUG", "LadybugDialect"]


class LadybugDialect(CypherDialect):
    """LadybugDB: every property backtick-quoted, ``lower`` for lower-casing."""

    name = "ladybug"

    def prop(self, var: str, name: str) -> str:
        return f"{var}.{quote(name)}"

    def lower(self, expr: str) -> str:
        return f"lower({expr})"


LADYBUG = LadybugDialect()
