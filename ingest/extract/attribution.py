"""Attribution: who says what a sentence states, as a chain of sources, outermost first.

The chain of a sentence is ``[article outlet, cited source(s), original source]``: the outlet that
published the article (role ``outlet``), the sources it cites (role ``cited``) and, innermost, where the
figure comes from (role ``origin``). Cues are read around the source mentions that entity extraction
found (media outlets, think tanks, agencies, people, generic sources such as "trade data"); the cue
words themselves are data in ``claim_lexicon.yaml``.

A sentence without a cue inherits the chain of the sentence before it in the same paragraph, or of the
previous paragraph when it opens with a continuation ("In addition", "Moreover", a quotation), else
the article's lead attribution: a ``Source: X, with reference to Y`` line (for what follows it), a
headline tag ("... – WSJ") or an opening sentence such as "Reports from X highlight ...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ingest.extract.context import Annotated
from ingest.extract.entities import is_headline
from ingest.extract.values import load_claim_lexicon, words_pattern
from ingest.resolve import resolve_outlet
from ontology.gazetteer import fold_surface
from ontology.records import Mention, Source

__all__ = ["SOURCE_TYPES", "Chain", "article_outlet", "attribution_chains"]

#: Entity types that can be the source of a statement.
SOURCE_TYPES = frozenset({"MediaOutlet", "ThinkTank", "GovernmentAgency", "Person", "GenericSource",
                          "IntergovernmentalOrg"})
_ORG_TYPES = SOURCE_TYPES - {"Person", "GenericSource"}

Chain = tuple[Source, ...]


@dataclass(frozen=True)
class _Cues:
    speaker_after: re.Pattern[str]
    speaker_before: re.Pattern[str]
    according: re.Pattern[str]
    document_by: re.Pattern[str]
    citing_before: re.Pattern[str]
    citing_after: re.Pattern[str]
    told_before: re.Pattern[str]
    affiliation_before: re.Pattern[str]
    verb: re.Pattern[str]
    continuation: re.Pattern[str]
    same_source: re.Pattern[str]
    source_line: re.Pattern[str]
    headline_tag: re.Pattern[str]


@cache
def _cues() -> _Cues:
    lex = load_claim_lexicon()
    verbs = words_pattern(list(lex.attribution_verbs))
    nouns = words_pattern(list(lex.report_nouns))
    citing = words_pattern(list(lex.citing_verbs))
    told = words_pattern(list(lex.told_verbs))
    by = r"(?:by|from|of|released\s+by|compiled\s+by|published\s+by|conducted\s+by|issued\s+by|prepared\s+by)"
    quote = r"[\"“”«]?"
    flags = re.IGNORECASE
    return _Cues(
        # "X said", "X, a fellow at Y, told", "X's report showed", "X (RUSI) reported".
        speaker_after=re.compile(
            rf"^{quote}(?:\s*\([^)]{{0,40}}\))?(?:['’]s?\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})(?:\s+[\w-]+){{0,4}}?)?"
            rf"(?:\s*,[^,;]{{1,120}},)?\s*(?:(?:has|have|had|also|further|previously|recently|earlier|which|that|"
            rf"who|then|later|first|had\s+also)\s+)*(?:{verbs})\b", flags),
        # '"...," said X'
        speaker_before=re.compile(rf"[,:]\s*[\"”’]?\s*(?:{verbs})\s+(?:the\s+)?$", flags),
        according=re.compile(rf"\baccording\s+to\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){{0,3}}?"
                             rf"(?:(?:{nouns})\s+(?:[\w-]+\s+){{0,2}}?{by}\s+(?:the\s+)?)?{quote}$", flags),
        document_by=re.compile(rf"\b(?:{nouns})\s+(?:[\w-]+\s+){{0,3}}?{by}\s+(?:the\s+)?{quote}$", flags),
        # "citing Y", "citing a new report by the Y"
        citing_before=re.compile(rf"\b(?:{citing})\s+(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){{0,2}}?"
                                 rf"(?:(?:{nouns})\s+{by}\s+(?:the\s+)?)?$", flags),
        citing_after=re.compile(rf"^\s*,?\s*(?:{citing})\b", flags),
        told_before=re.compile(rf"\b(?:{told})\s+(?:the\s+)?$", flags),
        affiliation_before=re.compile(r"\b(?:at|of|from|for|with|and)\s+(?:the\s+)?$", flags),
        verb=re.compile(rf"\b(?:{verbs})\b", flags),
        # "..., the same data show", "the report said": the source of the sentence before, named again.
        same_source=re.compile(rf"\b(?:the\s+same|these|those|the|this|that)\s+(?:{nouns}|officials?|sources?)"
                               rf"\s+(?:also\s+)?(?:{verbs})\b", flags),
        continuation=re.compile(rf"^\W*(?:{words_pattern(list(lex.continuations))})\b|^\W*[\"“]", flags),
        source_line=re.compile(r"^\s*Source\s*:", flags),
        headline_tag=re.compile(r"(?:\s[–—-]|\||:)\s*(?:the\s+)?[\w .&'/-]{2,40}\s*$|\(\s*[\w .&'/-]{2,40}\)\s*$"),
    )


def article_outlet(annotated: Annotated) -> Source | None:
    """The outlet that published the article: :attr:`Article.outlet`, else a media outlet named in the
    article's site furniture (boilerplate spans name the site, not a cited source)."""
    article = annotated.article
    if article.outlet:
        entity = resolve_outlet(article.outlet, annotated.gazetteer)
        return Source(name=entity.name, entity_id=entity.id, role="outlet")
    furniture = " ".join(article.text[span.start:span.end] for span in article.boilerplate)
    if not furniture:
        return None
    outlets = [e for e in annotated.gazetteer.entities.values() if e.type == "MediaOutlet"]
    for entity in sorted(outlets, key=lambda e: e.name):
        for form in (entity.name, *entity.aliases):
            if len(form) > 3 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", furniture):
                return Source(name=entity.name, entity_id=entity.id, role="outlet")
    return None


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


