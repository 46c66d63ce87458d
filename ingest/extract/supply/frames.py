"""Supply flows: who sends which good to whom (and through where), read from the dependency parse.

``extract_supply`` is pure over an :class:`~ingest.extract.context.Annotated` article. Only sentences
holding a Good mention or a transit trigger are parsed further. In each, trigger words from
``ontology/gazetteers/supply_lexicon.yaml`` ("export", "provide", "imports", "re-exported", "flowed")
open a *frame* with a direction; every Good mention joins the frame of the trigger nearest to it in the
parse tree, and the parties (countries, companies, regions, demonyms such as "Chinese firms") fill the
frame's roles from how they hang from the trigger. The markers that fill each role first, by direction and
form of the trigger, are the lexicon's ``roles`` table; the rest of what the table below says (origins,
governing subjects, earlier flows) is read here:

=================  =====================================  ======================================
direction          supplier                               recipient
=================  =====================================  ======================================
out (verb)         subject ("Chinese firms provided")     "to"/"into", indirect or direct object
out (noun)         possessor or demonym ("China's",       "to"/"into"
                   "Chinese exports"), "from", "by"
in                 "from", demonym on the goods           subject or possessor ("Russian imports")
motion             "from", demonym on the goods           "to"/"into", direct object ("reached")
transit            the earlier flow's supplier            "to"/"into"; the earlier recipient is via
cooperation        subject of the deal                    "with"
end_use            the goods' maker or origin ("made by   the owner of the weapon holding them
                   American firms", "Chinese chips",      ("found in Russian drones"), its user
                   "were of US origin", "300 came from    ("missiles fired by Russia"), or the
                   US firms")                             holder of goods found just before
=================  =====================================  ======================================

"through"/"via" give the transit route. Parties named by reference stand for those named before them in the
paragraph: "the firm", "the companies", "the two firms", "the latter", and personal pronouns as the subject of a
trading verb ("It sold them to ...", "they forwarded the parts"); named examples of an unnamed party ("to Russian
companies, including ...") take its role too. A role left empty is filled from the sentence (another party
named in it) or, for the recipient, from the article's flows so far; at least one role must come from
the parse, so a sentence that merely names a good beside two countries yields nothing. Negation and
hedge cues on the trigger's path to the root set the flow's status; end uses, quantity, value and period
come from the same sentence. Whoever finds goods in a weapon (investigators, an agency, the country where
they were found) is never a party to its end-use flow; a state fitting out its own weapons ("equips its drones
with Chinese engines") receives the goods.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ingest.extract.context import Annotated, ArticleLexicons
from ingest.extract.entities import HeadlineLines, evidence_for
from ingest.extract.goods_phrases import goods_heads, phrase_of, written_name
from ingest.extract.periods import normalise_period
from ingest.extract.supply.lexicon import Direction, SupplyLexicon
from ingest.extract.supply.roles import (
    _MODIFIERS,
    _ORGANISATIONS,
    _RELATIVE,
    _SCENE,
    _Frame,
    _origin_of,
    _place,
    _Placed,
    _Roles,
    _roles,
)
from ingest.extract.supply.status import _status
from ingest.extract.supply.tree import (
    _HYPHENS,
    _SUBJECTS,
    _argument_relation,
    _behind_another_verb,
    _first_conjunct,
    _found_share_participle,
    _governing_clause,
    _is_subject,
    _is_verb,
    _misparsed_finite,
    _misread_perfect,
    _misread_progressive,
    _subject_of_governing_clause,
    _subject_relation,
    _trade_direction,
    _tree_distance,
    _trigger_key,
)
from ontology.goods import GoodsTerms
from ontology.records import Entity, Period, SupplyFlow

__all__ = ["GOODS_PHRASE_EXTRACTOR", "SUPPLY_EXTRACTOR", "RuleSupplyExtractor", "extract_supply"]

SUPPLY_EXTRACTOR = "supply-rules@1.0"
GOODS_PHRASE_EXTRACTOR = "goods-phrase@1.0"

#: Pronouns that stand for a weapon named before them in a container phrase ("found chips inside it").
_CONTAINER_PRONOUNS = frozenset({"it", "them"})
_NAME_LABELS = frozenset({"ORG", "PERSON", "FAC", "GPE", "WORK_OF_ART"})
_MEMORY_SENTENCES = 2  # how far back a transit sentence ("these products were re-exported") may look


# -- working records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Remembered:
    sentence: int
    flow: SupplyFlow


# -- the extractor --------------------------------------------------------------------------------


class RuleSupplyExtractor:
    """The rule-based supply extractor (a :class:`~ingest.extract.context.SupplyExtractor`) over the lexicon
    it is given: ``RuleSupplyExtractor(lexicon)(annotated)`` is ``extract_supply(annotated, lexicon)``."""

    def __init__(self, lexicon: SupplyLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, annotated: Annotated) -> list[SupplyFlow]:
        return extract_supply(annotated, self.lexicon)


def extract_supply(annotated: Annotated, lexicon: SupplyLexicon) -> list[SupplyFlow]:
    """Supply flows stated in an article, one per good (coordinated goods give one flow each).

    Parameters
    ----------
    annotated:
        The article, its parsed doc (boilerplate masked, offsets of :attr:`Article.text`) and its entities.
    lexicon:
        The trigger and cue words, bound to the ontology's supply roles (see
        :func:`~ingest.extract.supply.lexicon.load_supply_lexicon`).

    Returns
    -------
    list[SupplyFlow]
        In text order, without duplicates (same supplier, good, recipient, via and evidence span).
    """
    doc = annotated.doc
    mentions = annotated.memo((_mentions,), lambda: _mentions(annotated))  # shared with the later look-ups
    homes, attributes = _company_homes(annotated, mentions, lexicon)
    state = _ArticleState(homes=homes)
    flows: dict[str, SupplyFlow] = {}
    headline = HeadlineLines(annotated.article.text)
    title = " ".join((annotated.article.title or "").split())
    starts = [span.start for _, span in mentions]  # in text order, so a sentence's mentions are a slice
    for index, sent in enumerate(_segments(doc, annotated.text)):
        if headline(sent.start_char):
            continue  # a Title Case headline: the parser reads its verbs as names ("China Ships Drones")
        candidates = list(_triggers(annotated, sent, lexicon))
        if not candidates:
            continue  # no trigger word (a sentence left unparsed has none): nothing more to read
        placed_in_sent = [m for m in mentions[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]
                          if m[1].start not in attributes]
        anaphors = _company_anaphors(annotated, sent, mentions, lexicon, homes)
        # "the Hong Kong company" read as a named company: the place only says where it is based
        named_at = {span.root.i for entity, span in anaphors if entity.type == "Company"}
        placed_in_sent = [(e, s) for e, s in placed_in_sent
                          if not (e.type in ("Country", "Place") and s.root.head.i in named_at
                                  and s.root.dep_ in ("compound", "amod", "nmod"))] + anaphors
        goods = [(e, s) for e, s in placed_in_sent if e.type == "Good"]
        names = {t.i for e, span in placed_in_sent if e.type in _ORGANISATIONS for t in span}
        triggers = [(t, d) for t, d in candidates if t.i not in names]  # not "Tengri Supply LLC"
        verbs = {t.i for t, _ in triggers if _is_verb(t)}
        # "exporting military supplies to Russia": a plural trade noun as a trigger verb's object is its goods.
        triggers = [(t, d) for t, d in triggers if not (t.dep_ == "dobj" and t.tag_ == "NNS" and t.head.i in verbs)]
        # "re-exported them to Russian buyers", "the delivery of parts to buyers in Russia": a party noun in
        # another trigger's route phrase is a party.
        routes = {*lexicon.prepositions.recipient, *lexicon.prepositions.source}
        triggers = [(t, d) for t, d in triggers if not (t.lemma_.lower() in lexicon.party_nouns and t.dep_ == "pobj"
                                                        and (t.head.lower_ in routes or t.head.head.i in verbs))]
        # "sanctions against Russian imports of chips", "a ban on exports to Iran": a measure on a trade
        # states no flow of its own.
        triggers = [(t, d) for t, d in triggers if not (not _is_verb(t) and t.dep_ == "pobj"
                                                        and t.head.lower_ in lexicon.prepositions.target
                                                        and t.head.head.lemma_.lower() in lexicon.measure_nouns)]
        # "banned exports of machine tools to Russia", "bars companies from exporting chips to China".
        triggers = [(t, d) for t, d in triggers if not _restricted(t, lexicon)]
        if not triggers:
            continue
        # A headline compresses its sentence: keep its flows only where the parse names both parties.
        explicit = bool(title) and " ".join(annotated.text[sent.start_char:sent.end_char].split()) == title
        found = list(_sentence_flows(annotated, lexicon, sent, index, placed_in_sent, goods, triggers, state,
                                     explicit))
        found += _elliptic_flows(annotated, lexicon, sent, placed_in_sent, found)
        for flow in found:
            flows.setdefault(flow.id, flow)
            state.recipients[flow.recipient_id] += 1
            state.suppliers[flow.supplier_id] += 1
            state.memory.append(_Remembered(index, flow))
    return sorted(flows.values(), key=lambda f: (f.evidence.start, f.evidence.end, f.good_id))


def _restricted(trigger: Token, lexicon: SupplyLexicon) -> bool:
    """Whether ``trigger`` names a trade that a measure verb restricts: a trade noun as the verb's object
    or passive subject ("banned exports of drones"), or a trade verb after the verb's "from" ("bars firms
    from exporting chips")."""
    head = trigger.head
    if _is_verb(trigger):
        if not (trigger.dep_ == "pcomp" and head.lower_ == "from"):
            return False
        head = head.head
    elif trigger.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.i != trigger.i and head.lemma_.lower() in lexicon.measure_verbs


