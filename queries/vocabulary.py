"""The words corroboration and origins compare claims with: the gazetteer's countries and goods, the claim
lexicon's measures and change words, and the gazetteer's generic sources.

A :class:`ClaimVocabulary` is built once by :func:`claim_vocabulary` from a gazetteer and the path of a
claim lexicon (``claim_lexicon.yaml``) and passed to the queries that cluster claims or name origins;
nothing here loads a file on its own. :class:`queries.reference.Reference` builds one for its gazetteer.

Examples
--------
>>> from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
>>> vocabulary = claim_vocabulary(load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
>>> sorted(vocabulary.metric_terms("exports of ball bearings to Kyrgyzstan"))
['country:KG', 'exports', 'good:ball-bearings']
>>> "trade data" in vocabulary.generic
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ontology.datafile import read_data_file
from ontology.gazetteer import Gazetteer, fold_surface

__all__ = ["ClaimVocabulary", "claim_vocabulary", "generic_forms"]

_STOPWORDS = frozenset({
    "a", "an", "the", "of", "to", "from", "in", "into", "on", "for", "by", "with", "and", "or", "as", "at",
    "its", "it", "their", "this", "that", "these", "those", "than", "s", "'s", "was", "were", "is", "are",
    "be", "been", "has", "have", "had", "total's", "same", "period", "year", "last",
    # "exports of all goods" is the unqualified measure: it adds no subject term.
    "all", "good",
})

_LOOKUP_TYPES = ("Country", "Good")


def generic_forms(gazetteer: Gazetteer) -> frozenset[str]:
    """Folded names and aliases of the generic sources of ``gazetteer`` ("trade data", "U.S. officials")."""
    forms = set()
    for entity in gazetteer.entities.values():
        if entity.type == "GenericSource":
            forms |= {fold_surface(entity.name), *(fold_surface(a) for a in entity.aliases)}
    return frozenset(forms)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True, eq=False)
class ClaimVocabulary:
    """What clustering and origins compare claims with (see the module docstring).

    ``gazetteer`` resolves countries and goods in metrics; ``measures`` are ``(surface, canonical measure)``
    pairs, longest surface first; ``change_words`` are dropped from metrics; ``generic`` holds the folded
    names of generic sources. Metric terms are cached per instance.
    """

    gazetteer: Gazetteer
    measures: tuple[tuple[str, str], ...]
    change_words: frozenset[str]
    generic: frozenset[str]
    _terms: dict[str | None, frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _subjects: dict[str | None, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    def metric_terms(self, metric: str | None) -> frozenset[str]:
        """The content terms of a metric string, for comparing metrics written differently.

        Countries and goods become their ids (so names, demonyms, inflections and aliases agree), measure
        words become the lexicon's canonical measure ("sold", "shipments" → ``exports``), change words and
        stop words go.
        """
        found = self._terms.get(metric)
        if found is None:
            found = self._terms[metric] = self._compute_terms(metric)
        return found

    def subject(self, metric: str | None) -> frozenset[str]:
        """What a metric is about, without its route and measure (the goods, "all goods", "equipment")."""
        found = self._subjects.get(metric)
        if found is None:
            measures = {canon for _form, canon in self.measures}
            found = self._subjects[metric] = frozenset(
                t for t in self.metric_terms(metric) if not t.startswith("country:") and t not in measures)
        return found

    def _compute_terms(self, metric: str | None) -> frozenset[str]:
        if not metric:
            return frozenset()
        text = " " + re.sub(r"[^a-z0-9%'\- ]+", " ", metric.lower().replace("\u2019", "'")) + " "
        text = re.sub(r"'s\b", " ", text)
        words = text.split()
        terms: set[str] = set()
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                phrase = " ".join(words[i:i + size])
                if len(words[i:i + size]) < size:
                    continue
                entity = self.gazetteer.lookup(phrase, _LOOKUP_TYPES)
                if entity is not None:
                    terms.add(entity.id)
                    i += size
                    break
                measure = next((canon for form, canon in self.measures if form == phrase), None)
                if measure is not None:
                    terms.add(measure)
                    i += size
                    break
            else:
                word = words[i].strip("'-")
                if word and word not in _STOPWORDS and word not in self.change_words and not word.isdigit() \
                        and _singular(word) not in _STOPWORDS:
                    terms.add(_singular(word))
                i += 1
        return frozenset(terms)


def claim_vocabulary(gazetteer: Gazetteer, claim_lexicon: Path) -> ClaimVocabulary:
    """The vocabulary of ``gazetteer`` and of the claim lexicon at ``claim_lexicon`` (its ``measures``,
    ``change_verbs`` and ``change_nouns``; a missing file has none).

    Raises
    ------
    OntologyError: the lexicon cannot be read, is not valid YAML or is not a mapping.
    """
    lexicon = read_data_file(claim_lexicon, "the claim lexicon", needs_source=False) if claim_lexicon.is_file() else {}
    pairs: list[tuple[str, str]] = []
    for canonical, forms in (lexicon.get("measures") or {}).items():
        for form in [canonical, *forms]:
            if isinstance(form, str) and re.fullmatch(r"[a-z][a-z' -]*", form):
                pairs.append((form, canonical.replace(" ", "_")))
    words: set[str] = set()
    for key in ("change_verbs", "change_nouns"):
        for change_forms in (lexicon.get(key) or {}).values():
            words |= {str(f) for f in change_forms}
    return ClaimVocabulary(gazetteer=gazetteer, measures=tuple(sorted(pairs, key=lambda p: -len(p[0]))),
                           change_words=frozenset(words), generic=generic_forms(gazetteer))
