"""The Cypher behind the typed reads of :class:`graph.store.StoreView`, one module per dialect.

:mod:`graph.cypher.common` builds every read query from the ontology's names; a dialect
(:mod:`graph.cypher.ladybug`, :mod:`graph.cypher.neo4j`) says how a property is written and which
string functions exist. :mod:`graph.cypher.view` runs the queries of one dialect and builds records.
"""