def _elliptic_flows(annotated: Annotated, lexicon: SupplyLexicon, sent: Span,
                    mentions: Sequence[tuple[Entity, Span]], found: Sequence[SupplyFlow]) -> list[SupplyFlow]:
    """Flows of a clause that leaves its trigger and goods out ("imports of lathes from Germany rose by 300%;
    from Italy it was 150%", "exports to Russia rose by 40%, and to Belarus by 25%"): after the sentence's
    flows, past a clause break and with no trigger word, a party on the same route preposition as a party of
    those flows takes its place in each of them."""
    if not found:
        return []
    doc = sent.doc
    source, recipient = set(lexicon.prepositions.source), set(lexicon.prepositions.recipient)
    end = max(f.evidence.end for f in found)
    on_prep = [(e, span, span.root.head) for e, span in mentions if lexicon.may_trade(e) and span.root.dep_ == "pobj"
               and span.root.head.lower_ in source | recipient]
    used = {i for f in found for i in (f.supplier_id, f.recipient_id)}
    out: list[SupplyFlow] = []
    for entity, span, prep in on_prep:
        if prep.idx < end or entity.id in used:
            continue
        before = doc[prep.i - 1]
        # the preposition opens the clause right after the break, and the clause names no goods or trigger
        if prep.i <= _token_at(doc, end) or not (before.text in (";", ",") or before.dep_ == "cc") \
                or any(t.lemma_.lower() in lexicon.trigger_lemmas for t in doc[prep.i:sent.end]) \
                or any(e.type == "Good" and s2.start > prep.i for e, s2 in mentions):
            continue
        role = "supplier" if prep.lower_ in source else "recipient"
        # the clause echoes a party of the flows on the same preposition ("from Germany ...; from Italy")
        echoed = {e.id for e, s2, p2 in on_prep if p2.lower_ == prep.lower_ and s2.end_char <= end}
        start = min(f.evidence.start for f in found)
        evidence_span = doc.char_span(start, span.end_char, alignment_mode="expand")
        if evidence_span is None:
            continue
        evidence = evidence_for(annotated.article, evidence_span, SUPPLY_EXTRACTOR)
        for flow in found:
            if (flow.supplier_id if role == "supplier" else flow.recipient_id) not in echoed:
                continue
            supplier_id = entity.id if role == "supplier" else flow.supplier_id
            recipient_id = entity.id if role == "recipient" else flow.recipient_id
            if supplier_id == recipient_id or annotated.entity(supplier_id).type not in lexicon.supplier_types \
                    or annotated.entity(recipient_id).type not in lexicon.recipient_types:
                continue
            out.append(SupplyFlow.build(supplier_id, flow.good_id, recipient_id, evidence, via=flow.via,
                                        end_uses=flow.end_uses, period=flow.period, status=flow.status,
                                        good_name=flow.good_name))
        used.add(entity.id)
    return out


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token that starts at or after ``char``."""
    span = doc.char_span(char, len(doc.text), alignment_mode="expand")
    return span.start if span is not None else len(doc)


@dataclass
class _ArticleState:
    """What the article has said so far: its flows (for transit sentences and for roles the sentence leaves
    empty), how often each party sent or received, and where its companies are based."""

    homes: dict[str, str]
    memory: list[_Remembered] = field(default_factory=list)
    recipients: Counter[str] = field(default_factory=Counter)
    suppliers: Counter[str] = field(default_factory=Counter)
    #: goods found in a recipient's weapons with no maker named: (sentence, good ids, recipient id)
    unmade: tuple[int, tuple[str, ...], str] | None = None

    def reversed_from_context(self, supplier_id: str, recipient_id: str) -> bool:
        """Whether a flow would send goods from the article's usual recipient back to its usual supplier
        ("components are helping Russia keep its factories supplied" read as Russia -> China)."""
        return (self.recipients[supplier_id] > self.suppliers[supplier_id]
                and self.suppliers[recipient_id] > self.recipients[recipient_id])


def _company_anaphors(annotated: Annotated, sent: Span, mentions: Sequence[tuple[Entity, Span]],
                      lexicon: SupplyLexicon, homes: dict[str, str] | None = None) -> list[tuple[Entity, Span]]:
    """ "the firm", "the company": a bare definite noun refers back to the last company named before it.

    The noun must carry nothing but its determiner ("the Russian company" names a party of its own) and lie
    outside any name."""
    words = set(lexicon.company_anaphors)
    determiners = set(lexicon.anaphor_determiners)
    found: list[tuple[Entity, Span]] = []
    for token in annotated.tagged_tokens(sent):
        which = lexicon.pair_anaphors.get(token.lower_)
        if which is not None and token.i > 0 and token.doc[token.i - 1].lower_ == "the":
            # "the latter smuggled sensors": the second of the last two companies named, "the former" the first.
            named = list(dict.fromkeys(e for e, span in mentions if e.type == "Company" and span.end <= token.i))
            if len(named) >= 2:
                found.append((named[-1] if which == "second" else named[-2], token.doc[token.i:token.i + 1]))
            continue
        if token.tag_ == "NNS" and token.lemma_.lower() in words:
            found += _plural_anaphor(token, mentions, lexicon)
            continue
        if token.lower_ in lexicon.network_nouns and token.tag_ == "NN" and _bare_definite(token, determiners):
            leader = _network_leader(token, mentions, lexicon)
            if leader is not None:
                found.append((leader, token.doc[token.i:token.i + 1]))
            continue
        if token.lower_ not in words or token.tag_ != "NN":
            continue
        children = [c for c in token.children if c.dep_ != "case"]  # "the company's exports"
        if children and homes and any(c.dep_ == "det" and c.lower_ in determiners for c in children):
            homed = _homed_anaphor(token, children, mentions, homes, annotated)
            if homed is not None:
                found.append((homed, token.doc[token.i:token.i + 1]))
                continue
        if not children or any(c.dep_ != "det" or c.lower_ not in determiners for c in children):
            continue
        if any(span.start <= token.i < span.end for _, span in mentions):
            continue
        earlier = [(e, span) for e, span in mentions if e.type == "Company" and span.end <= token.i]
        if earlier:
            found.append((_antecedent(earlier, token), token.doc[token.i:token.i + 1]))
    return found + _pronoun_parties(annotated, sent, mentions, lexicon)


def _homed_anaphor(token: Token, children: Sequence[Token], mentions: Sequence[tuple[Entity, Span]],
                   homes: dict[str, str], annotated: Annotated) -> Entity | None:
    """ "the Hong Kong company", "the Turkish firm": a definite company noun whose only other modifier is a place
    or demonym refers back to the last company named before it that is based there; ``None`` where none is."""
    places = [c for c in children if c.dep_ in ("compound", "amod", "nmod")]
    if not places or len(places) + 1 < len(children):
        return None  # the determiner and the place, nothing more ("the largest Turkish firm" is another)
    at_token = {i: entity for entity, span in mentions for i in range(span.start, span.end)}
    home: str | None = None
    for child in places:
        entity = at_token.get(child.i)
        if entity is None or (found := _country_of(entity, annotated)) is None or home not in (None, found):
            return None
        home = found
    based = [e for e, span in mentions if e.type == "Company" and span.end <= token.i and homes.get(e.id) == home]
    return based[-1] if based else None


def _pronoun_parties(annotated: Annotated, sent: Span, mentions: Sequence[tuple[Entity, Span]],
                     lexicon: SupplyLexicon) -> list[tuple[Entity, Span]]:
    """ "It sold the motors to ...", "they shipped the parts on": a personal pronoun that is the active subject of
    a trading verb stands for the topic of its paragraph so far, among the entity types the lexicon allows it
    (``party_pronouns``, the first type preferred): the last clause subject of that type in this or the previous
    sentence, else the first of that type named in the nearest of them that names one. "They" after coordinated
    companies ("A and B bought ...") stands for each of them. A pronoun of a motion verb ("it reached Russia")
    is the goods, not a party."""
    found: list[tuple[Entity, Span]] = []
    for token in annotated.tagged_tokens(sent):
        kinds = lexicon.party_pronouns.get(token.lower_)
        if kinds is None or not ((token.dep_ == "nsubj" and _trades(token.head, lexicon, itself=True))
                                 or (token.dep_ == "nsubjpass" and _trades(token.head, lexicon, itself=False))
                                 or (token.dep_ == "poss" and _trade_noun(token.head, lexicon))):
            continue  # "it was shipped to Russia": the goods; "it is accused of supplying ...": the party
        if _reporter_pronoun(token, mentions, kinds, lexicon):
            continue
        window = _paragraph_before(token)
        for kind in kinds:
            earlier = [(e, span) for e, span in mentions if e.type == kind and span.start >= window.start
                       and span.end <= token.i]
            if not earlier:
                continue
            subjects = [m for m in earlier if _is_subject(m[1])]
            if subjects:
                chosen = max(subjects, key=lambda m: m[1].end)
            else:
                start, end = next((s, e) for s, e in reversed(_sentences_in(window, token))
                                  if any(s <= span.start < e for _, span in earlier))
                chosen = next(m for m in earlier if start <= m[1].start < end)
                if token.lower_ in ("they", "their"):
                    # "The Treasury designated A and B. They shipped ...": with no parse to say which, all the
                    # companies of that sentence
                    span = token.doc[token.i:token.i + 1]
                    found += [(e, span) for e in dict.fromkeys(e for e, other in earlier
                                                               if start <= other.start < end)]
                    break
            if token.dep_ == "poss" and chosen[1].start >= token.sent.start:
                break  # "Kazakhstan has seen a surge in its imports": the sentence names the party itself
            span = token.doc[token.i:token.i + 1]
            found.append((chosen[0], span))
            if token.lower_ not in ("it", "its"):
                conjuncts = set(chosen[1].root.conjuncts)
                found += [(e, span) for e, other in earlier if other.root in conjuncts and e.id != chosen[0].id]
            break
    return found


def _reporter_pronoun(token: Token, mentions: Sequence[tuple[Entity, Span]], kinds: Sequence[str],
                      lexicon: SupplyLexicon) -> bool:
    """Whether a pronoun subject of a reported clause stands for the one reporting it ("The ministry said it
    shipped ...", "Officials said they sold ..."): the governing verb's subject agrees in number and names no
    party of the kinds the pronoun may stand for, nor a named agency ("The Treasury said it shipped drones":
    an agency reports the trade of the company named before)."""
    verb = token.head
    if verb.dep_ != "ccomp" or verb.head == verb:
        return False
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > token.i:
        return False
    plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we")
    if plural != (token.lower_ != "it"):
        return False
    if subject.lemma_.lower() in lexicon.company_anaphors and not plural:
        return False  # "The company said it had sold ...": the company named before, as "the company" is
    named = next((e for e, span in mentions if span.start <= subject.i < span.end), None)
    return named is None or named.type not in (*kinds, "GovernmentAgency")


def _trade_noun(noun: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a noun is a trade noun a possessor sends or buys with ("its shipments", "their imports")."""
    return not _is_verb(noun) and _trade_direction(noun, lexicon) is not None


def _trades(verb: Token, lexicon: SupplyLexicon, itself: bool) -> bool:
    """Whether a verb (where ``itself``), or a verb it governs ("began to ship", "is accused of supplying"), sends,
    buys or moves goods on as a party does (not a motion verb, whose subject is the goods)."""
    chain = [*([verb] if itself else []), *(c for c in verb.children if c.dep_ in ("xcomp", "conj")),
             *(g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp")]
    return any(_is_verb(v) and _trade_direction(v, lexicon) is not None for v in chain)


def _sentences_in(window: Span, token: Token) -> list[tuple[int, int]]:
    """The token ranges of the sentences a :func:`_paragraph_before` window of ``token`` covers, in order."""
    current = token.sent
    if window.start < current.start:
        previous = token.doc[window.start].sent
        return [(previous.start, previous.end), (current.start, current.end)]
    return [(current.start, current.end)]


def _paragraph_before(token: Token) -> Span:
    """The previous sentence and the current one up to ``token``, within the token's paragraph (the sentence
    split cuts at every line break, so a sentence never spans two paragraphs)."""
    doc = token.doc
    current = token.sent
    start = current.start
    if start > 0:
        previous = doc[start - 1].sent
        between = doc.text[previous.end_char:current.start_char] if previous.end <= start else ""
        if "\n" not in between and not previous.text.isspace() and "\n" not in previous.text.strip():
            start = previous.start
    return doc[start:token.i]


def _bare_definite(token: Token, determiners: set[str]) -> bool:
    """Whether a noun carries nothing but a definite determiner ("the network", not "a network in Dubai")."""
    children = list(token.children)
    return bool(children) and all(c.dep_ == "det" and c.lower_ in determiners for c in children)


def _network_leader(token: Token, mentions: Sequence[tuple[Entity, Span]], lexicon: SupplyLexicon) -> Entity | None:
    """ "the network": the person said, earlier in the article, to lead a network ("the network is led by Pieter
    Van Dam", "a smuggling ring run by ..."), the last one so named; the network's trade is theirs."""
    nouns = set(lexicon.network_nouns)
    verbs = set(lexicon.leader_verbs)
    leader: Entity | None = None
    for entity, span in mentions:
        if span.start >= token.i:
            break
        if entity.type != "Person":
            continue
        by = span.root.head
        if span.root.dep_ != "pobj" or by.dep_ != "agent" or by.head.lemma_.lower() not in verbs:
            continue
        verb = by.head
        led = [c for c in verb.children if c.dep_ == "nsubjpass"] + ([verb.head] if verb.dep_ == "acl" else [])
        if any(n.lemma_.lower() in nouns for n in led):
            leader = entity
    return leader


def _plural_anaphor(token: Token, mentions: Sequence[tuple[Entity, Span]],
                    lexicon: SupplyLexicon) -> list[tuple[Entity, Span]]:
    """ "the two Turkish companies", "both firms": a counted plural company noun refers back to as many
    companies, the last ones named before it; each stands on the noun's span. Without a count ("the
    companies") it refers to the companies named together just before it (see :func:`_named_group`)."""
    counts = lexicon.anaphor_counts
    count: int | None = None
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("det", "predet", "preconj", "nummod") and word in counts:
            count = counts[word]
        elif child.dep_ == "nummod" and word.isdigit():
            count = int(word)
        elif child.dep_ not in ("det", "amod", "compound") or (child.dep_ == "det" and
                                                               word not in lexicon.anaphor_determiners):
            return []  # "two companies in Dubai", "some firms": a new party, or none we can name
    if any(span.start <= token.i < span.end for _, span in mentions):
        return []
    if count is None:
        return _named_group(token, mentions)
    if count < 2:
        return []
    named = list(dict.fromkeys(e for e, span in mentions if e.type == "Company" and span.end <= token.i))
    if len(named) < count:
        return []
    span = token.doc[token.i:token.i + 1]
    return [(entity, span) for entity in named[-count:]]


def _named_group(token: Token, mentions: Sequence[tuple[Entity, Span]]) -> list[tuple[Entity, Span]]:
    """ "the companies", "these firms" with no count: the companies named together just before, those of the
    nearest sentence of the paragraph (this one up to the noun, else the previous one) that names two or more
    and the noun's own determiner is definite."""
    if not any(c.dep_ == "det" for c in token.children):
        return []  # "companies in Dubai": new parties
    window = _paragraph_before(token)
    span = token.doc[token.i:token.i + 1]
    for start, end in reversed(_sentences_in(window, token)):
        named = list(dict.fromkeys(e for e, s in mentions if e.type == "Company" and start <= s.start
                                   and s.end <= min(end, token.i)))
        if len(named) >= 2:
            return [(entity, span) for entity in named]
    return []


def _antecedent(earlier: Sequence[tuple[Entity, Span]], anaphor: Token) -> Entity:
    """The company an anaphor refers to: the last one that was a clause's subject in this or the previous
    sentence (the topic: "Acme sold bearings to Beta LLC. The firm also shipped ..."), else the last named."""
    sentences = [s for s in anaphor.doc.sents if not s.text.isspace()]
    index = next((n for n, s in enumerate(sentences) if s.start <= anaphor.i < s.end), 0)
    window_start = sentences[max(index - 1, 0)].start
    subjects = [m for m in earlier if m[1].start >= window_start and _is_subject(m[1])]
    return max(subjects or earlier, key=lambda m: m[1].end)[0]


def _company_homes(annotated: Annotated, mentions: Sequence[tuple[Entity, Span]],
                   lexicon: SupplyLexicon) -> tuple[dict[str, str], set[int]]:
    """The country each named company is based in, and the token starts of the place mentions that only say
    so ("Bishkek-based Altyn Trade LLC": Bishkek is where the company sits, not a party of its own).

    A company's home is read from a "<place>-based" modifier, a place or country inside its name
    ("Shenzhen Hongtu Electronics"), or a demonym or country in an apposition ("a second Chinese supplier,
    Jiangsu Ruifeng ...", "Lucky Harbour Electronics Limited, a Hong Kong company").
    """
    doc = annotated.doc
    ending = {span.end: (entity, span) for entity, span in mentions}
    at_token = {i: (entity, span) for entity, span in mentions for i in range(span.start, span.end)}
    homes: dict[str, str] = {}
    attributes: set[int] = set()
    companies = {i for entity, span in mentions if entity.type == "Company" for i in range(span.start, span.end)}
    for entity, span in mentions:
        # "TSMD Global, a Delhi-based firm", "Russia-based Unimatik": the place says where a named company
        # sits and is no party ("UAE-based firms", unnamed, still stand for the country).
        if entity.type in ("Country", "Place") and span.end + 1 < len(doc) and doc[span.end].text in _HYPHENS \
                and doc[span.end + 1].lower_ == "based":
            modified = doc[span.end + 1].head
            if modified.i in companies or (modified.dep_ == "appos" and modified.head.i in companies):
                attributes.add(span.start)
    for entity, span in mentions:
        if entity.type != "Company":
            continue
        home: str | None = None
        start = span.start
        if start >= 2 and doc[start - 1].lower_ == "based" and doc[start - 2].text in _HYPHENS:
            place = ending.get(start - 2)
            if place is not None and place[0].type in ("Country", "Place"):
                attributes.add(place[1].start)
                home = _country_of(place[0], annotated)
        if home is None:
            home = _country_in_name(span, annotated)
        if home is None:
            home = _appositive_country(span, at_token, annotated)
        if home is None:
            home = _written_apposition_country(span, ending, annotated, lexicon)
        if home is None:
            home = _placed_in_country(span, ending, annotated, lexicon)
        if home is not None:
            homes.setdefault(entity.id, home)
    return homes, attributes


def _country_of(entity: Entity, annotated: Annotated) -> str | None:
    if entity.type == "Country":
        return entity.id
    if entity.type == "Place" and entity.country:
        country = f"country:{entity.country}"
        return country if country in annotated.gazetteer.entities else None
    return None


def _country_in_name(span: Span, annotated: Annotated) -> str | None:
    words = [t.text for t in span]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            found = annotated.gazetteer.lookup(" ".join(words[i:i + size]), ("Country", "Place"))
            home = _country_of(found, annotated) if found is not None else None
            if home is not None:
                return home
    return None


def _appositive_country(span: Span, at_token: dict[int, tuple[Entity, Span]], annotated: Annotated) -> str | None:
    root = span.root
    near: list[Token] = []
    if root.dep_ == "appos":
        near += [t for t in root.head.lefts if t.dep_ in ("amod", "compound", "nmod")]
    # "Kazakh distributor Steppe Components": a demonym on the noun in front of the name
    near += [t for t in root.subtree if t.i < span.start and t.dep_ in ("amod", "compound", "nmod")]
    for child in root.children:
        if child.dep_ == "appos":
            near += [t for t in child.subtree if t.i < child.i]
    for token in near:
        if token.i in at_token and token.i not in range(span.start, span.end):
            home = _country_of(at_token[token.i][0], annotated)
            if home is not None:
                return home
    return None


def _written_apposition_country(span: Span, ending: dict[int, tuple[Entity, Span]], annotated: Annotated,
                                lexicon: SupplyLexicon) -> str | None:
    """The country of "<name>, a Hong Kong company" read from the words, for a sentence the parser did not read:
    a comma, an article, a place or demonym and an unnamed-party noun right after the name."""
    doc = span.doc
    at = span.end
    if at + 3 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ not in ("a", "an"):
        return None
    place = next(((e, s) for e, s in ending.values() if s.start == at + 2), None)
    if place is None or place[1].end >= len(doc) \
            or doc[place[1].end].lower_ not in lexicon.unnamed_parties:
        return None
    return _country_of(place[0], annotated)


def _placed_in_country(span: Span, ending: dict[int, tuple[Entity, Span]], annotated: Annotated,
                       lexicon: SupplyLexicon) -> str | None:
    """The country of "<name>, located in Dubai," or "<name>, registered in Hong Kong,": a comma, a placement
    participle, "in" and a place right after the name."""
    doc = span.doc
    at = span.end
    if at + 3 >= len(doc) or doc[at].text != "," or doc[at + 1].lemma_.lower() not in lexicon.placement_participles \
            or doc[at + 2].lower_ != "in":
        return None
    start = at + 4 if doc[at + 3].lower_ == "the" else at + 3  # "registered in the United Arab Emirates"
    place = next(((e, s) for e, s in ending.values() if s.start == start), None)
    return _country_of(place[0], annotated) if place is not None else None


def _segments(doc: Doc, text: str) -> Iterator[Span]:
    """Sentences, cut again at line breaks: the parser runs a headline or a list heading into the next
    line's sentence, and a flow is never stated across them. ``text`` is the doc's text."""
    for sent in doc.sents:
        start = sent.start
        if "\n" not in text[sent.start_char:sent.end_char]:  # most sentences: no need to read each token
            yield doc[start:sent.end]
            continue
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start:token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _mentions(annotated: Annotated) -> list[tuple[Entity, Span]]:
    doc = annotated.doc
    out: list[tuple[Entity, Span]] = []
    for mention in annotated.findings.mentions:
        span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append((annotated.entity(mention.entity_id), span))
    return out


def _triggers(annotated: Annotated, sent: Span, lexicon: SupplyLexicon) -> Iterator[tuple[Token, Direction]]:
    """The trigger words of a sentence and the direction each opens, in text order: the cue patterns of
    ``supply_patterns.yaml`` (see there what each family marks), run on the parsed words only. Kept here is
    what a pattern cannot say: the order in which the families take a word, a word's direction (its lemma
    with a split "re-" prefix put back) and the tests noted below."""
    tagged = annotated.tagged_tokens(sent)
    if not tagged:
        return  # a sentence the gate left unparsed has no trigger
    doc = sent.doc
    hits = lexicon.cues.find(doc[tagged[0].i:tagged[-1].i + 1])
    anchors = sorted({i for family in hits.values() for i in family})
    for i in anchors:
        token = doc[i]
        if i in hits["destination"]:
            if i in hits["destined"]:
                yield token, "transit"  # "destined for Russia": the sentence's goods go on
            continue
        # _is_verb's exception (a "-s" verb the parser hung as a noun) is a negated conjunction of three
        # attributes, which one token pattern cannot say
        if i in hits["outfits"] and _is_verb(token):
            yield token, "end_use"  # "Russia equips its drones with Chinese engines"
            continue
        # the found participle is looked for in the share verb's subtree, right of the verb, and "make" needs its
        # "up": the pattern finds the share verb with a noun subject, _found_share_participle (which also gives
        # the goods their participle) the rest
        if i in hits["share_verb"] and _found_share_participle(token, lexicon) is not None:
            yield token, "end_use"  # "US-made components accounted for most of the parts found in Russian drones"
            continue
        if i in hits["made_passive"] and _is_verb(token):
            # "the chips in the Russian missiles were made in the United States": where the goods come from,
            # said of goods found in the recipient's weapons.
            yield token, "end_use"
            continue
        if i in hits["origin_copula"]:
            yield token, "end_use"  # "most of the parts were of US origin"
            continue
        perfect = hits["perfect"].get(i)
        # a pattern is a tree: it cannot also say that the object's head is the word right before the participle
        if perfect is not None and perfect["have"].i == i - 1:
            # "is believed to have supplied engines": the parser made "have" the verb and "supplied" the
            # goods' adjective; "have" stands where the verb's arguments hang
            direction = lexicon.direction(_trigger_key(token), noun=False)
            if direction is not None:
                yield perfect["have"], direction
            continue
        # a participle as the goods' adjective is a trigger only where _misparsed_finite says the parser misread
        # a finite verb: a bound on the distance to the goods and a test of every word between them
        if i not in hits["trigger"] and not (i in hits["trigger_amod"] and _misparsed_finite(token, lexicon)):
            continue
        direction = lexicon.direction(_trigger_key(token), noun=not _is_verb(token))
        if direction is None:
            continue
        if direction == "out" and _is_verb(token) and i in hits["onward"]:
            direction = "transit"  # "sent on to Russia": goods already sent somewhere move on
        # a pattern finds what is there, not what is missing: a motion verb that needs a route and has none
        if direction == "motion" and _is_verb(token) and i in hits["needs_route"] and i not in hits["routed"]:
            continue
        yield token, direction


def _holding_words(trigger: Token, lexicon: SupplyLexicon) -> frozenset[str]:
    """The prepositions whose object is an end-use trigger's goods: "with" ("packed with", "equips its drones
    with"), "by" ("powered by Chinese engines"); none for other triggers."""
    lemma = trigger.lemma_.lower()
    if lemma in (*lexicon.container_passives, *lexicon.outfit_verbs):
        return frozenset(lexicon.prepositions.partner)
    if lemma in lexicon.powered_passives:
        return frozenset(lexicon.prepositions.agent)
    return frozenset()


def _holds_with(trigger: Token, lexicon: SupplyLexicon) -> bool:
    """Whether an end-use trigger's goods are the object of one of its prepositions (see _holding_words)."""
    return bool(_holding_words(trigger, lexicon))


def _sentence_flows(annotated: Annotated, lexicon: SupplyLexicon, sent: Span, index: int,
                    mentions: Sequence[tuple[Entity, Span]], goods: Sequence[tuple[Entity, Span]],
                    triggers: Sequence[tuple[Token, Direction]], state: _ArticleState,
                    explicit: bool = False) -> Iterator[SupplyFlow]:
    """The flows of one sentence; ``explicit`` (a headline) keeps only those whose parties both come from
    the parse."""
    frames = {token.i: _Frame(token, direction) for token, direction in triggers}
    # with the participle of a misread perfect, which names the motion and no goods ("have supplied engines")
    trigger_tokens = set(frames) | {t.i for t in sent if t.head.head.i in frames and _misread_perfect(t) is not None}
    parties = {t.i for e, span in mentions if lexicon.may_trade(e) for t in span}
    goods = _widened(goods, trigger_tokens, parties, annotated.lexicons, lexicon.party_nouns)
    _note_goods(annotated, goods)
    good_tokens = {t.i for _, span in goods for t in span}
    for entity, span in goods:
        if _inside_name(span):
            continue  # a word inside a name ("Hongtu Electronics Co.")
        if _purpose_of_goods(span, good_tokens, lexicon):
            continue  # "engines for attack drones": the drones are what the engines are for
        if _trade_of_party(span, trigger_tokens, lexicon):
            continue  # "sold motors to Vostok, a maker of military radios": what the party makes, not moved
        if span.end < len(span.doc) and span.doc[span.end].tag_.startswith("NN") \
                and span.doc[span.end].lemma_.lower() in lexicon.party_nouns:
            continue  # "shell companies", "drone makers": the word says what kind of party, it moves nothing
        if _modifies_an_activity(span, annotated.lexicons.goods_terms):
            continue  # "components for its drone program": the program is about drones, it moves none
        entity = _same_as_before(entity, span, annotated, lexicon)  # "the same machines": washing machines
        frame = _nearest_frame(span, frames.values(), lexicon, parties)
        if frame is not None:
            frame.goods.append((entity, span))
    for frame in frames.values():
        if frame.direction != "cooperation":
            # Goods no gazetteer knows, also beside known ones ("imported lab chemicals and test equipment").
            heads = {span.root.i for _, span in frame.goods}
            frame.goods += _open_goods(frame, lexicon, parties | trigger_tokens, good_tokens | heads,
                                       annotated.lexicons)
            _note_goods(annotated, frame.goods)
            if any(e.kind != "category" for e, _ in frame.goods):
                # "equipment exports, particularly excavators", "rifles and other items": the category is the
                # umbrella of the items named with it.
                frame.goods = [(e, span) for e, span in frame.goods if not _umbrella(e, span, annotated.lexicons)]
            good_tokens |= {t.i for _, span in frame.goods for t in span}
    placed = [_place(entity, span, trigger_tokens, good_tokens, lexicon) for entity, span in mentions
              if lexicon.may_trade(entity) and not _dateline(span, sent)]
    # A trigger word that moves no goods ("items that could be used for military purposes") does not cut
    # a route phrase off from the trigger that does.
    moving = {i for i, f in frames.items() if f.goods or f.direction == "transit"}
    end_uses = tuple(dict.fromkeys(e.id for e, _ in mentions if e.type == "EndUse"))
    fielded = _fielded(annotated, sent, mentions, lexicon)
    recent = [r.flow for r in state.memory if index - r.sentence <= _MEMORY_SENTENCES]
    # Transit frames last: "exports to Kyrgyzstan rose, and the bearings were re-exported to Russia" continues
    # a flow of the same sentence.
    for frame in sorted(frames.values(), key=lambda f: f.direction == "transit"):
        if not frame.goods and frame.direction != "transit":
            frame.goods = _anaphoric_goods(frame.trigger, recent, annotated, lexicon)
        carried: str | None = None  # the recipient of goods found in an earlier sentence, said to be made here
        if not frame.goods and frame.direction in ("end_use", "motion"):
            frame.goods, carried = _unmade_goods(frame.trigger, state, index, annotated, lexicon)
            if carried is not None:
                frame.direction = "end_use"  # "Most of them came from American firms": who made them
        if frame.direction == "motion" and _share_comes_from(frame.trigger, lexicon):
            # "300 came from US firms", "others came from Japan": where a share of goods found comes from, said
            # of goods found in weapons, never a trade to whichever country the article names most
            frame.direction = "end_use"
        hub = _hub_flows(annotated, lexicon, frame, placed, end_uses) if frame.goods else []
        if hub:
            # "Georgia has become a hub for the re-export of cars from Europe": the goods come to the hub
            recent += hub
            yield from hub
            continue
        if frame.direction == "transit":
            if explicit or (_trigger_key(frame.trigger) in lexicon.transit_needs_goods and not frame.goods
                            and not _coordinated_with_goods(frame.trigger, frames)
                            and not (recent and _moves_a_pronoun(frame.trigger))):
                continue
            found = list(_transit_flows(annotated, lexicon, frame, placed, recent, end_uses, trigger_tokens, state))
            recent += found
            yield from found
            continue
        if not frame.goods:
            if frame.direction in ("motion", "out") and recent:
                found = list(_rerouted(annotated, lexicon, frame, placed, recent))
                recent += found
                yield from found
            continue
        roles = _roles(frame, placed, lexicon, moving | {frame.trigger.i})
        if frame.direction == "end_use" and roles.recipient is None and carried is None:
            # "found in the Kh-101 cruise missile": a weapon system one state fields is that state's
            roles.recipient = _in_fielded_system(fielded, frame, lexicon)
            if roles.recipient is None and roles.supplier is None:
                # "the missile contained 290 foreign components": kept for a next sentence naming their makers
                roles.recipient = _article_weapon(frame, annotated, lexicon, state, None)
        if not roles.anchored or (explicit and (roles.supplier is None or roles.recipient is None)):
            continue
        if frame.direction == "end_use":
            if carried is None and roles.recipient is None and roles.supplier is not None:
                # "... found hundreds of parts in Russian drones. Most of the parts were of US origin."
                carried = _found_before(frame, state, index, lexicon) or _weapon_owner_nearby(
                    sent, annotated, lexicon, exclude=roles.supplier.entity.id)
            if carried is not None and roles.recipient is None and roles.supplier is not None:
                # "... found 300 components in Russian drones. Most of them were made by American companies."
                maker = _party_id(roles.supplier, annotated, lexicon)  # "Shenzhen factories": China
                found = [] if maker == carried else list(
                    _emit(annotated, lexicon, frame, maker, carried, (), roles, end_uses))
                for other in _coordinated(roles.supplier, placed):  # "others came from Japan and Germany"
                    if other.entity.id != carried:
                        found += _emit(annotated, lexicon, frame, other.entity.id, carried, (),
                                       roles.with_parties(supplier=other), end_uses)
            else:
                if roles.recipient is None and roles.supplier is not None:
                    # "The missile contained chips made by US companies": the weapon the article is about
                    roles.recipient = _article_weapon(frame, annotated, lexicon, state, roles.supplier.entity.id)
                found = list(_end_use_flows(annotated, lexicon, frame, roles, placed, recent, end_uses,
                                            state, index))
            recent += found
            yield from found
            continue
        # "bought the parts in Germany and shipped them to Acme", "shipped to Kazakhstan, from where they were
        # moved to Russia": where another word of the sentence sends goods does not send this frame's goods
        onward = {p.entity.id for p in placed if p.marker in lexicon.prepositions.recipient
                  and p.governor != frame.trigger and (p.governor.i in frames or p.governor.pos_ == "VERB")}
        supplier = roles.supplier or _sentence_party(placed, roles, lexicon, prefer=("origin", "possessor"),
                                                     exclude_ids=_punishers(frame.trigger, placed) | onward)
        supplier_id = _party_id(supplier, annotated, lexicon) if supplier else (
            None if _unread_named_subject(frame.trigger, placed) else _remembered_supplier(recent))
        co_suppliers = _coordinated(supplier, placed, frame.trigger)  # "from Europe and America"
        # Never the supplier's own country as its recipient ("a Chinese supplier, Jiangsu ..., sold ...").
        own = {supplier_id, state.homes.get(supplier_id or ""), *(p.entity.id for p in co_suppliers)}
        roles.recipient = roles.recipient or _attached_recipient(frame.trigger, placed, lexicon, trigger_tokens, own)
        preferred = ("possessor", "owner", "for", *lexicon.prepositions.recipient)
        # Nor a party said to be where goods are from ("..., while the capacitors were of Japanese origin").
        origins = _stated_origins(frame, placed, lexicon)
        recipient = roles.recipient or _sentence_party(placed, roles, lexicon, prefer=preferred,
                                                       exclude=supplier, exclude_ids=own | origins,
                                                       avoid=lexicon.prepositions.source)
        # Nor a place the goods come from ("exported chips from the United States to ..."), whatever the
        # article names most.
        sources = {p.entity.id for p in placed if p.marker in lexicon.prepositions.source}
        # Nor a party the goods are used against ("used against Ukrainian cities").
        scenes = {p.entity.id for p in placed if p.marker in lexicon.prepositions.hostile}
        # A sentence that names no recipient has none: the article's most named recipient or country is a
        # guess that the development corpus and the seeds never bore out ("grain exports from Ukrainian
        # ports" in an article about Russia).
        recipient_id = _party_id(recipient, annotated, lexicon) if recipient else (
            _named_in_passing(sent, annotated, exclude={*own, *sources, *scenes, *origins,
                                                        *(p.entity.id for p in roles.via)}))
        if supplier_id is None or recipient_id is None or supplier_id == recipient_id:
            continue
        if roles.recipient is None and state.reversed_from_context(supplier_id, recipient_id):
            continue
        # The evidence reaches the parties named in the sentence, whichever rule chose them.
        roles = roles.with_parties(supplier=supplier, recipient=recipient)
        via = tuple(dict.fromkeys(p.entity.id for p in roles.via
                                  if p.entity.id not in (supplier_id, recipient_id)))
        if not via and _names_unnamed_intermediary(frame.trigger, lexicon):
            via = _remembered_via(recent, supplier_id, recipient_id, {e.id for e, _ in frame.goods})
        found = list(_emit(annotated, lexicon, frame, supplier_id, recipient_id, via, roles, end_uses))
        for other in co_suppliers:  # each flow's evidence reaches its own party
            found += _emit(annotated, lexicon, frame, other.entity.id, recipient_id, via,
                           roles.with_parties(supplier=other), end_uses)
        for other in _coordinated(recipient, placed):
            if other.entity.id not in own:
                found += _emit(annotated, lexicon, frame, supplier_id, other.entity.id, via,
                               roles.with_parties(recipient=other), end_uses)
        # "to Russian companies, including Kestrel Aero LLC", "from Chinese suppliers, including Orbital Parts"
        for member in _named_members(frame.trigger, recipient, placed, lexicon, lexicon.prepositions.recipient,
                                     objects=True):
            if member.entity.id not in own and member.entity.id != recipient_id:
                found += _emit(annotated, lexicon, frame, supplier_id, member.entity.id, via,
                               roles.with_parties(recipient=member), end_uses)
        for member in _named_members(frame.trigger, supplier, placed, lexicon, lexicon.prepositions.source):
            if member.entity.id not in (supplier_id, recipient_id):
                found += _emit(annotated, lexicon, frame, member.entity.id, recipient_id, via,
                               roles.with_parties(supplier=member), end_uses)
        recent += found
        yield from found


def _stated_origins(frame: _Frame, placed: Sequence[_Placed], lexicon: SupplyLexicon) -> set[str]:
    """The parties a sentence names as where goods come from: the origin of the frame's goods ("Chinese chips"),
    an origin noun's ("of Japanese origin") or an origin participle's ("made in Japan") party."""
    spans = [span for _, span in frame.goods]
    found = {p.entity.id for p in placed if p.marker == "origin" and any(p.governor in s for s in spans)}
    # and the maker of the weapon that is the trigger's subject ("Iranian-designed drones ... rely on ...")
    found |= {p.entity.id for p in placed if p.marker == "origin" and p.governor.dep_ in _SUBJECTS
              and p.governor.head == frame.trigger and p.governor.lemma_.lower() in lexicon.weapon_nouns}
    found |= {p.entity.id for p in placed
              if p.marker == "of" and p.span.root.head.lemma_.lower() in lexicon.origin_nouns}
    found |= {p.entity.id for p in placed if p.marker in lexicon.prepositions.origin
              and p.governor.lemma_.lower() in lexicon.origin_participles}
    return found


#: Dashes that close a dateline ("KYIV — Russian drones ...").
_DATELINE_DASHES = frozenset({"\u2014", "\u2013", "--"})


def _dateline(span: Span, sent: Span) -> bool:
    """Whether a place opens its sentence as a dateline ("KYIV — ...", "Kyiv, Ukraine — ..."): where the report
    was filed, no party (the parser hangs it on the next noun as a modifier)."""
    if span.start - sent.start > 1:
        return False
    doc = span.doc
    for token in doc[span.end:min(span.end + 4, sent.end)]:
        if token.text in _DATELINE_DASHES:
            return True
        if not (token.pos_ == "PROPN" or token.text == ","):
            return False
    return False


def _named_members(trigger: Token, party: _Placed | None, placed: Sequence[_Placed], lexicon: SupplyLexicon,
                   prepositions: Iterable[str], objects: bool = False) -> list[_Placed]:
    """Named examples of an unnamed party on one of the trigger's route ``prepositions`` (or, with ``objects``,
    its object): "supplied chips to Russian companies, including Kestrel Aero LLC and Vostok Avia JSC",
    "received motors from Chinese suppliers, including Orbital Parts": each of them takes the role too. The
    phrase hangs on the trigger or where the role's ``party`` hangs (a misread trigger)."""
    routes = set(prepositions)
    governors = {trigger, *([party.governor] if party is not None else [])}
    out: list[_Placed] = []
    for p in placed:
        noun = p.governor
        if p.marker not in lexicon.example_words or p.entity.type not in _ORGANISATIONS \
                or noun.lemma_.lower() not in lexicon.unnamed_parties:
            continue
        if (noun.dep_ == "pobj" and noun.head.lower_ in routes and noun.head.head in governors) \
                or (objects and noun.dep_ in ("dobj", "dative") and noun.head == trigger):
            out.append(p)  # "supplied end users, including ..., with chips": the object
    return out


def _party_id(party: _Placed, annotated: Annotated, lexicon: SupplyLexicon) -> str:
    """The id a role takes from its party: a city stands for its country ("shipped from Shanghai": China),
    and so does a province or region naming an unnamed firm's home ("a Shenzhen company sold ...", "a
    company based in Shenzhen", "a buyer in Kazan"); any other party stands for itself."""
    root = party.span.root
    if party.entity.type != "Place":
        return party.entity.id
    if party.entity.kind == "City":
        return _country_of(party.entity, annotated) or party.entity.id
    noun: Token | None = None
    if root.dep_ in _MODIFIERS:
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "in":
        noun = root.head.head
        if noun.lower_ == "based" and noun.dep_ in ("acl", "amod"):
            noun = noun.head
    if noun is not None and noun.lemma_.lower() in lexicon.party_nouns:
        return _country_of(party.entity, annotated) or party.entity.id
    return party.entity.id


def _coordinated(party: _Placed | None, placed: Sequence[_Placed], trigger: Token | None = None) -> list[_Placed]:
    """The parties coordinated with one that fills a role ("from Europe and America", "to Iran and Russia"):
    they hang the same way from the same token, and the parse joins them with a conjunction. A relative clause
    holding the ``trigger`` on the party is said of that party alone ("A, B and C Ltd, which shipped ...")."""
    if party is None:
        return []
    root = party.span.root
    if trigger is not None and any(c.dep_ == "relcl" and (c == trigger or c in trigger.ancestors)
                                   for c in root.children):
        return []
    return [p for p in placed if p is not party and p.marker == party.marker and p.governor == party.governor
            and p.entity.id != party.entity.id
            # "the two companies" stands for both of the companies named before it, on one span
            and (p.span.root in root.conjuncts or (p.span == party.span and p.entity.type == party.entity.type))]


def _widened(goods: Sequence[tuple[Entity, Span]], triggers: set[int], parties: set[int],
             lexicons: ArticleLexicons, party_nouns: frozenset[str] = frozenset()) -> list[tuple[Entity, Span]]:
    """Gazetteer goods read as the whole goods phrase they head or modify: "thermal optical sights" is
    narrower than "optical sights", "microelectronics equipment" is equipment, not microelectronics."""
    terms = lexicons.goods_terms
    vocabulary = lexicons.goods_vocabulary
    gazetteer = vocabulary.gazetteer
    out: list[tuple[Entity, Span]] = []
    for entity, span in goods:
        root = span.root
        head = root
        if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and root.head.i >= span.end \
                and root.head.i not in triggers and root.head.i not in parties \
                and root.head.lower_ not in terms.containers and root.head.lower_ not in terms.never_goods \
                and root.head.lemma_.lower() not in party_nouns:  # "munitions plants" are no goods
            head = root.head
        phrase = phrase_of(head, terms, gazetteer, parties | triggers)
        if phrase is None or (phrase[1].start >= span.start and phrase[1].end <= span.end):
            out.append((entity, span))
            continue
        words, wide = phrase
        out.append((vocabulary.good(words), wide))
    return out


def _open_goods(frame: _Frame, lexicon: SupplyLexicon, skip: set[int], taken: set[int],
                lexicons: ArticleLexicons) -> list[tuple[Entity, Span]]:
    """Goods no gazetteer knows, read from the frame's goods role (see :mod:`ingest.extract.goods_phrases`)."""
    terms = lexicons.goods_terms
    vocabulary = lexicons.goods_vocabulary
    trigger = frame.trigger
    verb = _is_verb(trigger)
    passive = verb and any(c.dep_ == "auxpass" for c in trigger.children)
    found: list[tuple[Entity, Span]] = []
    anaphors = set(lexicon.goods_anaphors)
    markers = set(lexicon.goods_anaphor_markers)
    parties = lexicon.party_nouns
    if verb and any(c.dep_ == "prep" and c.lower_ in lexicon.prepositions.partner for c in trigger.children):
        # "supplying Russia's military with gyroscopes": with goods after "with", the object is the recipient,
        # read as a party is
        skip = skip | {c.i for c in trigger.children if c.dep_ == "dobj"}
    if frame.direction == "end_use" and _found_share_participle(trigger, lexicon) is not None:
        heads = [m for c in trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i not in skip
                 for m in (c, *c.conjuncts)]  # the share's subject is the goods
    elif frame.direction == "end_use" and _holds_with(trigger, lexicon):
        holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")
                              and trigger.lemma_.lower() in lexicon.outfit_verbs)]
        words = _holding_words(trigger, lexicon)
        heads = [m for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in words
                 for g in c.children if g.dep_ == "pobj" for m in (g, *g.conjuncts) if m.i not in skip]
    elif frame.direction == "end_use" and _origin_predicate(trigger, lexicon):
        # "most of the parts were of US origin": the goods are the copula's subject (or what a share of it is of)
        heads = _share_goods_heads(trigger, lexicon, skip) or [
            c for c in trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i not in skip]
    else:
        heads = list(goods_heads(trigger, frame.direction, verb, passive, terms, skip,
                                 _misparsed_finite(trigger, lexicon) or _misread_progressive(trigger)))
    if frame.direction in ("motion", "end_use"):
        heads += [h for h in _share_goods_heads(trigger, lexicon, skip) if h not in heads]
    if frame.direction == "end_use" and not heads and (
            trigger.dep_ == "xcomp" or (trigger.dep_ == "conj" and _misread_participle(trigger.head, lexicon))) \
            and trigger.lemma_.lower() not in lexicon.end_use_users \
            and not any(c.dep_ in _SUBJECTS for c in trigger.children):
        # "Western components continue to be found in Russian weapons": the subject of the verb it complements
        heads = [m for c in trigger.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i not in skip
                 for m in (c, *c.conjuncts)]
    if verb and trigger.lemma_.lower() in lexicon.reliance_verbs:
        # "relies on Western components", "depends on Chinese suppliers for parts": what is relied on, where it
        # names its origin, or what the supplier is relied on for
        relied = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in lexicon.prepositions.reliance
                  for g in c.children if g.dep_ == "pobj"]
        own = [g for g in relied if g.i not in skip and g.lemma_.lower() not in lexicon.party_nouns
               and _origin_marked(g, lexicon, skip)]
        heads += own
        heads += [g for a in (trigger, *relied) if not own for c in a.children if c.dep_ == "prep"
                  and c.lower_ in lexicon.prepositions.reliance_goods for g in c.children
                  if g.dep_ == "pobj" and g.i not in skip and g.lemma_.lower() not in lexicon.party_nouns]
    if trigger.lower_ in lexicon.destination_words and trigger.dep_ == "acl" and trigger.head not in heads:
        heads.append(trigger.head)  # "gyroscopes bound for Russia": the goods are the noun it describes
    if verb and not passive:
        # "exported military supplies": a noun that measures goods ("a supply of") and names a category of
        # goods is the goods themselves when no "of" follows it.
        heads += [c for c in trigger.children if c.dep_ == "dobj" and c not in heads and c.i not in skip
                  and c.lower_ in terms.containers and c.lower_ in terms.categories
                  and not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)]
    for head in heads:
        if head.i in taken or ({head.lower_, head.lemma_.lower()} & anaphors
                               and any(c.lower_ in markers for c in head.children)):
            continue  # "the same goods", "these products": known goods, read by _anaphoric_goods
        if head.lemma_.lower() in parties:
            continue  # "to shell enterprises", "market researchers": a party noun, never the goods
        if head.lower_ in lexicon.remainder_words:
            continue  # "others came from Japan": the rest of goods named before (see _unmade_goods)
        phrase = _distributed(head) or phrase_of(head, terms, vocabulary.gazetteer, skip)
        if phrase is None:
            continue
        good = vocabulary.good(phrase[0])
        if good.origin == "gazetteer" or _goods_noun(good, terms):
            found.append((good, phrase[1]))
    return found


