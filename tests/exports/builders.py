"""A small hand-built extraction (our own text) and a store holding it, for the exporter tests.

The article says that China supplied machine tools to Russia via Kazakhstan, cites a Reuters report
based on customs data, and quotes a company executive; offsets are computed from the text so they
always point at the words they name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.snapshot import GraphSnapshot, Node, Relationship, read_snapshot
from ontology.ids import make_id
from ontology.records import (
    Claim,
    ClaimValue,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Period,
    Source,
    SupplyFlow,
)
from tests.factories import article_from_text

TEXT = (
    "Chinese exports of machine tools to Russia rose by more than 40% in 2023, according to customs data "
    "cited by Reuters.\n"
    "Shipments of machine tools from China reached Russia via Kazakhstan between January and July 2023, "
    "the \"Example Wire\" reported.\n"
    "Li Wei, a spokesman for Acme Machinery, said the company's sales were 'in line with the law' \\ legal.\n"
)

CHINA = Entity(id="country:CN", type="Country", name="China", iso2="CN", iso3="CHN", qid="Q148",
               aliases=("PRC", "People's Republic of China"))
RUSSIA = Entity(id="country:RU", type="Country", name="Russia", iso2="RU", iso3="RUS", qid="Q159",
                aliases=("Russian Federation",))
KAZAKHSTAN = Entity(id="country:KZ", type="Country", name="Kazakhstan", iso2="KZ", iso3="KAZ", qid="Q232")
TOOLS = Entity(id="good:machine-tools", type="Good", name="machine tools", hs_codes=("8456", "8457", "8458"),
               chpl_tier="Tier 3.A", category="industrial", aliases=("machine tool",))
REUTERS = Entity(id="org:reuters", type="MediaOutlet", name="Reuters", country="GB", qid="Q130879")
WIRE = Entity(id="org:example-wire", type="MediaOutlet", name="Example Wire", country="US")
ACME = Entity(id="org:acme-machinery", type="Company", name="Acme Machinery", country="CN", origin="ner",
              confidence=0.8)
LI_WEI = Entity(id="person:li-wei", type="Person", name="Li Wei", role="spokesman", organisation="Acme Machinery",
                country="CN", origin="ner", confidence=0.7)
CUSTOMS = Entity(id="source:customs-data", type="GenericSource", name="customs data", kind="data")

ENTITIES = (CHINA, RUSSIA, KAZAKHSTAN, TOOLS, REUTERS, WIRE, ACME, LI_WEI, CUSTOMS)


def _at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _sentence(text: str, start: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin:end if end >= 0 else len(text)]


def sample_extraction() -> Extraction:
    """The extraction of the one sample article."""
    article = article_from_text(TEXT, path="wire/2023-08-01-machine-tools.txt", published=dt.date(2023, 8, 1),
                                outlet="Example Wire").model_copy(
        update={"url": "https://example.org/wire/machine-tools", "title": "Machine tools reach Russia via Kazakhstan"})

    def evidence(needle: str, occurrence: int = 0, extractor: str = "gazetteer") -> Evidence:
        start, end = _at(TEXT, needle, occurrence)
        return Evidence(article_id=article.id, start=start, end=end, text=TEXT[start:end],
                        sentence=_sentence(TEXT, start), extractor=extractor)

    mentions = (
        Mention.build(CHINA.id, evidence("Chinese")),
        Mention.build(TOOLS.id, evidence("machine tools")),
        Mention.build(RUSSIA.id, evidence("Russia")),
        Mention.build(CUSTOMS.id, evidence("customs data")),
        Mention.build(REUTERS.id, evidence("Reuters")),
        Mention.build(TOOLS.id, evidence("machine tools", 1)),
        Mention.build(CHINA.id, evidence("China")),
        Mention.build(RUSSIA.id, evidence("Russia", 1)),
        Mention.build(KAZAKHSTAN.id, evidence("Kazakhstan")),
        Mention.build(WIRE.id, evidence("Example Wire")),
        Mention.build(LI_WEI.id, evidence("Li Wei", extractor="ner"), confidence=0.7),
        Mention.build(ACME.id, evidence("Acme Machinery", extractor="ner"), confidence=0.8),
    )
    flow_span = evidence("Shipments of machine tools from China reached Russia via Kazakhstan", extractor="supply")
    flow = SupplyFlow.build(CHINA.id, TOOLS.id, RUSSIA.id, flow_span, via=(KAZAKHSTAN.id,),
                            period=Period(text="between January and July 2023", start="2023-01", end="2023-07"))
    claim_span = evidence("Chinese exports of machine tools to Russia rose by more than 40% in 2023",
                          extractor="claims")
    claim = Claim(
        id=make_id("claim", article.id, claim_span.start, claim_span.end), text=claim_span.text, evidence=claim_span,
        metric="exports", value=ClaimValue(raw="more than 40%", number=40.0, unit="%", direction="increase",
                                           qualifier="more than"),
        period=Period(text="in 2023", start="2023-01", end="2023-12"),
        attributed_to=(Source(name="Example Wire", entity_id=WIRE.id, role="outlet"),
                       Source(name="Reuters", entity_id=REUTERS.id, role="cited"),
                       Source(name="customs data", entity_id=CUSTOMS.id, role="origin")),
        about=(CHINA.id, TOOLS.id, RUSSIA.id), supply_ids=(flow.id,),
    )
    quote_span = evidence("the company's sales were 'in line with the law' \\ legal", extractor="claims")
    quote = Claim(id=make_id("claim", article.id, quote_span.start, quote_span.end), text=quote_span.text,
                  evidence=quote_span, status="hedged",
                  attributed_to=(Source(name="Example Wire", entity_id=WIRE.id, role="outlet"),
                                 Source(name="Li Wei", entity_id=LI_WEI.id, role="origin")),
                  about=(ACME.id,))
    return Extraction(article=article, entities=ENTITIES, mentions=mentions, supply=(flow,), claims=(claim, quote))


def sample_store(path: Path) -> Path:
    """A LadybugDB store at ``path`` holding the sample extraction; returns the path."""
    from graph.ladybug_store import LadybugStore

    with LadybugStore(path) as store:
        store.write(sample_extraction())
    return path


def stored_snapshot(path: Path) -> GraphSnapshot:
    """The snapshot read back from a store made by :func:`sample_store`."""
    from graph.ladybug_store import LadybugStore

    with LadybugStore(sample_store(path), read_only=True) as store:
        return read_snapshot(store)


def tiny_snapshot() -> GraphSnapshot:
    """Two countries, a flow and the edges between them, built by hand for exact-statement tests."""
    return GraphSnapshot(
        nodes=(
            Node("Country", "country:CN", {"name": "China", "aliases": ["PRC"], "qid": "Q148", "confidence": 1.0,
                                           "origin": "gazetteer", "iso2": "CN", "iso3": "CHN"}),
            Node("Country", "country:RU", {"name": "Russia", "aliases": None, "qid": "Q159", "confidence": 1.0,
                                           "origin": "gazetteer", "iso2": "RU", "iso3": "RUS"}),
            Node("Article", "article:1", {"path": "a.txt", "url": None, "title": "O'Brien \"quoted\"\nline",
                                          "outlet": None, "published": dt.date(2023, 8, 1), "text": "x",
                                          "content_hash": "h", "format": "txt", "boilerplate": None}),
        ),
        relationships=(
            Relationship("SUPPLIES", "Country", "country:CN", "Country", "country:RU",
                         {"flow_id": "flow:1", "good": "drones", "good_id": "good:drones", "period_start": None,
                          "period_end": None, "quantity": None, "status": "asserted", "leg": 0,
                          "article_id": "article:1"}, "supplies:k1"),
            Relationship("MENTIONS", "Article", "article:1", "Country", "country:RU",
                         {"start": 0, "end": 6, "surface": "Russia", "sentence": "Russia.", "extractor": "gazetteer",
                          "confidence": 1.0}, "mentions:k2"),
        ),
    )
