"""Exports of a stored graph to other systems, one module per target format.

Every exporter is a pure function of a :class:`graph.snapshot.GraphSnapshot` (read once from any
store) and the ontology; the CLI (``tradetrace export ...``) reads the snapshot and writes the file.

=================  ============================================  ======================================
name               module                                        produces
=================  ============================================  ======================================
``cypher``         :mod:`graph.exports.cypher_script`            a ``.cypher`` script for cypher-shell
``neo4j-csv``      :mod:`graph.exports.neo4j_csv`                CSV files + ``import.sh`` (neo4j-admin)
``rdf``            :mod:`graph.exports.rdf`                      Turtle / JSON-LD / N-Triples (PROV-O)
``ftm``            :mod:`graph.exports.ftm`                      FollowTheMoney entities, JSON lines
``claimreview``    :mod:`graph.exports.claimreview`              schema.org ClaimReview JSON-LD
``graphml``        :mod:`graph.exports.networkx_export`          GraphML (Gephi, Cytoscape, yEd)
``gexf``           :mod:`graph.exports.networkx_export`          GEXF (Gephi)
=================  ============================================  ======================================
"""

from __future__ import annotations

__all__ = ["EXPORTERS"]

# name -> "module:function"; each function takes (snapshot, onto) plus format options.
EXPORTERS: dict[str, str] = {
    "cypher": "graph.exports.cypher_script:cypher_script",
    "neo4j-csv": "graph.exports.neo4j_csv:write_neo4j_csv",
    "rdf": "graph.exports.rdf:rdf_graph",
    "ftm": "graph.exports.ftm:ftm_entities",
    "claimreview": "graph.exports.claimreview:claim_reviews",
    "graphml": "graph.exports.networkx_export:write_graphml",
    "gexf": "graph.exports.networkx_export:write_gexf",
}