def _umbrella(good: Entity, span: Span, lexicons: ArticleLexicons) -> bool:
    """Whether a category good named beside items only gathers them: a category noun with no modifier
    that names goods itself ("equipment exports, particularly excavators", "high-tech military components,
    including avionics"), or one after "other" ("rifles and other items"). A category named by goods of
    its own is goods too ("electronics technology, including computer chips")."""
    if good.kind != "category":
        return False
    if _after_other(span):
        return True
    gazetteer = lexicons.goods_vocabulary.gazetteer
    return not any(t.pos_ in ("NOUN", "PROPN") and gazetteer.lookup(t.text, ("Good",)) is not None
                   for t in span if t != span.root)


def _goods_noun(good: Entity, terms: GoodsTerms) -> bool:
    """Whether an open good names goods: the nomenclature classifies it, or its head is a category or part
    noun ("microelectronics equipment", "gunpowder inputs"). "product codes", "users" name no goods."""
    head = good.name.rsplit(" ", 1)[-1].lower()
    return bool(good.hs_codes) or good.kind == "category" or head in terms.categories or head in terms.parts


def _distributed(head: Token) -> tuple[list[str], Span] | None:
    """ "ball and roller bearings": a bare singular noun coordinated with a plural noun phrase that has
    modifiers of its own shares that phrase's head ("ball bearings"); ``None`` for any other noun."""
    if head.tag_ != "NN" or any(c.dep_ not in ("cc", "conj") for c in head.children):
        return None
    following = [c for c in head.children if c.dep_ == "conj" and c.tag_ == "NNS"]
    if not following or not any(c.dep_ == "compound" for c in following[0].children):
        return None
    return [head.text, following[0].text], head.doc[head.i:head.i + 1]


