"""Hand-built extractions for store tests (our own text; offsets computed from it, never typed in).

``sample_extraction()`` is one article of an imagined wire service reporting the Wall Street Journal's
story on ball bearings reaching Russia from China through Kyrgyzstan, with the Atlantic Council's
Joseph Webster as the origin of the figure.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ontology.ids import content_hash, make_id
from ontology.records import (
    Article,
    Claim,
    ClaimValue,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Period,
    Source,
    Span,
    SupplyFlow,
)

__all__ = [
    "ARTICLE_TEXT",
    "ATLANTIC_COUNCIL",
    "BALL_BEARINGS",
    "CHINA",
    "KYRGYZSTAN",
    "RUSSIA",
    "WEBSTER",
    "WSJ",
    "sample_article",
    "sample_extraction",
]

ARTICLE_TEXT = (
    "Share this article\n"
    "Chinese bearings flow to Russia through Kyrgyzstan\n"
    "China shipped ball bearings to Russia via Kyrgyzstan between January and July 2023, "
    "the Wall Street Journal reported, citing the Atlantic Council.\n"
    "Exports of ball bearings from China to Kyrgyzstan rose by more than 70% in that period, "
    "said Joseph Webster, a senior fellow at the Atlantic Council.\n"
    "Photo: Reuters\n"
)

CHINA = Entity(id="country:CN", type="Country", name="China", aliases=("PRC",), qid="Q148", iso2="CN", iso3="CHN")
RUSSIA = Entity(id="country:RU", type="Country", name="Russia", aliases=("Russian Federation",), qid="Q159",
                iso2="RU", iso3="RUS")
KYRGYZSTAN = Entity(id="country:KG", type="Country", name="Kyrgyzstan", qid="Q813", iso2="KG", iso3="KGZ")
BALL_BEARINGS = Entity(id="good:ball-bearings", type="Good", name="ball bearings", aliases=("bearings",),
                       hs_codes=("8482.10",), chpl_tier="3.B", category="dual-use")
WSJ = Entity(id="org:wall-street-journal", type="MediaOutlet", name="Wall Street Journal", aliases=("WSJ",),
             country="US")
ATLANTIC_COUNCIL = Entity(id="org:atlantic-council", type="ThinkTank", name="Atlantic Council", country="US")
WEBSTER = Entity(id="person:joseph-webster", type="Person", name="Joseph Webster", role="senior fellow",
                 organisation="Atlantic Council", country="US", origin="ner", confidence=0.85)

_EXTRACTOR = "test:hand"


def _sentence_of(text: str, start: int) -> str:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return text[begin:end if end >= 0 else len(text)]


def _evidence(article: Article, needle: str, occurrence: int = 0, within: str | None = None) -> Evidence:
    """Evidence for the ``occurrence``-th ``needle`` (inside the sentence ``within`` when given)."""
    base = article.text.index(within) if within else 0
    start = base - 1
    for _ in range(occurrence + 1):
        start = article.text.index(needle, start + 1)
    end = start + len(needle)
    return Evidence(article_id=article.id, start=start, end=end, text=needle,
                    sentence=_sentence_of(article.text, start), extractor=_EXTRACTOR)


def sample_article(text: str = ARTICLE_TEXT, outlet: str | None = "Wall Street Journal",
                   path: str = "fixtures/bearings.txt") -> Article:
    """An article hashed like the readers hash it, with its share line and photo credit as boilerplate."""
    digest = content_hash(text)
    boilerplate = tuple(
        Span(start=text.index(line), end=text.index(line) + len(line), label="boilerplate")
        for line in ("Share this article", "Photo: Reuters") if line in text
    )
    return Article(id=make_id("article", digest), path=path, text=text, content_hash=digest, format="txt",
                   title="Chinese bearings flow to Russia through Kyrgyzstan", outlet=outlet,
                   published=dt.date(2023, 9, 14), url="https://example.org/bearings", boilerplate=boilerplate)


def sample_extraction(text: str = ARTICLE_TEXT, outlet: str | None = "Wall Street Journal",
                      path: str = "fixtures/bearings.txt") -> Extraction:
    """The bearings article with 7 entities, their mentions, one flow China → Russia via Kyrgyzstan and
    two claims (the flow, attributed to outlet → WSJ → Atlantic Council; the export rise, to Webster).

    A different ``text`` gives a different article id (and flow and claim ids); it must still contain
    the sentences the records point into.
    """
    article = sample_article(text, outlet, path)
    first = "China shipped ball bearings"
    second = "Exports of ball bearings"
    mentions = [
        Mention.build(CHINA.id, _evidence(article, "China", within=first)),
        Mention.build(BALL_BEARINGS.id, _evidence(article, "ball bearings", within=first)),
        Mention.build(RUSSIA.id, _evidence(article, "Russia", within=first)),
        Mention.build(KYRGYZSTAN.id, _evidence(article, "Kyrgyzstan", within=first)),
        Mention.build(WSJ.id, _evidence(article, "Wall Street Journal", within=first)),
        Mention.build(ATLANTIC_COUNCIL.id, _evidence(article, "Atlantic Council", within=first)),
        Mention.build(BALL_BEARINGS.id, _evidence(article, "ball bearings", within=second)),
        Mention.build(WEBSTER.id, _evidence(article, "Joseph Webster", within=second), confidence=0.85),
    ]
    flow_evidence = _evidence(article, article.text[article.text.index(first):article.text.index(", the Wall")])
    period = Period(text="between January and July 2023", start="2023-01", end="2023-07")
    flow = SupplyFlow.build(CHINA.id, BALL_BEARINGS.id, RUSSIA.id, flow_evidence, via=(KYRGYZSTAN.id,),
                            period=period)
    flow_claim_ev = _evidence(article, _sentence_of(article.text, article.text.index(first)))
    flow_claim = Claim(
        id=make_id("claim", article.id, flow_claim_ev.start, flow_claim_ev.end), text=flow_claim_ev.text,
        evidence=flow_claim_ev, metric="shipments", period=period,
        attributed_to=(Source(name="Wall Street Journal", entity_id=WSJ.id, role="outlet"),
                       Source(name="Atlantic Council", entity_id=ATLANTIC_COUNCIL.id, role="origin")),
        about=(CHINA.id, BALL_BEARINGS.id, RUSSIA.id), supply_ids=(flow.id,),
    )
    rise_ev = _evidence(article, _sentence_of(article.text, article.text.index(second)))
    rise_claim = Claim(
        id=make_id("claim", article.id, rise_ev.start, rise_ev.end), text=rise_ev.text, evidence=rise_ev,
        metric="exports", value=ClaimValue(raw="more than 70%", number=70.0, unit="%", direction="increase",
                                           qualifier="more than"),
        period=period,
        attributed_to=(Source(name="Wall Street Journal", entity_id=WSJ.id, role="outlet"),
                       Source(name="Joseph Webster", entity_id=WEBSTER.id, role="cited"),
                       Source(name="Atlantic Council", entity_id=ATLANTIC_COUNCIL.id, role="origin")),
        about=(CHINA.id, KYRGYZSTAN.id, BALL_BEARINGS.id),
    )
    return Extraction(
        article=article,
        entities=(CHINA, RUSSIA, KYRGYZSTAN, BALL_BEARINGS, WSJ, ATLANTIC_COUNCIL, WEBSTER),
        mentions=tuple(mentions), supply=(flow,), claims=(flow_claim, rise_claim),
    )


def write_sample_store(path: Path) -> Path:
    """An embedded store at ``path`` holding :func:`sample_extraction`; returns ``path``."""
    from graph.ladybug_store import LadybugStore

    with LadybugStore(path) as store:
        store.write(sample_extraction())
    return path
