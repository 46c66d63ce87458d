"""Goods outside the gazetteer: names, kinds, HS 2022 classification and the goods hierarchy.

A goods phrase read from a supply frame ("CNC machine tools", "drone engines", "dual-use goods") becomes a
:class:`~ontology.records.Entity` of type ``Good`` by :meth:`GoodsVocabulary.good`:

- its **name** keeps the head noun and the modifiers that say what the goods are; its id is the slug of
  that name with the head in the singular, so "drone engine" and "drone engines" are one good;
- its **kind** is ``category`` when every word is a category word ("dual-use goods", "technology"), else
  ``item``; a category gets no HS code;
- an item is **classified** to HS 2022 by :meth:`HSNomenclature.classify`: the gazetteer's codes when the
  name is a gazetteer alias (rule ``alias``), else the head noun and its modifiers read against the
  nomenclature's labels (rules ``head`` and ``head+modifiers``), or a part's heading (rule ``parts``);
- its **broader** goods come from the head noun (dropping the first modifier: "CNC machine tools" ⊂
  "machine tools"), from part nouns ("drone engines" ⊂ "drone parts") and from the gazetteer goods whose
  HS heading holds its code.

Everything here is pure over the data files: ``ontology/reference/hs2022.csv`` (the nomenclature) and
``ontology/gazetteers/goods_terms.yaml`` (the words).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR, Gazetteer, load_gazetteer
from ontology.ids import slug
from ontology.records import Entity

__all__ = [
    "GOODS_TERMS_PATH",
    "HS_PATH",
    "GoodsTerms",
    "GoodsVocabulary",
    "HSCode",
    "HSMatch",
    "HSNomenclature",
    "display_name",
    "load_goods_terms",
    "load_goods_vocabulary",
    "load_hs_nomenclature",
    "singular",
]

HS_PATH = Path(__file__).with_name("reference") / "hs2022.csv"
GOODS_TERMS_PATH = GAZETTEER_DIR / "goods_terms.yaml"

#: Confidence of an open good (a phrase no gazetteer names), below a gazetteer good's 1.0.
OPEN_GOOD_CONFIDENCE = 0.7


class GoodsTerms(BaseModel):
    """The word lists of ``goods_terms.yaml`` (see the file for what each means)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    drop_modifiers: tuple[str, ...]
    container_nouns: tuple[str, ...]
    not_goods: tuple[str, ...]
    category_heads: tuple[str, ...]
    category_modifiers: tuple[str, ...]
    part_heads: tuple[str, ...]
    hs_terms: dict[str, str]
    system_heads: tuple[str, ...] = ()
    flow_nouns: tuple[str, ...] = ()
    firm_nouns: tuple[str, ...] = ()
    status_modifiers: tuple[str, ...] = ()
    period_nouns: tuple[str, ...] = ()
    origin_suffixes: tuple[str, ...] = ()
    activity_heads: tuple[str, ...] = ()
    example_markers: tuple[str, ...] = ()
    example_adverbs: tuple[str, ...] = ()
    consignment_nouns: tuple[str, ...] = ()
    transport_modes: tuple[str, ...] = ()
    transport_prepositions: tuple[str, ...] = ()
    transport_verbs: tuple[str, ...] = ()

    @cached_property
    def drop(self) -> frozenset[str]:
        return frozenset(self.drop_modifiers)

    @cached_property
    def containers(self) -> frozenset[str]:
        return frozenset(self.container_nouns)

    @cached_property
    def never_goods(self) -> frozenset[str]:
        return frozenset(self.not_goods)

    @cached_property
    def categories(self) -> frozenset[str]:
        return frozenset(self.category_heads)

    @cached_property
    def category_words(self) -> frozenset[str]:
        return frozenset(self.category_heads) | frozenset(self.category_modifiers)

    @cached_property
    def status(self) -> frozenset[str]:
        """Modifiers that say how goods are regulated or valued, not what they are: they name a category
        ("controlled items", "crucial goods") but are dropped before an item ("restricted chips" -> chips)."""
        return frozenset(self.status_modifiers)

    @cached_property
    def consignments(self) -> frozenset[str]:
        return frozenset(self.consignment_nouns)

    @cached_property
    def periods(self) -> frozenset[str]:
        return frozenset(self.period_nouns)

    @cached_property
    def firms(self) -> frozenset[str]:
        return frozenset(self.firm_nouns)

    @cached_property
    def flows(self) -> frozenset[str]:
        return frozenset(self.flow_nouns)

    @cached_property
    def kind_modifiers(self) -> frozenset[str]:
        """The category modifiers that say what kind of goods a noun names ("military", "dual-use")."""
        return frozenset(self.category_modifiers) - self.drop

    @cached_property
    def parts(self) -> frozenset[str]:
        return frozenset(self.part_heads)

    @cached_property
    def modes(self) -> frozenset[str]:
        """The nouns for a means of transport ("truck", "rail", "sea")."""
        return frozenset(self.transport_modes)

    @cached_property
    def carrying(self) -> frozenset[str]:
        """The lemmas of verbs of carrying goods, after which "on trucks" is how they travel."""
        return frozenset(self.transport_verbs)