def _note_goods(annotated: Annotated, goods: Iterable[tuple[Entity, Span]]) -> None:
    """Goods read from phrases become the article's entities and mentions, flow or no flow."""
    for entity, span in goods:
        if entity.origin != "gazetteer":
            annotated.note(entity, span, GOODS_PHRASE_EXTRACTOR)


def _moves_a_pronoun(trigger: Token) -> bool:
    """Whether a transit verb's object is a pronoun for goods already named ("which forwarded them to ...")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("them", "it", "they", "these", "those")
               for c in trigger.children)


def _coordinated_with_goods(trigger: Token, frames: dict[int, _Frame]) -> bool:
    """Whether the trigger is coordinated with another trigger that has goods ("shipped to Turkish
    distributors and then forwarded to Russia")."""
    head = trigger.head if trigger.dep_ == "conj" else None
    return head is not None and head.i in frames and bool(frames[head.i].goods)


def _anaphoric_goods(trigger: Token, recent: Sequence[SupplyFlow], annotated: Annotated,
                     lexicon: SupplyLexicon) -> list[tuple[Entity, Span]]:
    """The goods of the latest flow, for a trigger whose goods are named only as known ones ("its exports of
    the same goods to Russia", "these products were shipped"); empty where there is none."""
    if not recent:
        return _goods_named_before(trigger, annotated, lexicon)
    words = set(lexicon.goods_anaphors)
    markers = set(lexicon.goods_anaphor_markers)
    candidates = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    candidates += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]
    for token in candidates:
        if (words & {token.lower_, token.lemma_.lower()} and any(c.lower_ in markers for c in token.children)) \
                or (token.dep_ == "dobj" and token.lower_ in lexicon.goods_pronouns):
            latest = recent[-1]
            goods = [f.good_id for f in recent if f.evidence == latest.evidence]
            span = token.doc[token.i:token.i + 1]
            return [(annotated.entity(good_id), span) for good_id in dict.fromkeys(goods)]
    return []


