"""Source slots: where a reported-speech construction puts its source, by spaCy Matcher patterns kept as data.

``ontology/gazetteers/attribution_patterns.yaml`` holds token patterns ("according to | X", "as reported
by | X", "citing | Y", "told | Y", "X | imposed sanctions", "For X, ...") with the side of the match the
source stands on and the part it plays there (speaker, cited source, listener, affiliation).
:func:`source_slots` runs them once over an article's tokens and answers, for a source mention, whether
such a construction gives it that part. Patterns read only the tokens' text (``LOWER``, ``IS_PUNCT`` ...),
which every sentence has, parsed or not. Word lists of ``claim_lexicon.yaml`` are shared through
``"$name"`` (single words, in an ``IN`` list) and ``{PHRASE: "$name"}`` (a token that stands for every
entry of the list, phrases of several words included: "with reference to").

The ``cues`` of the same file are constructions without a slot: a pronoun that names the speaker, a
back-reference ("the ministry said": the words the rule marks with ``MARK: true``), a clause break of
claims.py. :func:`cue_spans` finds them; a ``scope: doc`` cue is found, with every other such cue, by one
run over the article. ``{ONE_OF: [[tokens], [tokens]], OP: "?"}`` spells out a construction's optional
groups into the variants spaCy is given. Every matcher is compiled once per vocabulary (once per
pipeline); rules of plain words go to a phrase matcher; a rule is not run over text that lacks a word
each of its matches needs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.extract.context import Annotated
from ingest.extract.entities import COLLECTIVE_SOURCES_PATH
from ingest.extract.values import load_claim_lexicon
from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR
from ontology.records import Entity, Mention

__all__ = ["PATTERNS_PATH", "Anaphor", "CueMatch", "CueRule", "Role", "SlotRule", "SourceSlots", "cue_matches",
           "cue_spans", "load_anaphors", "load_cue_rules", "load_slot_rules", "source_slots"]

PATTERNS_PATH = GAZETTEER_DIR / "attribution_patterns.yaml"

#: The part a construction gives the source in its slot: who says it, whom they cite, the outlet they
#: told it to, the organisation a person named just before belongs to, or the author of a document named
#: just before.
Role = Literal["speaker", "cited", "listener", "affiliation", "document"]


class SlotRule(BaseModel):
    """One reported-speech construction (see the data file's header)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    slot: Literal["after", "before"]
    role: Role = "speaker"
    types: tuple[str, ...] = ()
    opens_sentence: bool = False
    follows: tuple[str, ...] = ()
    #: Tokens the rule is run over beside its source (``None``: :data:`WINDOW_TOKENS`); a rule that reaches
    #: further ("X, a senior fellow at ..., said") runs over longer windows, the others keep short ones.
    reach: int | None = None
    pattern: tuple[dict[str, Any], ...]
    #: The token sequences the pattern stands for, ``{PHRASE: ...}`` tokens spelt out (filled at load).
    variants: tuple[tuple[dict[str, Any], ...], ...] = ()


class _SlotRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    patterns: tuple[SlotRule, ...]


class CueRule(BaseModel):
    """A cue a sentence carries without a source in a fixed place ('"...," she said': a pronoun that names
    the speaker); ``mark`` lists the words of the match the rule is read for ("he", "she"), or the pattern
    marks its tokens (``MARK: true``: "the | ministry | said"); ``follows`` the tokens one of which must
    stand right before the match, unless it opens its sentence and the rule allows that
    (``opens_sentence``); ``at_start`` rules are only looked for in the first tokens of a sentence;
    ``scope: doc`` rules are run once over the whole article (cues asked of every sentence and clause)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    cue: str
    opens_sentence: bool = False
    at_start: bool = False
    scope: Literal["sentence", "doc"] = "sentence"
    follows: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    pattern: tuple[dict[str, Any], ...]
    variants: tuple[tuple[dict[str, Any], ...], ...] = ()
    #: For each variant, the indices of the tokens the pattern marks (filled at load).
    marks: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class CueMatch:
    """Where a cue was found: character offsets, the words the rule marks in it (``""``: none), the rule
    and its cue."""

    start: int
    end: int
    word: str
    rule: str
    cue: str


class Anaphor(BaseModel):
    """Words by which a sentence refers back to a source named before ("the ministry said"), and what that
    source's name holds (``name_words``, any case) or what type it is (``types``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    words: tuple[str, ...]
    name_words: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def fits(self, entity: Entity) -> bool:
        """Whether ``entity`` may be the source these words refer back to."""
        if entity.type == "GenericSource" and self.kinds and entity.kind not in self.kinds:
            return False
        name = entity.name.lower()
        return entity.type in self.types or any(word in name for word in self.name_words)


class _Anaphors(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    anaphors: tuple[Anaphor, ...]


@cache
def load_anaphors(path: Path = COLLECTIVE_SOURCES_PATH) -> tuple[Anaphor, ...]:
    """The ``anaphors`` of ``generic_sources.yaml`` (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or the key is missing or malformed (the message names the key).
    """
    data = read_data_file(path, "a gazetteer")
    return validate_data(path, _Anaphors, {"anaphors": data.get("anaphors")}).anaphors


class _CueRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    cues: tuple[CueRule, ...]


def _expand(value: Any, lists: dict[str, tuple[str, ...]], path: Path, rule: str) -> Any:
    """``value`` with every ``"$name"`` replaced by the lexicon's word list ``name`` (single words only:
    a token pattern matches one token)."""
    if isinstance(value, str) and value.startswith("$"):
        words = lists.get(value[1:])
        if words is None:
            raise OntologyError(f"{path}: patterns: {rule}: no word list {value[1:]!r} in the claim lexicon")
        return [w for w in words if " " not in w]
    if isinstance(value, dict):
        # A PHRASE token keeps its lists' names: it is spelt out, phrases included, by _variants; so are
        # the token sequences of a ONE_OF token.
        return {key: item if key == "PHRASE" else
                [[_expand(t, lists, path, rule) for t in seq] for seq in item] if key == "ONE_OF" else
                _expand(item, lists, path, rule) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_expand(item, lists, path, rule) for item in value]
    return value


def _phrases(token: dict[str, Any], lists: dict[str, tuple[str, ...]], path: Path,
             rule: str) -> list[list[dict[str, Any]]]:
    """The token sequences a ``{PHRASE: "$name"}`` token (or ``{PHRASE: ["$a", "$b"]}``) stands for: one
    token for the lists' single words, one sequence per phrase of several words."""
    names = token["PHRASE"] if isinstance(token["PHRASE"], list) else [token["PHRASE"]]
    words: list[str] = []
    for name in names:
        found = lists.get(str(name).removeprefix("$"))
        if found is None or set(token) - {"PHRASE", "MARK"}:
            raise OntologyError(f"{path}: patterns: {rule}: PHRASE takes a word list (or lists) of the claim "
                                "lexicon, alone")
        words += [w for w in found if w not in words]
    singles = [w for w in words if " " not in w]
    spelt: list[list[dict[str, Any]]] = [[{"LOWER": {"IN": singles}}]] if singles else []
    spelt += [[{"LOWER": part} for part in w.split()] for w in words if " " in w]
    # The tokenizer splits a hyphen between letters off ("think-tank": "think", "-", "tank").
    spelt += [[{"LOWER": part} for part in w.replace("-", " - ").split()] for w in words
              if "-" in w.strip("-")]
    return spelt


#: A token of a variant with whether the rule marks it (``MARK: true``: the words a cue is read for).
_Marked = tuple[dict[str, Any], bool]


def _options(token: dict[str, Any], lists: dict[str, tuple[str, ...]], path: Path,
             rule: str) -> list[list[_Marked]]:
    """The token sequences one pattern token stands for: a ``PHRASE`` token its list's entries, a
    ``ONE_OF`` token (``[[tokens], [tokens]]``, ``OP: "?"`` for none of them) each of its sequences."""
    mark = bool(token.get("MARK", False))
    if "ONE_OF" in token:
        if set(token) - {"ONE_OF", "OP", "MARK"} or token.get("OP", "?") != "?" or not token["ONE_OF"]:
            raise OntologyError(f"{path}: patterns: {rule}: ONE_OF takes token sequences and OP '?' alone")
        found: list[list[_Marked]] = [[]] if token.get("OP") == "?" else []
        for sequence in token["ONE_OF"]:
            for done in _spell(list(sequence), lists, path, rule):
                found.append([(t, m or mark) for t, m in done])
        return found
    if "PHRASE" in token:
        return [[(t, mark) for t in seq] for seq in _phrases(token, lists, path, rule)]
    return [[({k: v for k, v in token.items() if k != "MARK"}, mark)]]


def _spell(pattern: list[dict[str, Any]], lists: dict[str, tuple[str, ...]], path: Path,
           rule: str) -> list[list[_Marked]]:
    sequences: list[list[_Marked]] = [[]]
    for token in pattern:
        options = _options(token, lists, path, rule)
        sequences = [[*done, *option] for done in sequences for option in options]
    return sequences


def _variants(pattern: list[dict[str, Any]], lists: dict[str, tuple[str, ...]], path: Path,
              rule: str) -> tuple[tuple[dict[str, Any], ...], ...]:
    """Every token sequence of ``pattern`` with its ``PHRASE`` and ``ONE_OF`` tokens spelt out."""
    return tuple(tuple(t for t, _m in sequence) for sequence in _spell(pattern, lists, path, rule))


def _marks(pattern: list[dict[str, Any]], lists: dict[str, tuple[str, ...]], path: Path,
           rule: str) -> tuple[tuple[int, ...], ...]:
    """For each variant of ``pattern`` (in the order of :func:`_variants`), the indices of its marked tokens."""
    return tuple(tuple(i for i, (_t, m) in enumerate(sequence) if m)
                 for sequence in _spell(pattern, lists, path, rule))


def _lexicon_lists() -> dict[str, tuple[str, ...]]:
    """The claim lexicon's word lists by name (those of a mapping as ``name.key``), and ``anaphors``: the
    words of ``generic_sources.yaml``'s anaphors ("the ministry", "the publication")."""
    lex = load_claim_lexicon()
    lists = {name: value for name, value in vars(lex).items()
             if isinstance(value, tuple) and all(isinstance(w, str) for w in value)}
    # The lists of a mapping of lists, by "name.key" ("$measures.exports").
    lists |= {f"{name}.{key}": words for name, value in vars(lex).items() if isinstance(value, dict)
              for key, words in value.items()
              if isinstance(words, tuple) and all(isinstance(w, str) for w in words)}
    lists["anaphors"] = tuple(dict.fromkeys(w for rule in load_anaphors() for w in rule.words))
    return lists


@cache
def _pattern_file(path: Path) -> dict[str, Any]:
    """The mapping of ``attribution_patterns.yaml``, read once for both its ``cues`` and its ``patterns``."""
    return read_data_file(path, "the attribution patterns")


@cache
def load_cue_rules(path: Path = PATTERNS_PATH) -> tuple[CueRule, ...]:
    """The ``cues`` of ``attribution_patterns.yaml`` with lexicon lists expanded (cached).

    Raises
    ------
    OntologyError
        As :func:`load_slot_rules`.
    """
    data = _pattern_file(path)
    rules = validate_data(path, _CueRules, {"cues": data.get("cues", [])}).cues
    lists = _lexicon_lists()
    expanded: list[CueRule] = []
    probe = Matcher(Vocab())
    for rule in rules:
        pattern = _expand(list(rule.pattern), lists, path, rule.name)
        variants = _variants(pattern, lists, path, rule.name)
        marks = _marks(pattern, lists, path, rule.name)
        done = rule.model_copy(update={"pattern": tuple(pattern), "variants": variants, "marks": marks})
        try:
            probe.add(done.name, [list(variant) for variant in done.variants])
        except ValueError as err:
            raise OntologyError(f"{path}: cues: {rule.name}: {err}") from err
        expanded.append(done)
    return tuple(expanded)


@dataclass(frozen=True)
class _CueMatcher:
    matcher: Matcher
    phrases: PhraseMatcher  # the variants of plain words, which a phrase matcher finds far faster
    by_key: dict[int, tuple[CueRule, tuple[int, ...]]]  # a variant's key: its rule and its marked tokens
    at_start: bool  # whether every rule matches only where the sentence opens
    gate: frozenset[str] | None  # words one of which every match holds (None: no such words)


#: What :func:`_cue_matcher` is asked for to get the one matcher of every ``scope: doc`` rule.
_DOC_SCOPE = "<doc>"


@cache
def _scope(cue: str) -> Literal["sentence", "doc"]:
    rules = [rule for rule in load_cue_rules() if rule.cue == cue]
    return "doc" if rules and all(rule.scope == "doc" for rule in rules) else "sentence"


@cache
def _cue_matcher(vocab: Vocab, cue: str) -> _CueMatcher:
    """The matcher of one cue's rules, or (``cue`` :data:`_DOC_SCOPE`) of every rule of the cues found
    over the whole article, so that one run finds them all. Compiled once per vocabulary: once per
    pipeline. A rule that marks tokens adds each variant under a key of its own, so that a match tells
    which tokens are marked."""
    matcher = Matcher(vocab)
    phrases = PhraseMatcher(vocab, attr="LOWER")
    by_key: dict[int, tuple[CueRule, tuple[int, ...]]] = {}
    rules = [rule for rule in load_cue_rules()
             if (_scope(rule.cue) == "doc" if cue == _DOC_SCOPE else rule.cue == cue)]
    for rule in rules:
        for index, (variant, marks) in enumerate(zip(rule.variants, rule.marks, strict=True)):
            key = f"{rule.name}#{index}" if any(rule.marks) else rule.name
            words = _plain_words(variant)
            if words is not None:
                phrases.add(key, [Doc(vocab, words=list(sequence)) for sequence in words])
            else:
                matcher.add(key, [list(variant)])
            by_key[vocab.strings[key]] = (rule, marks)
    needed = [_needed_words(variant) for rule in rules for variant in rule.variants]
    gate = frozenset(w for words in needed for w in words or ()) if needed and all(needed) else None
    return _CueMatcher(matcher, phrases, by_key, bool(rules) and all(rule.at_start for rule in rules), gate)


#: Most word sequences a variant of plain words is spelt into for the phrase matcher.
_MAX_PHRASES = 500


def _plain_words(variant: tuple[dict[str, Any], ...]) -> list[tuple[str, ...]] | None:
    """The word sequences (lower case) a variant of plain words stands for: each token a ``LOWER`` word or
    ``IN`` list, or an ``ORTH`` mark without case, none optional. ``None`` for any other variant."""
    options: list[list[str]] = []
    for token in variant:
        lower, orth = token.get("LOWER"), token.get("ORTH")
        if set(token) == {"LOWER"} and isinstance(lower, str):
            options.append([lower])
        elif set(token) == {"LOWER"} and isinstance(lower, dict) and set(lower) == {"IN"}:
            options.append([str(w) for w in lower["IN"]])
        elif set(token) == {"ORTH"} and isinstance(orth, str) and orth.lower() == orth.upper():
            options.append([orth])
        else:
            return None
    sequences: list[tuple[str, ...]] = [()]
    for words in options:
        sequences = [(*done, word) for done in sequences for word in words]
        if len(sequences) > _MAX_PHRASES:
            return None
    return sequences if variant else None


def _needed_words(variant: tuple[dict[str, Any], ...]) -> tuple[str, ...] | None:
    """Words one of which every match of ``variant`` holds: those of its last token that is neither
    optional nor more than a word (the verb of "he | also | said", rarer than the words before it);
    ``None`` where no token tells."""
    for token in reversed(variant):
        lower = token.get("LOWER")
        if token.get("OP") not in (None, "+") or set(token) - {"LOWER", "OP"}:
            continue
        if isinstance(lower, str):
            return (lower,)
        if isinstance(lower, dict) and set(lower) == {"IN"}:
            return tuple(lower["IN"])
    return None


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_WORD_PARTS = re.compile(r"['’-]")


def _words_in(text: str, start: int, end: int) -> set[str]:
    """The words of ``text[start:end]`` in lower case, and the parts of those with a hyphen or an
    apostrophe (the tokenizer may split them: "think-tank" is "think", "-", "tank")."""
    words = {w.lower() for w in _WORD.findall(text, start, end)}
    return words | {part for w in words if not w.isalnum() for part in _WORD_PARTS.split(w)}


#: Tokens from a sentence's opening that ``at_start`` cues are looked for in.
OPENING_TOKENS = 8


def cue_matches(annotated: Annotated, cue: str, start: int, end: int) -> list[tuple[int, str]]:
    """Where the article's sentence ``[start, end)`` carries ``cue`` (a ``cue`` of the data file): the
    offset of each match, with the words of it that the rule marks (``""`` if it marks none), in text
    order (of matches that start together, the longest first)."""
    return [(match.start, match.word) for match in cue_spans(annotated, cue, start, end)]


def cue_spans(annotated: Annotated, cue: str, start: int, end: int) -> list[CueMatch]:
    """The matches of ``cue`` that start in ``[start, end)``, in text order (longest first where several
    start together). A ``scope: doc`` cue is found once over the whole article and then only looked up;
    any other is looked for once per sentence asked about, and only there: running the rules over every
    token of every article would cost more than the rest of attribution."""
    if _scope(cue) == "doc":
        found, starts = annotated.memo(cue_spans, lambda: _doc_cues(annotated)).get(cue, ([], []))
        return found[bisect_left(starts, start):bisect_left(starts, end)]
    return annotated.memo((cue_spans, cue, start, end), lambda: _find_cues(annotated, cue, start, end))


def _doc_cues(annotated: Annotated) -> dict[str, tuple[list[CueMatch], list[int]]]:
    """Every ``scope: doc`` cue of the article, by cue, from one run of their matcher over the doc."""
    by_cue: dict[str, tuple[list[CueMatch], list[int]]] = {}
    for match in _find_cues(annotated, _DOC_SCOPE, 0, len(annotated.text)):
        found, starts = by_cue.setdefault(match.cue, ([], []))
        found.append(match)
        starts.append(match.start)
    return by_cue


def _token_bounds(annotated: Annotated) -> tuple[list[int], list[int]]:
    """Where each token of the doc starts and ends, in characters (once per article)."""
    def bounds() -> tuple[list[int], list[int]]:
        firsts = [token.idx for token in annotated.doc]
        return firsts, [at + len(token) for at, token in zip(firsts, annotated.doc, strict=True)]

    return annotated.memo(_token_bounds, bounds)


def _find_cues(annotated: Annotated, cue: str, start: int, end: int) -> list[CueMatch]:
    doc, text = annotated.doc, annotated.text
    cues = _cue_matcher(doc.vocab, cue)
    if not cues.by_key:
        return []
    if cues.gate is not None and cues.gate.isdisjoint(_words_in(text, start, end)):
        return []  # none of the words a match needs: no need to run the matcher
    span = doc.char_span(start, end, alignment_mode="expand") if (start, end) != (0, len(text)) else doc[:]
    if span is None:
        return []
    if cues.at_start:
        span = doc[span.start:min(span.end, span.start + OPENING_TOKENS)]
    found: list[CueMatch] = []
    firsts, lasts = _token_bounds(annotated)
    matches: list[tuple[int, int, int, list[int]]] = (
        cues.matcher(span, with_alignments=True) if len(cues.matcher) else [])  # type: ignore[assignment]
    # The phrase matcher gives offsets in the doc, the matcher in the span.
    matches += [(key, first - span.start, last - span.start, list(range(last - first)))
                for key, first, last in cues.phrases(span)]
    for key, first, last, aligned in matches:
        rule, marks = cues.by_key[key]
        m_start, m_end = span.start + first, span.start + last
        at_char = firsts[m_start]
        if not start <= at_char < end:
            continue
        if rule.follows or rule.opens_sentence:
            opens = rule.opens_sentence and (m_start == 0 or _opens(text, at_char))
            if not opens and not (m_start > 0 and doc[m_start - 1].lower_ in rule.follows):
                continue
        word = ""
        if marks:
            marked = [m_start + i for i, at in enumerate(aligned) if at in marks]
            word = " ".join(text[firsts[marked[0]]:lasts[marked[-1]]].lower().split()) if marked else ""
        elif rule.mark:
            word = next((t.lower_ for t in doc[m_start:m_end] if t.lower_ in rule.mark), "")
        found.append(CueMatch(at_char, lasts[m_end - 1], word, rule.name, rule.cue))
    found.sort(key=lambda match: (match.start, -match.end))
    return found


@cache
def load_slot_rules(path: Path = PATTERNS_PATH) -> tuple[SlotRule, ...]:
    """The rules of ``attribution_patterns.yaml`` with lexicon lists expanded (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read, a rule is malformed, names an unknown word list, or spaCy refuses
        its pattern (the message names the file and the rule).
    """
    data = _pattern_file(path)
    rules = validate_data(path, _SlotRules, {"patterns": data.get("patterns")}).patterns
    lists = _lexicon_lists()
    expanded: list[SlotRule] = []
    for rule in rules:
        pattern = _expand(list(rule.pattern), lists, path, rule.name)
        expanded.append(rule.model_copy(update={"pattern": tuple(pattern),
                                                "variants": _variants(pattern, lists, path, rule.name)}))
    probe = Matcher(Vocab())
    for rule in expanded:
        try:
            probe.add(rule.name, [list(variant) for variant in rule.variants])
        except ValueError as err:  # spaCy's pattern validation
            raise OntologyError(f"{path}: patterns: {rule.name}: {err}") from err
    return tuple(expanded)


@dataclass(frozen=True)
class SourceSlots:
    """Where the constructions of one article put a source: character offsets at which a source's name
    may start (``after`` rules) or end (``before`` rules), each with the types it is limited to and the
    role it gives (``()``: any type)."""

    starts: dict[int, list[tuple[tuple[str, ...], Role]]]
    ends: dict[int, list[tuple[tuple[str, ...], Role]]]

    def after(self, mention: Mention, etype: str, role: Role = "speaker") -> bool:
        """Whether a construction right before the mention gives it ``role`` ("as reported by | X",
        "citing | Y")."""
        return any(given == role and (not types or etype in types)
                   for types, given in self.starts.get(mention.evidence.start, ()))

    def before(self, mention: Mention, etype: str, role: Role = "speaker") -> bool:
        """Whether a construction right after the mention gives it ``role`` ("X | imposed sanctions")."""
        return any(given == role and (not types or etype in types)
                   for types, given in self.ends.get(mention.evidence.end, ()))


def _reach(rule: SlotRule) -> int:
    return WINDOW_TOKENS if rule.reach is None else rule.reach


@dataclass(frozen=True)
class _SlotMatcher:
    slot: Literal["after", "before"]
    reach: int
    matcher: Matcher
    by_key: dict[int, SlotRule]
    gate: frozenset[str] | None  # words one of which every match holds (None: no such words)


@cache
def _matchers(vocab: Vocab) -> tuple[_SlotMatcher, ...]:
    """One matcher per slot and reach, with its rules (compiled once per vocabulary: once per pipeline)."""
    groups = sorted({(rule.slot, _reach(rule)) for rule in load_slot_rules()})
    found: list[_SlotMatcher] = []
    for slot, reach in groups:
        matcher = Matcher(vocab)
        by_key: dict[int, SlotRule] = {}
        needed: list[tuple[str, ...] | None] = []
        for rule in load_slot_rules():
            if (rule.slot, _reach(rule)) == (slot, reach):
                matcher.add(rule.name, [list(variant) for variant in rule.variants])
                by_key[vocab.strings[rule.name]] = rule
                needed += [_needed_words(variant) for variant in rule.variants]
        gate = frozenset(w for words in needed for w in words or ()) if needed and all(needed) else None
        found.append(_SlotMatcher(slot, reach, matcher, by_key, gate))
    return tuple(found)


#: Tokens beside a source mention that a rule is run over, unless it says how far it reaches: a match
#: longer than this is not found ("according to the latest annual report released by the | X" has 10).
WINDOW_TOKENS = 10


def source_slots(annotated: Annotated, mentions: Sequence[Mention]) -> SourceSlots:
    """The source slots around ``mentions`` (the article's source mentions; computed once per article).

    The ``after`` rules run only over a window of tokens before each mention (their match ends where the
    mention starts), the ``before`` rules over one after it (their match starts where it ends), each as
    long as the rule's ``reach`` (:data:`WINDOW_TOKENS` by default):
    a slot elsewhere has no source to fill it, and running patterns that open with optional tokens over
    every token of an article would cost more than the rest of attribution together."""
    return annotated.memo(source_slots, lambda: _find_slots(annotated, mentions))


def _windows(annotated: Annotated, mentions: Sequence[Mention], slot: Literal["after", "before"],
             reach: int) -> list[tuple[int, int]]:
    """Merged token windows before (``after`` rules) or after (``before`` rules) the mentions, in order."""
    doc = annotated.doc
    spans: list[tuple[int, int]] = []
    for mention in mentions:
        span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        if slot == "after":
            start, end = max(0, span.start - reach), span.start
        else:
            start, end = span.end, min(len(doc), span.end + reach)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        elif start < end:
            spans.append((start, end))
    return spans


def _find_slots(annotated: Annotated, mentions: Sequence[Mention]) -> SourceSlots:
    doc = annotated.doc
    text = annotated.text
    starts: dict[int, list[tuple[tuple[str, ...], Role]]] = {}
    ends: dict[int, list[tuple[tuple[str, ...], Role]]] = {}
    ordered = sorted(mentions, key=lambda m: m.evidence.start)
    for group in _matchers(doc.vocab):
        slot = group.slot
        for window_start, window_end in _windows(annotated, ordered, slot, group.reach):
            window = doc[window_start:window_end]
            if group.gate is not None and group.gate.isdisjoint(
                    _words_in(text, window.start_char, window.end_char)):
                continue  # none of the words a match needs
            for key, first, last in group.matcher(window):  # tuples, not Spans: most are dropped unread
                rule = group.by_key[key]
                start, end = window_start + first, window_start + last
                if rule.opens_sentence and start > 0 and not _opens(text, doc[start].idx):
                    continue
                if rule.follows and not (start > 0 and doc[start - 1].lower_ in rule.follows):
                    continue
                if slot == "after":
                    at = doc[end].idx if end < len(doc) else len(text)
                    starts.setdefault(at, []).append((rule.types, rule.role))
                else:
                    # The source's name ends where the match starts, blanks between them aside.
                    at = doc[start].idx
                    while at > 0 and text[at - 1] in " \t":
                        at -= 1
                    ends.setdefault(at, []).append((rule.types, rule.role))
    return SourceSlots(starts, ends)


def _opens(text: str, offset: int) -> bool:
    """Whether only blanks, quotes or a line break stand between ``offset`` and the end of the sentence
    before it."""
    before = text[:offset].rstrip(" \t\"“”'‘’«»")
    return not before or before[-1] in ".!?\n:"
