"""Resolution: from a surface form found by NER to a canonical entity.

Order of resolution for a name that the gazetteer matcher did not already claim:
exact alias (after :func:`fold_surface`), a company named before in the article with or without its legal
form (:func:`company_key`), a person's surname or given name seen earlier in the same
article, an outlet named before by the last word of its name ("the Times", "the Journal"; not when two
outlets of the article share it), a near-miss alias by rapidfuzz (typos, word-order, "Royal United Services Defense
Institute"), and last a new entity of its own with a lower confidence, typed from the NER label
and the organisation-kind rules.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rigour.names import remove_org_types

from ingest.metadata import is_placeholder_outlet
from ontology.gazetteer import Gazetteer, fold_surface
from ontology.ids import slug
from ontology.model import Ontology, load_ontology
from ontology.records import Entity

__all__ = ["NER_TYPES", "Resolution", "Resolver", "clean_name", "company_key", "company_name", "resolve_outlet"]

#: spaCy NER labels we keep, with the ontology classes an exact or fuzzy match may resolve to.
NER_TYPES: dict[str, tuple[str, ...]] = {
    "PERSON": ("Person",),
    "ORG": ("Company", "GovernmentAgency", "MediaOutlet", "ThinkTank", "IntergovernmentalOrg", "System",
            "GenericSource", "Country"),
    "GPE": ("Country", "Place"),
    "LOC": ("Place", "Country", "EndUse"),
    "FAC": ("EndUse", "Place"),
    "NORP": ("Country",),
    "PRODUCT": ("System", "Good"),
}

#: Confidence of entities by how they were resolved.
CONFIDENCE = {"gazetteer": 1.0, "alias": 0.95, "surname": 0.9, "collective": 0.85, "new_person": 0.7, "new_place": 0.6,
              "new_org": 0.5}
FUZZY_CUTOFF = 90.0
#: Confidence of an outlet known only by the host of the article's URL.
INFERRED_OUTLET_CONFIDENCE = 0.5
#: Confidence of the stand-in for an outlet that nothing names.
PLACEHOLDER_OUTLET_CONFIDENCE = 0.1


#: Per gazetteer, the nearest surface form found for a (folded name, types): a gazetteer does not change
#: once loaded, and the same names come back article after article.
_NEAREST: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[str, tuple[str, ...]], tuple[str, float] | None]] = (
    weakref.WeakKeyDictionary())


def _nearest(gazetteer: Gazetteer, key: str, types: tuple[str, ...]) -> tuple[str, float] | None:
    """The gazetteer's surface form closest to ``key`` among those of ``types`` and its score, when it scores
    at least :data:`FUZZY_CUTOFF` (the first type's form wins a tie)."""
    known = _NEAREST.setdefault(gazetteer, {})
    if (key, types) in known:
        return known[key, types]
    best: tuple[str, float] | None = None
    for etype in types:
        found = process.extractOne(key, gazetteer.surfaces_of_type(etype), scorer=fuzz.token_sort_ratio,
                                   score_cutoff=FUZZY_CUTOFF)
        if found is not None and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    known[key, types] = best
    return best


@dataclass(frozen=True)
class Resolution:
    """The entity a surface form resolved to, and how."""

    entity: Entity
    method: str
    confidence: float


@dataclass
class Resolver:
    """Resolves NER surface forms of one article (it remembers the people, companies and outlets already
    named in it). ``ontology`` checks the class of a new organisation (the packaged one by default)."""

    gazetteer: Gazetteer
    ontology: Ontology = field(default_factory=load_ontology)
    people: dict[str, Entity] = field(default_factory=dict)
    companies: dict[str, Entity] = field(default_factory=dict)
    #: An outlet's last name word ("Times", "Journal") -> the outlet; ``None`` where two outlets share it.
    outlets: dict[str, Entity | None] = field(default_factory=dict)

    def remember(self, entity: Entity) -> None:
        """Note a person named in the article so later surname-only mentions resolve to them, and a
        company so later mentions with or without its legal form ("Jiangsu Ruifeng") resolve to it."""
        if entity.type == "Company":
            for form in (entity.name, *entity.aliases):
                self.companies.setdefault(company_key(form), entity)
        if entity.type == "Person":
            for part in entity.name.split():
                if len(part) > 2 and part[0].isupper():
                    self.people.setdefault(part, entity)
        if entity.type == "MediaOutlet":
            # "The New York Times ... the Times reported": a paper named again by the last word of its name.
            for form in (entity.name, *entity.aliases):
                words = form.split()
                if len(words) > 1 and len(words[-1]) > 3 and words[-1][0].isupper():
                    held = self.outlets.setdefault(words[-1], entity)
                    if held is not None and held.id != entity.id:
                        self.outlets[words[-1]] = None

    def resolve(self, surface: str, label: str) -> Resolution | None:
        """Resolve a NER entity of spaCy ``label``; ``None`` for junk or demonym-only mentions."""
        name = clean_name(surface)
        if not name or label not in NER_TYPES:
            return None
        types = NER_TYPES[label]
        known = self.gazetteer.lookup(name, types)
        if known is not None:
            return Resolution(known, "alias", CONFIDENCE["alias"])
        if label == "NORP":
            return None
        company = self.companies.get(company_key(name)) if label == "ORG" else None
        if company is not None:
            return Resolution(company, "company-name", company.confidence)
        if label == "PERSON":
            words = name.split()
            if len(words) == 1 and words[0] in self.people:
                return Resolution(self.people[words[0]], "surname", CONFIDENCE["surname"])
        outlet = self.outlets.get(name) if label == "ORG" else None
        if outlet is not None:
            return Resolution(outlet, "short-name", CONFIDENCE["surname"])
        fuzzy = self._fuzzy(name, types)
        if fuzzy is not None:
            return fuzzy
        return self._new(name, label)

    def _fuzzy(self, name: str, types: tuple[str, ...]) -> Resolution | None:
        key = fold_surface(name)
        if len(key) < 6:
            return None
        best = _nearest(self.gazetteer, key, types)
        if best is None:
            return None
        entity = self.gazetteer.lookup(best[0], types)
        if entity is None:
            return None
        return Resolution(entity, f"fuzzy:{best[1]:.0f}", round(CONFIDENCE["alias"] * best[1] / 100, 3))

    def _new(self, name: str, label: str) -> Resolution:
        if label == "PERSON":
            entity = Entity(id=f"person:{slug(name)}", type="Person", name=name, origin="ner",
                            confidence=CONFIDENCE["new_person"])
            return Resolution(entity, "new", entity.confidence)
        if label in ("GPE", "LOC", "FAC"):
            entity = Entity(id=f"place:{slug(name)}", type="Place", name=name, origin="ner",
                            confidence=CONFIDENCE["new_place"])
            return Resolution(entity, "new", entity.confidence)
        etype = self.gazetteer.org_kinds.classify(name)
        self.ontology.check_label(etype)
        prefix = "system" if label == "PRODUCT" else "org"
        written = name
        if etype == "Company" and label != "PRODUCT":
            name = company_name(written)
        entity = Entity(id=f"{prefix}:{slug(name)}", type="System" if label == "PRODUCT" else etype, name=name,
                        aliases=(written,) if written != name else (), origin="ner", confidence=CONFIDENCE["new_org"])
        return Resolution(entity, "new", entity.confidence)


def company_name(written: str) -> str:
    """A company's name without its legal form, folded as sanctions-screening tools do it (``rigour``, the
    OpenSanctions name library): kept whole when too little would be left.

    >>> company_name("Jiangsu Ruifeng Co., Ltd."), company_name("OOO Severny Privod"), company_name("CTL Limited")
    ('Jiangsu Ruifeng', 'Severny Privod', 'CTL Limited')
    >>> company_name("Limited Liability Company AK Microtech"), company_name("Hexian Tools Co., Limited")
    ('AK Microtech', 'Hexian Tools')
    >>> company_name('JSC "Kupol"')
    'Kupol'
    """
    whole = " ".join(written.split())
    # "Limited" spelt out is the same form as "Ltd", and only the short spelling is known in compounds
    # ("Co., Limited", the usual form in Hong Kong, as "Co., Ltd.")
    # quotes round the name after the legal form are no part of it ('JSC "Kupol"' is Kupol)
    stripped = " ".join(remove_org_types(re.sub(r"\bLimited\b", "Ltd", whole)).split()).strip(" ,.&-\"«»“”„")
    if len(stripped) < 4 or not any(ch.isalpha() for ch in stripped) or stripped.lower() == whole.lower():
        return whole
    return stripped


def company_key(name: str) -> str:
    """The key company names are matched by: no legal form, case and punctuation folded, "&" as "and"
    ("M & S Trading Ltd" and "M and S Trading" share one).

    >>> company_key("M & S Trading Ltd") == company_key("M and S Trading")
    True
    """
    folded = fold_surface(company_name(name)).replace("&", " and ")
    return " ".join(re.sub(r"[^\w ]", " ", folded).split())


def clean_name(surface: str) -> str:
    """Trim a NER surface to a name: no leading article, possessive, quotes or line breaks.

    >>> clean_name("the Atlantic Council’s")
    'Atlantic Council'
    >>> clean_name("2023")
    ''
    >>> clean_name("UK\u02bcs")  # the modifier letter apostrophe some outlets write for "'"
    'UK'
    """
    name = " ".join(surface.replace("\u2019", "'").replace("\u02bc", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    name = name.strip(" \"'“”‘’.,;:()[]-–—•☞")
    if len(name) < 2 or not any(ch.isalpha() for ch in name) or not name[0].isupper():
        return ""
    return name


def resolve_outlet(name: str, gazetteer: Gazetteer) -> Entity:
    """The media outlet an article's metadata names: the gazetteer's, else a new one whose id is the one
    NER resolution would give the same name ("The Caravan Post" and "Caravan Post" are one outlet).

    >>> from ontology.gazetteer import load_gazetteer
    >>> resolve_outlet("WSJ", load_gazetteer()).name
    'Wall Street Journal'
    >>> resolve_outlet("The Caravan Post", load_gazetteer()).id
    'org:caravan-post'
    >>> resolve_outlet("asb-media.info", load_gazetteer()).origin
    'inferred'
    >>> resolve_outlet("unnamed outlet of notes.txt (3f2a9c1e)", load_gazetteer()).origin
    'inferred'
    """
    if is_placeholder_outlet(name):
        # Nothing names the outlet (see ingest.metadata.placeholder_outlet): a typed stand-in, inferred.
        return Entity(id=f"org:{slug(name)}", type="MediaOutlet", name=name, origin="inferred",
                      confidence=PLACEHOLDER_OUTLET_CONFIDENCE)
    known = gazetteer.lookup(name, ["MediaOutlet"])
    if known is not None:
        return known
    if _BARE_HOST.fullmatch(name.strip()):
        # Nothing names the outlet but the URL's host ("asb-media.info"): kept as written, marked inferred.
        host = name.strip().lower()
        return Entity(id=f"org:{slug(host)}", type="MediaOutlet", name=host, origin="inferred",
                      confidence=INFERRED_OUTLET_CONFIDENCE)
    written = name.strip()
    canonical = clean_name(name) or written
    # "The Caravan Post" is kept as an alias of "Caravan Post", so the article's outlet finds its entity.
    aliases = (written,) if written != canonical else ()
    return Entity(id=f"org:{slug(canonical)}", type="MediaOutlet", name=canonical, aliases=aliases,
                  origin="metadata", confidence=0.8)


_BARE_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