def _goods_named_before(trigger: Token, annotated: Annotated, lexicon: SupplyLexicon) -> list[tuple[Entity, Span]]:
    """ "Acme bought drones in Iran. It then shipped them to Russia": with no flow read before, a goods pronoun as
    the trigger's object stands for the goods named last before it in the paragraph (this sentence or the
    previous one; with those coordinated with them), on the pronoun's span."""
    pronoun = next((c for c in trigger.children if c.dep_ == "dobj" and c.lower_ in lexicon.goods_pronouns), None)
    if pronoun is None:
        return []
    window = _paragraph_before(pronoun)
    doc = trigger.doc
    sentence = pronoun.i  # the goods named before the pronoun, in its sentence too ("bought X and shipped them")
    named: list[tuple[Entity, Span]] = []
    for mention in annotated.findings.mentions:
        entity = annotated.entity(mention.entity_id)
        if entity.type != "Good" or not doc[window.start].idx <= mention.evidence.start < doc[sentence].idx:
            continue
        span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is not None:
            named.append((entity, span))
    # and goods phrases no gazetteer knows, read in the sentences before
    named += [(entity, span) for entity, span, _ in annotated.noted()
              if window.start <= span.start and span.end <= sentence]
    if not named:
        return []
    named.sort(key=lambda m: m[1].start)
    last = named[-1][1].root
    group = {last, *last.conjuncts}
    here = doc[pronoun.i:pronoun.i + 1]
    return [(entity, here) for entity, span in dict.fromkeys(named) if span.root in group]


def _hub_flows(annotated: Annotated, lexicon: SupplyLexicon, frame: _Frame, placed: Sequence[_Placed],
               end_uses: tuple[str, ...]) -> list[SupplyFlow]:
    """A trade noun after "a hub for" ("Armenia has become a hub for the re-export of machine tools from
    Germany"): the party the hub is said of (the subject of its copula; "the country" for the last country
    named) receives the goods from their source; empty where the sentence is not so built."""
    trigger = frame.trigger
    if _is_verb(trigger) or frame.direction not in ("out", "transit") or trigger.dep_ != "pobj":
        return []
    prep = trigger.head
    noun = prep.head
    if prep.lower_ not in lexicon.prepositions.destination or noun.lemma_.lower() not in lexicon.hub_nouns \
            or noun.dep_ not in ("attr", "dobj"):
        return []  # (an apposition's hub is said in passing: "Armenia, a hub for ..., denies ...")
    holder_token = next((c for c in noun.head.children if c.dep_ in _SUBJECTS), None)
    if holder_token is None:
        return []
    holder: Entity | None = next((p.entity for p in placed if holder_token in p.span
                                  and p.entity.type in lexicon.via_types), None)
    if holder is None and holder_token.lemma_.lower() in lexicon.country_anaphors \
            and _bare_definite(holder_token, set(lexicon.anaphor_determiners)):
        mentions = annotated.memo((_mentions,), lambda: _mentions(annotated))
        holder = next((e for e, span in reversed(mentions) if e.type == "Country" and span.end <= holder_token.i),
                      None)
    if holder is None:
        return []
    goods = {span.root for _, span in frame.goods}
    sources = [p for p in placed if p.marker in lexicon.prepositions.source
               and (p.governor in (trigger, noun) or p.governor in goods)]
    roles = _Roles()
    roles.recipient = next((p for p in placed if holder_token in p.span), None) or _Placed(
        holder, holder_token.doc[holder_token.i:holder_token.i + 1], holder_token.dep_, holder_token.head)
    found: list[SupplyFlow] = []
    for source in sources:
        if source.entity.id == holder.id:
            continue
        roles.supplier = source
        found += _emit(annotated, lexicon, frame, source.entity.id, holder.id, (), roles, end_uses)
    return found


def _unmade_goods(trigger: Token, state: _ArticleState, index: int, annotated: Annotated,
                  lexicon: SupplyLexicon) -> tuple[list[tuple[Entity, Span]], str | None]:
    """The goods and recipient of the previous sentence's end use that named no maker, for a passive origin
    participle whose subject is a pronoun or a share of one ("Most of them were made by American companies",
    "They were produced in Japan"), or of this sentence's, for a relative pronoun or a share of one ("found
    300 components in Russian drones, most of which were made by US firms"); none otherwise."""
    if state.unmade is None or index - state.unmade[0] not in (0, 1):
        return [], None
    same_sentence = index == state.unmade[0]
    made = trigger.lemma_.lower() in lexicon.origin_participles and any(c.dep_ == "auxpass" for c in trigger.children)
    if not (made or _origin_predicate(trigger, lexicon) or _comes_from(trigger, lexicon)):
        return [], None
    for subject in (c for c in trigger.children if c.dep_ == ("nsubjpass" if made else "nsubj")):
        pronoun = (subject.pos_ == "PRON" and subject.lower_ not in _RELATIVE) \
            or subject.lower_ in lexicon.remainder_words
        # "most of them", "most of those parts", or a share with the "of" fronted on the verb ("Of those, 80
        # percent were made by ...")
        share = (subject.lower_ in lexicon.partitives or subject.like_num) and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" or _known_goods(g, lexicon)
                                                          for g in c.children)
            for c in (*subject.children, *(c for c in trigger.children if c.i < subject.i)))
        relative = subject.lower_ in _RELATIVE or any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in _RELATIVE for g in c.children)
            for c in subject.children)
        if (relative if same_sentence else (pronoun or share) and not relative):
            span = trigger.doc[subject.i:subject.i + 1]
            return [(annotated.entity(good_id), span) for good_id in state.unmade[1]], state.unmade[2]
    return [], None


def _found_before(frame: _Frame, state: _ArticleState, index: int, lexicon: SupplyLexicon) -> str | None:
    """The recipient of goods the previous sentence found with no maker, for an origin statement about goods
    named again with a definite determiner ("the parts", "most of the parts"); ``None`` otherwise."""
    if not frame.goods:
        return None
    determiners = set(lexicon.anaphor_determiners)
    if not all(any(c.dep_ == "det" and c.lower_ in determiners for c in span.root.children) for _, span in frame.goods):
        return None
    if state.unmade is not None and index - state.unmade[0] == 1:
        return state.unmade[2]
    # "Most of the microchips came from American makers, while the capacitors were of Japanese origin": the
    # recipient of the flow just read, in this sentence or the one before
    recent = [r.flow for r in state.memory if index - r.sentence <= 1]
    return recent[-1].recipient_id if recent else None


