"""Gazetteers: the canonical entities tradetrace knows by name, loaded from the YAML data files.

Each data file in ``ontology/gazetteers/`` starts with a ``source`` line and is validated here; a bad
file fails fast with its path and key. Countries start from pycountry (ISO 3166 names and codes) and
are completed by ``countries.yaml`` (common names, demonyms, metonyms, Wikidata QIDs).

The :class:`Gazetteer` maps every surface form (name, alias, demonym, metonym, simple inflections) to
entity ids; :func:`fold_surface` is the one normalisation used for lookups.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict, Field

from ontology.datafile import read_data_file, validate_data
from ontology.errors import OntologyError
from ontology.ids import slug
from ontology.model import load_ontology
from ontology.records import Entity

__all__ = [
    "GAZETTEER_DIR",
    "Gazetteer",
    "OrgKindRules",
    "fold_surface",
    "inflections",
    "load_gazetteer",
]

GAZETTEER_DIR = Path(__file__).with_name("gazetteers")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


_LEADING_THE = re.compile(r"^the\s+")
_ABBREVIATION_DOT = re.compile(r"(?<=\w)\.(?=\w|$)")
_POSSESSIVE = re.compile(r"'s$")
_SPACES = re.compile(r"\s+")


# Cached: resolution and corroboration fold the same names over and over (tens of thousands of calls
# per hundred articles); the function is pure and its inputs are short names.
@lru_cache(maxsize=1 << 16)
def fold_surface(text: str) -> str:
    """Normalise a surface form for lookup: NFKC, lower case, unified quotes and dashes, a leading
    "the" and dots in abbreviations dropped, white space folded.

    >>> fold_surface("The  U.S.")
    'us'
    >>> fold_surface("Türkiye") == fold_surface("türkiye")
    True
    """
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower().strip()
    s = _LEADING_THE.sub("", s)
    s = _ABBREVIATION_DOT.sub("", s)  # U.S. -> us, P.R.C. -> prc
    s = _POSSESSIVE.sub("", s)
    return _SPACES.sub(" ", s).strip(" .,;:")


def inflections(name: str) -> set[str]:
    """Simple English inflections of a goods name: plural/singular of the last word, hyphen/space forms.

    >>> sorted(inflections("ball bearings"))
    ['ball bearing', 'ball bearings', 'ball-bearing', 'ball-bearings']
    """
    forms = {name}
    head, _, last = name.rpartition(" ")
    lasts = {last}
    if last.endswith("ies") and len(last) > 4:
        lasts.add(last[:-3] + "y")
    elif last.endswith(("ches", "shes", "sses", "xes")):
        lasts.add(last[:-2])
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        lasts.add(last[:-1])
    elif last.endswith("y") and len(last) > 3 and last[-2] not in "aeiou":
        lasts.add(last[:-1] + "ies")
    elif last.endswith(("ch", "sh", "x", "ss")):
        lasts.add(last + "es")
    elif not last.endswith("s") and last.isalpha() and len(last) > 2:
        lasts.add(last + "s")
    for variant in lasts:
        forms.add(f"{head} {variant}" if head else variant)
    for form in list(forms):
        if " " in form:
            forms.add(form.replace(" ", "-"))
        if "-" in form:
            forms.add(form.replace("-", " "))
    return forms


# -- file schemas ---------------------------------------------------------------------------------


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _CountryRow(_Row):
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    qid: str | None = Field(default=None, pattern=r"^Q\d+$")
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


class _PlaceRow(_Row):
    name: str
    kind: str
    country: str | None = None
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    qid: str | None = Field(default=None, pattern=r"^Q\d+$")


class _OrgRow(_Row):
    name: str
    type: str
    country: str | None = None
    qid: str | None = None
    aliases: tuple[str, ...] = ()


class _PersonRow(_Row):
    name: str
    qid: str | None = Field(default=None, pattern=r"^Q\d+$")
    aliases: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    organisation: str | None = None


class _NarrowerGood(_Row):
    name: str
    aliases: tuple[str, ...] = ()


class _GoodRow(_Row):
    name: str
    hs: tuple[str, ...] = ()
    category: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    kind: Literal["item", "category"] | None = None  # default: an item when it has HS codes
    broader: tuple[str, ...] = ()  # names of broader goods of this file
    narrower: tuple[str | _NarrowerGood, ...] = ()  # narrower goods, each a good of its own with this one's codes


class _ChplRow(_Row):
    hs: str = Field(pattern=r"^\d{4}\.\d{2}$")
    tier: str
    description: str


class _KindRow(_Row):
    name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()


class _SystemRow(_KindRow):
    #: ISO code of the country whose forces field the system, where one alone does
    country: str | None = None


class _OrgKindRule(_Row):
    type: str
    words: tuple[str, ...]


class OrgKindRules(_Row):
    """Name words that reveal the ontology class of an organisation found only by NER."""

    rules: tuple[_OrgKindRule, ...]
    default: str

    def classify(self, name: str) -> str:
        """The ontology class for an unknown organisation's name.

        >>> load_gazetteer().org_kinds.classify("Shenzhen Hongtu Electronics Co., Ltd.")
        'Company'
        """
        tokens = name.replace(",", " ").split()
        for rule in self.rules:
            for word in rule.words:
                if (" " in word and word in name) or word in tokens:
                    return rule.type
        return self.default


_RowT = TypeVar("_RowT", bound=_Row)


def _rows(path: Path, key: str, model: type[_RowT]) -> list[_RowT]:
    entries = read_data_file(path, "a gazetteer").get(key)
    if not isinstance(entries, list):
        raise OntologyError(f"{path}: {key}: expected a list")
    rows: list[_RowT] = []
    for index, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, dict) else None
        rows.append(validate_data(path, model, entry, f"{key}[{index}] ({name})"))
    return rows


# -- the gazetteer --------------------------------------------------------------------------------


class Gazetteer:
    """Canonical entities and the surface forms that name them.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.lookup("Kremlin").name
    'Russia'
    >>> gaz.lookup("WSJ").name
    'Wall Street Journal'
    >>> gaz.lookup("microchips").name
    'integrated circuits'
    """

    def __init__(self, entities: Iterable[Entity], surfaces: dict[str, list[str]], org_kinds: OrgKindRules,
                 demonyms: set[str]) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self.surfaces = surfaces
        self.org_kinds = org_kinds
        self.demonyms = demonyms
        self._by_name = {fold_surface(e.name): e.id for e in self.entities.values()}
        self._by_type: dict[str, list[str]] | None = None

    def lookup(self, surface: str, types: Iterable[str] | None = None) -> Entity | None:
        """The entity a surface form names (first registered wins), optionally restricted to types."""
        wanted = set(types) if types is not None else None
        for entity_id in self.surfaces.get(fold_surface(surface), ()):
            entity = self.entities[entity_id]
            if wanted is None or entity.type in wanted:
                return entity
        return None

    def by_name(self, name: str) -> Entity | None:
        """The entity whose canonical name folds to ``name``."""
        entity_id = self._by_name.get(fold_surface(name))
        return self.entities[entity_id] if entity_id else None

    def is_demonym(self, surface: str) -> bool:
        """Whether the surface is a nationality adjective ("Chinese", "U.S.")."""
        return fold_surface(surface) in self.demonyms

    def surface_forms(self) -> dict[str, list[str]]:
        """Every folded surface form with the ids it names (for building matchers)."""
        return self.surfaces

    def surfaces_of_type(self, etype: str) -> list[str]:
        """The folded surface forms naming entities of one type (for fuzzy matching), built once."""
        if self._by_type is None:
            by_type: dict[str, list[str]] = {}
            for key, ids in self.surfaces.items():
                for entity_id in ids:
                    by_type.setdefault(self.entities[entity_id].type, []).append(key)
            self._by_type = by_type
        return self._by_type.get(etype, [])


def _chpl_tiers(directory: Path) -> dict[str, str]:
    return {row.hs: row.tier for row in _rows(directory / "chpl.yaml", "items", _ChplRow)}


def _best_tier(codes: Iterable[str], chpl: dict[str, str]) -> str | None:
    tiers = sorted(chpl[code] for code in codes if code in chpl)
    return tiers[0] if tiers else None


def _build(directory: Path) -> Gazetteer:
    onto = load_ontology()
    entities: list[Entity] = []
    surfaces: dict[str, list[str]] = {}
    demonyms: set[str] = set()

    def register(entity: Entity, forms: Iterable[str]) -> None:
        entities.append(entity)
        for form in {entity.name, *forms}:
            key = fold_surface(form)
            if key and entity.id not in surfaces.setdefault(key, []):
                surfaces[key].append(entity.id)

    # Countries: ISO 3166 from pycountry, completed by countries.yaml.
    country_rows = {row.iso2: row for row in _rows(directory / "countries.yaml", "countries", _CountryRow)}
    for country in pycountry.countries:
        iso2 = country.alpha_2
        row = country_rows.get(iso2)
        iso_names = {country.name, getattr(country, "common_name", country.name),
                     getattr(country, "official_name", country.name)}
        name = row.name if row else getattr(country, "common_name", country.name)
        forms = set(iso_names)
        if row:
            forms |= set(row.aliases) | set(row.demonyms) | set(row.metonyms)
            demonyms |= {fold_surface(d) for d in row.demonyms}
        register(Entity(id=f"country:{iso2}", type="Country", name=name, iso2=iso2, iso3=country.alpha_3,
                        qid=row.qid if row else None,
                        aliases=tuple(sorted(forms - {name}))), forms)
    for iso2 in sorted(set(country_rows) - {c.alpha_2 for c in pycountry.countries}):
        row = country_rows[iso2]
        raise OntologyError(f"{directory / 'countries.yaml'}: {iso2} ({row.name}) is not an ISO 3166 code")

    for place in _rows(directory / "places.yaml", "places", _PlaceRow):
        register(Entity(id=f"place:{slug(place.name)}", type="Place", name=place.name, kind=place.kind,
                        country=place.country, members=place.members, qid=place.qid,
                        aliases=place.aliases), place.aliases)

    org_types = set(onto.expand(["Organisation"]))
    organisations = [(org, "organisations.yaml") for org in _rows(directory / "organisations.yaml", "organisations",
                                                                   _OrgRow)]
    # News outlets live in a file of their own, with the web domains they publish under.
    organisations += [(org, "outlets.yaml") for org in _rows(directory / "outlets.yaml", "outlets", _OrgRow)]
    # And the research groups, NGOs and agencies that reporting cites.
    organisations += [(org, "cited_sources.yaml")
                      for org in _rows(directory / "cited_sources.yaml", "organisations", _OrgRow)]
    for org, file_name in organisations:
        if org.type not in org_types:
            raise OntologyError(f"{directory / file_name}: {org.name}: type {org.type!r} "
                                f"is not one of {sorted(org_types)}")
        register(Entity(id=f"org:{slug(org.name)}", type=org.type, name=org.name, country=org.country,
                        qid=org.qid, aliases=org.aliases), org.aliases)

    for person in _rows(directory / "people.yaml", "people", _PersonRow):
        register(Entity(id=f"person:{slug(person.name)}", type="Person", name=person.name, qid=person.qid,
                        role=person.role, country=person.country, organisation=person.organisation,
                        aliases=person.aliases), person.aliases)

    chpl = _chpl_tiers(directory)
    for good in _rows(directory / "goods.yaml", "goods", _GoodRow):
        parent = Entity(id=f"good:{slug(good.name)}", type="Good", name=good.name, hs_codes=good.hs,
                        chpl_tier=_best_tier(good.hs, chpl), category=good.category, aliases=good.aliases,
                        kind=good.kind or ("item" if good.hs else "category"), hs_rule="alias" if good.hs else None,
                        hs_confidence=1.0 if good.hs else None,
                        broader=tuple(f"good:{slug(name)}" for name in good.broader))
        register(parent, {variant for form in (good.name, *good.aliases) for variant in inflections(form)})
        for narrower in good.narrower:
            kind = narrower if isinstance(narrower, _NarrowerGood) else _NarrowerGood(name=narrower)
            register(parent.model_copy(update={"id": f"good:{slug(kind.name)}", "name": kind.name,
                                               "aliases": kind.aliases, "broader": (parent.id,)}),
                     {variant for form in (kind.name, *kind.aliases) for variant in inflections(form)})

    for system in _rows(directory / "systems.yaml", "systems", _SystemRow):
        register(Entity(id=f"system:{slug(system.name)}", type="System", name=system.name, country=system.country,
                        aliases=system.aliases), system.aliases)
    for use in _rows(directory / "end_uses.yaml", "end_uses", _KindRow):
        register(Entity(id=f"use:{slug(use.name)}", type="EndUse", name=use.name, kind=use.kind,
                        aliases=use.aliases), use.aliases)
    for source in _rows(directory / "generic_sources.yaml", "generic_sources", _KindRow):
        register(Entity(id=f"source:{slug(source.name)}", type="GenericSource", name=source.name,
                        kind=source.kind, aliases=source.aliases), source.aliases)

    kinds_path = directory / "org_kinds.yaml"
    kinds_data = read_data_file(kinds_path, "a gazetteer")
    org_kinds = validate_data(kinds_path, OrgKindRules, {k: v for k, v in kinds_data.items() if k != "source"})

    goods = {e.id for e in entities if e.type == "Good"}
    for entity in entities:
        unknown = [b for b in entity.broader if b not in goods]
        if unknown:
            raise OntologyError(f"{directory / 'goods.yaml'}: {entity.name}: unknown broader good {unknown[0]}")
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise OntologyError(f"{directory}: duplicate entity id {entity.id} ({entity.name})")
        seen.add(entity.id)
    return Gazetteer(entities, surfaces, org_kinds, demonyms)


@cache
def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteers shipped with the package (cached)."""
    return _build(directory)
