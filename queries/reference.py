"""The reference data a query reads besides the store: the ontology (which classes exist), the gazetteer
(the names, aliases and generic sources it knows) and the claim lexicon (the measures and change words
claims are compared with). Queries take it as an argument, never load it: the CLI, the web adapter and the
tests build one (``Reference(load_ontology(), load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")``)
and pass it in.

Examples
--------
>>> from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
>>> from ontology.model import load_ontology
>>> reference = Reference(load_ontology(), load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
>>> "trade data" in reference.generic_sources
True
>>> sorted(reference.vocabulary.metric_terms("sales of excavators"))
['exports', 'good:excavators']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ontology.gazetteer import Gazetteer
from ontology.model import Ontology, SupplyRole
from queries.vocabulary import ClaimVocabulary, claim_vocabulary, generic_forms

__all__ = ["Reference"]


@dataclass(frozen=True, eq=False)
class Reference:
    """The ontology, gazetteer and claim lexicon (its path) queries resolve names, classes and metrics with."""

    onto: Ontology
    gazetteer: Gazetteer
    claim_lexicon: Path

    @cached_property
    def vocabulary(self) -> ClaimVocabulary:
        """What clustering and origins compare claims with (:func:`queries.vocabulary.claim_vocabulary`)."""
        return claim_vocabulary(self.gazetteer, self.claim_lexicon)

    @cached_property
    def supply_classes(self) -> tuple[str, ...]:
        """The entity classes that can be an end or a stop of a route: those with a supply role (supplier,
        recipient or transit) in the ontology, in its order."""
        roles: tuple[SupplyRole, ...] = ("supplier", "recipient", "transit")
        parties = frozenset().union(*(self.onto.classes_with_role(role) for role in roles))
        return tuple(c for c in self.onto.entity_classes() if c in parties)

    @cached_property
    def generic_sources(self) -> frozenset[str]:
        """Folded names and aliases of the gazetteer's generic sources ("trade data", "U.S. officials")."""
        return generic_forms(self.gazetteer)