def _known_goods(noun: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a noun names goods already named, by a marker ("those parts", "these components")."""
    return bool({noun.lower_, noun.lemma_.lower()} & set(lexicon.goods_anaphors)) and any(
        c.lower_ in lexicon.goods_anaphor_markers for c in noun.children)


def _share_comes_from(verb: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a motion verb of origin says where a share of goods, or the rest of them, comes from ("300 came
    from US firms", "most of those parts came from ...", "others came from Japan")."""
    if not _comes_from(verb, lexicon):
        return False
    return _share_subject(verb, lexicon) is not None or any(
        c.dep_ == "nsubj" and c.lower_ in lexicon.remainder_words for c in verb.children)


def _weapon_owner_nearby(sent: Span, annotated: Annotated, lexicon: SupplyLexicon, exclude: str | None) -> str | None:
    """The country that fields, or else names, a weapon noun in this sentence or the one before: the subject of a
    verb of using it ("Russia fired Iranian drones at Kyiv."), else a demonym or name on it ("Engineers took apart
    40 Russian drones. Of the 900 components recovered, 600 came from Canadian firms."); ``None`` if none."""
    doc = sent.doc
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    gazetteer = annotated.gazetteer
    weapons = set(lexicon.weapon_nouns)
    users = set(lexicon.weapon_user_verbs)

    def country(token: Token) -> str | None:
        # the article's own mention over the word first ("North Korean" is one name of two words)
        for mention in annotated.mentions_overlapping(token.idx, token.idx + len(token.text)):
            if annotated.entity(mention.entity_id).type == "Country":
                return mention.entity_id if mention.entity_id != exclude else None
        entity = gazetteer.lookup(token.text, types=("Country",))
        return entity.id if entity is not None and entity.id != exclude else None

    for token in doc[start:sent.end]:
        parsed = bool(token.pos_)  # a sentence the parse gate left out has no tags
        word = token.lemma_.lower() if parsed else token.lower_
        if word not in weapons and not (word.endswith("s") and word[:-1] in weapons):
            continue
        clause = token.sent if parsed else doc[start:token.i]
        if parsed and token.dep_ == "dobj" and token.head.lemma_.lower() in users:
            user = next((found for c in token.head.children if c.dep_ in _SUBJECTS
                         for found in (country(t) for t in c.subtree) if found is not None), None)
        elif not parsed:
            # unparsed: a country named before a verb of using that comes before the weapon ("Russia fired ...")
            verbs = [t for t in clause if any(t.lower_ in (u + "d", u + "ed", u + "s") for u in users)]
            user = next((found for t in clause if verbs and t.i < verbs[0].i
                         for found in (country(t),) if found is not None), None)
        else:
            user = None
        if user is not None:
            return user
        # its modifiers; in a sentence left unparsed, the word before it ("40 Russian drones")
        before = [token.doc[token.i - 1]] if token.i > start else []
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")] if parsed \
            else before
        for child in modifiers:
            found = country(child)
            if found is not None:
                return found
    return None


def _origin_predicate(token: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a copula says where its subject comes from ("most of the parts were of US origin")."""
    return token.lemma_.lower() in lexicon.origin_copulas and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() in lexicon.origin_nouns
                                                      for g in c.children) for c in token.children)


def _comes_from(token: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a motion verb of origin names where its subject comes from ("came from US firms")."""
    return token.lemma_.lower() in lexicon.origin_motion_verbs and _is_verb(token) and any(
        c.dep_ == "prep" and c.lower_ in lexicon.prepositions.source for c in token.children)


def _share_subject(verb: Token, lexicon: SupplyLexicon) -> Token | None:
    """The subject of a verb when it is a share of goods named in an "of" phrase ("most of the chips", "300"
    after a fronted "of the 500 components found"), or ``None``."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in lexicon.partitives or child.like_num):
            return child
    return None


def _share_goods_heads(verb: Token, lexicon: SupplyLexicon, skip: set[int]) -> list[Token]:
    """The goods nouns a share subject is of: its own "of" object ("most of the components came from ..."),
    else the "of" phrase fronted on the verb ("Of the 500 components found, 300 came from US firms")."""
    subject = _share_subject(verb, lexicon)
    if subject is None:
        return []
    # the "of" on the share word or on a part of it ("two-thirds of", parsed "two" <- "thirds" <- "of")
    inner = [g for c in subject.subtree if c.dep_ == "prep" and c.lower_ == "of"
             and c.head in (subject, *subject.children) for g in c.children if g.dep_ == "pobj"]
    if not inner:
        inner = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < subject.i
                 for g in c.children if g.dep_ == "pobj"]
    return [m for g in inner for m in (g, *g.conjuncts) if m.pos_ == "NOUN" and m.i not in skip]


def _in_share_of(root: Token, verb: Token, lexicon: SupplyLexicon) -> bool:
    """Whether goods are what a verb's share subject is of (see :func:`_share_goods_heads`)."""
    root = _first_conjunct(root)
    subject = _share_subject(verb, lexicon)
    if subject is None or root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    return root.head.head in (subject, verb, *subject.children)


def _end_use_flows(annotated: Annotated, lexicon: SupplyLexicon, frame: _Frame, roles: _Roles,
                   placed: Sequence[_Placed], recent: Sequence[SupplyFlow],
                   end_uses: tuple[str, ...], state: _ArticleState, index: int) -> Iterator[SupplyFlow]:
    """ "found in Russian drones", "used by the Russian army": the recipient must come from the parse; the
    supplier is the goods' origin or source, else the supplier of an earlier flow of the same goods. Goods
    found with no supplier are remembered for a next sentence that says who made them."""
    if roles.recipient is None:
        return
    good_ids = {e.id for e, _ in frame.goods}
    supplier_id = _party_id(roles.supplier, annotated, lexicon) if roles.supplier is not None else \
        _remembered_supplier([f for f in recent if _same_goods(annotated, f.good_id, good_ids)
                              and f.status != "negated"])
    recipient_id = roles.recipient.entity.id
    if supplier_id is None:
        state.unmade = (index, tuple(e.id for e, _ in frame.goods), recipient_id)
    if supplier_id is None or supplier_id == recipient_id:
        return
    # "found Swiss-made navigation modules and Chinese antennas": goods with an origin of their own
    # (every origin on the supplier's own goods is a supplier of them too: "US, Japanese and Swiss components")
    own: dict[str, list[_Placed]] = {}
    for entity, span in frame.goods:
        origins = [p for p in placed if p.marker == "origin" and p.governor in span]
        if roles.supplier in origins:
            others = [p for p in origins if p is not roles.supplier]
            if others:
                own.setdefault(entity.id, []).extend([roles.supplier, *others])
        elif origins:
            own.setdefault(entity.id, []).extend(origins)
    for good_id, origins in own.items():
        for origin in dict.fromkeys(origins):
            if origin.entity.id != recipient_id:
                yield from _emit(annotated, lexicon, _Frame(frame.trigger, frame.direction,
                                                            [g for g in frame.goods if g[0].id == good_id]),
                                 origin.entity.id, recipient_id, (), roles.with_parties(supplier=origin), end_uses)
    frame = _Frame(frame.trigger, frame.direction, [g for g in frame.goods if g[0].id not in own])
    if not frame.goods:
        return
    named = _named_makers(roles.supplier, placed, lexicon) if roles.supplier is not None else []
    if named:
        # "chips from US companies such as Intel and AMD": the companies named are the suppliers
        for maker in named:
            yield from _emit(annotated, lexicon, frame, maker.entity.id, recipient_id, (),
                             roles.with_parties(supplier=maker), end_uses)
        return
    yield from _emit(annotated, lexicon, frame, supplier_id, recipient_id, (), roles, end_uses)
    others = _coordinated(roles.supplier, placed)  # "produced by Dutch and German companies"
    if roles.supplier is not None and roles.supplier.governor.lemma_.lower() in lexicon.origin_participles:
        # "manufactured in the US, as well as in Taiwan and China": each place the participle names
        others += [p for p in placed if p is not roles.supplier and p not in others
                   and p.governor == roles.supplier.governor and p.marker == roles.supplier.marker
                   and p.entity.id != roles.supplier.entity.id]
    for other in others:
        if other.entity.id != recipient_id:
            yield from _emit(annotated, lexicon, frame, other.entity.id, recipient_id, (),
                             roles.with_parties(supplier=other), end_uses)


def _article_weapon(frame: _Frame, annotated: Annotated, lexicon: SupplyLexicon, state: _ArticleState,
                    supplier_id: str | None) -> _Placed | None:
    """The holder of a weapon named with a definite determiner and no owner ("the missile contained chips made by
    US companies", "were found in the drones"): the party the article's flows so far went to most, standing on
    the weapon's noun; ``None`` where the article has no flow yet or the weapon is not so named."""
    trigger = frame.trigger
    weapons: list[Token] = []
    if trigger.lemma_.lower() in (*lexicon.container_subjects, *lexicon.end_use_users) or _holds_with(trigger, lexicon):
        weapons += [c for c in trigger.children if c.dep_ in _SUBJECTS]
        if trigger.dep_ == "acl":
            weapons.append(trigger.head)
    holders = {trigger, *(span.root for _, span in frame.goods)}
    holders |= {c for _, span in frame.goods for c in span.root.children if c.dep_ == "acl"}
    containers = set(lexicon.prepositions.container)
    weapons += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in containers
                for g in c.children if g.dep_ == "pobj"]
    determiners = {*lexicon.anaphor_determiners, *lexicon.weapon_possessives}
    for weapon in weapons:
        # "the debris of a KN-23 missile ... showed that it contained ...": a pronoun after a weapon noun
        pronoun = weapon.lower_ in _CONTAINER_PRONOUNS | {"they"} and any(
            t.lemma_.lower() in lexicon.weapon_nouns for t in weapon.doc[weapon.sent.start:weapon.i])
        if not pronoun and (weapon.lemma_.lower() not in lexicon.weapon_nouns or not any(
                c.dep_ in ("det", "poss") and c.lower_ in determiners for c in weapon.children)):
            continue
        recipient_id = _dominant(state.recipients, {supplier_id}) or _weapon_owner_nearby(
            weapon.sent, annotated, lexicon, exclude=supplier_id)
        if recipient_id is None:
            return None
        return _Placed(annotated.entity(recipient_id), weapon.doc[weapon.i:weapon.i + 1], "owner", weapon.head)
    return None


def _named_makers(supplier: _Placed, placed: Sequence[_Placed], lexicon: SupplyLexicon) -> list[_Placed]:
    """The companies named as examples of the unnamed makers a supplier stands for ("US companies such as Intel
    and AMD", "American firms including Texas Instruments"), in text order; empty where none are named."""
    noun = supplier.span.root
    if noun.lemma_.lower() not in lexicon.party_nouns:
        noun = noun.head  # "US companies": the country modifies the party noun
    if noun.lemma_.lower() not in lexicon.party_nouns:
        return []
    examples = set(lexicon.example_words)

    def lists_examples(prep: Token) -> bool:
        such = any(c.lower_ == "such" for c in prep.lefts) or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")
        return prep.dep_ == "prep" and prep.head == noun and (prep.lower_ in examples
                                                              or (prep.lower_ == "as" and such))
    named = [p for p in placed if p.entity.type in _ORGANISATIONS and p is not supplier
             and any(lists_examples(a) for a in p.span.root.ancestors if a.dep_ == "prep")]
    return sorted(named, key=lambda p: p.span.start)


def _fielded(annotated: Annotated, sent: Span, mentions: Sequence[tuple[Entity, Span]],
             lexicon: SupplyLexicon) -> list[_Placed]:
    """The weapon systems of a sentence that one state fields, each as a mention of that state, and a
    pronoun after one in a container phrase as the same ("examined a Geran-2 drone and found chips inside it")."""
    out: list[_Placed] = []
    for entity, span in mentions:
        country = f"country:{entity.country}"
        if entity.type != "System" or not entity.country or country not in annotated.gazetteer.entities \
                or not (sent.start <= span.start < sent.end):
            continue
        owner = annotated.entity(country)
        out.append(_Placed(owner, span, "owner", span.root.head))
        out += [_Placed(owner, sent.doc[t.i:t.i + 1], "owner", t.head) for t in sent
                if t.i > span.end and t.lower_ in _CONTAINER_PRONOUNS and t.dep_ == "pobj"
                and t.head.lower_ in lexicon.prepositions.container]
    return out


def _in_fielded_system(fielded: Sequence[_Placed], frame: _Frame, lexicon: SupplyLexicon) -> _Placed | None:
    """The state of a fielded weapon system (or a pronoun for one) in a container phrase on the end-use verb
    or its goods ("were found in the Kh-101 cruise missile", "found chips inside it")."""
    containers = set(lexicon.prepositions.container)
    holders = {frame.trigger, *(span.root for _, span in frame.goods)}
    holders |= {c for _, span in frame.goods for c in span.root.children if c.dep_ == "acl" and c.pos_ == "VERB"}
    if frame.trigger.lemma_.lower() in lexicon.container_subjects or _holds_with(frame.trigger, lexicon):
        # "the Kh-101 missiles contained Dutch-made transistors": the weapon is the verb's subject
        for p in fielded:
            if any(t.dep_ in _SUBJECTS and t.head == frame.trigger for t in (p.span.root, *p.span.root.ancestors)):
                return p
    for p in fielded:
        for ancestor in p.span.root.ancestors:
            if ancestor.dep_ == "prep" and ancestor.lower_ in containers and ancestor.head in holders:
                return p
            if ancestor.pos_ in ("VERB", "AUX") or ancestor == frame.trigger:
                break
    # "examined the wreckage of 20 Geran-2 drones and identified 1,500 components": the object of the verb the
    # finding verb is coordinated with
    trigger = frame.trigger
    examined = {trigger.head} if trigger.dep_ == "conj" else set()
    examined |= {c for c in trigger.children if c.dep_ == "conj"}
    for p in fielded:
        if p.span.root.dep_ == "pobj" and p.span.root.head.lower_ in containers:
            continue
        if any(a.dep_ == "dobj" and a.head in examined for a in (p.span.root, *p.span.root.ancestors)):
            return p
    return None


def _same_as_before(good: Entity, span: Span, annotated: Annotated, lexicon: SupplyLexicon) -> Entity:
    """The good an anaphoric goods phrase stands for: "the same machines" after "washing machines", "these
    phones" after "smartphones" (a marker of ``goods_anaphor_markers`` on the phrase, and an earlier good whose
    written name ends with the phrase's head word); ``good`` itself otherwise."""
    root = span.root
    if not any(c.lower_ in lexicon.goods_anaphor_markers for c in root.children):
        return good
    word = root.lower_
    for entity, before in _written_before(annotated, span):
        written = before.text.lower()
        if entity.type == "Good" and entity.id != good.id and written.endswith(word) and written != word:
            return entity
    return good


def _written_before(annotated: Annotated, span: Span) -> list[tuple[Entity, Span]]:
    """The article's mentions, gazetteer and goods-phrase ones, that end before ``span``, nearest first."""
    mentions = annotated.memo((_mentions,), lambda: _mentions(annotated))
    earlier = [(e, s) for e, s in (*mentions, *((e, s) for e, s, _ in annotated.noted())) if s.end <= span.start]
    return sorted(earlier, key=lambda pair: -pair[1].start)


def _modifies_an_activity(span: Span, terms: GoodsTerms) -> bool:
    """Whether goods are written as the modifier of an activity or body noun ("its drone and missile
    programs", "the Russian missile industry"), through any coordination."""
    if span.root.lower_ in terms.activity_heads:
        return True  # read as the whole phrase it modifies: "drone strikes"
    root = _first_conjunct(span.root)
    head = root.head
    return root.dep_ in ("compound", "nmod", "amod") and head.i > root.i and head.tag_.startswith("NN") \
        and head.lower_ in terms.activity_heads


def _purpose_of_goods(span: Span, good_tokens: set[int], lexicon: SupplyLexicon) -> bool:
    """Whether goods are named as the use of other goods, after a purpose preposition on them."""
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in lexicon.prepositions.purpose and prep.head.i in good_tokens \
        and prep.head.i < span.start


def _trade_of_party(span: Span, triggers: set[int], lexicon: SupplyLexicon) -> bool:
    """Whether goods say what a party noun in apposition or predication makes or sells ("Vostok, a maker of
    military radios", "Acme is a producer of drones"), the noun being no trigger of its own."""
    root = _first_conjunct(span.root)
    prep = root.head
    noun = prep.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and noun.i not in triggers \
        and noun.lemma_.lower() in lexicon.party_nouns and noun.dep_ in ("appos", "attr")


def _inside_name(span: Span) -> bool:
    """Whether a good's words lie inside a longer NER name (a good NER took for a name of its own, such as a
    sentence-initial "Bulldozer" read as a PERSON, is still a good)."""
    doc = span.doc
    if not all(t.ent_type_ in _NAME_LABELS for t in span):
        return False
    before = span.start > 0 and doc[span.start - 1].ent_iob_ in ("I", "B") and doc[span.start].ent_iob_ == "I"
    after = span.end < len(doc) and doc[span.end].ent_iob_ == "I"
    return before or after


def _nearest_frame(span: Span, frames: Iterable[_Frame], lexicon: SupplyLexicon,
                   parties: set[int] | None = None) -> _Frame | None:
    best: tuple[int, int] | None = None
    chosen: _Frame | None = None
    root = span.root
    examples = frozenset(lexicon.example_words)
    frames = list(frames)
    containers = set(lexicon.prepositions.container)
    if root.dep_ == "pobj" and root.head.lower_ in containers and any(
            f.direction == "end_use" and f.trigger == root.head.head for f in frames):
        return None  # "were later found in drones": the drones hold the goods of another frame
    for frame in frames:
        if _behind_another_verb(root, frame.trigger, examples):
            continue
        if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_.lower() in lexicon.cover_verbs:
            continue  # "sent drone parts to Russia disguised as car parts": what the goods passed for
        if frame.trigger.dep_ == "relcl" and root.dep_ in ("dobj", "nsubjpass") and root.head != frame.trigger \
                and root.head in frame.trigger.ancestors:
            continue  # "Acme, which received chips from Beta, builds drones": the clause moves no drones
        distance = _tree_distance(root, frame.trigger)
        subject = _subject_relation(root, frame.trigger)
        if subject is None and frame.direction == "motion" and frame.trigger.dep_ == "xcomp":
            subject = _controlled_subject(root, frame.trigger, lexicon)  # "chips continue to flow into Russia"
        if subject is None and _in_share_of(root, frame.trigger, lexicon):
            subject = "nsubj"  # "Of the 500 chips found, 300 came from US firms"
            distance = 1
        if frame.direction == "end_use":
            # The goods are what is used or found, never the container ("in Russian drones") or a cargo
            # ("used by the army, carrying ammunition"); a user verb's subject is its user.
            wanted = {"nsubjpass", "dobj"}
            if frame.trigger.lemma_.lower() not in (*lexicon.end_use_users, *lexicon.container_subjects):
                wanted.add("nsubj")
            if _holds_with(frame.trigger, lexicon):
                # "Russian drones are packed with Western components": the goods are the "with" object
                words = _holding_words(frame.trigger, lexicon)
                if not any(a.dep_ in ("prep", "agent") and a.lower_ in words
                           and (a.head == frame.trigger or a.head.head == frame.trigger) for a in root.ancestors):
                    continue
                key = (distance, abs(root.i - frame.trigger.i))
                if best is None or key < best:
                    best, chosen = key, frame
                continue
            of_noun = not _is_verb(frame.trigger) and root.dep_ == "pobj" and root.head.lower_ == "of" \
                and _first_conjunct(root).head.head == frame.trigger  # "Russia's use of Belgian capacitors"
            relation = _argument_relation(root, frame.trigger) or _controlled_subject(root, frame.trigger, lexicon) \
                or _described_by(root, frame.trigger, lexicon)
            if (relation not in wanted and not of_noun) \
                    or _in_container(root, frame.trigger, lexicon):
                continue
        elif frame.trigger.lemma_.lower() in lexicon.reliance_verbs:
            # "relies on China for chips": the goods are what it relies on the supplier for, never its "on"
            # object ("relied heavily on drones" names no supplier) unless that says where the goods come from
            # ("Russia's weapons rely on Western components")
            if _purpose_of_relied(root, frame.trigger, lexicon, parties or set()):
                continue  # "rely on Western components for their missiles": what the goods are for
            relied_for = any(a.dep_ == "prep" and a.lower_ in lexicon.prepositions.reliance_goods
                             and (a.head == frame.trigger or (a.head.head.head == frame.trigger  # "on suppliers for"
                                                              and a.head.head.lower_ in lexicon.prepositions.reliance))
                             for a in root.ancestors)
            if not relied_for and not _relied_on_origin(root, frame.trigger, lexicon, parties or set()):
                continue
        elif _is_verb(frame.trigger):
            if (subject in _SUBJECTS) != (frame.direction == "motion") and subject != "nsubjpass":
                continue  # the goods are the subject of a motion verb, the object (or passive subject) of others
            if subject is None and _subject_of_governing_clause(root, frame.trigger):
                continue  # "components are helping Russia keep its factories supplied": not what is supplied
        key = (distance, abs(root.i - frame.trigger.i))
        if best is None or key < best:
            best, chosen = key, frame
    return chosen


def _relied_on_origin(root: Token, verb: Token, lexicon: SupplyLexicon, parties: set[int]) -> bool:
    """Whether goods are a reliance verb's "on" object and name their origin ("rely on Western components",
    "depends on US-made chips", "relies on components from Japan"): the origin is the supplier."""
    root = _first_conjunct(root)
    if root.dep_ != "pobj" or root.head.lower_ not in lexicon.prepositions.reliance or root.head.head != verb \
            or root.lemma_.lower() in lexicon.party_nouns:  # "relies on Chinese suppliers for chips"
        return False
    return _origin_marked(root, lexicon, parties)


def _purpose_of_relied(root: Token, verb: Token, lexicon: SupplyLexicon, parties: set[int]) -> bool:
    """Whether goods sit in a "for" phrase on relied-on goods that name their origin ("rely on Western
    components for their missiles": the missiles are what the components are for)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in lexicon.prepositions.reliance_goods:
        return False
    if prep.head != verb:
        return _relied_on_origin(prep.head, verb, lexicon, parties)
    # "relies on Western capacitors for its glide bombs" with "for" hung on the verb
    return any(g.dep_ == "pobj" and _relied_on_origin(g, verb, lexicon, parties)
               for c in verb.children if c.dep_ == "prep" and c.lower_ in lexicon.prepositions.reliance
               for g in c.children)


def _origin_marked(noun: Token, lexicon: SupplyLexicon, parties: set[int]) -> bool:
    """Whether a goods noun carries where it comes from: a party as its modifier ("Western components",
    "US-made chips"), a "from" party ("components from Japan") or an origin participle ("made in Japan")."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod") and (
                child.i in parties or any(g.i in parties for g in child.children)):
            return True
        if child.dep_ == "prep" and child.lower_ in lexicon.prepositions.source \
                and any(t.i in parties for t in child.subtree):
            return True
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.origin_participles \
                and any(t.i in parties for t in child.subtree):
            return True
    return False