def _cued_sources(annotated: Annotated, start: int, end: int, mentions: Sequence[Mention]) -> _Found:
    """The sources a sentence ``[start, end)`` names with an attribution cue."""
    cues = _cues()
    text = annotated.text
    listeners: list[Source] = []
    speakers: list[Source] = []
    cited: list[Source] = []
    people_before: list[int] = []
    for mention in mentions:
        entity = annotated.entity(mention.entity_id)
        before = text[start:mention.evidence.start]
        after = text[mention.evidence.end:end]
        source = _source(annotated, mention)
        if entity.type == "Person":
            people_before.append(mention.evidence.end)
        if cues.told_before.search(before) and speakers:
            listeners.append(source)
        elif cues.citing_before.search(before):
            cited.append(source)
        elif (cues.according.search(before) or cues.speaker_before.search(before)
              or (cues.document_by.search(before) and cues.verb.search(after))):
            speakers.append(source)
        elif (entity.type in _ORG_TYPES and cues.affiliation_before.search(before) and people_before
              and mention.evidence.start - people_before[-1] < 90):
            continue  # "Jane Roe, a fellow at the Atlantic Council, said": an affiliation, not a speaker
        elif cues.speaker_after.search(after) or cues.citing_after.search(after):
            speakers.append(source)
    return _Found(tuple(listeners), tuple(speakers), tuple(cited))


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
    cues = _cues()
    text = annotated.text
    outlet = article_outlet(annotated)
    mentions = [m for m in annotated.findings.mentions if annotated.entity(m.entity_id).type in SOURCE_TYPES]

    def inside(start: int, end: int) -> list[Mention]:
        return [m for m in mentions if m.evidence.start >= start and m.evidence.end <= end]

    # Lead attribution, with the offset from which it holds.
    relay: tuple[Source, ...] = ()  # sources the whole article relays (Source line, headline tag)
    relay_from = len(text) + 1
    lead: tuple[Source, ...] = ()
    for match in re.finditer(r"^[^\n]*$", text, re.MULTILINE):
        line = match.group(0)
        found = inside(match.start(), match.end())
        if not found:
            continue
        if cues.source_line.match(line):
            relay, relay_from = tuple(_source(annotated, m) for m in found), match.end()
            break
        tag = cues.headline_tag.search(line)
        last = found[-1]
        if (not relay and tag and last.evidence.end >= match.start() + len(line.rstrip()) - 2
                and annotated.entity(last.entity_id).type == "MediaOutlet" and not line.rstrip().endswith(".")):
            relay, relay_from = (_source(annotated, last),), match.end()
    body = [(s, e) for s, e in sentences if not is_headline(text, s)]
    for start, end in body[:3]:
        found_lead = _cued_sources(annotated, start, end, inside(start, end))
        if any(_type(annotated, s) in ("MediaOutlet", "ThinkTank") for s in found_lead.speakers):
            lead = found_lead.chain()
            break

    chains: list[Chain] = []
    previous: Chain = ()
    previous_line = (-1, -1)
    for start, end in sentences:
        line_span = _line_of(text, start)
        own = _cued_sources(annotated, start, end, inside(start, end)).chain()
        active_relay = relay if start >= relay_from else ()
        if own:
            # An article that relays another outlet ("Source: X, with reference to trade data") nests the
            # sources it names under that outlet.
            named = [s for s in active_relay if _type(annotated, s) != "GenericSource"]
            chain = _with_roles(outlet, [*named, *own])
        elif previous and (line_span == previous_line or cues.continuation.search(text[start:end])
                           or cues.same_source.search(text[start:end])):
            chain = previous
        elif active_relay:
            chain = _with_roles(outlet, active_relay)
        elif lead:
            chain = _with_roles(outlet, lead)
        else:
            chain = (outlet,) if outlet else ()
        if cues.source_line.match(text[line_span[0]:line_span[1]]):
            chain = _with_roles(outlet, relay)
        chains.append(chain)
        previous, previous_line = (chain if len(chain) > (1 if outlet else 0) else ()), line_span
    return chains
