"""Attribution: who says what a sentence states, as a chain of sources, outermost first.

The chain of a sentence is ``[article outlet, cited source(s), original source]``: the outlet that
published the article (role ``outlet``), the sources it cites (role ``cited``) and, innermost, where the
figure comes from (role ``origin``). Cues are read around the source mentions that entity extraction
found (media outlets, think tanks, agencies, people, generic sources such as "trade data"); the
constructions are spaCy Matcher patterns of ``attribution_patterns.yaml`` (see
:mod:`ingest.extract.attribution_patterns`), their words lists of ``claim_lexicon.yaml``.

A sentence may also name its source by pronoun ('"...," she said', "He added that": the last person, or
organisation, named before) or refer back to one ("the ministry said", "according to the report": the last
source that fits the words, ``anaphors`` in ``generic_sources.yaml``); the sentences of a quotation take the
speaker named after it, in the same paragraph or opening the next.

A sentence without a cue inherits the chain of the sentence before it in the same paragraph, or of the
previous paragraph when it opens with a continuation ("In addition", "Moreover", a quotation), else
the article's lead attribution: a ``Source: X, with reference to Y`` line (for what follows it), a
headline tag ("... – WSJ") or an opening sentence such as "Reports from X highlight ...".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ingest.extract.attribution_patterns import (
    Anaphor,
    CueMatch,
    cue_matches,
    cue_spans,
    load_anaphors,
    source_slots,
)
from ingest.extract.context import Annotated
from ingest.extract.entities import HeadlineLines
from ingest.extract.values import ClaimLexicon
from ingest.metadata import is_placeholder_outlet
from ingest.resolve import resolve_outlet
from ontology.gazetteer import Gazetteer, fold_surface
from ontology.records import Entity, Mention, Source

__all__ = ["SOURCE_TYPES", "Anaphor", "Chain", "article_outlet", "attribution_chains", "is_retelling", "is_source_line",
           "load_anaphors"]

#: Entity types that can be the source of a statement.
SOURCE_TYPES = frozenset({"MediaOutlet", "ThinkTank", "GovernmentAgency", "Person", "GenericSource", "Company",
                          "IntergovernmentalOrg"})
_ORG_TYPES = SOURCE_TYPES - {"Person", "GenericSource"}

Chain = tuple[Source, ...]


@dataclass(frozen=True)
class _Cues:
    headline_tag: re.Pattern[str]
    document_nouns: frozenset[str]


@cache
def _cues(lex: ClaimLexicon) -> _Cues:
    return _Cues(
        # The constructions of reported speech ("X said", "according to | X", "citing | Y", "told | Y",
        # '"...," said | X', "a study by | X", "the ministry said") are Matcher patterns
        # (attribution_patterns.yaml); a headline tag is told by its punctuation alone.
        headline_tag=re.compile(r"(?:\s[–—-]|\||:)\s*[\w .&'/-]{2,40}\s*$|\(\s*[\w .&'/-]{2,40}\)\s*$"),
        document_nouns=frozenset(w.lower() for w in lex.report_nouns),
    )


def article_outlet(annotated: Annotated) -> Source | None:
    """The outlet that published the article: :attr:`Article.outlet`, else a media outlet named in the
    article's site furniture (boilerplate spans name the site, not a cited source), else the placeholder
    the reader gave an article that names no outlet (see :func:`ingest.metadata.placeholder_outlet`).
    ``None`` only for an article built without an outlet and without furniture naming one."""
    article = annotated.article
    placeholder = article.outlet is not None and is_placeholder_outlet(article.outlet)
    if article.outlet and not placeholder:
        entity = resolve_outlet(article.outlet, annotated.gazetteer)
        return Source(name=entity.name, entity_id=entity.id, role="outlet")
    furniture = " ".join(article.text[span.start:span.end] for span in article.boilerplate)
    for entity, forms, pattern in _outlet_patterns(annotated.gazetteer) if furniture else ():
        # The plain test first: few outlets are named at all, and the pattern only adds word boundaries.
        if any(form in furniture for form in forms) and pattern.search(furniture):
            return Source(name=entity.name, entity_id=entity.id, role="outlet")
    if article.outlet:
        entity = resolve_outlet(article.outlet, annotated.gazetteer)
        return Source(name=entity.name, entity_id=entity.id, role="outlet")
    return None


@lru_cache(maxsize=4)
def _outlet_patterns(gazetteer: Gazetteer) -> list[tuple[Entity, tuple[str, ...], re.Pattern[str]]]:
    """The gazetteer's media outlets by name, each with its names of more than three characters and a
    pattern that finds them as whole words (built once per gazetteer)."""
    outlets = sorted((e for e in gazetteer.entities.values() if e.type == "MediaOutlet"), key=lambda e: e.name)
    found: list[tuple[Entity, tuple[str, ...], re.Pattern[str]]] = []
    for entity in outlets:
        forms = tuple(form for form in (entity.name, *entity.aliases) if len(form) > 3)
        if forms:
            alternatives = "|".join(re.escape(form) for form in forms)
            found.append((entity, forms, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return found


@dataclass(frozen=True)
class _Found:
    """Sources named with a cue in one sentence, by the part they play."""

    listeners: tuple[Source, ...]  # "told Y": the outlet the speaker spoke to (outer)
    speakers: tuple[Source, ...]
    cited: tuple[Source, ...]  # "citing Z" (inner)

    def chain(self) -> Chain:
        return _dedupe((*self.listeners, *self.speakers, *self.cited))


def _dedupe(sources: Sequence[Source]) -> Chain:
    seen: set[str] = set()
    kept: list[Source] = []
    for source in sources:
        key = source.entity_id or fold_surface(source.name)
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return tuple(kept)


def _source(annotated: Annotated, mention: Mention) -> Source:
    entity = annotated.entity(mention.entity_id)
    return Source(name=entity.name, entity_id=entity.id)


def _cued_sources(annotated: Annotated, start: int, end: int, mentions: Sequence[Mention],
                  speaker: Source | None = None) -> _Found:
    """The sources a sentence ``[start, end)`` names with an attribution cue; ``speaker`` is one it names
    by a pronoun ("she told Reuters"), resolved before."""
    slots = source_slots(annotated, _source_mentions(annotated))
    listeners: list[Source] = []
    speakers: list[Source] = [speaker] if speaker else []
    cited: list[Source] = []
    people_before: list[int] = []
    last: tuple[list[Source], int] | None = None  # the list the previous source joined, and where it ended
    for mention in mentions:
        entity = annotated.entity(mention.entity_id)
        source = _source(annotated, mention)
        if entity.type == "Person":
            people_before.append(mention.evidence.end)
        if last is not None and _coordinated(annotated, last[1], mention.evidence.start):
            # "an investigation by X, German Y and Russian Z found": sources side by side play one part.
            last[0].append(source)
            last = (last[0], mention.evidence.end)
            continue
        sizes = (len(listeners), len(speakers), len(cited))
        if entity.type == "GenericSource" and _definite(annotated, start, mention.evidence.start) \
                and _anaphoric_name(entity.name, annotated.lexicons.attribution.anaphors):
            continue  # "the officials added": the officials named before (see _anaphoric_chain)
        etype = entity.type
        if slots.after(mention, etype, "listener") and speakers:
            listeners.append(source)
        elif slots.after(mention, etype, "cited"):
            cited.append(source)
        elif (slots.after(mention, etype, "speaker")
              or (slots.after(mention, etype, "document")
                  and (cue_matches(annotated, "attribution-verb", mention.evidence.end, end)
                       or _opens_with_document(annotated, start, mention.evidence.start)))):
            speakers.append(source)
        elif (etype in _ORG_TYPES and slots.after(mention, etype, "affiliation") and people_before
              and mention.evidence.start - people_before[-1] < 90):
            continue  # "Jane Roe, a fellow at the Atlantic Council, said": an affiliation, not a speaker
        elif slots.before(mention, etype, "speaker"):
            # "X said", "X, citing Y", and "The Treasury imposed sanctions on ...": the acting body says so.
            speakers.append(source)
        grown = [group for group, size in zip((listeners, speakers, cited), sizes, strict=True) if len(group) > size]
        last = (grown[0], mention.evidence.end) if grown else None
    return _Found(tuple(listeners), tuple(speakers), tuple(cited))


def _skip_blanks(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _ends_at(text: str, match: CueMatch, at: int) -> bool:
    """Whether ``match`` ends right before offset ``at``, blanks between them aside."""
    return match.end <= at and _skip_blanks(text, match.end, at) == at


def _coordinated(annotated: Annotated, start: int, end: int) -> bool:
    """Whether the stretch ``[start, end)`` between two sources names them side by side (a ``coordination``
    cue fills it, blanks around it aside: "the OCCRP, German Der Spiegel, and Russian iStories")."""
    text = annotated.text
    first = _skip_blanks(text, start, end)
    return first < end and any(match.start == first and _ends_at(text, match, end)
                               for match in cue_spans(annotated, "coordination", first, end))


def _definite(annotated: Annotated, start: int, at: int) -> bool:
    """Whether a ``definite`` cue ("the", "these") of the sentence opening at ``start`` stands right before
    offset ``at``, after a blank ("the | officials added")."""
    text = annotated.text
    return any(match.end < at and _ends_at(text, match, at)
               for match in cue_spans(annotated, "definite", max(start, at - 8), at))


def _opens_with_document(annotated: Annotated, start: int, at: int) -> bool:
    """Whether the sentence opening at ``start`` opens with its document and author, the author's name at
    ``at`` ("A study by X ...", "Research by X ...": an ``opening-document`` cue, marks before it aside):
    the author is its source even where the verb after it is garbled."""
    text = annotated.text
    return len(text[start:at].split()) <= _OPENING_DOCUMENT_WORDS and any(
        match.end < at and not any(ch.isalnum() for ch in text[start:match.start])
        for match in cue_spans(annotated, "opening-document", start, at))


#: Most words before the author's name of a sentence that opens with its document ("A new study by | X").
_OPENING_DOCUMENT_WORDS = 6


def _author_after(annotated: Annotated, noun_end: int, at: int) -> bool:
    """Whether the source named at ``at`` is the author of the document whose noun ends at ``noun_end``
    (an ``author-after`` cue fills the stretch between them: "a press statement | from the | UK Foreign
    Office")."""
    text = annotated.text
    first = _skip_blanks(text, noun_end, at)
    return noun_end < first < at and any(match.start == first and match.end < at and _ends_at(text, match, at)
                                         for match in cue_spans(annotated, "author-after", first, at))


def is_source_line(annotated: Annotated, start: int, end: int) -> bool:
    """Whether the line (or sentence) ``[start, end)`` opens with a ``source-line`` cue ("Source: X, with
    reference to Y")."""
    text = annotated.text
    return any(not any(ch.isalnum() for ch in text[start:at])
               for at, _word in cue_matches(annotated, "source-line", start, end))


def _anaphoric_name(name: str, anaphors: Sequence[Anaphor]) -> bool:
    """Whether a generic source's name is also a word that refers back ("officials", "experts")."""
    return any(name.lower() in rule.words for rule in anaphors)


def _with_roles(outlet: Source | None, sources: Sequence[Source]) -> Chain:
    inner = [s for s in _dedupe(sources) if outlet is None or (s.entity_id or s.name) != (outlet.entity_id or
                                                                                            outlet.name)]
    roles: list[Literal["cited", "origin"]] = ["cited"] * len(inner)
    if len(inner) > 1:
        roles[-1] = "origin"
    chain = [Source(name=s.name, entity_id=s.entity_id, role=role)
             for s, role in zip(inner, roles, strict=True)]
    return ((outlet,) if outlet else ()) + tuple(chain)


def _type(annotated: Annotated, source: Source) -> str:
    if source.entity_id is None:
        return ""
    return annotated.entity(source.entity_id).type


def _line_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def attribution_chains(annotated: Annotated, sentences: Sequence[tuple[int, int]]) -> list[Chain]:
    """The attribution chain of each sentence ``[start, end)`` (in text order), outermost first.

    Parameters
    ----------
    annotated:
        The article with its source mentions.
    sentences:
        Sentence spans in text order; each paragraph is one line of the article text.

    Returns
    -------
    list[Chain]
        One chain per sentence, ``()`` where nothing attributes it.
    """
    cues = _cues(annotated.lexicons.claims)
    text = annotated.text
    outlet = article_outlet(annotated)
    mentions = _source_mentions(annotated)
    starts = [m.evidence.start for m in mentions]  # in text order: the mentions of a stretch are a slice

    def inside(start: int, end: int) -> list[Mention]:
        return [m for m in mentions[bisect_left(starts, start):bisect_right(starts, end)] if m.evidence.end <= end]

    # Lead attribution, with the offset from which it holds.
    relay: tuple[Source, ...] = ()  # sources the whole article relays (Source line, headline tag)
    relay_from = len(text) + 1
    lead: tuple[Source, ...] = ()
    retelling = False  # whether the lead sentence says the article retells its source ("X writes about it")
    headline = HeadlineLines(text)
    own_id = outlet.entity_id if outlet else None
    for match in re.finditer(r"^[^\n]*$", text, re.MULTILINE):
        line = match.group(0)
        found = [m for m in inside(match.start(), match.end()) if m.entity_id != own_id]
        if not found:
            credit = _credited_name(annotated, match.start(), match.end())
            if credit and not relay:
                # "Source: Racurs": a credit to a source the gazetteer does not know, kept by its name.
                relay, relay_from = (Source(name=credit),), 0
            continue
        if is_source_line(annotated, match.start(), match.end()):
            # A "Source: X" line credits the whole text, wherever it stands.
            relay, relay_from = tuple(_source(annotated, m) for m in found), 0
            break
        if relay or not _headline_like(line, headline(match.start())):
            continue
        last, first = found[-1], found[0]
        tag = cues.headline_tag.search(line)
        if (tag and last.evidence.end >= match.start() + len(line.rstrip()) - 2
                and annotated.entity(last.entity_id).type in _TAG_TYPES):
            relay, relay_from = (_source(annotated, last),), 0  # "... – WSJ", "..., – NHK"
        elif (annotated.entity(first.entity_id).type in _TAG_TYPES and not line[:first.evidence.start
                                                                               - match.start()].strip()
              and re.match(r"\s*:", text[first.evidence.end:match.end()])):
            relay, relay_from = (_source(annotated, first),), 0  # "FT: the West presses ..."
    if not relay and outlet is not None:
        author = _copy_author(annotated, mentions, own_id)
        if author is not None:
            relay, relay_from = (author,), 0  # "HKFP has reached out to ...", on a site that names no outlet
    body = [(s, e) for s, e in sentences if not headline(s)]
    for start, end in body[:LEAD_SENTENCES]:
        found_lead = _cued_sources(annotated, start, end, inside(start, end))
        speakers = [s for s in found_lead.speakers if s.entity_id != own_id]
        if any(_type(annotated, s) in ("MediaOutlet", "ThinkTank") for s in speakers):
            lead = tuple(s for s in found_lead.chain() if s.entity_id != own_id)
            retelling = _points_back(annotated, start, end)
            break

    chains: list[Chain] = []
    owned: list[bool] = []  # whether a sentence's chain comes from a cue of its own
    previous: Chain = ()
    previous_line = (-1, -1)
    for start, end in sentences:
        line_span = _line_of(text, start)
        sentence = text[start:end]
        own = _cued_sources(annotated, start, end, inside(start, end)).chain()
        if not own:
            speaker = _pronoun_referent(annotated, start, sentence)
            if speaker is not None:
                own = _cued_sources(annotated, start, end, inside(start, end), speaker).chain()
        active_relay = relay if start >= relay_from else ()
        anaphoric = () if own else _anaphoric_chain(annotated, mentions, sentences[:len(chains)], chains, owned,
                                                     start, sentence, previous)
        if own:
            # An article that relays another outlet ("Source: X, with reference to trade data") nests the
            # sources it names under that outlet; so does an article that retells one ("The FT writes about
            # it") for a sentence that names only data or unnamed sources ("according to trade data").
            outer = active_relay or (lead if _nests_under(annotated, lead, own, retelling) else ())
            named = [s for s in outer if _type(annotated, s) != "GenericSource"]
            chain = _with_roles(outlet, [*named, *own])
        elif anaphoric:
            chain = anaphoric
        elif previous and (line_span == previous_line or _continues(annotated, start, end)
                           or cue_matches(annotated, "same-source", start, end)):
            chain = previous
        elif active_relay:
            chain = _with_roles(outlet, active_relay)
        elif lead:
            chain = _with_roles(outlet, lead)
        else:
            chain = (outlet,) if outlet else ()
        if is_source_line(annotated, *line_span):
            chain = _with_roles(outlet, relay)
        chains.append(chain)
        owned.append(bool(own))
        previous, previous_line = (chain if len(chain) > (1 if outlet else 0) else ()), line_span
    _quoted_before_speaker(text, sentences, chains, owned)
    return chains


# What a name credited by a "Source:" line is made of (its shape, not its words).
_NAME_SHAPE = re.compile(r"[\w.&'’ -]+")
#: Most characters of a name credited by a "Source:" line.
_CREDITED_NAME_CHARS = 51


def _credited_name(annotated: Annotated, start: int, end: int) -> str | None:
    """The name a ``Source:`` line ``[start, end)`` credits, up to a comma or the words that cite another
    source (``citing-words``: "Source: Racurs, with reference to ..."); ``None`` for a line that is none, or
    where what follows the colon does not read as a name."""
    text = annotated.text
    colon = next((m.end for m in cue_spans(annotated, "source-line", start, end)
                  if not any(ch.isalnum() for ch in text[start:m.start])), None)
    if colon is None:
        return None
    comma = text.find(",", colon, end)
    stop = min([comma if comma >= 0 else end, *(m.start for m in cue_spans(annotated, "citing-words", colon, end))])
    name = text[colon:stop].strip()
    if not 2 <= len(name) <= _CREDITED_NAME_CHARS or not "A" <= name[0] <= "Z" or not _NAME_SHAPE.fullmatch(name):
        return None
    return name
#: Most words of a sentence that only says where the article's story comes from ("The FT writes about it").
RETELLING_WORDS = 14


def is_retelling(annotated: Annotated, start: int, end: int) -> bool:
    """Whether the sentence ``[start, end)`` only credits the story ("The Financial Times writes about it.",
    "This was reported by NHK."): short, and pointing back at what the article says."""
    return len(annotated.text[start:end].split()) <= RETELLING_WORDS and _points_back(annotated, start, end)


def _points_back(annotated: Annotated, start: int, end: int) -> bool:
    """Whether the sentence ``[start, end)`` points back at the story it credits: the ``retelling`` cues of
    ``attribution_patterns.yaml``, or a ``retelling-opening`` one where it opens the sentence ("This was
    reported by NHK")."""
    text = annotated.text
    return bool(cue_matches(annotated, "retelling", start, end)) or any(
        not any(ch.isalnum() for ch in text[start:at])
        for at, _word in cue_matches(annotated, "retelling-opening", start, end))


#: How many body sentences from the top may name the source an article retells ("The FT writes about it").
LEAD_SENTENCES = 8
# Who a headline tag ("... – WSJ", "FT: ...", "..., – RUSI") may name.
_TAG_TYPES = frozenset({"MediaOutlet", "ThinkTank"})
_MAX_HEADLINE_WORDS = 25


def _nests_under(annotated: Annotated, lead: Chain, own: Chain, retelling: bool) -> bool:
    """Whether a sentence's own sources are reported through the article's lead source: for data and
    unnamed sources always ("according to trade data"); for named ones when the article says it retells
    another outlet ("The FT writes about it", "This was reported by NHK": "the Treasury said" is then the
    Treasury as that outlet reports it), unless the sentence names an outlet of its own."""
    if not lead:
        return False
    outlet_lead = any(_type(annotated, s) == "MediaOutlet" for s in lead)
    if all(_type(annotated, s) == "GenericSource" for s in own):
        # Another outlet's story passes on everything it cites; a think tank's lead passes on only the data
        # it analysed: "officials said" elsewhere in the article are not the think tank's officials.
        return outlet_lead or all(_kind(annotated, s) in _DOCUMENT_KINDS for s in own)
    return retelling and outlet_lead and not any(_type(annotated, s) == "MediaOutlet" for s in own)


# Kinds of generic source that are documents a lead source may have analysed ("trade data", "customs records").
_DOCUMENT_KINDS = frozenset({"data", "documents"})


def _kind(annotated: Annotated, source: Source) -> str | None:
    return annotated.entity(source.entity_id).kind if source.entity_id else None


def _copy_author(annotated: Annotated, mentions: Sequence[Mention], own_id: str | None) -> Source | None:
    """The outlet that wrote the copy of an article whose own outlet is only known by its host, a stand-in or
    a republishing site: the first media outlet that speaks of its own reporting ("HKFP has reached out to
    the firm", "Reuters could not independently verify"); ``None`` otherwise."""
    if not _outlet_unknown_or_republisher(annotated):
        return None
    text = annotated.text
    for mention in mentions:
        entity = annotated.entity(mention.entity_id)
        if entity.id == own_id or entity.type != "MediaOutlet":
            continue
        end = mention.evidence.end
        after = min(len(text), end + _OWN_REPORTING_CHARS)
        if any(not text[end:at].strip() for at, _word in cue_matches(annotated, "own-reporting", end, after)):
            return _source(annotated, mention)
    return None


# How much text after an outlet's name is read for its words about its own reporting (they must open it).
_OWN_REPORTING_CHARS = 80


def _outlet_unknown_or_republisher(annotated: Annotated) -> bool:
    """Whether the article's outlet is inferred (a URL host, a stand-in) or a site that republishes others'
    copy (``republisher`` in ``outlets.yaml``)."""
    name = annotated.article.outlet
    if not name:
        return False
    if resolve_outlet(name, annotated.gazetteer).origin == "inferred":
        return True
    return name in {outlet for outlet, republisher in annotated.lexicons.outlets.domains.values() if republisher}


def _headline_like(line: str, is_headline: bool) -> bool:
    """Whether a line may carry a headline tag: a headline, or a short line without a sentence inside it
    (a body paragraph ending in a photo credit "(AFP)" is none)."""
    if is_headline:
        return True
    stripped = line.strip()
    return (len(stripped.split()) <= _MAX_HEADLINE_WORDS and not re.search(r"[.!?]\s+\S", stripped)
            and not stripped.endswith("."))


def _source_mentions(annotated: Annotated) -> list[Mention]:
    """The article's mentions of entities that can be a source, in text order (once per article)."""
    return annotated.memo(_source_mentions, lambda: [m for m in annotated.findings.mentions
                                                     if annotated.entity(m.entity_id).type in SOURCE_TYPES])


def _continues(annotated: Annotated, start: int, end: int) -> bool:
    """Whether the sentence ``[start, end)`` opens with a ``continuation`` cue ("In addition", "Moreover",
    a quotation; blanks and marks before it aside)."""
    text = annotated.text
    return any(not any(ch.isalnum() for ch in text[start:at])
               for at, _word in cue_matches(annotated, "continuation", start, end))


def _pronoun_referent(annotated: Annotated, start: int, sentence: str) -> Source | None:
    """The source a sentence names by pronoun ('"...," she said', "He added that"): "he" or "she" is the
    last person named before, "it" or "they" the last organisation that can be a source (companies named
    in between are passed over) or, for "they", a collective of officials or experts. The pronoun is read
    by the ``pronoun`` cues of ``attribution_patterns.yaml``."""
    found = cue_matches(annotated, "pronoun", start, start + len(sentence))
    if not found:
        return None
    pronoun = found[0][1]
    earlier = [m for m in annotated.findings.mentions if m.evidence.end <= start and start - m.evidence.end < 1500]
    for mention in reversed(earlier):
        entity = annotated.entity(mention.entity_id)
        if pronoun in ("he", "she"):
            if entity.type == "Person":
                return _source(annotated, mention)
            continue
        if entity.type == "Company":
            continue  # "It said" after "The Treasury designated Acme Ltd": the designating body, not the firm
        if entity.type in _ORG_TYPES or (pronoun == "they" and entity.type == "GenericSource"
                                         and entity.kind in ("officials", "experts", "other")):
            return _source(annotated, mention)
    return None


def _anaphoric_chain(annotated: Annotated, mentions: Sequence[Mention], before: Sequence[tuple[int, int]],
                     chains: Sequence[Chain], owned: Sequence[bool], start: int, sentence: str,
                     previous: Chain) -> Chain:
    """The chain of a sentence that refers back to a source named before ("the ministry said", "according
    to the report"): the last source that fits the words (``anaphors`` in ``generic_sources.yaml``), with
    the chain it was cited in; for a document ("the report", "the data"), the sources of the last sentence
    that named one, else the last chain that named a source. ``()`` when the sentence refers to none."""
    cues = _cues(annotated.lexicons.claims)
    found = cue_spans(annotated, "anaphor", start, start + len(sentence))
    if not found:
        return ()
    match = found[0]  # the first, and the longest of those that start there
    noun = match.word
    rules = [rule for rule in annotated.lexicons.attribution.anaphors if noun in rule.words]
    outlet = chains[0][0] if chains and chains[0] and chains[0][0].role == "outlet" else None
    named = [(chain, own) for chain, own in zip(chains, owned, strict=True) if len(chain) > (1 if outlet else 0)]
    if not rules:
        if noun not in cues.document_nouns:
            return ()
        if previous:
            return previous
        word = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        for (s_start, s_end), chain, own in zip(reversed(before), reversed(chains), reversed(owned), strict=True):
            noun_at = word.search(annotated.text, s_start, s_end)
            if noun_at is None:
                continue
            if own and len(chain) > (1 if outlet else 0):
                return chain
            # "The Kiel Institute published a report": its subject, named before the document; "a press
            # statement from the Foreign Office": the author named right after it. A name later in the
            # sentence ("the statement targets Putin's access") is what the document is about.
            inner = [m for m in mentions if s_start <= m.evidence.start and m.evidence.end <= noun_at.start()]
            inner += [m for m in mentions if noun_at.end() <= m.evidence.start and m.evidence.end <= s_end
                      and _author_after(annotated, noun_at.end(), m.evidence.start)]
            if inner:
                return _with_roles(outlet, [_source(annotated, inner[0])])
        return named[-1][0] if named else ()
    if previous and any(rule.fits(annotated.entity(previous[-1].entity_id)) for rule in rules
                        if previous[-1].entity_id):
        return previous
    cutoff = match.start  # "..., and the government says": sources named before the words
    for mention in reversed([m for m in mentions if m.evidence.end <= cutoff and cutoff - m.evidence.end < 3000]):
        entity = annotated.entity(mention.entity_id)
        if not any(rule.fits(entity) for rule in rules):
            continue
        for chain, _ in reversed(named):
            if chain[-1].entity_id == entity.id:
                return chain
        return _with_roles(outlet, [_source(annotated, mention)])
    return ()


_OPENING_QUOTE = re.compile(r"[\"“«]")
_CLOSING_QUOTE = re.compile(r"[\"”»]")


def _quoted_before_speaker(text: str, sentences: Sequence[tuple[int, int]], chains: list[Chain],
                           owned: Sequence[bool]) -> None:
    """A quotation of several sentences names its speaker after the last one ('"A. B," she said'), or in
    the paragraph after it ('"A. B."' then 'He added that ...'): the quoted sentences before, which name
    no source of their own, take the speaker's chain (in place)."""
    for index, (start, end) in enumerate(sentences):
        if not owned[index]:
            continue
        line = _line_of(text, start)
        lines = {line} if _CLOSING_QUOTE.search(text, start, end) else set()
        if not text[line[0]:start].strip() and line[0] > 0:
            above = _paragraph_before(text, line[0])
            if above is not None and _OPENING_QUOTE.match(text[above[0]:above[1]].lstrip(" \t•*-")):
                lines.add(above)
        earlier = index - 1
        while earlier >= 0 and not owned[earlier]:
            at = sentences[earlier][0]
            here = _line_of(text, at)
            if here not in lines or not _OPENING_QUOTE.search(text, here[0], at + 1):
                break
            chains[earlier] = chains[index]
            earlier -= 1


def _paragraph_before(text: str, line_start: int) -> tuple[int, int] | None:
    """The span of the last non-blank line before the line starting at ``line_start``."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None