def _described_by(root: Token, participle: Token, lexicon: SupplyLexicon) -> str | None:
    """"nsubjpass" where goods are the noun an end-use participle describes ("Western components found in Russian
    weapons"), unless the noun is the subject of an origin statement or another end-use verb, which then holds
    them ("chips found in Russian drones were made in Japan"); else ``None``."""
    if participle.dep_ != "acl" or participle.tag_ != "VBN" or _first_conjunct(root) != participle.head:
        return None
    if _states_origin_of(participle.head, lexicon) or _traded_by(participle.head, lexicon):
        return None
    return "nsubjpass"


def _traded_by(noun: Token, lexicon: SupplyLexicon) -> bool:
    """Whether ``noun`` (or a share of it) is the goods of a trading verb of its own, which then holds them
    ("the route supplied a share of the bearings used in Russian factories": supplied, not used)."""
    for _ in range(3):
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun.head:
            noun = noun.head.head
        else:
            break
    verb = noun.head
    return noun.dep_ in ("dobj", "nsubjpass") and verb != noun and _is_verb(verb) \
        and _trade_direction(verb, lexicon) is not None


def _states_origin_of(noun: Token, lexicon: SupplyLexicon) -> bool:
    """Whether ``noun`` (or a share of it: "two-thirds of the capacitors") is the subject of a verb of its own
    that says what became of it or where it is from."""
    for _ in range(3):
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun.head:
            noun = noun.head.head
        elif noun.dep_ in ("quantmod", "nummod", "conj") and noun.head != noun:
            noun = noun.head
        else:
            break
    if noun.pos_ in ("VERB", "AUX"):
        verb = noun  # "Of the 900 components recovered, 600 came from ...": the "of" fronted on the verb
    elif noun.dep_ not in _SUBJECTS or noun.head == noun:
        return False
    else:
        verb = noun.head
    lemma = verb.lemma_.lower()
    return lemma in lexicon.triggers["end_use"].verbs or lemma in lexicon.origin_participles \
        or _origin_predicate(verb, lexicon) or _comes_from(verb, lexicon)


def _controlled_subject(root: Token, verb: Token, lexicon: SupplyLexicon) -> str | None:
    """The subject label goods would have on an end-use verb that is the complement of another verb whose subject
    they are ("Western components continue to be found in Russian weapons", "parts keep turning up in ..."), or
    the conjunct of a participle the parser read as the main verb ("Chips manufactured in Japan were found in
    ...", parsed "Chips manufactured in Japan and were found"); else ``None``."""
    if verb.dep_ not in ("xcomp", "conj") or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    if verb.dep_ == "conj" and not _misread_participle(verb.head, lexicon):
        return None  # a finite verb of its own: "Acme makes chips and ships them"
    if _argument_relation(root, verb.head) != "nsubj":
        return None
    return "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"


def _misread_participle(verb: Token, lexicon: SupplyLexicon) -> bool:
    """Whether an origin participle was read as the main verb of its goods ("Chips manufactured in Japan were
    found ..." parsed "Chips manufactured in Japan and were found"): no auxiliary, a noun subject, an end-use
    verb coordinated with it that has an auxiliary but no subject."""
    if verb.lemma_.lower() not in lexicon.origin_participles or verb.tag_ not in ("VBN", "VBD") \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in verb.children) and any(
        c.dep_ == "conj" and c.lemma_.lower() in lexicon.triggers["end_use"].verbs
        and any(g.dep_ in ("aux", "auxpass") for g in c.children) and not any(g.dep_ in _SUBJECTS for g in c.children)
        for c in verb.children)


def _in_container(token: Token, verb: Token, lexicon: SupplyLexicon) -> bool:
    """Whether ``token`` sits in a container phrase on the way up to ``verb`` ("the chips inside the Russian
    drones were made ...": the drones hold the goods, they are none of them)."""
    containers = set(lexicon.prepositions.container)
    for ancestor in token.ancestors:
        if ancestor == verb:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in containers:
            return True
    return False


def _punishers(trigger: Token, placed: Sequence[_Placed]) -> set[str]:
    """The subjects of the verbs above a trigger reached through "for" ("the British government announced
    sanctions targeting firms ... for exporting"): who punishes a supply is never its sender."""
    ancestors = list(trigger.ancestors)
    if not any(t.dep_ == "pcomp" and t.head.lower_ == "for" for t in (trigger, *ancestors)):
        return set()
    return {p.entity.id for p in placed if p.marker in _SUBJECTS and p.governor in ancestors}


def _sentence_party(placed: Sequence[_Placed], roles: _Roles, lexicon: SupplyLexicon,
                    prefer: tuple[str, ...], exclude: _Placed | None = None,
                    exclude_ids: Iterable[str | None] = (), avoid: Iterable[str] = ()) -> _Placed | None:
    """A party named elsewhere in the sentence, for a role the parse left empty; none marked as ``avoid``
    says (a "from" party is never the recipient)."""
    avoid = set(avoid)
    taken = {p.entity.id for p in (roles.supplier, roles.recipient, exclude, *roles.via) if p is not None}
    taken |= {i for i in exclude_ids if i is not None}
    # A company name used as a modifier ("a Telegram video") names a brand, not a party.
    # Countries and companies; a bloc or region only on the goods or the trigger ("European cars", not
    # "evading Western sanctions" nor "a United Nations-backed deal"); a place only through the parse.
    candidates = [p for p in placed if p.entity.id not in taken
                  and (p.entity.type in ("Country", "Company")
                       or ((p.entity.type == "IntergovernmentalOrg"
                            or (p.entity.type == "Place" and p.entity.kind == "Region"))
                           and p.marker in ("origin", "owner", "possessor")))
                  and p.marker not in lexicon.prepositions.via and p.marker not in _SCENE and p.marker not in avoid
                  and not (p.entity.type == "Company" and p.span.root.dep_ in ("compound", "amod"))
                  # "identified in Russian-made drones": the maker of a weapon goods are found in is its holder
                  and not (p.marker == "origin" and p.governor.dep_ == "pobj"
                           and p.governor.head.lower_ in lexicon.prepositions.container
                           and p.governor.head.head.lemma_.lower() in lexicon.triggers["end_use"].verbs)
                  # "seen by the U.S. government as nodes for Russia to source ...": who reports or judges a
                  # supply does not send it.
                  and not (p.governor.lemma_.lower() in lexicon.reporting_verbs
                           and p.marker in lexicon.prepositions.agent)]
    # A reporter ("the United States is warning that ...") is rarely a party: subjects of other verbs last.
    candidates.sort(key=lambda p: (p.marker not in prefer, p.marker in _SUBJECTS, p.span.start))
    return candidates[0] if candidates else None


def _named_in_passing(sent: Span, annotated: Annotated, exclude: set[str | None]) -> str | None:
    """A country named by a demonym inside another name ("Russian customs documents")."""
    gazetteer = annotated.gazetteer
    for token in sent:
        if token.pos_ in ("ADJ", "PROPN") and gazetteer.is_demonym(token.text):
            entity = gazetteer.lookup(token.text, types=("Country",))
            if entity is not None and entity.id not in exclude:
                return entity.id
    return None


def _unread_named_subject(trigger: Token, placed: Sequence[_Placed]) -> bool:
    """Whether a trigger verb has a proper-name subject no mention covers ("Ilya Balakaev sent radar parts
    to ...", a name NER missed): the sender is named, so an earlier flow's supplier is not it."""
    if not _is_verb(trigger):
        return False
    covered = {t.i for p in placed for t in p.span}
    return any(child.dep_ == "nsubj" and child.pos_ == "PROPN" and child.i not in covered
               for child in trigger.children)


def _remembered_supplier(recent: Sequence[SupplyFlow]) -> str | None:
    return recent[-1].supplier_id if recent else None


def _dominant(recipients: Counter[str], exclude: set[str | None]) -> str | None:
    for recipient_id, _ in recipients.most_common():
        if recipient_id not in exclude:
            return recipient_id
    return None


