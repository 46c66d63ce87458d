"""Builders of hand-made extractions for query tests (our own sentences; offsets computed, never typed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from graph.ladybug_store import LadybugStore
from ontology.gazetteer import GAZETTEER_DIR, load_gazetteer
from ontology.ids import content_hash, make_id
from ontology.model import load_ontology
from ontology.records import (
    Article,
    Claim,
    ClaimValue,
    Entity,
    Evidence,
    Extraction,
    Period,
    Source,
    SupplyFlow,
)
from queries.claims import ArticleRef, SourceLink, StoredClaim
from queries.reference import Reference


def _country(iso2: str, name: str) -> Entity:
    return Entity(id=f"country:{iso2}", type="Country", name=name, iso2=iso2)


CHINA = _country("CN", "China")
RUSSIA = _country("RU", "Russia")
KYRGYZSTAN = _country("KG", "Kyrgyzstan")
TURKEY = _country("TR", "Turkey")
UAE = _country("AE", "United Arab Emirates")
BALL_BEARINGS = Entity(id="good:ball-bearings", type="Good", name="ball bearings", hs_codes=("8482.10",),
                       chpl_tier="3.B", category="dual-use")
CIRCUITS = Entity(id="good:integrated-circuits", type="Good", name="integrated circuits", hs_codes=("8542.31",),
                  chpl_tier="1", category="dual-use")
RIFLES = Entity(id="good:assault-rifles", type="Good", name="assault rifles", category="military")
EXCAVATORS = Entity(id="good:excavators", type="Good", name="excavators", hs_codes=("8429.52",),
                    category="industrial")
TRACTORS = Entity(id="good:tractors", type="Good", name="tractors", category="industrial")
FORTIFICATIONS = Entity(id="use:fortifications", type="EndUse", name="fortifications", kind="facility")
WSJ = Entity(id="org:wall-street-journal", type="MediaOutlet", name="Wall Street Journal")
ATLANTIC = Entity(id="org:atlantic-council", type="ThinkTank", name="Atlantic Council")
TRADE_DATA = Entity(id="source:trade-data", type="GenericSource", name="trade data", kind="data")

ENTITIES = {e.id: e for e in (CHINA, RUSSIA, KYRGYZSTAN, TURKEY, UAE, BALL_BEARINGS, CIRCUITS, RIFLES, EXCAVATORS,
                              TRACTORS, FORTIFICATIONS, WSJ, ATLANTIC, TRADE_DATA)}


def article(text: str, outlet: str | None, published: dt.date = dt.date(2023, 11, 1),
            title: str | None = None) -> Article:
    digest = content_hash(text)
    return Article(id=make_id("article", digest), path=f"fixtures/{digest[:8]}.txt", text=text,
                   content_hash=digest, format="txt", title=title or text.split("\n", 1)[0], outlet=outlet,
                   published=published)


def evidence(art: Article, needle: str) -> Evidence:
    start = art.text.index(needle)
    return Evidence(article_id=art.id, start=start, end=start + len(needle), text=needle, sentence=needle,
                    extractor="test:hand")


def flow(art: Article, sentence: str, supplier: Entity, good: Entity, recipient: Entity,
         via: Sequence[Entity] = (), status: str = "asserted", period: tuple[str, str] | None = None,
         end_uses: Sequence[Entity] = ()) -> SupplyFlow:
    return SupplyFlow.build(supplier.id, good.id, recipient.id, evidence(art, sentence), via=tuple(v.id for v in via),
                            status=status, end_uses=tuple(u.id for u in end_uses),
                            period=Period(text="p", start=period[0], end=period[1]) if period else None)


def claim(art: Article, sentence: str, metric: str | None = None, raw: str | None = None,
          number: float | None = None, unit: str | None = None, period: tuple[str, str] | None = None,
          chain: Sequence[tuple[str, Entity | None, str]] = (), about: Sequence[Entity] = (),
          supports: Sequence[SupplyFlow] = (), direction: str | None = "increase") -> Claim:
    ev = evidence(art, sentence)
    value = ClaimValue(raw=raw, number=number, unit=unit, direction=direction) if raw else None  # type: ignore[arg-type]
    return Claim(id=make_id("claim", art.id, ev.start, ev.end), text=sentence, evidence=ev, metric=metric,
                 value=value, period=Period(text="p", start=period[0], end=period[1]) if period else None,
                 attributed_to=tuple(Source(name=n, entity_id=e.id if e else None, role=r) for n, e, r in chain),  # type: ignore[arg-type]
                 about=tuple(e.id for e in about), supply_ids=tuple(f.id for f in supports))


def extraction(art: Article, flows: Sequence[SupplyFlow] = (), claims: Sequence[Claim] = ()) -> Extraction:
    ids: set[str] = set()
    for f in flows:
        ids |= {f.supplier_id, f.good_id, f.recipient_id, *f.via, *f.end_uses}
    for c in claims:
        ids |= set(c.about) | {s.entity_id for s in c.attributed_to if s.entity_id}
    return Extraction(article=art, entities=tuple(ENTITIES[i] for i in sorted(ids)), supply=tuple(flows),
                      claims=tuple(claims))


# -- the route scenario ----------------------------------------------------------------------------

BEARINGS_TEXT = ("Bearings reach Russia through Kyrgyzstan\n"
                 "China shipped ball bearings to Russia through Kyrgyzstan in 2023, trade data show.\n")
BEARINGS_ECHO_TEXT = ("Kyrgyz re-exports under scrutiny\n"
                      "Chinese ball bearings are re-exported from Kyrgyzstan to Russia, the Atlantic Council found.\n")
CHIPS_TEXT = ("Chips via Turkey\n"
              "China sold integrated circuits to Turkey in 2022.\n"
              "Turkey sold integrated circuits to Russia in 2022.\n")
RIFLES_TEXT = ("Rifles and diggers\n"
               "Chinese firms shipped assault rifles to Russia through Turkey and the United Arab Emirates.\n"
               "China sold excavators to Russia that dig fortifications.\n"
               "China may have sold ball bearings directly to Russia.\n"
               "China did not ship tractors to Russia.\n")


def route_extractions() -> list[Extraction]:
    bearings = article(BEARINGS_TEXT, "Steppe Wire", dt.date(2023, 11, 2))
    echo = article(BEARINGS_ECHO_TEXT, "Caravan Post", dt.date(2023, 12, 1))
    chips = article(CHIPS_TEXT, "Harbour Line", dt.date(2023, 3, 1))
    rifles = article(RIFLES_TEXT, "Danube Dispatch", dt.date(2023, 4, 1))
    s1 = "China shipped ball bearings to Russia through Kyrgyzstan in 2023"
    f1 = flow(bearings, s1, CHINA, BALL_BEARINGS, RUSSIA, via=[KYRGYZSTAN], period=("2023-01", "2023-12"))
    s2 = "Chinese ball bearings are re-exported from Kyrgyzstan to Russia"
    f2 = flow(echo, s2, CHINA, BALL_BEARINGS, RUSSIA, via=[KYRGYZSTAN], period=("2023-01", "2023-10"))
    f3 = flow(chips, "China sold integrated circuits to Turkey in 2022", CHINA, CIRCUITS, TURKEY,
              period=("2022-01", "2022-12"))
    f4 = flow(chips, "Turkey sold integrated circuits to Russia in 2022", TURKEY, CIRCUITS, RUSSIA,
              period=("2022-01", "2022-12"))
    f5 = flow(rifles, "Chinese firms shipped assault rifles to Russia through Turkey and the United Arab Emirates",
              CHINA, RIFLES, RUSSIA, via=[TURKEY, UAE], period=("2022-07", "2022-12"))
    f6 = flow(rifles, "China sold excavators to Russia that dig fortifications", CHINA, EXCAVATORS, RUSSIA,
              end_uses=[FORTIFICATIONS])
    f7 = flow(rifles, "China may have sold ball bearings directly to Russia", CHINA, BALL_BEARINGS, RUSSIA,
              status="hedged")
    f8 = flow(rifles, "China did not ship tractors to Russia", CHINA, TRACTORS, RUSSIA, status="negated")
    c1 = claim(bearings, s1 + ", trade data show", chain=[("Steppe Wire", None, "outlet"),
                                                          ("trade data", TRADE_DATA, "origin")],
               about=[CHINA, BALL_BEARINGS, RUSSIA], supports=[f1])
    c2 = claim(echo, s2 + ", the Atlantic Council found", chain=[("Atlantic Council", ATLANTIC, "origin")],
               about=[BALL_BEARINGS, KYRGYZSTAN], supports=[f2])
    return [extraction(bearings, [f1], [c1]), extraction(echo, [f2], [c2]), extraction(chips, [f3, f4]),
            extraction(rifles, [f5, f6, f7, f8])]


def build_store(path: Path, extractions: Sequence[Extraction]) -> Path:
    """Write extractions into a fresh embedded store at ``path``; returns the path."""
    with LadybugStore(path) as store:
        for item in extractions:
            store.write(item)
    return path


# -- claims for pure clustering tests --------------------------------------------------------------

def stored(text: str, article_id: str, outlet: str | None = None, metric: str | None = None,
           raw: str | None = None, number: float | None = None, unit: str | None = None,
           period: tuple[str, str] | None = None, chain: Sequence[str | tuple[str, str]] = (),
           direction: str | None = "increase", published: str = "2023-09-01") -> StoredClaim:
    """A StoredClaim as :func:`queries.claims.load_claims` returns it; chain items are names or
    (name, ontology class)."""
    links = tuple(SourceLink(i, c if isinstance(c, str) else c[0], type=None if isinstance(c, str) else c[1])
                  for i, c in enumerate(chain))
    return StoredClaim(id=make_id("claim", article_id, text), text=text,
                       article=ArticleRef(article_id, outlet=outlet, published=published), start=0, end=len(text),
                       metric=metric, value_raw=raw, value_number=number, value_unit=unit, direction=direction,
                       qualifier=None, period_start=period[0] if period else None,
                       period_end=period[1] if period else None, status="asserted", attribution=links)


REFERENCE = Reference(load_ontology(), load_gazetteer(), GAZETTEER_DIR / "claim_lexicon.yaml")
"""The packaged ontology, gazetteer and claim lexicon, as the queries take them."""

VOCABULARY = REFERENCE.vocabulary
"""The packaged vocabulary clustering, conflicts and origins compare claims with."""
