"""Cue patterns of the supply frames: the dependency conditions under which a word of the supply lexicon opens
a frame ("destined for", "were made in", "sent on to"), kept as spaCy DependencyMatcher patterns in
``ontology/gazetteers/supply_patterns.yaml`` over the lexicon's word lists.

:class:`SupplyPatterns` is the validated file; :class:`CuePatterns` is its compiled form over one lexicon (the
lexicon builds it once, see :attr:`~ingest.extract.supply.lexicon.SupplyLexicon.cues`). The anchor node of
every pattern (its first) runs in one spaCy :class:`~spacy.matcher.Matcher` over a parsed sentence; the other
nodes are then followed from each anchor along their relations. That reads the patterns as the
DependencyMatcher does, at a fraction of its cost: the DependencyMatcher copies a Span into a new Doc on each
call and tests every node of every pattern over the whole sentence, which took the trigger search from
about 5 to about 38 ms on the dev articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR

__all__ = ["FAMILIES", "PATTERNS_PATH", "CueHits", "CuePatterns", "PatternNode", "SupplyPatterns",
           "read_supply_patterns"]

PATTERNS_PATH = GAZETTEER_DIR / "supply_patterns.yaml"

#: The pattern families the trigger search reads (see the patterns file for what each marks).
Family = Literal["destination", "destined", "outfits", "share_verb", "made_passive", "origin_copula", "trigger",
                 "trigger_amod", "perfect", "onward", "needs_route", "routed"]
FAMILIES: tuple[Family, ...] = get_args(Family)
#: Nodes the trigger search reads by name, by family.
_NAMED_NODES: dict[str, str] = {"perfect": "have"}

Attribute = Literal["LOWER", "LEMMA", "DEP", "POS", "TAG"]
RelOp = Literal[">", "<", ">++", ".", ";"]
_GETTERS: dict[str, Callable[[Token], str]] = {
    "LOWER": attrgetter("lower_"), "LEMMA": attrgetter("lemma_"), "DEP": attrgetter("dep_"),
    "POS": attrgetter("pos_"), "TAG": attrgetter("tag_")}


class _Set(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    in_: tuple[str, ...] | None = Field(None, alias="IN")
    not_in: tuple[str, ...] | None = Field(None, alias="NOT_IN")

    @model_validator(mode="after")
    def _one_test(self) -> _Set:
        if (self.in_ is None) == (self.not_in is None):
            raise ValueError("give one of IN or NOT_IN")
        return self


class PatternNode(BaseModel):
    """One node of a DependencyMatcher pattern (the anchor has neither ``LEFT_ID`` nor ``REL_OP``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    right_id: str = Field(alias="RIGHT_ID")
    right_attrs: dict[Attribute, str | _Set] = Field(alias="RIGHT_ATTRS")
    left_id: str | None = Field(None, alias="LEFT_ID")
    rel_op: RelOp | None = Field(None, alias="REL_OP")


class SupplyPatterns(BaseModel):
    """The cue patterns file: DependencyMatcher patterns by family."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str
    patterns: dict[Family, tuple[tuple[PatternNode, ...], ...]]

    @model_validator(mode="after")
    def _trees(self) -> SupplyPatterns:
        for family, patterns in self.patterns.items():
            for index, pattern in enumerate(patterns):
                where = f"patterns.{family}.{index}"
                if not pattern or pattern[0].left_id is not None or pattern[0].rel_op is not None:
                    raise ValueError(f"{where}: the first node is the anchor, without LEFT_ID or REL_OP")
                seen = {pattern[0].right_id}
                for node in pattern[1:]:
                    if node.left_id not in seen or node.rel_op is None:
                        raise ValueError(f"{where}.{node.right_id}: LEFT_ID must name an earlier node, with a REL_OP")
                    if node.right_id in seen:
                        raise ValueError(f"{where}.{node.right_id}: RIGHT_ID used twice")
                    seen.add(node.right_id)
                named = _NAMED_NODES.get(family)
                if named is not None and named not in seen:
                    raise ValueError(f"{where}: the pattern must have a node {named!r}")
        return self

    def spacy_patterns(self, lexicon: BaseModel) -> dict[str, list[list[dict[str, Any]]]]:
        """The patterns as ``DependencyMatcher.add`` takes them, lexicon references expanded."""
        return {family: [[_spacy_node(node, lexicon, f"patterns.{family}.{index}") for node in pattern]
                         for index, pattern in enumerate(patterns)]
                for family, patterns in self.patterns.items()}


def _spacy_node(node: PatternNode, lexicon: BaseModel, where: str) -> dict[str, Any]:
    attrs = {attr: {"IN": sorted(words)} if negate is False else {"NOT_IN": sorted(words)}
             for attr, (words, negate) in _attributes(node, lexicon, where).items()}
    if node.left_id is None:
        return {"RIGHT_ID": node.right_id, "RIGHT_ATTRS": attrs}
    return {"LEFT_ID": node.left_id, "REL_OP": node.rel_op, "RIGHT_ID": node.right_id, "RIGHT_ATTRS": attrs}


def _attributes(node: PatternNode, lexicon: BaseModel, where: str) -> dict[str, tuple[frozenset[str], bool]]:
    """Each attribute's words (references expanded, a lemma in its three casings) and whether they are
    excluded (``NOT_IN``)."""
    out: dict[str, tuple[frozenset[str], bool]] = {}
    for attr, value in node.right_attrs.items():
        items: tuple[str, ...]
        if isinstance(value, str):
            items, negate = (value,), False
        else:
            items, negate = (value.in_, False) if value.in_ is not None else (value.not_in or (), True)
        words = {word for item in items for word in _expand(item, lexicon, f"{where}.{node.right_id}.{attr}")}
        if attr == "LEMMA":
            # the lemma of a proper noun keeps the case of its text ("Supply", "EXPORT")
            words = {form for word in words for form in (word, word.capitalize(), word.upper())}
        out[attr] = (frozenset(words), negate)
    return out


def _expand(item: str, lexicon: BaseModel, where: str) -> Iterable[str]:
    """A word, or the words of the lexicon list an "@dotted.name" names."""
    if not item.startswith("@"):
        return (item,)
    value: Any = lexicon
    for part in item[1:].split("."):
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            raise OntologyError(f"{PATTERNS_PATH.name}: {where}: {item!r} names no list of the supply lexicon")
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise OntologyError(f"{PATTERNS_PATH.name}: {where}: {item!r} is not a word list")
    return tuple(str(word) for word in value)


#: The hits of one sentence: by family, the anchor's token index and the tokens its nodes bound, by name.
CueHits = dict[str, dict[int, dict[str, Token]]]
_Test = tuple[Callable[[Token], str], frozenset[str], bool]


class _Step:
    """A non-anchor node: where to look from its left node, and the tests its token must pass."""

    __slots__ = ("left", "op", "right", "tests")

    def __init__(self, node: PatternNode, tests: tuple[_Test, ...]) -> None:
        self.left = node.left_id or ""
        self.op = node.rel_op or ">"
        self.right = node.right_id
        self.tests = tests

    def candidates(self, token: Token) -> Iterable[Token]:
        op = self.op
        if op == ">":
            return token.children
        if op == ">++":
            return token.rights
        if op == "<":
            return () if token.head.i == token.i else (token.head,)
        doc = token.doc
        at = token.i + 1 if op == "." else token.i - 1
        return (doc[at],) if 0 <= at < len(doc) else ()

    def accepts(self, token: Token) -> bool:
        return all((get(token) in words) != negate for get, words, negate in self.tests)


class _Pattern:
    """One compiled pattern: its family, its anchor's name and tests (less the word the Matcher found it by),
    and the steps to its other nodes."""

    __slots__ = ("anchor", "family", "steps", "tests")

    def __init__(self, family: str, anchor: str, tests: tuple[_Test, ...], steps: tuple[_Step, ...]) -> None:
        self.family = family
        self.anchor = anchor
        self.tests = tests
        self.steps = steps


#: The attributes an anchor may be found by, the first an anchor has: one Matcher pattern each.
_KEY_ATTRIBUTES = ("LEMMA", "LOWER")


class CuePatterns:
    """The patterns of a :class:`SupplyPatterns` compiled over a lexicon's word lists; :meth:`find` runs them
    on one parsed sentence. One spaCy Matcher pattern per key attribute (an anchor's lemma, or its lower-case
    form) finds the anchors of every pattern at once, each word telling which patterns it may anchor; the
    anchor's other attributes and the other nodes are tested from there. (A Matcher pattern per family costs
    a set-membership predicate per token and pattern, which made the trigger search four times as slow as
    the hand-written tests it replaces.) The Matcher is built on the first call, over the vocab of the doc read."""

    def __init__(self, patterns: SupplyPatterns, lexicon: BaseModel) -> None:
        self.patterns = patterns
        self.lexicon = lexicon
        self._by_word: dict[str, dict[str, list[_Pattern]]] = {attr: {} for attr in _KEY_ATTRIBUTES}
        for family, family_patterns in patterns.patterns.items():
            for index, pattern in enumerate(family_patterns):
                where = f"patterns.{family}.{index}"
                anchor = _attributes(pattern[0], lexicon, where)
                key = next((attr for attr in _KEY_ATTRIBUTES if attr in anchor and not anchor[attr][1]), None)
                if key is None:
                    raise OntologyError(f"{PATTERNS_PATH.name}: {where}.{pattern[0].right_id}: an anchor needs a "
                                        f"LEMMA or LOWER to be found by")
                tests = tuple((_GETTERS[attr], words, negate) for attr, (words, negate) in anchor.items()
                              if attr != key)
                steps = tuple(_Step(node, tuple((_GETTERS[attr], words, negate) for attr, (words, negate)
                                                in _attributes(node, lexicon, where).items()))
                              for node in pattern[1:])
                compiled = _Pattern(family, pattern[0].right_id, tests, steps)
                for word in anchor[key][0]:
                    self._by_word[key].setdefault(word, []).append(compiled)
        self._vocab: Vocab | None = None
        self._matcher: Matcher | None = None
        self._keys: dict[int, str] = {}

    def _compiled(self, vocab: Vocab) -> Matcher:
        if self._matcher is None or self._vocab is not vocab:
            matcher = Matcher(vocab, validate=True)
            for attr, words in self._by_word.items():
                if words:
                    matcher.add(attr, [[{attr: {"IN": sorted(words)}}]])
            self._keys = {vocab.strings[attr]: attr for attr in self._by_word}
            self._matcher, self._vocab = matcher, vocab
        return self._matcher

    def find(self, span: Span) -> CueHits:
        """The hits of every family in a parsed span (each family present, empty where nothing fired)."""
        hits: CueHits = {family: {} for family in FAMILIES}
        doc = span.doc
        for match_id, start, _ in self._compiled(doc.vocab)(span):
            attr = self._keys[match_id]
            token = doc[span.start + start]  # the Matcher counts from the span's start
            for pattern in self._by_word[attr][_GETTERS[attr](token)]:
                family = hits[pattern.family]
                if token.i in family or not all((get(token) in words) != negate
                                                for get, words, negate in pattern.tests):
                    continue
                bound = _follow(pattern.steps, 0, {pattern.anchor: token})
                if bound is not None:
                    family[token.i] = bound
        return hits


def _follow(steps: tuple[_Step, ...], at: int, bound: dict[str, Token]) -> dict[str, Token] | None:
    """The first binding of ``steps[at:]`` extending ``bound`` (tried in token order), or ``None``."""
    if at == len(steps):
        return bound
    step = steps[at]
    for token in step.candidates(bound[step.left]):
        if step.accepts(token):
            found = _follow(steps, at + 1, {**bound, step.right: token})
            if found is not None:
                return found
    return None


def read_supply_patterns(path: Path = PATTERNS_PATH) -> SupplyPatterns:
    """Read and validate the cue patterns file.

    Raises
    ------
    OntologyError
        When the file cannot be read or a pattern is malformed (the message names its key).
    """
    return validate_data(path, SupplyPatterns, read_data_file(path, "the supply cue patterns"))
