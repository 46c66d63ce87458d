"""The commands of the ``tradetrace`` CLI, one module per family, registered by :mod:`tradetrace.app`.

- :mod:`tradetrace.commands.ingest`: ``ingest``, ``extract``
- :mod:`tradetrace.commands.store`: ``entities``, ``cypher``, ``stats``
- :mod:`tradetrace.commands.investigate`: ``path``, ``goods``, ``claims``, ``provenance``, ``corroborate``,
  ``conflicts``
- :mod:`tradetrace.commands.export`: ``push ...``, ``export ...``
"""
