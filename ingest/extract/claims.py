"""Claims: attributed statements of fact, one per sentence (or clause) that states a figure, supports a
supply flow, reports a sanction or a military use, or quotes a named source.

:func:`extract_claims` is the rule-based :class:`ingest.extract.context.ClaimExtractor`. Figures come
from :mod:`ingest.extract.values`, periods from :mod:`ingest.extract.periods`, attribution chains from
:mod:`ingest.extract.attribution`; cue words live in ``ontology/gazetteers/claim_lexicon.yaml``.

The ``metric`` of a claim is built deterministically from canonical names so that one fact reads the
same in every article: ``"<measure> of <good> from <supplier> to <recipient>"``, ``"trade between A
and B"`` (names sorted), ``"share of <recipient>'s imports from <supplier>"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.extract.attribution import attribution_chains
from ingest.extract.context import Annotated
from ingest.extract.entities import is_headline
from ingest.extract.periods import find_periods, normalise_period
from ingest.extract.values import load_claim_lexicon, parse_values, words_pattern
from ontology.ids import make_id
from ontology.records import Claim, ClaimValue, Evidence, Mention, Period, Status, SupplyFlow

__all__ = ["CLAIM_EXTRACTOR", "extract_claims"]

CLAIM_EXTRACTOR = "claim-rules@1.0"

_ABOUT_TYPES = frozenset({"Country", "Good", "Company", "Place", "System"})
# A period after these words is the baseline of a comparison, not the period of the figure.
_BASELINE = re.compile(r"(?:compared\s+(?:with|to)|than(?:\s+in)?|from|versus|vs\.?|over|since|before|same\s+period"
                       r"|up\s+from|down\s+from|relative\s+to)\s+(?:the\s+)?(?:same\s+period\s+(?:in|of)\s+)?$",
                       re.IGNORECASE)

# A period right before these words dates the report ("reported in July that"), not the figure.
_REPORTED = re.compile(r"\s*,?\s*(?:that|showed|shows|found|finds|said|says|reported|noted|estimated)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _sentences(annotated: Annotated) -> list[_Span]:
    """Sentence spans of the body: spaCy sentences cut at line ends, blanks and bullets trimmed."""
    text = annotated.text
    spans: list[_Span] = []
    for sent in annotated.doc.sents:
        offset = sent.start_char
        for piece in re.split(r"(\n)", text[sent.start_char:sent.end_char]):
            start, end = offset, offset + len(piece)
            offset = end
            while start < end and (text[start].isspace() or text[start] in "•·*-–"):
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            piece_text = text[start:end]
            heading = not re.search(r"[.!?:\"”]$", piece_text) and len(piece_text.split()) < 8
            if end - start > 1 and re.search(r"[A-Za-z]", piece_text) and not heading:
                spans.append(_Span(start, end))
    return spans


def _clauses(text: str, span: _Span) -> list[_Span]:
    """A sentence split at ";" where each side states its own figure about its own subject."""
    pieces: list[_Span] = []
    start = span.start
    for match in re.finditer(r";\s*", text[span.start:span.end]):
        cut = span.start + match.start()
        pieces.append(_Span(start, cut))
        start = span.start + match.end()
    pieces.append(_Span(start, span.end))
    if len(pieces) > 1 and all(parse_values(text[p.start:p.end]) for p in pieces):
        return pieces
    return [span]


def _has(words: tuple[str, ...], text: str) -> bool:
    return bool(words) and re.search(rf"(?<![\w'’])(?:{words_pattern(words)})(?![\w])", text, re.IGNORECASE) is not None


def _status(text: str) -> Status:
    lex = load_claim_lexicon()
    if _has(lex.negations, text):
        return "negated"
    if _has(lex.hedges, text):
        return "hedged"
    return "asserted"


def _main_value(text: str, values: list[tuple[int, int, ClaimValue]]) -> ClaimValue | None:
    """The figure a clause is about: the first one, except the baseline of "from X to Y" (then Y) and
    a figure given as a comparison base ("up from 25%")."""
    for index, (start, _end, value) in enumerate(values):
        lead = text[max(0, start - 25):start]
        if re.search(r"\b(?:from|up\s+from|down\s+from|compared\s+with|than)\s+$", lead, re.IGNORECASE) \
                and index + 1 < len(values):
            continue
        return value
    return values[0][2] if values else None


def _period(text: str, offset: int, annotated: Annotated) -> Period | None:
    for start, end, phrase in find_periods(text):
        if _BASELINE.search(text[max(0, start - 40):start]) or _REPORTED.match(text[end:end + 20]):
            continue
        period = normalise_period(phrase, annotated.article.published)
        if period is not None:
            return period
    return None


def _measure(text: str) -> str | None:
    lex = load_claim_lexicon()
    best: tuple[int, str] | None = None
    for name, forms in lex.measures.items():
        found = re.search(rf"(?<![\w])(?:{words_pattern(forms)})(?![\w])", text, re.IGNORECASE)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), name)
    if best and best[1] != "share of imports" and re.search(r"\bshare\b|\bsource\s+of\b|contribution\s+to",
                                                            text, re.IGNORECASE):
        return "share of imports"
    return best[1] if best else None


def _roles(annotated: Annotated, text: str, offset: int, countries: list[Mention],
           recipient_first: bool) -> tuple[str | None, str | None]:
    """Supplier and recipient country names of a clause, read from "from X" / "to Y" / "X's exports"."""
    supplier = recipient = None
    for mention in countries:
        name = annotated.entity(mention.entity_id).name
        before = text[max(0, mention.evidence.start - offset - 12):mention.evidence.start - offset].lower()
        if re.search(r"\bfrom\s+(?:the\s+)?$", before):
            supplier = supplier or name
        elif re.search(r"\b(?:to|into|for)\s+(?:the\s+)?$", before):
            recipient = recipient or name
    others = [annotated.entity(m.entity_id).name for m in countries]
    others = [n for n in dict.fromkeys(others) if n not in (supplier, recipient)]
    for name in others:
        if recipient_first and recipient is None:
            recipient = name
        elif supplier is None:
            supplier = name
        elif recipient is None:
            recipient = name
    return supplier, recipient


def _metric(annotated: Annotated, text: str, offset: int, mentions: list[Mention],
            flows: list[SupplyFlow]) -> str | None:
    lex = load_claim_lexicon()
    measure = _measure(text)
    countries = [m for m in mentions if annotated.entity(m.entity_id).type == "Country"]
    goods = [m for m in mentions if annotated.entity(m.entity_id).type == "Good"]
    if flows:
        flow = flows[0]
        supplier: str | None = annotated.entity(flow.supplier_id).name
        recipient: str | None = annotated.entity(flow.recipient_id).name
        # The clause's own good wins over a flow that may span a longer stretch of text.
        good: str | None = annotated.entity(goods[0].entity_id if goods else flow.good_id).name
    else:
        recipient_first = _has(lex.flow_recipient_verbs, text) and not re.search(r"\bexport", text, re.IGNORECASE)
        supplier, recipient = _roles(annotated, text, offset, countries, recipient_first)
        good = annotated.entity(goods[0].entity_id).name if goods else None
    if measure is None:
        if not (supplier or recipient or good):
            return None
        measure = "exports" if supplier and recipient else "figure"
    if measure == "trade":
        names = sorted(n for n in (supplier, recipient) if n)
        if good and good.lower() not in ("goods",):
            return f"trade in {good} between {' and '.join(names)}" if len(names) == 2 else f"trade in {good}"
        return f"trade between {names[0]} and {names[1]}" if len(names) == 2 else \
            (f"trade of {names[0]}" if names else "trade")
    if measure == "share of imports":
        what = f"{recipient}'s imports" if recipient else "imports"
        if good:
            what += f" of {good}"
        return f"share of {what}" + (f" from {supplier}" if supplier else "")
    if measure == "production":
        place = supplier or recipient
        return f"production of {good or 'all goods'}" + (f" in {place}" if place else "")
    parts = [f"{measure} of {good or 'all goods'}"]
    if supplier:
        parts.append(f"from {supplier}")
    if recipient:
        parts.append(f"to {recipient}")
    return " ".join(parts)


def _worth_a_claim(annotated: Annotated, text: str, mentions: list[Mention], flows: list[SupplyFlow],
                   values: list[tuple[int, int, ClaimValue]], cued: bool) -> bool:
    if values or flows:
        return True
    lex = load_claim_lexicon()
    countries = any(annotated.entity(m.entity_id).type in ("Country", "Company") for m in mentions)
    if countries and _has(lex.event_cues, text):
        return True
    return cued


def extract_claims(annotated: Annotated, supply: Sequence[SupplyFlow]) -> list[Claim]:
    """Claims of one article, in text order.

    Parameters
    ----------
    annotated:
        The article, its masked-text doc and its entity mentions.
    supply:
        The supply flows found in the article; a claim lists those whose evidence overlaps it.

    Returns
    -------
    list[Claim]
        One claim per figure-bearing (or flow-, event- or quote-bearing) sentence, or per clause where a
        sentence states several figures about different subjects. Headlines, boilerplate and
        ``Source:`` lines make no claims.
    """
    article = annotated.article
    text = annotated.text
    lex = load_claim_lexicon()
    same_period = re.compile(rf"\b(?:{words_pattern(list(lex.same_period))})\b", re.IGNORECASE)
    sentences = [s for s in _sentences(annotated) if not is_headline(text, s.start)]
    chains = attribution_chains(annotated, [(s.start, s.end) for s in sentences])
    claims: list[Claim] = []
    previous_period: Period | None = None
    for sentence, chain in zip(sentences, chains, strict=True):
        sentence_text = text[sentence.start:sentence.end]
        if re.match(r"\s*Source\s*:", sentence_text):
            continue
        sentence_period: Period | None = None
        for clause in _clauses(text, sentence):
            clause_text = text[clause.start:clause.end]
            mentions = [m for m in annotated.findings.mentions
                        if m.evidence.start >= clause.start and m.evidence.end <= clause.end]
            flows = [f for f in supply if f.evidence.start < clause.end and f.evidence.end > clause.start]
            values = parse_values(clause_text)
            cued = len(chain) > 0 and chain[-1].role != "outlet" and any(
                m.entity_id == chain[-1].entity_id for m in mentions)
            period = _period(clause_text, clause.start, annotated)
            if period is None and same_period.search(clause_text):
                period = sentence_period or previous_period
            if period is not None:
                sentence_period = period
            if not _worth_a_claim(annotated, clause_text, mentions, flows, values, cued):
                continue
            about = tuple(dict.fromkeys(m.entity_id for m in mentions
                                        if annotated.entity(m.entity_id).type in _ABOUT_TYPES))
            evidence = Evidence(article_id=article.id, start=clause.start, end=clause.end,
                                text=article.text[clause.start:clause.end],
                                sentence=" ".join(sentence_text.split()), extractor=CLAIM_EXTRACTOR)
            claims.append(Claim(
                id=make_id("claim", article.id, clause.start, clause.end),
                text=article.text[clause.start:clause.end],
                evidence=evidence,
                metric=_metric(annotated, clause_text, clause.start, mentions, flows),
                value=_main_value(clause_text, values),
                period=period,
                attributed_to=chain,
                status=_status(clause_text),
                about=about,
                supply_ids=tuple(f.id for f in flows),
            ))
        if sentence_period is not None:
            previous_period = sentence_period
    return claims
