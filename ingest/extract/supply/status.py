"""The status of a supply flow (asserted, hedged or negated) from the negation and hedge cues on its trigger."""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.supply.lexicon import SupplyLexicon
from ingest.extract.supply.tree import _SUBJECTS
from ontology.records import Status


def _status(trigger: Token, lexicon: SupplyLexicon) -> Status:
    """``negated`` when a negation governs the trigger ("does not give", "no evidence that ... provided"),
    ``hedged`` for a modal or hedge word on its path to the root, else ``asserted``."""
    negation = set(lexicon.negation)
    hedges = set(lexicon.hedges)
    path = [trigger, *trigger.ancestors]
    cues: list[Token] = []
    for token in path:
        cues.append(token)
        for child in token.children:
            if child.dep_ in ("neg", "aux", "advmod", "det", "auxpass", "prep") or child in path \
                    or (child.dep_ == "acomp" and token.pos_ == "AUX"):
                cues.append(child)
            if child.dep_ in ("aux", "auxpass"):  # "were likely re-exported", "likely" hung on "were"
                cues.extend(c for c in child.children if c.dep_ in ("advmod", "acomp", "neg"))
            if child.dep_ in _SUBJECTS:
                # "no firm shipped", "Neither Iran nor North Korea has shipped"
                cues.extend(c for c in child.children if c.dep_ in ("amod", "det", "neg", "preconj"))
            if token == trigger and child.dep_ == "dobj":  # "contained no European parts", "shipped no chips"
                cues.extend(c for c in child.children if c.dep_ in ("det", "neg"))
    words = {c.lower_ for c in cues} | {c.lemma_.lower() for c in cues}
    if words & negation:
        return "negated"
    if words & hedges:
        return "hedged"
    return "asserted"