def _attached_recipient(trigger: Token, placed: Sequence[_Placed], lexicon: SupplyLexicon, triggers: set[int],
                        exclude: set[str | None]) -> _Placed | None:
    """A "to X" the parser hung on the noun phrase around a noun trigger ("a rise in shipments from China
    to Russia", with "to Russia" on "rise"): the closest one up the tree, before any verb or other trigger."""
    if _is_verb(trigger):
        return None
    markers = set(lexicon.prepositions.recipient)
    for ancestor in list(trigger.ancestors)[:4]:
        if ancestor.pos_ in ("VERB", "AUX") or ancestor.i in triggers:
            break
        for p in placed:
            if p.governor == ancestor and p.marker in markers and p.entity.id not in exclude:
                return p
    return None


def _names_unnamed_intermediary(trigger: Token, lexicon: SupplyLexicon) -> bool:
    words = set(lexicon.unnamed_intermediaries)
    return any(child.dep_ == "prep" and child.lower_ in lexicon.prepositions.via
               and any(t.lower_ in words for t in child.subtree) for child in trigger.children)


def _remembered_via(recent: Sequence[SupplyFlow], supplier_id: str, recipient_id: str,
                    good_ids: set[str]) -> tuple[str, ...]:
    """Third countries the same supplier sent the same good to, that also sent it on to the recipient."""
    legs = [f for f in recent if f.good_id in good_ids]
    first = {f.recipient_id for f in legs if f.supplier_id == supplier_id and f.recipient_id != recipient_id}
    second = {f.supplier_id for f in legs if f.recipient_id == recipient_id}
    return tuple(sorted(first & second)) or tuple(sorted(first))


def _transit_flows(annotated: Annotated, lexicon: SupplyLexicon, frame: _Frame, placed: Sequence[_Placed],
                   recent: Sequence[SupplyFlow], end_uses: tuple[str, ...],
                   triggers: set[int], state: _ArticleState) -> Iterator[SupplyFlow]:
    """ "re-exported to Russia": the goods' earlier flow to a third country continues to the recipient.

    The earlier flow's supplier stays the supplier and its recipient (a company's home country, for a
    company) becomes the via; an earlier flow into the supplier's own country is no leg of a transit."""
    roles = _roles(frame, placed, lexicon, triggers)
    if roles.recipient is None:
        return
    recipient_id = roles.recipient.entity.id
    # "The goods were re-exported": a generic category refers back to whatever the earlier flows moved
    good_ids = {e.id for e, _ in frame.goods if e.kind != "category"}
    earlier = [f for f in recent if f.recipient_id != recipient_id and f.supplier_id != recipient_id
               and (not good_ids or _same_goods(annotated, f.good_id, good_ids)) and f.status != "negated"
               and f.recipient_id != state.homes.get(f.supplier_id)
               and state.homes.get(f.recipient_id) != recipient_id]
    if roles.supplier is not None and roles.supplier.entity.type == "Company":
        # "Acme imported chemicals from the EU and re-exported them to Russia": a named re-exporter is the
        # supplier of the onward leg, with the goods it received.
        goods = frame.goods or _goods_of(annotated, [f for f in earlier if f.recipient_id == roles.supplier.entity.id]
                                          or earlier, frame.trigger)
        if goods:
            frame.goods = goods
            yield from _emit(annotated, lexicon, frame, roles.supplier.entity.id, recipient_id,
                             tuple(p.entity.id for p in roles.via), roles, end_uses)
            # and, as for a country that sells goods on, the goods' earlier supplier reaches the recipient
            # through the re-exporter's home ("bought capacitors from suppliers in China and resold them to
            # Kupol": China -> Kupol via Kyrgyzstan)
            status = _status(frame.trigger, lexicon)
            for leg in earlier:
                via = _transit_point(leg.recipient_id, annotated, lexicon, state)
                if leg.recipient_id != roles.supplier.entity.id or not via or leg.supplier_id in via:
                    continue
                yield SupplyFlow.build(leg.supplier_id, leg.good_id, recipient_id,
                                       evidence_for(annotated.article, _evidence_span(frame, roles), SUPPLY_EXTRACTOR),
                                       via=via, end_uses=end_uses, period=_period(frame.trigger, annotated),
                                       status=status, good_name=leg.good_name)
        return
    if not earlier and frame.trigger.lower_ in lexicon.destination_words and frame.goods:
        # "a cargo of ball bearings from Germany bound for Russia", "Chinese drone engines bound for Russia":
        # goods not seen before go from where they come from; who stops or seizes them sends nothing.
        roles.supplier = _goods_source(frame, placed, lexicon, exclude=roles.recipient)
        trigger = frame.trigger
        if not roles.via and trigger.dep_ == "acl" and trigger.head.dep_ in _SUBJECTS:
            # "trucks bound for Russia travel through Kazakhstan": the route of the verb the goods are the
            # subject of
            roles.via = [p for p in placed if p.marker in lexicon.prepositions.via
                         and p.governor == trigger.head.head and p.entity.type in lexicon.via_types]
    if not earlier and roles.supplier is not None and frame.goods:
        yield from _emit(annotated, lexicon, frame, roles.supplier.entity.id, recipient_id,
                         tuple(p.entity.id for p in roles.via), roles, end_uses)
        return
    status = _status(frame.trigger, lexicon)
    for leg in earlier:
        span = _evidence_span(frame, roles)
        via = _transit_point(leg.recipient_id, annotated, lexicon, state)
        evidence = evidence_for(annotated.article, span, SUPPLY_EXTRACTOR)
        period = _period(frame.trigger, annotated)
        yield SupplyFlow.build(leg.supplier_id, leg.good_id, recipient_id, evidence, via=via, end_uses=end_uses,
                               period=period, status=status, good_name=leg.good_name)
        reseller = roles.supplier
        if reseller is not None and reseller.entity.id == leg.recipient_id and reseller.marker in _SUBJECTS:
            # "Kazakh firms bought American chips and resold them to Russian buyers": the country that sells
            # the goods on is the supplier of the onward leg too.
            yield SupplyFlow.build(reseller.entity.id, leg.good_id, recipient_id, evidence, end_uses=end_uses,
                                   period=period, status=status, good_name=leg.good_name)


def _rerouted(annotated: Annotated, lexicon: SupplyLexicon, frame: _Frame, placed: Sequence[_Placed],
              recent: Sequence[SupplyFlow]) -> Iterator[SupplyFlow]:
    """ "Chinese firms shipped engines to Russia. The deliveries went through Kyrgyzstan.": a definite
    consignment (or goods) noun as the subject of a motion verb with a route phrase gives the last
    sentence's flows again, through the route's countries."""
    terms = annotated.lexicons.goods_terms
    words = {*terms.consignments, *lexicon.goods_anaphors}

    def known(noun: Token) -> bool:
        return noun.dep_ == "nsubj" and (noun.lower_ in words or noun.lemma_.lower() in words) \
            and any(d.dep_ == "det" and d.lower_ in lexicon.anaphor_determiners for d in noun.children)

    trigger = frame.trigger
    if _is_verb(trigger):  # "the goods travelled through ...", a motion verb
        verb, subject = trigger, next((c for c in trigger.children if known(c)), None)
    else:  # "the deliveries went through ...", the consignment a trigger noun itself
        verb, subject = trigger.head, trigger if known(trigger) else None
    if subject is None or not _is_verb(verb) or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return
    route = [p for p in placed if p.governor == verb and p.marker in lexicon.prepositions.via
             and p.entity.type in lexicon.via_types]
    if not route:
        return
    last = recent[-1].evidence.start
    status = _status(trigger, lexicon)
    end = max(p.span.end for p in route)
    evidence = evidence_for(annotated.article, trigger.doc[subject.left_edge.i:end], SUPPLY_EXTRACTOR)
    for flow in recent:
        if flow.evidence.start != last or flow.status == "negated":
            continue
        via = tuple(dict.fromkeys(p.entity.id for p in route
                                  if p.entity.id not in (flow.supplier_id, flow.recipient_id)))
        if via:
            yield SupplyFlow.build(flow.supplier_id, flow.good_id, flow.recipient_id, evidence, via=via,
                                   period=flow.period, status=status, good_name=flow.good_name)


def _goods_source(frame: _Frame, placed: Sequence[_Placed], lexicon: SupplyLexicon,
                  exclude: _Placed | None) -> _Placed | None:
    """Where a frame's goods come from, read from the goods alone: a source phrase on them ("ball bearings
    from Germany"), else their origin ("Chinese drone engines", "made in China")."""
    spans = [span for _, span in frame.goods]
    for p in placed:
        if p is not exclude and p.marker in lexicon.prepositions.source and any(p.governor in s for s in spans):
            return p
    origin = _origin_of(frame, placed, lexicon, exclude=exclude)
    return origin if origin is not None and any(origin.governor in s or origin.governor.head in s
                                                for s in spans) else None


def _same_goods(annotated: Annotated, good_id: str, named: set[str]) -> bool:
    """Whether an earlier flow's good is one of the ``named`` goods or narrower than one ("the bearings"
    refers back to ball bearings)."""
    seen: set[str] = set()
    pending = [good_id]
    while pending:
        current = pending.pop()
        if current in named:
            return True
        if current in seen:
            continue
        seen.add(current)
        try:
            pending.extend(annotated.entity(current).broader)
        except KeyError:
            continue
    return False


def _goods_of(annotated: Annotated, flows: Sequence[SupplyFlow], trigger: Token) -> list[tuple[Entity, Span]]:
    """The goods of earlier flows, as a frame's goods (their span: the trigger's)."""
    span = trigger.doc[trigger.i:trigger.i + 1]
    return [(annotated.entity(good_id), span) for good_id in dict.fromkeys(f.good_id for f in flows)]


def _transit_point(party_id: str, annotated: Annotated, lexicon: SupplyLexicon,
                   state: _ArticleState) -> tuple[str, ...]:
    """The via of a transit leg: the earlier recipient if it is a place, else the country it is based in."""
    if annotated.entity(party_id).type in lexicon.via_types:
        return (party_id,)
    home = state.homes.get(party_id)
    return (home,) if home is not None else ()


def _emit(annotated: Annotated, lexicon: SupplyLexicon, frame: _Frame, supplier_id: str, recipient_id: str,
          via: tuple[str, ...], roles: _Roles, end_uses: tuple[str, ...]) -> Iterator[SupplyFlow]:
    """The flows of a frame's goods; none where the ontology gives the supplier's or the recipient's class
    no such role (a think tank named as the sender of goods is never a supplier)."""
    if (annotated.entity(supplier_id).type not in lexicon.supplier_types
            or annotated.entity(recipient_id).type not in lexicon.recipient_types):
        return
    status = _status(frame.trigger, lexicon)
    span = _evidence_span(frame, roles)
    evidence = evidence_for(annotated.article, span, SUPPLY_EXTRACTOR)
    period = _period(frame.trigger, annotated)
    value = _value(frame, annotated)
    seen: set[tuple[str, str | None]] = set()
    listed = {e.id for e, good_span in frame.goods if not _after_other(good_span)}
    for entity, good_span in frame.goods:
        name = _good_name(annotated, entity, good_span)
        if (entity.id, name) in seen or (entity.id in listed and _after_other(good_span)):
            continue  # "microchips and other electronic components": the same good, named as their umbrella
        seen.add((entity.id, name))
        yield SupplyFlow.build(supplier_id, entity.id, recipient_id, evidence, via=via, end_uses=end_uses,
                               period=period, quantity=_quantity(good_span), value=value, status=status,
                               good_name=name)


def _after_other(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ == "other"


def _good_name(annotated: Annotated, good: Entity, span: Span) -> str | None:
    """The good as the article writes it at ``span`` (see :func:`~ingest.extract.goods_phrases.written_name`);
    where the span does not name it (a pronoun or "the same goods" standing for it), as the article last
    wrote it before; ``None`` (the good's own name) when it never did."""
    terms = annotated.lexicons.goods_terms
    gazetteer = annotated.lexicons.goods_vocabulary.gazetteer
    name = written_name(good, span, terms, gazetteer)
    if name is not None:
        return name
    for entity, before in _written_before(annotated, span):
        if entity.id == good.id and (name := written_name(good, before, terms, gazetteer)) is not None:
            return name
    return None


# -- status, evidence and figures -----------------------------------------------------------------


def _evidence_span(frame: _Frame, roles: _Roles) -> Span:
    doc = frame.trigger.doc
    tokens = [frame.trigger.i]
    if _trigger_key(frame.trigger).startswith("re-"):
        tokens.append(frame.trigger.i - (1 if doc[frame.trigger.i - 1].lower_ == "re-" else 2))
    for _, span in frame.goods:
        tokens += [span.start, span.end - 1]
    for p in (roles.supplier, roles.recipient, *roles.via):
        if p is not None:
            tokens += [p.span.start, p.span.end - 1]
    sent = frame.trigger.sent
    start, end = max(min(tokens), sent.start), min(max(tokens) + 1, sent.end)
    return doc[start:end]


def _quantity(good: Span) -> str | None:
    """A count on the goods ("1,000 assault rifles", "more than 341,000 cars")."""
    for child in good.root.children:
        if child.dep_ == "nummod" and child.like_num and child not in good:
            tokens = list(child.subtree)
            return good.doc[tokens[0].i:tokens[-1].i + 1].text
    return None


def _value(frame: _Frame, annotated: Annotated) -> str | None:
    """A money amount in the trigger's clause ("US$179 million")."""
    clause = _clause(frame.trigger, annotated)
    for ent in annotated.ents:
        if ent.label_ == "MONEY" and clause.start <= ent.start and ent.end <= clause.end:
            return ent.text
    return None


def _clause(trigger: Token, annotated: Annotated) -> Span:
    """The clause of the verb that governs the trigger (read once per trigger: its period and value ask)."""
    return annotated.memo((_clause, trigger.i), lambda: _governing_clause(trigger))


def _period(trigger: Token, annotated: Annotated) -> Period | None:
    """The period phrase of the trigger's clause, else of its sentence, nearest the trigger first."""
    sent = trigger.sent
    clause = _clause(trigger, annotated)
    text = annotated.text[sent.start_char:sent.end_char]
    found = [(sent.start_char + start, sent.start_char + end, phrase)
             for start, end, phrase in annotated.dating_periods(text)]
    if not found:
        return None
    found.sort(key=lambda f: (not (clause.start_char <= f[0] < clause.end_char), abs(f[0] - trigger.idx)))
    return normalise_period(found[0][2], annotated.article.published) or Period(text=found[0][2])