@cache
def load_goods_terms(path: Path = GOODS_TERMS_PATH) -> GoodsTerms:
    """Read and validate ``goods_terms.yaml`` (cached).

    Raises
    ------
    OntologyError
        When the file cannot be read or a key is missing or malformed (the message names it).
    """
    return validate_data(path, GoodsTerms, read_data_file(path, "the goods terms"))


# -- words ----------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def singular(word: str) -> str:
    """A plural English noun's singular, by suffix ("batteries" -> "battery"); other words unchanged.

    >>> [singular(w) for w in ("batteries", "lathes", "glasses", "electronics", "bearings", "gas")]
    ['battery', 'lathe', 'glass', 'electronics', 'bearing', 'gas']
    """
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _stems(text: str) -> list[str]:
    """Lower-case singular word stems, hyphenated words also split ("Machine-tools" -> machine, tool)."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        out.append(singular(word))
        if "-" in word:
            out.extend(singular(part) for part in word.split("-"))
    return out


# -- the nomenclature -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HSCode:
    """One heading (4 digits) or subheading (6 digits) of HS 2022 with its label."""

    code: str
    description: str
    parent: str
    level: int

    @property
    def dotted(self) -> str:
        """The code as written in tariffs: "8482" or "8482.10"."""
        return self.code if len(self.code) <= 4 else f"{self.code[:4]}.{self.code[4:]}"


@dataclass(frozen=True)
class HSMatch:
    """The HS code a good was classified to, how sure, and by which rule (``alias``, ``head``,
    ``head+modifiers``, ``parts``)."""

    code: str
    confidence: float
    rule: str
    description: str


#: What the labels exclude: words after these are not what the code holds ("other than photosensitive").
_EXCLUDING = re.compile(r"\b(?:other than|excluding|except|not)\b.*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
#: How sure the goods before a part noun must be classified for the part to take their parts heading.
_PARTS_OF_CONFIDENCE = 0.5
_HEADING_REFERENCE = re.compile(r"\b(\d{4})(?:\s*(?:-|to)\s*(\d{4}))?\b")
_FUNCTION_WORDS = frozenset({"of", "and", "or", "the", "for", "a", "an", "in", "with", "by", "to", "on", "n", "e",
                             "c", "nec", "whether", "kind", "used", "solely", "principally", "mainly", "heading",
                             "no", "item", "chapter", "this", "their", "its", "thereof", "including", "such"})


@dataclass(frozen=True)
class _Label:
    code: HSCode
    lead: frozenset[str]  # the words of the label's first clause: the class of goods it names
    words: frozenset[str]  # every word the label holds positively
    references: tuple[tuple[int, int], ...]  # headings it refers to ("parts of goods of heading 8806")


class HSNomenclature:
    """HS 2022 headings and subheadings, indexed by the words of their labels.

    Examples
    --------
    >>> hs = load_hs_nomenclature()
    >>> hs.get("8482.10").description
    'Ball bearings'
    >>> hs.classify(["electric", "motors"]).code
    '8501'
    """

    def __init__(self, codes: list[HSCode]) -> None:
        self.codes = {c.code: c for c in codes}
        self._labels: list[_Label] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for code in codes:
            if code.level not in (4, 6):
                continue
            text = _PARENTHESES.sub(" ", code.description)
            positive = _EXCLUDING.sub(" ", text)
            lead = re.split(r"[;,]", positive, maxsplit=1)[0]
            references = tuple((int(a), int(b or a)) for a, b in _HEADING_REFERENCE.findall(code.description))
            label = _Label(code, frozenset(_stems(lead)) - _FUNCTION_WORDS,
                           frozenset(_stems(positive)) - _FUNCTION_WORDS, references)
            for word in label.words:
                self._by_word[word].append(len(self._labels))
            self._labels.append(label)

    def get(self, code: str) -> HSCode:
        """The heading or subheading ``code`` ("8482", "8482.10" or "848210").

        Raises
        ------
        OntologyError
            When the nomenclature has no such code.
        """
        key = code.replace(".", "")
        if key not in self.codes:
            raise OntologyError(f"{HS_PATH}: no HS 2022 code {code!r}")
        return self.codes[key]

    def classify(self, words: list[str]) -> HSMatch | None:
        """The code whose label best holds a goods name's head noun (its last word) and modifiers.

        The head must be in the label; it scores most in the label's first clause (the class of goods the
        label names: "Electric motors; ..."), each modifier found adds, and a heading wins a tie with its
        subheadings. A part noun with modifiers ("drone parts") looks for the parts label of the modifiers'
        heading. ``None`` when no label holds the head.
        """
        terms = load_goods_terms()
        if len(words) >= 2 and words[-1] in terms.parts:
            found = self._parts_of(words[:-1])
            if found is not None:
                return found
        expanded = self._expand(words, terms)
        if not expanded:
            return None
        head, modifiers = expanded[-1], expanded[:-1]
        best: tuple[float, int, str] | None = None
        chosen: _Label | None = None
        matched_best = 0
        for index in self._by_word.get(head, ()):
            label = self._labels[index]
            score = 2.0 if head in label.lead else 1.0
            matched = sum(1 for m in dict.fromkeys(modifiers) if m in label.words)
            score += 1.5 * matched - 0.02 * len(label.words)
            if "part" in label.words and "part" not in expanded:
                score -= 1.0  # "gas turbines" are not "parts of gas turbines"
            key = (score, -label.code.level, label.code.code)
            if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and key[2] < best[2]):
                best, chosen, matched_best = key, label, matched
        if chosen is None or best is None:
            return None
        if modifiers and not matched_best and words[-1].lower() in terms.categories:
            return None  # "optical components": a category noun whose modifiers no label holds
        wanted = 2 + 1.5 * len(set(modifiers))
        confidence = round(max(0.1, min(1.0, best[0] / wanted)), 2)
        rule = "head+modifiers" if matched_best else "head"
        return HSMatch(chosen.code.dotted, confidence, rule, chosen.code.description)

    def _expand(self, words: list[str], terms: GoodsTerms) -> list[str]:
        out: list[str] = []
        for word in words:
            replacement = terms.hs_terms.get(word.lower())
            out.extend(_stems(replacement if replacement is not None else word))
        return [w for w in out if w not in _FUNCTION_WORDS]

    def _parts_of(self, words: list[str]) -> HSMatch | None:
        """The parts label for the goods ``words`` name: a label saying "parts" that refers to their
        heading ("Aircraft; parts of goods of heading 8801, 8802 or 8806") or sits under it."""
        whole = self.classify(words)
        if whole is None or whole.confidence < _PARTS_OF_CONFIDENCE:
            return None  # "servo motors": "servo" only half matches a label (servo-presses), so no parts of it
        heading = int(whole.code[:4])
        referring = [label for label in self._labels if "part" in label.words
                     and any(a <= heading <= b for a, b in label.references)]
        under = [label for label in self._labels if "part" in label.lead and label.code.level == 6
                 and label.code.code.startswith(f"{heading:04d}")]
        for label in sorted(referring, key=lambda found: (found.code.level, found.code.code)) or under:
            return HSMatch(label.code.dotted, round(whole.confidence * 0.9, 2), "parts", label.code.description)
        return None


@cache
def load_hs_nomenclature(path: Path = HS_PATH) -> HSNomenclature:
    """Read the HS 2022 nomenclature (cached); lines starting with ``#`` are comments (the source line).

    Raises
    ------
    OntologyError
        When the file cannot be read or lacks the expected columns.
    """
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the HS nomenclature: {err}") from err
    codes: list[HSCode] = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        try:
            level = int(row["level"])
            codes.append(HSCode(row["hscode"], row["description"], row["parent"], level))
        except (KeyError, ValueError, TypeError) as err:
            raise OntologyError(f"{path}: line {number}: expected hscode, description, parent, level") from err
    return HSNomenclature(codes)


# -- goods as entities ----------------------------------------------------------------------------


class GoodsVocabulary:
    """Turns goods phrases into Good entities (see the module docstring), with the gazetteer's goods.

    Examples
    --------
    >>> vocab = load_goods_vocabulary()
    >>> good = vocab.good(["CNC", "machine", "tools"])
    >>> good.name, good.kind, good.broader
    ('CNC machine tools', 'item', ('good:machine-tools',))
    >>> vocab.good(["dual-use", "goods"]).kind
    'category'
    """

    def __init__(self, gazetteer: Gazetteer, hs: HSNomenclature, terms: GoodsTerms) -> None:
        self.gazetteer = gazetteer
        self.hs = hs
        self.terms = terms
        self._chpl = {code: entity.chpl_tier for entity in gazetteer.entities.values() if entity.type == "Good"
                      for code in entity.hs_codes if entity.chpl_tier}
        self._made: dict[tuple[str, ...], Entity] = {}
        self._by_id: dict[str, Entity] = {}

    def entity(self, entity_id: str) -> Entity:
        """A good this vocabulary made (or the gazetteer's), by id.

        Raises
        ------
        KeyError
            When no good of that id was made.
        """
        found = self._by_id.get(entity_id)
        return found if found is not None else self.gazetteer.entities[entity_id]

    def known(self, words: list[str]) -> Entity | None:
        """The gazetteer good a phrase names (any alias or inflection), or ``None``."""
        return self.gazetteer.lookup(" ".join(words), ("Good",))

    def good(self, words: list[str]) -> Entity:
        """The Good a normalised phrase names: the gazetteer's, else a new one (classified, with its kind
        and broader goods). ``words`` are as written, modifiers first, head last."""
        key = tuple(words)
        made = self._made.get(key)
        if made is not None:
            return made
        known = self.known(words)
        entity = known if known is not None else self._open(words)
        self._made[key] = entity
        self._by_id.setdefault(entity.id, entity)
        return entity

    def _open(self, words: list[str]) -> Entity:
        name = display_name(words)
        folded = [w.lower() for w in words]
        category = all(w in self.terms.category_words for w in folded) and folded[-1] in self.terms.categories
        codes: tuple[str, ...] = ()
        rule = confidence = None
        if not category:
            match = self.hs.classify(folded)
            if match is not None:
                codes, rule, confidence = (match.code,), match.rule, match.confidence
        tier = self._tier(codes)
        return Entity(id=self.good_id(words), type="Good", name=name, origin="ner", confidence=OPEN_GOOD_CONFIDENCE,
                      kind="category" if category else "item", hs_codes=codes, chpl_tier=tier,
                      hs_rule=rule, hs_confidence=confidence, broader=self.broader_ids(words, codes))

    @staticmethod
    def good_id(words: list[str]) -> str:
        """The id of an open good: the slug of its name with the head noun in the singular."""
        return f"good:{slug(' '.join([*[w.lower() for w in words[:-1]], singular(words[-1].lower())]))}"

    def broader(self, words: list[str], codes: tuple[str, ...] = ()) -> list[Entity]:
        """The goods directly broader than a phrase's: the name without its first modifier (the
        gazetteer's good when it names one; each coordinated modifier with the head, for "electronic and
        telecommunications equipment"), "<modifiers> parts" for a part noun, and gazetteer goods whose
        heading holds one of ``codes``."""
        out: list[Entity] = []
        folded = [w.lower() for w in words]
        joined = [i for i, w in enumerate(folded[:-1]) if w in ("and", "or")]
        if joined and 0 < joined[0] < len(words) - 2:
            # "electronic and telecommunications equipment": each modifier with the head
            at = joined[0]
            for part in ([*words[:at], words[-1]], words[at + 1:]):
                out.append(self.known(part) or self._shallow(part))
        elif len(words) >= 2:
            rest = words[1:]
            out.append(self.known(rest) or self._shallow(rest))
            if folded[-1] in self.terms.parts and folded[-1] not in ("parts", "part", "components", "component"):
                out.append(self.known([*words[:-1], "parts"]) or self._shallow([*words[:-1], "parts"]))
        own = self.known(words)
        for entity in self.gazetteer.entities.values():
            if entity.type != "Good" or entity is own or not entity.hs_codes:
                continue
            if codes and all(any(c.replace(".", "").startswith(h.replace(".", "")) and c != h for h in entity.hs_codes)
                             for c in codes):
                out.append(entity)
        return list({e.id: e for e in out}.values())

    def broader_ids(self, words: list[str], codes: tuple[str, ...] = ()) -> tuple[str, ...]:
        return tuple(e.id for e in self.broader(words, codes))

    def _shallow(self, words: list[str]) -> Entity:
        """A broader open good named on the way up; built like any open good (its own broader goods too)."""
        return self.good(words)

    def _tier(self, codes: tuple[str, ...]) -> str | None:
        tiers = sorted(self._chpl[c] for c in codes if c in self._chpl)
        return tiers[0] if tiers else None


def display_name(words: list[str]) -> str:
    """A good's name from its words as written: acronyms and names as written ("CNC", "GPU"), other words
    in lower case ("CNC machine tools")."""
    return " ".join(_display(w) for w in words)


def _display(word: str) -> str:
    """A word of a good's name: acronyms and names as written ("CNC", "GPU"), other words in lower case."""
    if len(word) > 1 and (word.isupper() or any(ch.isupper() for ch in word[1:])):
        return word
    return word.lower()


@cache
def load_goods_vocabulary() -> GoodsVocabulary:
    """The packaged gazetteer, nomenclature and goods terms as one vocabulary (cached)."""
    return GoodsVocabulary(load_gazetteer(), load_hs_nomenclature(), load_goods_terms())

