"""The reference data a query reads besides the store: the ontology (which classes exist) and the gazetteer
(the names, aliases and generic sources it knows). Queries take it as an argument, never load it: the CLI,
the web adapter and the tests build one (``Reference(load_ontology(), load_gazetteer())``) and pass it in.

Examples
--------
>>> from ontology.gazetteer import load_gazetteer
>>> from ontology.model import load_ontology
>>> reference = Reference(load_ontology(), load_gazetteer())
>>> "trade data" in reference.generic_sources
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ontology.gazetteer import Gazetteer
from ontology.model import Ontology
from queries.origins import generic_forms

__all__ = ["Reference"]


@dataclass(frozen=True, eq=False)
class Reference:
    """The ontology and gazetteer queries resolve names and classes with."""

    onto: Ontology
    gazetteer: Gazetteer

    @cached_property
    def generic_sources(self) -> frozenset[str]:
        """Folded names and aliases of the gazetteer's generic sources ("trade data", "U.S. officials")."""
        return generic_forms(self.gazetteer)
