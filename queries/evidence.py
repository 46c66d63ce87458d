"""Evidence: what backs a supply leg or a claim, as the queries report it.

A leg's evidence (:class:`LegEvidence`) is the flow statement it belongs to, where the article states it
(span and sentence) and the attribution chain of the claim supporting it, with its independent origin; a
claim's (:class:`Report`) is the claim itself (span, text, article), its chain and its origin. Routes
(:mod:`queries.paths`), goods (:mod:`queries.goods`) and provenance (:mod:`queries.provenance`) build
their evidence here, so that a chain of names counts its origin the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.store import ArticleRef, ClaimRecord, FlowRecord, SourceLink, SupplyLeg
from ontology.gazetteer import fold_surface
from queries.origins import origin_key

__all__ = ["LegEvidence", "Report", "chain_links", "chain_origin", "leg_evidence"]


@dataclass(frozen=True)
class LegEvidence:
    """One SUPPLIES leg backing a hop, with the flow statement it belongs to and where it was read.

    ``leg`` is 0 for a direct flow and 1.. for the legs of a transit route; ``flow_supplier``,
    ``flow_recipient`` and ``via`` describe the whole stated flow; ``attribution`` is the chain of the
    claim supporting the flow (outermost first), empty when the article states it in its own voice.
    """

    flow_id: str
    good: str
    good_id: str | None
    leg: int
    status: str
    period_start: str | None
    period_end: str | None
    quantity: str | None
    value: str | None
    article: ArticleRef
    start: int | None
    end: int | None
    sentence: str | None
    flow_supplier: str | None
    flow_recipient: str | None
    via: tuple[str, ...] = ()
    end_uses: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Report:
    """One article's report of a fact: the claim (span, text), its chain and its original source."""

    claim: ClaimRecord
    chain: tuple[SourceLink, ...]
    origin: str


def chain_links(names: Iterable[str], generic: frozenset[str]) -> tuple[SourceLink, ...]:
    """An attribution chain stored as names (outermost first) as links, the generic sources marked.

    >>> [link.generic for link in chain_links(["Wall Street Journal", "trade data"], frozenset({"trade data"}))]
    [False, True]
    """
    return tuple(SourceLink(i, name, type="GenericSource" if fold_surface(name) in generic else None)
                 for i, name in enumerate(names))


def chain_origin(names: Sequence[str], article: ArticleRef, generic: frozenset[str]) -> tuple[str, str]:
    """The ``(key, name)`` of the original source of a chain of names reported in ``article`` (see
    :func:`queries.origins.origin_key`; the outlet when the chain names none).

    >>> chain_origin(["Kyiv Post", "Wall Street Journal"], ArticleRef("article:1"), frozenset())
    ('source:wall street journal', 'Wall Street Journal')
    >>> chain_origin([], ArticleRef("article:1", outlet="Kyiv Post"), frozenset())
    ('source:kyiv post', 'Kyiv Post')
    """
    return origin_key(chain_links(names, generic), article, generic=generic)


def leg_evidence(leg: SupplyLeg, flow: FlowRecord, article: ArticleRef, generic: frozenset[str]) -> LegEvidence:
    """The evidence of one leg: its flow's statement, span and sentence in ``article``, and the longest
    chain of the claims supporting the flow with its origin (``generic``: folded generic source names)."""
    chain = max(flow.chains, key=len) if flow.chains else ()
    return LegEvidence(
        flow_id=leg.flow_id, good=leg.good, good_id=leg.good_id, leg=leg.leg, status=leg.status,
        period_start=leg.period_start or flow.period_start, period_end=leg.period_end or flow.period_end,
        quantity=leg.quantity or flow.quantity, value=flow.value, article=article, start=flow.start, end=flow.end,
        sentence=flow.sentence, flow_supplier=flow.supplier, flow_recipient=flow.recipient, via=flow.via,
        end_uses=tuple(flow.end_uses), attribution=tuple(chain), origin=chain_origin(chain, article, generic)[1],
    )
