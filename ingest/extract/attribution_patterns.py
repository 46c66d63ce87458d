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
from typing import Any, Literal

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ingest.extract.attribution_rules import (
    PATTERNS_PATH,
    Anaphor,
    AttributionRules,
    CueMatch,
    CueRule,
    Role,
    SlotRule,
    load_anaphors,
    load_cue_rules,
    load_slot_rules,
)
from ingest.extract.context import Annotated
from ontology.records import Mention

__all__ = ["PATTERNS_PATH", "Anaphor", "AttributionRules", "CueMatch", "CueRule", "Role", "SlotRule", "SourceSlots",
           "cue_matches", "cue_spans", "load_anaphors", "load_cue_rules", "load_slot_rules", "source_slots"]

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
def _scope(given: AttributionRules, cue: str) -> Literal["sentence", "doc"]:
    rules = [rule for rule in given.cues if rule.cue == cue]
    return "doc" if rules and all(rule.scope == "doc" for rule in rules) else "sentence"


@cache
def _cue_matcher(vocab: Vocab, given: AttributionRules, cue: str) -> _CueMatcher:
    """The matcher of one cue's rules, or (``cue`` :data:`_DOC_SCOPE`) of every rule of the cues found
    over the whole article, so that one run finds them all. Compiled once per vocabulary and set of
    rules: once per pipeline. A rule that marks tokens adds each variant under a key of its own, so that
    a match tells which tokens are marked."""
    matcher = Matcher(vocab)
    phrases = PhraseMatcher(vocab, attr="LOWER")
    by_key: dict[int, tuple[CueRule, tuple[int, ...]]] = {}
    rules = [rule for rule in given.cues
             if (_scope(given, rule.cue) == "doc" if cue == _DOC_SCOPE else rule.cue == cue)]
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
    if _scope(annotated.lexicons.attribution, cue) == "doc":
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
    cues = _cue_matcher(doc.vocab, annotated.lexicons.attribution, cue)
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
def _matchers(vocab: Vocab, given: AttributionRules) -> tuple[_SlotMatcher, ...]:
    """One matcher per slot and reach, with its rules (compiled once per vocabulary and set of rules: once
    per pipeline)."""
    groups = sorted({(rule.slot, _reach(rule)) for rule in given.slots})
    found: list[_SlotMatcher] = []
    for slot, reach in groups:
        matcher = Matcher(vocab)
        by_key: dict[int, SlotRule] = {}
        needed: list[tuple[str, ...] | None] = []
        for rule in given.slots:
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
    for group in _matchers(doc.vocab, annotated.lexicons.attribution):
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
