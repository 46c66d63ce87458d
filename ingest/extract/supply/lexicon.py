"""The supply lexicon: trigger and cue words of ``ontology/gazetteers/supply_lexicon.yaml``, read once by
:func:`load_supply_lexicon` and bound there to the ontology's supply roles; the pipeline hands the one
loaded lexicon to the frames and to the parse gate (nothing here loads data on its own)."""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from ingest.extract.entities import CompanyNameRules
from ingest.extract.supply.cues import PATTERNS_PATH, CuePatterns, SupplyPatterns, read_supply_patterns
from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR
from ontology.model import Ontology, SupplyRole
from ontology.records import Entity

__all__ = ["END_USE_USERS", "LEXICON_PATH", "Direction", "RoleForm", "SupplyLexicon", "load_supply_lexicon",
           "read_supply_lexicon"]

LEXICON_PATH = GAZETTEER_DIR / "supply_lexicon.yaml"

Direction = Literal["out", "in", "motion", "transit", "cooperation", "end_use"]
_SUPPLY_ROLES: tuple[SupplyRole, ...] = get_args(SupplyRole)


# -- the lexicon ----------------------------------------------------------------------------------


class _WordLists(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()


class _Prepositions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    recipient: tuple[str, ...]
    source: tuple[str, ...]
    via: tuple[str, ...]
    partner: tuple[str, ...]
    agent: tuple[str, ...]
    container: tuple[str, ...] = ()
    destination: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    reliance: tuple[str, ...] = ()
    reliance_goods: tuple[str, ...] = ()
    hostile: tuple[str, ...] = ()
    home: tuple[str, ...] = ("in",)
    purpose: tuple[str, ...] = ()
    proxy: tuple[str, ...] = ()
    market: tuple[str, ...] = ()
    proxy_nouns: tuple[str, ...] = ()


class _Markers(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    supplier: tuple[str, ...]
    recipient: tuple[str, ...]


class _FormRoles(BaseModel):
    """The markers of a direction's roles by the trigger's form (a passive verb takes the verb's where it has
    none of its own)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    verb: _Markers
    noun: _Markers
    passive: _Markers | None = None


RoleForm = Literal["verb", "passive", "noun"]
#: The row of the role table for the end-use verbs whose subject or agent uses the goods.
END_USE_USERS = "end_use_users"


class SupplyLexicon(BaseModel):
    """The trigger and cue words of ``supply_lexicon.yaml`` (see the file for what each list means)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    triggers: dict[Direction, _WordLists]
    motion_needs_route: tuple[str, ...] = ()
    destination_words: tuple[str, ...] = ()
    transit_needs_goods: tuple[str, ...] = ()
    onward_particles: tuple[str, ...] = ()
    origin_participles: tuple[str, ...] = ()
    end_use_users: tuple[str, ...] = ()
    reliance_verbs: tuple[str, ...] = ()
    container_subjects: tuple[str, ...] = ()
    container_passives: tuple[str, ...] = ()
    extraction_verbs: tuple[str, ...] = ()
    weapon_nouns: tuple[str, ...] = ()
    weapon_possessives: tuple[str, ...] = ()
    outfit_verbs: tuple[str, ...] = ()
    powered_passives: tuple[str, ...] = ()
    remainder_words: tuple[str, ...] = ()
    share_of_found_verbs: tuple[str, ...] = ()
    weapon_user_verbs: tuple[str, ...] = ()
    weapon_sent_verbs: tuple[str, ...] = ()
    origin_copulas: tuple[str, ...] = ()
    origin_motion_verbs: tuple[str, ...] = ()
    agent_nouns: tuple[str, ...] = ()
    share_words: tuple[str, ...] = ()
    reporting_verbs: tuple[str, ...] = ()
    company_anaphors: tuple[str, ...] = ()
    party_pronouns: dict[str, tuple[str, ...]] = {}
    pair_anaphors: dict[str, Literal["first", "second"]] = {}
    unnamed_parties: tuple[str, ...] = ()
    placement_participles: tuple[str, ...] = ()
    anaphor_determiners: tuple[str, ...] = ()
    anaphor_counts: dict[str, int] = {}
    goods_anaphors: tuple[str, ...] = ()
    example_words: tuple[str, ...] = ()
    partitives: tuple[str, ...] = ()
    measure_nouns: tuple[str, ...] = ()
    measure_verbs: tuple[str, ...] = ()
    cover_verbs: tuple[str, ...] = ()
    sponsor_participles: tuple[str, ...] = ()
    goods_anaphor_markers: tuple[str, ...] = ()
    goods_pronouns: tuple[str, ...] = ()
    office_words: tuple[str, ...] = ()
    party_compound_words: tuple[str, ...] = ()
    network_nouns: tuple[str, ...] = ()
    origin_nouns: tuple[str, ...] = ()
    hub_nouns: tuple[str, ...] = ()
    country_anaphors: tuple[str, ...] = ()
    leader_verbs: tuple[str, ...] = ()
    roles: dict[str, _FormRoles]
    prepositions: _Prepositions
    unnamed_intermediaries: tuple[str, ...] = ()
    negation: tuple[str, ...]
    hedges: tuple[str, ...]
    umbrella_goods: tuple[str, ...] = ()
    company_names: CompanyNameRules | None = None  # read by ingest.extract.entities
    # The cue patterns of ``supply_patterns.yaml`` over these word lists, set by :func:`read_supply_lexicon`.
    cue_patterns: SupplyPatterns | None = None
    # The ontology's classes by supply role ("supplier", "recipient", "transit"), set by :meth:`with_roles`.
    _role_classes: dict[SupplyRole, frozenset[str]] = PrivateAttr(default_factory=dict)
    _cues: CuePatterns | None = PrivateAttr(default=None)

    def with_roles(self, onto: Ontology) -> SupplyLexicon:
        """This lexicon bound to an ontology: which classes may supply, receive or be a transit point is
        asked of its classes' supply roles."""
        bound = self.model_copy()
        bound._role_classes = {role: onto.classes_with_role(role) for role in _SUPPLY_ROLES}
        return bound

    def _classes(self, role: SupplyRole) -> frozenset[str]:
        try:
            return self._role_classes[role]
        except KeyError:
            raise OntologyError("the supply lexicon is not bound to an ontology: load it with "
                                "load_supply_lexicon(onto)") from None

    def direction(self, key: str, noun: bool) -> Direction | None:
        """The direction a trigger lemma opens (``key`` folded, "re-" prefix kept), or ``None``."""
        for direction, words in self.triggers.items():
            if key in (words.nouns if noun else words.verbs):
                return direction
        return None

    @model_validator(mode="after")
    def _every_direction_has_roles(self) -> SupplyLexicon:
        rows = {*get_args(Direction), END_USE_USERS}
        missing = rows - set(self.roles)
        unknown = set(self.roles) - rows
        if missing or unknown:
            raise ValueError(f"roles: missing {sorted(missing)}, unknown {sorted(unknown)}")
        return self

    def role_markers(self, row: str, form: RoleForm) -> tuple[frozenset[str], frozenset[str]]:
        """The supplier and recipient markers of a role-table row (a direction, or ``END_USE_USERS``) for a
        trigger's form, list names of ``prepositions`` expanded; "objects" is left for the caller."""
        return self._role_table[(row, form)]

    @cached_property
    def _role_table(self) -> dict[tuple[str, RoleForm], tuple[frozenset[str], frozenset[str]]]:
        lists = self.prepositions.model_dump()

        def expand(names: tuple[str, ...]) -> frozenset[str]:
            return frozenset(word for name in names for word in lists.get(name, (name,)))

        table: dict[tuple[str, RoleForm], tuple[frozenset[str], frozenset[str]]] = {}
        for row, forms in self.roles.items():
            by_form: tuple[tuple[RoleForm, _Markers], ...] = (
                ("verb", forms.verb), ("passive", forms.passive or forms.verb), ("noun", forms.noun))
            for form, markers in by_form:
                table[(row, form)] = (expand(markers.supplier), expand(markers.recipient))
        return table

    @cached_property
    def supplier_types(self) -> frozenset[str]:
        """Entity types that may send goods (the ontology's classes with the "supplier" role)."""
        return self._classes("supplier")

    @cached_property
    def recipient_types(self) -> frozenset[str]:
        """Entity types that may receive goods (the ontology's classes with the "recipient" role)."""
        return self._classes("recipient")

    @cached_property
    def party_types(self) -> frozenset[str]:
        """Entity types that may send or receive goods: the candidates for a frame's parties."""
        return self.supplier_types | self.recipient_types

    def may_trade(self, entity: Entity) -> bool:
        """Whether an entity may be a party to a flow: its class has a supply role, and a person holds no
        public office (a governor handing out machines acts for the state, a network's leader for himself)."""
        if entity.type not in self.party_types:
            return False
        if entity.type != "Person" or not entity.role:
            return True
        return self._office_words.isdisjoint(entity.role.lower().replace("-", " ").split())

    @cached_property
    def _office_words(self) -> frozenset[str]:
        return frozenset(self.office_words)

    @cached_property
    def via_types(self) -> frozenset[str]:
        """Entity types that may be a transit point (the ontology's classes with the "transit" role)."""
        return self._classes("transit")

    @cached_property
    def party_nouns(self) -> frozenset[str]:
        """Nouns that name parties (unnamed firms, company anaphors, agent nouns), in the singular."""
        return frozenset((*self.unnamed_parties, *self.company_anaphors, *self.agent_nouns))

    @property
    def cues(self) -> CuePatterns:
        """The cue patterns compiled over this lexicon's word lists, once per lexicon (a copy with other
        patterns or other lists compiles its own: the compiled form remembers what it was compiled from).

        Raises
        ------
        OntologyError
            When the lexicon was read without its patterns, or a pattern names no list of the lexicon.
        """
        cues = self._cues
        if cues is None or cues.patterns is not self.cue_patterns or cues.lexicon is not self:
            if self.cue_patterns is None:
                raise OntologyError("the supply lexicon has no cue patterns: read it with read_supply_lexicon")
            cues = CuePatterns(self.cue_patterns, self)
            self._cues = cues
        return cues

    @cached_property
    def hyphenated_forms(self) -> dict[str, str]:
        """The written forms of the hyphenated trigger words with their lemmas ("re-exported": "re-export",
        "re-exporters": "re-exporter"; each also capitalised), which the tokenizer is to keep whole: split
        into "re" "-" "exported" they are misread as adjectives and the sentence's parse goes with them."""
        forms: dict[str, str] = {}
        for lists in self.triggers.values():
            for word in (*lists.verbs, *lists.nouns):
                if "-" in word:
                    forms.update(_inflections(word))
        return {written: lemma for form, lemma in forms.items()
                for written in (form, form[:1].upper() + form[1:])}

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """The trigger words, with and without a "re-" prefix: a token with another lemma opens no frame."""
        words = {word for lists in self.triggers.values() for word in (*lists.verbs, *lists.nouns)}
        return frozenset(words | {word.removeprefix("re-") for word in words})


def _inflections(word: str) -> dict[str, str]:
    """A regular English verb or noun's -s, -ed, -ing and -er(s) forms with their lemmas ("re-route":
    "re-routes", "re-routed", "re-routing" → "re-route"; "re-router", "re-routers" → "re-router")."""
    stem = word[:-1] if word.endswith("e") else word
    plural = f"{word}es" if word.endswith(("s", "sh", "ch", "x")) else f"{word}s"
    agent = f"{stem}er"
    return {word: word, plural: word, f"{stem}ed": word, f"{stem}ing": word, agent: agent, f"{agent}s": agent}


@cache
def read_supply_lexicon(path: Path = LEXICON_PATH, patterns_path: Path = PATTERNS_PATH) -> SupplyLexicon:
    """Read and validate the lexicon file and its cue patterns file (cached), not yet bound to an ontology.

    Raises
    ------
    OntologyError
        When a file cannot be read or does not have the expected shape, or a pattern names no list of the
        lexicon (the message names the key).
    """
    lexicon = validate_data(path, SupplyLexicon, read_data_file(path, "the supply lexicon"))
    lexicon = lexicon.model_copy(update={"cue_patterns": read_supply_patterns(patterns_path)})
    _ = lexicon.cues  # a pattern naming no list of the lexicon fails here, with its key
    return lexicon


def load_supply_lexicon(onto: Ontology, path: Path = LEXICON_PATH) -> SupplyLexicon:
    """The lexicon of ``path`` bound to ``onto``'s supply roles: what the pipeline injects into the
    supply extractor and the parse gate.

    Raises
    ------
    OntologyError
        As :func:`read_supply_lexicon`.
    """
    return read_supply_lexicon(path).with_roles(onto)
