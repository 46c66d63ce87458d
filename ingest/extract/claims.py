"""Claims: attributed statements of fact, one per figure-bearing clause (a sentence stating one figure
stays whole), and one per sentence that supports a supply flow, reports a sanction or a military use,
or quotes a named source.

A sentence is cut into clauses at ";", at contrasts and concessions ("while", "but", "even though",
"despite") and at "," / "and" before a piece with its own verb or good; a clause that leaves its
measure or route unsaid takes them from the clause before it ("..., while its exports to Russia
jumped 73%"), and a period stated once holds for the whole sentence.

:func:`extract_claims` is the rule-based :class:`ingest.extract.context.ClaimExtractor`. Figures come
from :mod:`ingest.extract.values`, periods from :mod:`ingest.extract.periods`, attribution chains from
:mod:`ingest.extract.attribution`; cue words live in ``ontology/gazetteers/claim_lexicon.yaml``, and the
clause cues (where a sentence is cut, a comparison base, the words of a route or a share) are Matcher
patterns of ``attribution_patterns.yaml``, found once over the article.

The ``metric`` of a claim is built deterministically from canonical names so that one fact reads the
same in every article: ``"<measure> of <good> from <supplier> to <recipient>"``, ``"trade between A
and B"`` (names sorted), ``"share of <recipient>'s imports from <supplier>"``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ingest.extract.attribution import attribution_chains, is_retelling, is_source_line
from ingest.extract.attribution_patterns import CueMatch, cue_spans
from ingest.extract.context import Annotated
from ingest.extract.entities import HeadlineLines
from ingest.extract.periods import normalise_period
from ingest.extract.values import ClaimLexicon, LexiconPattern, words_pattern
from ontology.ids import make_id
from ontology.records import Claim, ClaimValue, Evidence, Mention, Mood, Period, Status, SupplyFlow

__all__ = ["CLAIM_EXTRACTOR", "extract_claims"]

CLAIM_EXTRACTOR = "claim-rules@1.0"

_ABOUT_TYPES = frozenset({"Country", "Good", "Company", "Place", "System"})
@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _list_item(annotated: Annotated, line: str) -> bool:
    """Whether a line reads as an item of a list of figures: a label, a colon, a figure ("Tractors to
    Belarus: +41%")."""
    return ":" in line and bool(annotated.figures(line.rsplit(":", 1)[1]))


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
            # A short line without a final stop is a heading, unless it is an item of a list of figures
            # ("Ball bearings to Russia: +345%").
            heading = not piece_text.endswith((".", "!", "?", ":", "\"", "”")) and len(piece_text.split()) < 8 \
                and not _list_item(annotated, piece_text)
            if end - start > 1 and re.search(r"[A-Za-z]", piece_text) and not heading:
                if spans and _QUOTE_THEN_SPEAKER.search(text, spans[-1].start, start) and piece_text[0].islower():
                    # '"Who needs them?" asked Jane Roe.': spaCy ends the sentence at the quoted question.
                    spans[-1] = _Span(spans[-1].start, end)
                    continue
                spans.append(_Span(start, end))
    return spans


# A quotation that ends in "?" or "!" and then a blank: what follows in lower case is its speaker tag.
_QUOTE_THEN_SPEAKER = re.compile(r"[?!][\"”’»]\s+$")


@dataclass(frozen=True)
class _Clause:
    """A figure-bearing clause of a sentence. ``quiet`` are stretches merged into it that state no figure
    of their own (", and the goods were likely re-exported"): their hedges and negations do not bear on
    the clause's figure."""

    start: int
    end: int
    quiet: tuple[_Span, ...] = ()


@dataclass
class _Piece:
    start: int
    end: int
    opens: str  # "start", "semicolon", "contrast", "and", "comma"
    figure: bool
    verb: bool
    continues: bool
    goods: frozenset[str]


# Finite verb tags: a piece with one of these (or a change verb) says something of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _cues(annotated: Annotated, cue: str, start: int, end: int) -> list[CueMatch]:
    """The matches of a clause cue of ``attribution_patterns.yaml`` ("clause-comma", "clause-contrast",
    "comparison-base" ...) that start in ``[start, end)``: the cues are found once over the article."""
    return cue_spans(annotated, cue, start, end)


def _skip_blanks(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _comparison_base(annotated: Annotated, at: int) -> bool:
    """Whether the figure at offset ``at`` is given as a comparison base: a ``comparison-base`` cue ends
    right before it, blanks between ("up from | 25%", "compared with | $3 billion", "than | 40%")."""
    text = annotated.text

    def ends() -> frozenset[int]:
        return frozenset(_skip_blanks(text, m.end, len(text)) for m in _cues(annotated, "comparison-base", 0, len(text))
                         if m.end < len(text) and text[m.end].isspace())

    return at in annotated.memo(_comparison_base, ends)


@cache
def _verb_pattern(lex: ClaimLexicon) -> re.Pattern[str]:
    change = [w for forms in lex.change_verbs.values() for w in forms if w.endswith("ed")]
    return re.compile(rf"\b(?:{words_pattern([*change, *lex.multiplied, *lex.clause_verbs])})\b", re.IGNORECASE)


@cache
def _change_words(lex: ClaimLexicon) -> frozenset[str]:
    """Change verbs and multiples, which count as verbs in any verb form (built once, asked per piece)."""
    return frozenset({w for forms in lex.change_verbs.values() for w in forms} | set(lex.multiplied))


def _verbs(annotated: Annotated, start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds a finite verb: by its tags where the sentence was parsed (a change
    verb the tagger calls a participle counts), else by the lexicon's verb forms."""
    return annotated.memo((_verbs, start, end), lambda: _find_verbs(annotated, start, end))


def _find_verbs(annotated: Annotated, start: int, end: int) -> bool:
    span = annotated.doc.char_span(start, end, alignment_mode="expand")
    tokens = annotated.tagged_tokens(span) if span is not None else []
    tagged = any(t.tag_ for t in tokens)
    if tagged:
        change = _change_words(annotated.lexicons.claims)
        verbs = [t.idx for t in tokens if t.tag_ in _FINITE or (t.tag_.startswith("VB") and t.lower_ in change)]
    else:
        pattern = _verb_pattern(annotated.lexicons.claims)
        verbs = [found.start() for found in pattern.finditer(annotated.text, start, end)]
    if not verbs:
        return False  # no need to look for periods and names, the costly part
    # A word of a period is no verb ("May 2023"), nor, whatever the tagger says, a word of a name ("and
    # loaders 20%").
    named = [(start + a, start + b) for a, b, _phrase in annotated.periods(annotated.text[start:end])]
    if tagged:
        named += [(m.evidence.start, m.evidence.end) for m in annotated.mentions_overlapping(start, end)]
    return any(not any(a <= at < b for a, b in named) for at in verbs)


def _pieces(annotated: Annotated, span: _Span, figures: list[tuple[int, int]]) -> list[_Piece]:
    """The sentence cut at clause boundaries (";", ", ", "and", "while"...), never inside a figure
    ("45% and 50%") or a parenthesis (once per article and span: its clauses and metric both ask)."""
    return annotated.memo((_pieces, span, tuple(figures)), lambda: _cut_pieces(annotated, span, figures))


def _clause_cuts(annotated: Annotated, span: _Span) -> list[tuple[int, int, bool]]:
    """Where the clause cues cut the sentence ``span``: ``(start, end, after a semicolon)``, in text order,
    none overlapping. A semicolon or a comma ends a piece (the blanks after it included; a comma only
    before a blank: "1,000" is no cut); "and" and a contrast ("while", "even though") open one, after a
    blank."""
    text, start, end = annotated.text, span.start, span.end
    found = [(m.start, _skip_blanks(text, m.end, end), True) for m in _cues(annotated, "clause-semicolon", start, end)]
    found += [(m.start, _skip_blanks(text, m.end, end), False) for m in _cues(annotated, "clause-comma", start, end)
              if m.end < end and text[m.end].isspace()]
    for match in (*_cues(annotated, "clause-and", start, end), *_cues(annotated, "clause-contrast", start, end)):
        at = match.start
        while at > start and text[at - 1].isspace():
            at -= 1
        if at < match.start:
            found.append((at, match.start, False))
    cuts: list[tuple[int, int, bool]] = []
    for cut in sorted(found):
        if not cuts or cut[0] >= cuts[-1][1]:
            cuts.append(cut)
    return cuts


def _cut_pieces(annotated: Annotated, span: _Span, figures: list[tuple[int, int]]) -> list[_Piece]:
    text = annotated.text
    sentence = text[span.start:span.end]
    contrasts = _cues(annotated, "clause-contrast", span.start, span.end)
    # "even though", "in spite of": a cut inside an opener of several words would leave half of it.
    uncut = [(m.start - span.start, m.end - span.start) for m in contrasts]
    # Nor inside a period: "between January and July" is one period, not two clauses.
    uncut += [(start, end) for start, end, _phrase in annotated.periods(sentence)]
    opens_contrast = {m.start for m in contrasts}
    opens_and = {m.start for m in _cues(annotated, "clause-and", span.start, span.end)}
    continues = {m.start for m in _cues(annotated, "figure-continuation", span.start, span.end)}
    cuts: list[tuple[int, int, bool]] = []
    for at, cut_end, semi in _clause_cuts(annotated, span):
        rel = at - span.start
        inside_figure = any(start <= at < end for start, end in figures) or any(
            start < rel < end for start, end in uncut)
        if inside_figure or sentence[:rel].count("(") > sentence[:rel].count(")"):
            continue
        cuts.append((at, cut_end, semi))
    pieces: list[_Piece] = []
    bounds = [(span.start, False), *((end, semi) for _start, end, semi in cuts)]
    ends = [start for start, _end, _semi in cuts] + [span.end]
    for (start, after_semi), end in zip(bounds, ends, strict=True):
        if end <= start:
            continue
        if not pieces:
            opens = "start"
        elif after_semi:
            opens = "semicolon"
        elif start in opens_contrast:
            opens = "contrast"
        elif start in opens_and:
            opens = "and"
        else:
            opens = "comma"
        figure = any(start <= f_start < end and not _comparison_base(annotated, f_start)
                     for f_start, _f_end in figures)
        goods = frozenset(m.entity_id for m in annotated.mentions_starting(start, end)
                          if annotated.entity(m.entity_id).type == "Good")
        pieces.append(_Piece(start, end, opens, figure, _verbs(annotated, start, end), start in continues, goods))
    return pieces


def _clauses(annotated: Annotated, span: _Span) -> list[_Clause]:
    """The sentence as one clause per figure it states about its own subject.

    A piece with a figure opens a new clause when the clause so far has a figure and the piece is a
    clause of its own: after ";", after a contrast or concession ("while", "but", "even though",
    "despite"), or after "," / "and" when it has a finite verb ("..., and Y more than tripled"), names
    another good ("rose 50%, bulldozers 30%") or the sentence lists "respectively". A figure
    that continues the one before ("rose 36%, to $134 billion", "..., up from 25%") stays with it.
    Pieces without a figure join the clause they belong to; a sentence with at most one figure stays
    whole.
    """
    text = annotated.text
    figures = [(span.start + s, span.start + e) for s, e, _v in annotated.figures(text[span.start:span.end])]
    if not figures:
        return [_Clause(span.start, span.end)]
    respectively = bool(_cues(annotated, "respectively", span.start, span.end))
    groups: list[list[_Piece]] = []
    for piece in _pieces(annotated, span, figures):
        current = groups[-1] if groups else None
        has_figure = current is not None and any(p.figure for p in current)
        # After "," or "and", a clause of its own has a verb ("..., and Y more than tripled"), names
        # another good ("rose 50%, bulldozers 30%") or is one of a "respectively" list.
        other_good = bool(piece.goods) and current is not None and not piece.goods & {
            g for p in current for g in p.goods}
        own_clause = piece.opens in ("semicolon", "contrast") or (
            piece.opens in ("and", "comma") and (piece.verb or other_good or respectively))
        opens_figure_clause = piece.figure and has_figure and own_clause and not piece.continues
        # A figureless "while ..." may open the next figure's clause ("while in Kazakhstan, Y rose 7%").
        opens_pending = not piece.figure and has_figure and piece.opens in ("semicolon", "contrast", "and")
        if current is None or opens_figure_clause or opens_pending:
            groups.append([piece])
        else:
            current.append(piece)
    # Groups without a figure join the clause after them at the start of the sentence, else the one
    # before (a trailing ", the report said" or ", but the data are partial").
    clauses: list[_Clause] = []
    leading: list[_Piece] = []
    for group in groups:
        if any(p.figure for p in group):
            first = leading[0] if leading else group[0]
            clauses.append(_Clause(first.start, group[-1].end))
            leading = []
        elif clauses:
            last = clauses[-1]
            quiet = last.quiet + ((_Span(group[0].start, group[-1].end),) if group[0].opens != "comma" else ())
            clauses[-1] = _Clause(last.start, group[-1].end, quiet)
        else:
            leading.extend(group)
    if len(clauses) < 2:
        quiet = clauses[0].quiet if clauses else ()
        return [_Clause(span.start, span.end, quiet)]
    trimmed: list[_Clause] = []
    for clause in clauses:
        end = clause.end
        while end > clause.start and (text[end - 1].isspace() or text[end - 1] in ",;"):
            end -= 1
        trimmed.append(_Clause(clause.start, end, clause.quiet))
    return trimmed


def _title(text: str) -> _Span | None:
    """The article's first line when it reads as a title (no final stop): a headline, in sentence case
    or not, states no claim of its own (the body states it, with its source)."""
    found = re.search(r"\S[^\n]*", text)
    if found is None or re.search(r"[.!?\"”]\s*$", found.group(0)):
        return None
    return _Span(found.start(), found.end())


def _has(words: tuple[str, ...], text: str) -> bool:
    return bool(words) and _words_regex(words).search(text) is not None


@cache
def _words_regex(words: tuple[str, ...]) -> LexiconPattern:
    """Any of ``words`` as a word (compiled once per lexicon list: asked of every clause)."""
    return LexiconPattern.of(rf"(?<![\w'’])(?:{words_pattern(words)})(?![\w])", words)


def _without(text: str, clause: _Clause) -> str:
    """The clause's text without its quiet stretches (blanked, so offsets stay)."""
    if not clause.quiet:
        return text[clause.start:clause.end]
    kept = list(text[clause.start:clause.end])
    for quiet in clause.quiet:
        for index in range(max(quiet.start, clause.start), min(quiet.end, clause.end)):
            kept[index - clause.start] = " "
    return "".join(kept)


def _status(text: str, lex: ClaimLexicon) -> Status:
    if _has(lex.negations, text):
        return "negated"
    if _has(lex.hedges, text):
        return "hedged"
    return "asserted"


# A question mark that ends a question (not one inside a URL's query): before a blank, a closing quote or
# bracket, or the end.
_QUESTION = re.compile(r"\?(?=[\s\"”’»)]|$)")


def _mood(clause: str, sentence: str, lex: ClaimLexicon) -> Mood:
    """How a clause is put: a ``question`` when it, or the sentence it ends, asks; else a ``forecast`` or an
    ``opinion`` by the lexicon's cue words (a forecast cue wins); else ``asserted``."""
    if _QUESTION.search(clause) or sentence.rstrip().rstrip("\"”’»)").endswith("?"):
        return "question"
    if _has(lex.forecast_cues, clause):
        return "forecast"
    if _has(lex.opinion_cues, clause):
        return "opinion"
    return "asserted"


def _main_value(annotated: Annotated, offset: int,
                values: list[tuple[int, int, ClaimValue]]) -> tuple[int, int, ClaimValue] | None:
    """The figure a clause at ``offset`` is about, with its offsets into the clause: the first one, except
    the baseline of "from X to Y" (then Y) and a figure given as a comparison base ("up from 25%")."""
    for index, (start, end, value) in enumerate(values):
        if _comparison_base(annotated, offset + start) and index + 1 < len(values):
            continue
        return start, end, value
    return values[0] if values else None


def _bracketed_changes(annotated: Annotated, offset: int, values: list[tuple[int, int, ClaimValue]],
                       main: ClaimValue | None) -> list[ClaimValue]:
    """Changes given in brackets after a level of another unit ("3,150 units (+212%)"), and the same sum
    in another currency ("€144 million ($160 million)", "₹3.6 crore"): a figure of their own about the
    same thing."""
    if main is None or main.direction != "level":
        return []
    money = _is_money(main.unit)
    text = annotated.text
    # In brackets: "(+212%)" (a bracket and a sign: the figure's format) or "(up 212%)", "(about $160
    # million)" (the ``bracket-opening`` cue).
    return [value for start, end, value in values
            if value.unit != main.unit and (value.direction in ("increase", "decrease") or (
                money and _is_money(value.unit) and value is not main))
            and (_SIGNED_BRACKET.search(text, max(offset, offset + start - 16), offset + start)
                 or _cue_before(annotated, "bracket-opening", offset + start, offset))
            and _CLOSING_BRACKET.match(text, offset + end, offset + end + 3)]


# A bracket, blanks and a sign right before a figure ("(+212%"), and a closing bracket after one.
_SIGNED_BRACKET = re.compile(r"\(\s*[+−–-]?\s*$")
_CLOSING_BRACKET = re.compile(r"\s*\)")


def _is_money(unit: str | None) -> bool:
    """Whether a value's unit is a currency (an ISO 4217 code)."""
    return unit is not None and len(unit) == 3 and unit.isupper()


def _period(text: str, offset: int, annotated: Annotated) -> Period | None:
    """The period dating a clause's figure: of the dating periods (baselines skipped), the narrowest one
    nested in the first ("2023 is set to beat that, with $134 billion in the first seven months" →
    2023-01..2023-07). Without a publication date, relative phrases take the year the clause names."""
    published = annotated.article.published
    phrases = [phrase for _start, _end, phrase in annotated.dating_periods(text)]
    found = [p for p in (normalise_period(phrase, published) for phrase in phrases) if p is not None]
    if published is None:
        years = {p.start[:4] for p in found if p.start and p.end and p.start[:4] == p.end[:4]}
        if len(years) == 1:
            anchor = dt.date(int(years.pop()), 12, 31)
            found = [p if p.start else (normalise_period(p.text, anchor) or p) for p in found]
    dated = [p for p in found if p.start and p.end]
    if not dated:
        return found[0] if found else None
    first = dated[0]
    assert first.start is not None and first.end is not None
    nested = [p for p in dated[1:] if p.start and p.end and first.start <= p.start and p.end <= first.end
              and (p.start, p.end) != (first.start, first.end)]
    return nested[0] if nested else first


@cache
def _measure_pattern(lex: ClaimLexicon) -> tuple[LexiconPattern, tuple[str, ...]]:
    """One pattern for the words of every measure, a group ``m<n>`` for the n-th measure, and the measures'
    names: the pattern's first match is at the first measure word of a text, and there the first measure
    of the lexicon that the text names."""
    groups = "|".join(f"(?P<m{index}>{words_pattern(forms)})" for index, forms in enumerate(lex.measures.values()))
    forms = [form for forms in lex.measures.values() for form in forms] if all(lex.measures.values()) else []
    return LexiconPattern.of(rf"(?<![\w])(?:{groups})(?![\w])", forms), tuple(lex.measures)


def _measure(text: str, lex: ClaimLexicon, share: bool = False) -> str | None:
    """The measure named first in ``text`` (a share wherever the text speaks of one: ``share``, by the
    ``share`` cue)."""
    pattern, names = _measure_pattern(lex)
    found = pattern.search(text)
    if found is None or found.lastgroup is None:
        return None
    name = names[int(found.lastgroup[1:])]
    if name != "share of imports" and share:
        return "share of imports"
    return name


def _roles(annotated: Annotated, span: _Span, countries: list[Mention],
           recipient_first: bool) -> tuple[str | None, str | None]:
    """Supplier and recipient country names of the clause ``span``, read from "from X" / "to Y" / "X's
    imports" / "X's exports" (the ``supplier-before``, ``recipient-before``, ``recipient-flow-after`` and
    ``supplier-flow-after`` cues)."""
    supplier = recipient = None
    for mention in countries:
        name = annotated.entity(mention.entity_id).name
        start, end = mention.evidence.start, mention.evidence.end
        if _cue_before(annotated, "supplier-before", start, span.start):
            supplier = supplier or name
        elif _cue_before(annotated, "recipient-before", start, span.start):
            recipient = recipient or name
        elif _cue_after(annotated, "recipient-flow-after", end, span.end) \
                and not _cue_after(annotated, "supplier-flow-after", end, span.end):
            recipient = recipient or name  # "Russian imports", "Russia's total imports"
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


#: How far before a name a cue that gives it its role may open ("from the | X"), in characters.
_ROLE_CUE_BEFORE = 16
#: How far after a name a cue that gives it its role may reach ("X | 's total imports"), in characters.
_ROLE_CUE_AFTER = 40


def _cue_before(annotated: Annotated, cue: str, at: int, floor: int) -> bool:
    """Whether a match of ``cue`` that opens at or after ``floor`` ends right before offset ``at``, after a
    blank ("from the | China")."""
    text = annotated.text
    return any(m.end < at and _skip_blanks(text, m.end, at) == at
               for m in _cues(annotated, cue, max(floor, at - _ROLE_CUE_BEFORE), at))


def _cue_after(annotated: Annotated, cue: str, at: int, end: int) -> bool:
    """Whether a match of ``cue`` opens right after offset ``at`` (after a blank, or with a possessive:
    "Russia | 's imports") and ends by ``end``."""
    text = annotated.text
    first = at if text[at:at + 1] in ("'", "’") else _skip_blanks(text, at, end)
    if first == at and text[at:at + 1] not in ("'", "’"):
        return False
    reach = min(end, at + _ROLE_CUE_AFTER)
    return first < reach and any(m.start == first and m.end <= reach for m in _cues(annotated, cue, first, reach))


@dataclass(frozen=True)
class _Parts:
    """What a metric is made of; ``measure`` is ``None`` where the clause names none."""

    measure: str | None
    good: str | None
    supplier: str | None
    recipient: str | None
    inbound: bool = False  # the flow is written from the recipient's side ("imports", "bought")


# At most three words between a figure and the good it counts ("1,000 | assault | rifles"): a shape.
_FIGURES_NOUN_GAP = re.compile(r"\s*(?:[\w’'-]+\s+){0,3}")


def _figure_goods(annotated: Annotated, span: _Span, goods: list[Mention], figure: tuple[int, int]) -> list[Mention]:
    """The goods of ``span`` that a figure at ``figure`` is about, in text order.

    A good counts when it comes before the figure in the figure's own piece or in an earlier piece of
    the same syntactic clause (back to the piece with its verb: "X shipped ball bearings and microchips
    ... on at least 40 occasions"), or when it is the figure's noun right after it ("1,000 assault
    rifles", "$2 billion worth of excavators"). Goods in brackets, in asides between commas (", mostly
    oil and gas,"), in a clause with a verb of its own ("Demand for excavators rose, and trade reached
    $143 billion") or after the figure ("..., and the bulk of it is oil") are not what the figure
    measures.
    """
    text = annotated.text
    figures = [(span.start + s, span.start + e) for s, e, _v in annotated.figures(text[span.start:span.end])]
    pieces = _pieces(annotated, span, figures)
    at = next((i for i, p in enumerate(pieces) if p.start <= figure[0] < p.end), len(pieces) - 1)
    # Pieces joined by "and" without a verb of their own make one phrase (", mostly oil and tractors,").
    phrases: list[list[_Piece]] = []
    for piece in pieces[:at + 1]:
        if phrases and piece.opens == "and" and not piece.verb:
            phrases[-1].append(piece)
        else:
            phrases.append([piece])
    kept = list(phrases[-1])
    for index in range(len(phrases) - 2, -1, -1):
        phrase = phrases[index]
        verb = any(p.verb for p in phrase)
        if phrase[0].opens == "comma" and phrases[index + 1][0].opens == "comma" and not verb \
                and not any(p.figure for p in phrase):
            continue  # an aside between commas
        if verb and any(p.verb for p in kept):
            break  # two phrases with verbs of their own are two clauses
        kept.extend(phrase)  # a phrase without a verb belongs to the verb before or after it
        if verb or phrase[0].opens in ("semicolon", "contrast"):
            break
    chosen: list[Mention] = []
    for mention in goods:
        start = mention.evidence.start
        holder = next((p for p in kept if p.start <= start < p.end), None)
        if holder is None:
            continue
        lead = text[holder.start:start]
        bracketed = lead.count("(") > lead.count(")") or len(re.findall(r"\s[–—]\s", lead)) % 2 == 1
        if start < figure[0] and not bracketed:
            chosen.append(mention)
        elif holder is pieces[at] and start >= figure[1] and _FIGURES_NOUN_GAP.fullmatch(text, figure[1], start) \
                and not any(m.end <= start for m in _cues(annotated, "not-the-figures-noun", figure[1], start)):
            # Words between them may make the good something other than what the figure counts ("40% | to |
            # drones"): the ``not-the-figures-noun`` cue.
            chosen.append(mention)
    if pieces[at].verb:
        # The figure's piece is a clause of its own: its goods before those of a lead-in ("Similar to the
        # surge in roller-bearing exports, China's chip exports to Turkey rose to $125 million").
        chosen.sort(key=lambda m: not pieces[at].start <= m.evidence.start < pieces[at].end)
    return chosen


def _label(annotated: Annotated, span: _Span, mentions: list[Mention], figure: tuple[int, int]) -> bool:
    """Whether the figure follows a label that names a good and states no verb, as an item of a list of
    figures does: "Ball bearings to Russia: up 345%", "**Excavators to Russia, September 2022:** more
    than three times the level of September 2021"."""
    text = annotated.text
    colon = text.rfind(":", span.start, figure[0])
    if colon < 0 or len(text[colon + 1:figure[0]].split()) > 8:
        return False
    return any(m.evidence.end <= colon and annotated.entity(m.entity_id).type == "Good" for m in mentions) \
        and not _verbs(annotated, span.start, colon)


def _metric_parts(annotated: Annotated, span: _Span, mentions: list[Mention], flows: list[SupplyFlow],
                  figure: tuple[int, int] | None, usual_supplier: str | None) -> _Parts:
    """The parts of the metric of the clause ``span``, whose main figure (if any) is at ``figure``.

    ``usual_supplier`` is given for an item of a list of figures ("Heavy trucks to Russia: up 345%"):
    its label names the good and the recipient of an export whose supplier, unsaid, is the article's
    usual one.
    """
    lex = annotated.lexicons.claims
    text = annotated.text[span.start:span.end]
    countries = [m for m in mentions if annotated.entity(m.entity_id).type == "Country"]
    all_goods = [m for m in mentions if annotated.entity(m.entity_id).type == "Good"]
    goods = _figure_goods(annotated, span, all_goods, figure) if figure else all_goods
    if flows:
        flow = flows[0]
        supplier: str | None = annotated.entity(flow.supplier_id).name
        recipient: str | None = annotated.entity(flow.recipient_id).name
        # The clause's own good wins over a flow that may span a longer stretch of text; a clause that
        # names goods, none of them the figure's, measures no single good.
        good_id = goods[0].entity_id if goods else (None if all_goods else flow.good_id)
        good: str | None = annotated.entity(good_id).name if good_id else None
    else:
        recipient_first = _has(lex.flow_recipient_verbs, text) and not _cues(annotated, "export-word", span.start,
                                                                              span.end)
        supplier, recipient = _roles(annotated, span, countries, recipient_first)
        good = annotated.entity(goods[0].entity_id).name if goods else None
    measure = _measure(text, lex, bool(_cues(annotated, "share", span.start, span.end)))
    if good is None and measure == "exports":
        good = _goods_class(annotated, span)
    if usual_supplier and measure is None and recipient:
        measure = "exports"
        supplier = supplier or (usual_supplier if usual_supplier != recipient else None)
    inbound = measure == "exports" and _first_flow_word_inbound(text, lex)
    return _Parts(measure, good, supplier, recipient, inbound)


@cache
def _flow_word_pattern(lex: ClaimLexicon) -> re.Pattern[str]:
    """Any flow word of the lexicon (``measures``' ``exports``), as a word."""
    measures = words_pattern(lex.measures.get("exports", ()))
    return re.compile(rf"(?<![\w])(?:{measures})(?![\w])", re.IGNORECASE)


def _goods_class(annotated: Annotated, span: _Span) -> str | None:
    """A class of goods qualifying the measure word in the clause ``span`` ("Chinese equipment exports",
    "exports of machinery": the ``goods-class`` cue), or ``None``."""
    found = _cues(annotated, "goods-class", span.start, span.end)
    return found[0].word if found else None


def _first_flow_word_inbound(text: str, lex: ClaimLexicon) -> bool:
    found = _flow_word_pattern(lex).search(text)
    return found is not None and found.group(0).lower() in lex.flow_recipient_verbs


def _inherit(own: _Parts, previous: _Parts | None, text: str, lex: ClaimLexicon) -> _Parts:
    """Fill what a later clause of a sentence leaves unsaid from the clause before it: "..., and
    bulldozers more than tripled" (no measure: the measure and the good; no country: the route),
    "..., while its exports to Russia jumped 73%" (a possessive: the supplier). A clause that names its
    own countries keeps them, and one that widens the scope ("total exports") takes no route."""
    if previous is None:
        return own
    names_country = own.supplier is not None or own.recipient is not None
    measure = own.measure or previous.measure
    supplier, recipient, good = own.supplier, own.recipient, own.good
    if supplier is None and (own.measure is None or _has(lex.clause_pronouns, text)) \
            and previous.supplier != recipient:
        supplier = previous.supplier
    if not names_country and not _has(lex.scope_words, text):
        route = (previous.supplier, previous.recipient)
        if own.measure == previous.measure == "exports" and own.inbound != previous.inbound:
            route = route[::-1]  # "China's exports to Russia rose 5%, while imports fell 3%"
        recipient = route[1] if route[1] != supplier else None
        supplier = supplier or (route[0] if route[0] != recipient else None)
    if own.measure is None:
        good = good or previous.good
    return _Parts(measure, good, supplier, recipient, own.inbound)


def _respective_goods(annotated: Annotated, clauses: list[_Clause]) -> list[str]:
    """The goods of "A and B rose 5% and 7%, respectively", one per clause in order; ``[]`` unless the
    sentence says "respectively" and its first clause names as many goods as there are clauses."""
    if not _cues(annotated, "respectively", clauses[0].start, clauses[-1].end):
        return []
    first = clauses[0]
    goods = [annotated.entity(m.entity_id).name for m in annotated.mentions_within(first.start, first.end)
             if annotated.entity(m.entity_id).type == "Good"]
    goods = list(dict.fromkeys(goods))
    return goods if len(goods) == len(clauses) else []


def _render(parts: _Parts) -> str | None:
    """The metric string of ``parts`` (see the module docstring)."""
    measure, good, supplier, recipient = parts.measure, parts.good, parts.supplier, parts.recipient
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
    pieces = [f"{measure} of {good or 'all goods'}"]
    if supplier:
        pieces.append(f"from {supplier}")
    if recipient:
        pieces.append(f"to {recipient}")
    return " ".join(pieces)


#: Fewest words of a claim without a figure (shorter lines are captions, labels or fragments).
_MIN_CLAIM_WORDS = 5


def _worth_a_claim(annotated: Annotated, clause: _Clause, mentions: list[Mention], flows: list[SupplyFlow],
                   values: list[tuple[int, int, ClaimValue]], cued: bool) -> bool:
    text = annotated.text[clause.start:clause.end]
    if values or flows:
        return True
    lex = annotated.lexicons.claims
    countries = any(annotated.entity(m.entity_id).type in ("Country", "Company") for m in mentions)
    if countries and _has(lex.event_cues, text):
        return True
    if cued:
        return True
    # A fact about trade, supply, sanctions, military use or production, stated without a figure.
    topical = _has(lex.claim_topics, text) or _has(lex.event_cues, text) or _has(
        lex.measures.get("exports", ()), text) or any(annotated.entity(m.entity_id).type == "Good" for m in mentions)
    # A finite verb, roughly (the ``verb-like`` cue), tells a sentence from a label or a heading.
    return topical and len(text.split()) >= _MIN_CLAIM_WORDS and bool(
        _cues(annotated, "verb-like", clause.start, clause.end))


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
        One claim per figure-bearing clause (or flow-, event- or quote-bearing sentence); a change given
        in brackets after a level ("540 units (+96%)") is a second claim on the same clause. Headlines,
        the article's title line, boilerplate and ``Source:`` lines make no claims.
    """
    article = annotated.article
    text = annotated.text
    lex = annotated.lexicons.claims
    same_period = re.compile(rf"\b(?:{words_pattern(list(lex.same_period))})\b", re.IGNORECASE)
    title = _title(text)
    headline = HeadlineLines(text)
    sentences = [s for s in _sentences(annotated)
                 if not (headline(s.start) and not _list_item(annotated, text[s.start:s.end]))
                 and not (title and title.start <= s.start < title.end)]
    chains = attribution_chains(annotated, [(s.start, s.end) for s in sentences])
    # The supplier most of the article's flows come from: the unsaid supplier of a list of figures.
    suppliers = Counter(f.supplier_id for f in supply if annotated.entity(f.supplier_id).type == "Country")
    usual_supplier = annotated.entity(suppliers.most_common(1)[0][0]).name if suppliers else None
    claims: list[Claim] = []
    previous_period: Period | None = None
    last_period: Period | None = None  # the period of the sentence right before, if it states one
    for sentence, chain in zip(sentences, chains, strict=True):
        sentence_text = text[sentence.start:sentence.end]
        credit = is_retelling(annotated, sentence.start, sentence.end) and not annotated.figures(sentence_text)
        if is_source_line(annotated, sentence.start, sentence.end) or credit:
            continue  # a credit, no claim: it is the next link of the article's claims
        clauses = _clauses(annotated, sentence)
        split = len(clauses) > 1
        # A period stated in one clause holds for the clauses of the sentence that state none.
        own_periods = [_period(text[c.start:c.end], c.start, annotated) for c in clauses]
        sentence_period: Period | None = None
        previous_parts: _Parts | None = None
        previous_value: ClaimValue | None = None
        respective = _respective_goods(annotated, clauses) if split else []
        for index, clause in enumerate(clauses):
            clause_text = text[clause.start:clause.end]
            mentions = annotated.mentions_within(clause.start, clause.end)
            flows = [f for f in supply if f.evidence.start < clause.end and f.evidence.end > clause.start]
            mentioned = {m.entity_id for m in mentions}
            # A flow read over the whole sentence is the metric of a clause only if the clause names
            # where it goes ("China's exports fell 5%, while its exports to Russia rose 73%").
            metric_flows = [f for f in flows if f.recipient_id in mentioned] if split else flows
            values = annotated.figures(clause_text)
            cued = len(chain) > 0 and chain[-1].role != "outlet" and any(
                m.entity_id == chain[-1].entity_id for m in mentions)
            period = own_periods[index]
            if period is None and same_period.search(clause_text):
                period = sentence_period or previous_period
            if period is None and split:
                period = sentence_period or next((p for p in own_periods[index + 1:] if p is not None), None)
            main = _main_value(annotated, clause.start, values)
            value = main[2] if main else None
            figure = (clause.start + main[0], clause.start + main[1]) if main else None
            label = figure is not None and _label(annotated, _Span(clause.start, clause.end), mentions, figure)
            if period is None and label:
                period = last_period  # an item of a list takes the period of the line that introduces it
            if period is not None:
                sentence_period = period
            worth = _worth_a_claim(annotated, clause, mentions, flows, values, cued)
            if not worth and not values:
                continue  # no claim, and nothing the clauses after it take from it
            parts = _metric_parts(annotated, _Span(clause.start, clause.end), mentions, metric_flows, figure,
                                  usual_supplier if label else None)
            if split:
                parts = _inherit(parts, previous_parts, clause_text, lex)
            if respective:
                parts = _Parts(parts.measure, respective[index], parts.supplier, parts.recipient, parts.inbound)
            if split and value is not None and value.direction == "level" and previous_value is not None \
                    and previous_value.direction in ("increase", "decrease") \
                    and not _verbs(annotated, clause.start, clause.end):
                # "rose 50%, bulldozers 30%": a clause without a verb shares the change of the one before.
                value = value.model_copy(update={"direction": previous_value.direction})
            if values:
                previous_parts, previous_value = parts, value
            if not worth:
                continue
            about = tuple(dict.fromkeys(m.entity_id for m in mentions
                                        if annotated.entity(m.entity_id).type in _ABOUT_TYPES))
            evidence = Evidence(article_id=article.id, start=clause.start, end=clause.end,
                                text=article.text[clause.start:clause.end],
                                sentence=" ".join(sentence_text.split()), extractor=CLAIM_EXTRACTOR)
            claim = Claim(
                id=make_id("claim", article.id, clause.start, clause.end),
                text=article.text[clause.start:clause.end],
                evidence=evidence,
                metric=_render(parts),
                value=value,
                period=period,
                attributed_to=chain,
                status=_status(_without(text, clause), lex),
                mood=_mood(_without(text, clause), sentence_text, lex),
                about=about,
                supply_ids=tuple(f.id for f in flows),
            )
            claims.append(claim)
            for extra in _bracketed_changes(annotated, clause.start, values, value):
                # Same clause, its second figure: the id adds the figure so that both stay distinct.
                claims.append(claim.model_copy(update={
                    "id": make_id("claim", article.id, clause.start, clause.end, extra.raw), "value": extra}))
        if sentence_period is not None:
            previous_period = sentence_period
        last_period = sentence_period or next((p for p in own_periods if p is not None), None)
    return claims
