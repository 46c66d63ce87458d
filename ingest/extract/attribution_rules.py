"""The rules of ``attribution_patterns.yaml`` (reported-speech constructions and cues) and the anaphors of
``generic_sources.yaml``, read and spelt out; :mod:`ingest.extract.attribution_patterns` runs them.

The readers are the files' loaders; :class:`AttributionRules` holds what they read, as one object that
the extraction is handed (see :mod:`ingest.extract.lexicons`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ingest.extract.entities import COLLECTIVE_SOURCES_PATH
from ingest.extract.values import ClaimLexicon, load_claim_lexicon
from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR
from ontology.records import Entity

__all__ = ["PATTERNS_PATH", "Anaphor", "AttributionRules", "CueMatch", "CueRule", "Role", "SlotRule",
           "load_anaphors", "load_cue_rules", "load_slot_rules"]

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


def _lexicon_lists(lex: ClaimLexicon, anaphors: tuple[Anaphor, ...]) -> dict[str, tuple[str, ...]]:
    """The claim lexicon's word lists by name (those of a mapping as ``name.key``), and ``anaphors``: the
    words of ``generic_sources.yaml``'s anaphors ("the ministry", "the publication")."""
    lists = {name: value for name, value in vars(lex).items()
             if isinstance(value, tuple) and all(isinstance(w, str) for w in value)}
    # The lists of a mapping of lists, by "name.key" ("$measures.exports").
    lists |= {f"{name}.{key}": words for name, value in vars(lex).items() if isinstance(value, dict)
              for key, words in value.items()
              if isinstance(words, tuple) and all(isinstance(w, str) for w in words)}
    lists["anaphors"] = tuple(dict.fromkeys(w for rule in anaphors for w in rule.words))
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
    lists = _lexicon_lists(load_claim_lexicon(), load_anaphors())
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
    lists = _lexicon_lists(load_claim_lexicon(), load_anaphors())
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



@dataclass(frozen=True, eq=False)
class AttributionRules:
    """The cue rules, the slot rules and the anaphors an extraction reads (the matchers built from them
    are kept per object: it compares and hashes by identity)."""

    cues: tuple[CueRule, ...]
    slots: tuple[SlotRule, ...]
    anaphors: tuple[Anaphor, ...]
