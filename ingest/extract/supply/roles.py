"""Role assignment for the supply frames: placed parties, the frame record, supplier, recipient and via."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ingest.extract.supply.lexicon import END_USE_USERS, Direction, RoleForm, SupplyLexicon
from ingest.extract.supply.tree import (
    _HYPHENS,
    _SUBJECTS,
    _active_participle,
    _argument_relation,
    _first_conjunct,
    _found_share_participle,
    _frame_heads,
    _governing_verb,
    _is_verb,
    _misparsed_finite,
    _misread_progressive,
    _own_subject,
    _prefix_start,
    _trigger_key,
)
from ontology.records import Entity

_OBJECTS = frozenset({"dobj", "dative", "iobj"})
_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
_RELATIVE = frozenset({"that", "which", "who", "whom"})
_ORGANISATIONS = frozenset({"Company", "GovernmentAgency"})
#: Parties that act in a trade themselves (a country is where goods come from or go to).
_ACTORS = frozenset({*_ORGANISATIONS, "Person"})
#: Prepositions that place an event rather than name a party ("the war in Ukraine", "strikes on Kyiv").
_SCENE = frozenset({"in", "against", "on", "over", "at", "inside", "across", "throughout"})


@dataclass(frozen=True)
class _Placed:
    """A party mention and how it hangs in the parse: ``marker`` (a preposition, a dependency label,
    ``possessor`` of a trigger, ``origin``/``owner`` of a good) relative to the ``governor`` token."""

    entity: Entity
    span: Span
    marker: str
    governor: Token


@dataclass
class _Frame:
    trigger: Token
    direction: Direction
    goods: list[tuple[Entity, Span]] = field(default_factory=list)


class _Roles:
    """Supplier, recipient and via chosen for one frame, and whether a role came from the parse."""

    def __init__(self) -> None:
        self.supplier: _Placed | None = None
        self.recipient: _Placed | None = None
        self.via: list[_Placed] = []

    def with_parties(self, supplier: _Placed | None = None, recipient: _Placed | None = None) -> _Roles:
        """A copy with the supplier or recipient replaced (a party coordinated with the one chosen)."""
        copy = _Roles()
        copy.supplier = supplier or self.supplier
        copy.recipient = recipient or self.recipient
        copy.via = list(self.via)
        return copy

    @property
    def anchored(self) -> bool:
        return self.supplier is not None or self.recipient is not None


def _place(entity: Entity, span: Span, triggers: set[int], goods: set[int], lexicon: SupplyLexicon) -> _Placed:
    """How a party mention hangs: climb coordination and ordinary-noun modification ("Russian
    customers", "Russia's telecom companies") to the token whose relation names the role."""
    current = span.root
    for _ in range(8):
        head = current.head
        if head == current:
            break
        if current.dep_ in ("conj", "appos") or (current.dep_ in _MODIFIERS and head.i not in triggers
                                                 and head.i not in goods and head.pos_ in ("NOUN", "PROPN")
                                                 and current.dep_ != "npadvmod"):
            current = head
            continue
        hyphened = current.dep_ == "advmod" and current.i + 1 < len(current.doc) \
            and current.doc[current.i + 1].text in _HYPHENS  # "Western-made", read as an adverb
        if (current.dep_ in ("npadvmod", "amod") or hyphened) and head.pos_ in ("VERB", "ADJ") and head.dep_ == "amod" \
                and head.lemma_.lower() not in lexicon.sponsor_participles:
            current = head  # "Chinese-made drones": Chinese -> made -> drones (not "a UN-backed deal")
            continue
        break
    subject_of = next((t for t in current.children if t.i in triggers and _active_participle(t)), None)
    if subject_of is not None:
        return _Placed(entity, span, "nsubj", subject_of)  # "UAE-based firms re-exported chips": the firms' verb
    head = current.head
    # "found US-origin chips": a country on an origin noun says where the goods are from, it is no object
    glued = None if current.lemma_.lower() in lexicon.origin_nouns else _glued_indirect_object(span, current, triggers)
    if glued is not None:
        return _Placed(entity, span, "dative", glued)
    if current.dep_ in _MODIFIERS and head.i in goods:
        return _Placed(entity, span, "owner" if current.dep_ == "poss" else "origin", head)
    if current.dep_ in _MODIFIERS and head.i in triggers:
        return _Placed(entity, span, "possessor", head)
    if current.dep_ == "pobj":
        prep = head
        governor = prep.head
        while governor.dep_ == "pobj" and governor.pos_ == "PROPN" and governor.i not in triggers \
                and governor.head.head != governor.head:
            governor = governor.head.head  # "from China to Russia" with "to" hung on "China"
        if governor.lemma_.lower() in lexicon.placement_participles and governor.dep_ == "acl":
            governor = governor.head  # "end users located in China", "companies registered in Hong Kong"
        before = prep.doc[prep.i - 1] if prep.i > 0 else prep
        if prep.lower_ in lexicon.prepositions.home and governor.i in triggers and before.dep_ == "pobj" \
                and before.lemma_.lower() in lexicon.unnamed_parties and before.head.head == governor \
                and before.head.lower_ in (*lexicon.prepositions.recipient, *lexicon.prepositions.source):
            # "the delivery of bearings to businesses in Russia" with "in Russia" hung on the trigger: the place
            # is where the unnamed party is
            return _Placed(entity, span, before.head.lower_, governor)
        if prep.lower_ in lexicon.prepositions.home and governor.lower_ in lexicon.party_compound_words:
            # "to end users in Russia" with "in Russia" hung on the misread "end"
            split = _split_party_compound(next((c for c in governor.children if c.dep_ == "dobj"), governor), lexicon)
            if split is not None:
                return _Placed(entity, span, split[0], split[1])
        if prep.lower_ in lexicon.prepositions.home and governor.pos_ == "NOUN" and governor.i not in triggers \
                and governor.lemma_.lower() in lexicon.unnamed_parties:
            # "sold drone parts to trading companies in the UAE", "companies from China supplied": unnamed
            # firms stand for their country.
            while governor.dep_ == "pobj" and governor.head.lower_ == "of" and governor.head.head.dep_ == "pobj" \
                    and governor.head.head.i not in triggers:
                governor = governor.head.head  # "through a network of front companies in Armenia"
            if governor.dep_ == "pobj" and governor.head.head != governor.head:
                return _Placed(entity, span, governor.head.lower_, governor.head.head)
            split = _split_party_compound(governor, lexicon)
            if split is not None:
                return _Placed(entity, span, split[0], split[1])
            return _Placed(entity, span, governor.dep_, governor.head)
        return _Placed(entity, span, prep.lower_, governor)
    return _Placed(entity, span, current.dep_, head)


def _split_party_compound(noun: Token, lexicon: SupplyLexicon) -> tuple[str, Token] | None:
    """The preposition and governor of a party noun whose compound the parser read as an infinitive ("exporting
    chips to end users in Russia" parsed as "to end" + object "users"), or ``None``."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lower_ not in lexicon.party_compound_words or verb.head == verb:
        return None
    particle = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in lexicon.prepositions.recipient), None)
    return (particle.lower_, verb.head) if particle is not None else None


def _glued_indirect_object(span: Span, climbed: Token, triggers: set[int]) -> Token | None:
    """The trigger verb whose indirect object the parser glued onto the direct object as a modifier ("sold
    Altyn Trade roller bearings", "sold Bishkek-based Tengri Supply LLC ball bearings"), or ``None``."""
    if span.root.dep_ != "compound" or (climbed == span.root and climbed.dep_ != "compound"):
        return None
    phrase = climbed if climbed.dep_ == "dobj" else climbed.head if climbed.head.dep_ == "dobj" else None
    if phrase is None or phrase.head.i not in triggers or phrase.head.pos_ != "VERB":
        return None
    verb = phrase.head
    between = span.doc[verb.i + 1:span.start]
    if len(between) and not (between[-1].lower_ == "based" and all(t.pos_ in ("PROPN", "PUNCT", "VERB")
                                                                   for t in between)):
        return None
    return verb if verb.i < span.start else None


def _roles(frame: _Frame, placed: Sequence[_Placed], lexicon: SupplyLexicon, triggers: set[int]) -> _Roles:
    preps = lexicon.prepositions
    trigger = frame.trigger
    relied = trigger.head.head
    if frame.direction == "in" and trigger.dep_ == "pcomp" and trigger.head.lower_ in preps.reliance_goods \
            and relied.lemma_.lower() in lexicon.reliance_verbs and _is_verb(relied):
        # "Russia relied on Acme for importing chips": the reliance verb's parties are the trade's
        roles = _roles(_Frame(relied, "in", frame.goods), placed, lexicon, triggers | {relied.i})
        if roles.supplier is None and relied.dep_ == "relcl":
            # "Acme was among those that Russia relied on for ...": the party relied on is the clause's antecedent
            roles.supplier = _relative_antecedent(relied, placed, exclude=roles.recipient)
        return roles
    verb = _is_verb(trigger)
    direction = frame.direction
    roles = _Roles()
    good_ids = {e.id for e, _ in frame.goods}
    direct = [p for p in placed if p.governor == trigger and p.entity.id not in good_ids]
    misparsed = _misparsed_finite(trigger, lexicon)
    if misparsed:
        # "Acme Co., Ltd. shipped microchips to Russia" parsed as "(shipped microchips) to Russia": the noun
        # "shipped" was hung on keeps the verb's prepositions, and the party just before it is the subject.
        start = _prefix_start(trigger)
        # the prefix's tokens ("re", "-") stand for the verb too: "to Russia" may hang on either
        governors = {trigger.head, *trigger.doc[start:trigger.i]}
        direct += [p for p in placed if p.governor in governors and p.entity.id not in good_ids
                   and p not in direct]
        direct += [_Placed(p.entity, p.span, "nsubj", trigger) for p in placed
                   if start - 1 <= p.span.end <= start and p.entity.id not in good_ids]
    if _misread_progressive(trigger):
        # "Chinese firms are shipping engines to Russia" read as "are (shipping engines)": the object keeps
        # the verb's prepositions, and the subject of "be" is the verb's
        be = trigger.head.head
        direct += [p for p in placed if p.governor == trigger.head and p.entity.id not in good_ids
                   and p not in direct]
        direct += [_Placed(p.entity, p.span, p.marker, trigger) for p in placed
                   if p.governor == be and p.marker in _SUBJECTS and p.entity.id not in good_ids]
    # "the machine tools imported by Russia": a past participle on its noun is passive too
    passive = verb and (any(c.dep_ == "auxpass" for c in trigger.children)
                        or (trigger.dep_ == "acl" and trigger.tag_ == "VBN" and not _active_participle(trigger)))
    for p in direct:
        if p.marker in preps.via:
            roles.via.append(p)
    # The role table of the lexicon: which markers fill the supplier and the recipient for this direction
    # and form of trigger.
    lemma = trigger.lemma_.lower()
    row = END_USE_USERS if direction == "end_use" and lemma in lexicon.end_use_users else direction
    form: RoleForm = ("passive" if passive else "verb") if verb else "noun"
    suppliers, recipients = lexicon.role_markers(row, form)
    supplier_markers, recipient_markers = set(suppliers), set(recipients)
    if "objects" in recipient_markers:
        recipient_markers.discard("objects")
        recipient_markers |= _OBJECTS if _goods_elsewhere(frame) else {"dative", "iobj"}
    if trigger.lower_ in lexicon.destination_words:
        recipient_markers |= set(preps.destination)
    if direction == "in" and lemma in lexicon.reliance_verbs:
        supplier_markers |= set(preps.reliance)  # "Russia depends on China for nitrocellulose"
    if direction == "end_use" and lemma in lexicon.origin_participles:
        supplier_markers |= set(preps.origin)  # "were made in the United States", "made by Dutch firms"
        # "were designed or made in the United States": the place hangs on the coordinated participle
        joined = {c for c in trigger.children if c.dep_ == "conj" and c.lemma_.lower() in lexicon.origin_participles}
        direct += [p for p in placed if p.governor in joined and p not in direct]
    if direction == "end_use" and lemma in lexicon.extraction_verbs:
        supplier_markers -= set(preps.source)  # "recovered chips from Russian drones": the drones held them
    roles.recipient = _first(direct, recipient_markers)
    if roles.recipient is None and verb and not passive and "nsubj" in recipient_markers \
            and trigger.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE for c in trigger.children):
        # "Baoli Technology, which procured cameras for ...": the buyer is the clause's antecedent
        roles.recipient = _relative_antecedent(trigger, placed, exclude=None)
    if roles.recipient is None and direction == "in" and lemma in lexicon.reliance_verbs:
        # "Russian drones rely on Chinese chips": whose weapons rely on the goods receives them
        weapons = {c for c in trigger.children if c.dep_ == "nsubj"
                   and c.lemma_.lower() in lexicon.weapon_nouns}
        # (a modifier of the weapon itself: "Iranian-designed drones" says who designed them, not whose they are)
        roles.recipient = next((p for p in placed if p.marker in ("origin", "owner", "possessor")
                                and p.governor in weapons and p.span.root.head == p.governor), None)
    if passive and direction == "out" and roles.recipient is None and _goods_in_with(frame):
        # "Kestrel Aero was supplied with engines by Orbital Parts": the passive subject receives the goods, and
        # the agent may hang on the goods
        roles.recipient = next((p for p in direct if p.marker == "nsubjpass"), None)
        goods_roots = {span.root for _, span in frame.goods}
        direct += [p for p in placed if p.marker in preps.agent and p.governor in goods_roots and p not in direct]
    if direction == "end_use" and roles.recipient is None and lemma in lexicon.outfit_verbs and not passive:
        # "Russia equips its drones with Chinese engines": who fits out the weapons, else their owner
        weapon = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        roles.recipient = _first(direct, {"nsubj"}) or next(
            (p for p in placed if weapon is not None and p.span.root.head == weapon
             and p.span.root.dep_ in _MODIFIERS), None)
    if direction == "end_use" and roles.recipient is None and (
            lemma in (*lexicon.container_subjects, *lexicon.container_passives, *lexicon.outfit_verbs,
                      *lexicon.powered_passives)
            or (lemma in lexicon.end_use_users and not passive)):
        # "Russian missiles contain Japanese chips": the owner of the weapons that hold the goods ("Russian drones
        # use engines made in China": the weapons use the goods).
        roles.recipient = next((p for p in placed if (p in direct and p.marker in _SUBJECTS
                                                      and p.span.root.dep_ in _MODIFIERS)
                                # "Iranian drones contain Chinese engines": the drones are a good themselves
                                # ("Russia's drones are powered by ...": their possessor)
                                or (p.marker in ("origin", "owner") and p.governor.dep_ in _SUBJECTS
                                    and p.governor.head == trigger)), None)
        relative = trigger.dep_ == "relcl" and any(c.dep_ in _SUBJECTS and c.lower_ in _RELATIVE
                                                   for c in trigger.children)
        if roles.recipient is None and (trigger.dep_ == "acl" or relative):
            # "shot down Russian drones containing American parts", "Russia's drones, which contain ...": the
            # weapon is the noun the verb describes
            roles.recipient = next((p for p in placed if p.span.root.head == trigger.head
                                    and p.span.root.dep_ in _MODIFIERS), None)
        weapon = next((c for c in trigger.children if c.dep_ in _SUBJECTS), None)
        if (weapon is None and trigger.dep_ == "acl") or relative:
            weapon = trigger.head
        user = _weapon_user(weapon, placed, lexicon) if weapon is not None else None
        roles.recipient = user or roles.recipient  # "Iranian drones used by Russia contain ..."
    if direction == "end_use" and roles.recipient is None:
        roles.recipient = _contained(placed, frame, lexicon, passive)
    if direction == "end_use" and roles.recipient is None and lemma in lexicon.share_of_found_verbs:
        # "... accounted for most of the parts found in Russian drones": where the share's whole was found
        participle = _found_share_participle(trigger, lexicon)
        if participle is not None:
            roles.recipient = _contained(placed, _Frame(participle, "end_use", []), lexicon, True)
    if direction == "end_use" and roles.recipient is None:
        # "Most of Russia's microchips come from China": a country owning the goods holds them (a company owning
        # them made them: "NXP's transistors")
        roles.recipient = next((p for p in placed if p.marker == "owner" and p.entity.type not in _ORGANISATIONS
                                and any(p.governor in s for _, s in frame.goods)), None)
    if direction == "end_use" and roles.recipient is None and not passive:
        # "Russia installs Western chips in its missiles": the subject owns the weapons its pronoun names
        owned = any(g.dep_ == "pobj" and any(c.dep_ == "poss" and c.lower_ in lexicon.weapon_possessives
                                             for c in g.children)
                    for c in trigger.children if c.dep_ == "prep" and c.lower_ in lexicon.prepositions.container
                    for g in c.children)
        roles.recipient = _first(direct, {"nsubj"}) if owned else None
    roles.supplier = _first([p for p in direct if p is not roles.recipient], supplier_markers, sender=True)
    if verb and not passive and direction == "in" and roles.recipient is None:
        # "Acme sought to evade sanctions by purchasing chips": the buyer is the subject of a governing verb
        roles.recipient = _buyer_up(trigger, placed)
    if verb and not passive and direction == "in" and roles.supplier is None and roles.recipient is not None:
        # "bought the parts in Germany": the country of the market the buyer buys in sells to it
        roles.supplier = next((p for p in direct if p.marker in preps.market and p.entity.type == "Country"
                               and p is not roles.recipient), None)
    if verb and not passive and direction == "in" and roles.supplier is None and roles.recipient is not None:
        # "bought chips via Beta LLC": a company the buyer buys through sells to it
        roles.supplier = next((p for p in direct if p.marker in preps.via and p.entity.type in _ORGANISATIONS
                               and p is not roles.recipient), None)
    if verb and not passive and direction == "in" and roles.supplier is None and roles.recipient is not None:
        proxy = _buyer_for(trigger, placed, lexicon, exclude=roles.recipient)
        if proxy is not None:  # "Acme procured chips for Beta LLC": Acme passes them on to Beta
            roles.supplier, roles.recipient = roles.recipient, proxy
    if not verb and direction == "in" and roles.supplier is None and roles.recipient is None:
        proxy = _buyer_for(trigger, placed, lexicon, exclude=None)
        if proxy is not None:
            # "Acme arranged the purchase of chips for Beta LLC": whoever arranges the purchase passes them on
            buyer = _subject_up(trigger, placed, exclude=proxy, reporting_verbs=lexicon.reporting_verbs,
                                targets=preps.target)
            if buyer is not None:
                roles.supplier, roles.recipient = buyer, proxy
    if verb and direction in ("out", "transit") and roles.supplier is not None \
            and roles.supplier.marker in preps.source and roles.supplier.entity.type not in _ACTORS:
        # "X had been involved in a scheme exporting chips from the US": a named actor doing the trade is its
        # supplier, the place the goods leave is only where they come from.
        actor = _subject_up(trigger, placed, exclude=roles.recipient, reporting_verbs=lexicon.reporting_verbs,
                            targets=preps.target)
        if actor is not None and actor.entity.type in _ACTORS:
            roles.supplier = actor
    if direction == "out" and not verb and trigger.lemma_.lower() in lexicon.agent_nouns:
        _agent_noun_roles(roles, trigger, placed)
    if direction == "in" and not verb and roles.supplier is None:
        roles.supplier = _share_holder(trigger, placed, lexicon, exclude=roles.recipient)
    if direction in ("in", "end_use") and roles.supplier is None and verb and lemma in lexicon.reliance_verbs:
        # "drones rely on electronics from American suppliers": where the relied-on goods come from, before any
        # origin said of another noun ("Iranian-designed drones")
        roles.supplier = next((p for p in placed if p.marker in preps.source and p is not roles.recipient
                               and any(p.governor in s for _, s in frame.goods)), None)
    if direction in ("in", "motion", "end_use") and roles.supplier is None:
        roles.supplier = _origin_of(frame, placed, lexicon, exclude=roles.recipient)
    if direction == "end_use" and roles.supplier is None:
        # "Texas Instruments' chips were found in Russian drones": a company owning the goods found made them
        roles.supplier = next((p for p in placed if p.marker == "owner" and p.entity.type in _ORGANISATIONS
                               and p is not roles.recipient and any(p.governor in s for _, s in frame.goods)), None)
    if direction == "end_use" and roles.supplier is None:
        # "Chips found in Russian drones were made in Japan" parsed as "(Chips found in ...) and were made in
        # Japan": the coordinated origin participle without a subject of its own says where the goods are from
        # (or with a share of a pronoun for them as its subject: "..., the majority of which were produced by")
        # (or above it: "whether the chips found in Russian drones were made in Japan", "found" read as a clause
        # of "made"; or "were made in Japan and found in ...", the goods the subject of both)
        linked = [c for c in trigger.children if c.dep_ in ("conj", "ccomp")]
        if trigger.dep_ in ("advcl", "conj") and trigger.head != trigger:
            linked.append(trigger.head)
        goods_roots = {span.root for _, span in frame.goods}
        # (and "Chips manufactured in Japan were found in ...", "manufactured" read as the main verb)
        made = [c for c in linked
                if c.lemma_.lower() in lexicon.origin_participles
                and (any(g.dep_ == "auxpass" for g in c.children)
                     or (c == trigger.head and trigger.dep_ == "conj"
                         and not any(g.dep_ in ("aux", "auxpass") for g in c.children)))
                and all(_share_of_pronoun(g, lexicon) or g in goods_roots for g in c.children if g.dep_ in _SUBJECTS)]
        roles.supplier = next((p for p in placed if p.governor in made and p.marker in preps.origin
                               and p is not roles.recipient), None)
    if direction == "end_use" and roles.supplier is None:
        # "components from several countries, including the US and Japan", "made in countries such as the US"
        roles.supplier = next((p for p in placed if p is not roles.recipient and _example_of_countries(p, lexicon)),
                              None)
    if direction == "end_use" and roles.supplier is None and trigger.lemma_.lower() in lexicon.origin_copulas:
        # "most of the parts were of US origin": the origin the copula states
        roles.supplier = next((p for p in placed if p is not roles.recipient and p.marker == "of"
                               and p.governor == trigger and p.span.root.head.lemma_.lower() in lexicon.origin_nouns),
                              None)
    if direction == "motion" and roles.recipient is None:
        roles.recipient = next((p for p in placed if p.marker == "owner"
                                and any(p.governor in s for _, s in frame.goods)), None)
    if roles.supplier is None and passive and direction in ("out", "transit"):
        # "Chinese ball bearings were shipped to Russia ..., the committee said": no agent, so the goods'
        # origin; the subject of a governing verb is the reporter, not the sender.
        roles.supplier = _origin_of(frame, placed, lexicon)
    elif roles.supplier is None and direction in ("out", "transit", "cooperation"):
        roles.supplier = _subject_up(trigger, placed, exclude=roles.recipient,
                                     reporting_verbs=lexicon.reporting_verbs, targets=preps.target)
    if roles.supplier is None and not verb and direction in ("out", "transit"):
        # "the delivery of bearings of Swedish origin to buyers in Russia": no sender, so the goods' origin
        roles.supplier = _stated_origin(frame, placed, lexicon.origin_nouns, exclude=roles.recipient)
    if roles.recipient is None and direction in ("out", "transit") and verb:
        roles.recipient = _first([p for p in placed if p.governor in _frame_heads(trigger)[1:]],
                                 set(preps.recipient))
    loose = _loose(placed, trigger, triggers)
    if roles.recipient is None and direction in ("out", "transit", "motion"):
        roles.recipient = _first([p for p in loose if p is not roles.supplier], set(preps.recipient))
    if roles.supplier is None and direction != "cooperation":
        roles.supplier = _first([p for p in loose if p is not roles.recipient], set(preps.source), sender=True)
    for p in [*placed, *loose]:
        if p.marker in preps.via and p not in roles.via and (p.governor in _frame_heads(trigger) or p in loose) \
                and (p.governor == trigger or not _routes_another_trade(p.governor, frame, triggers, lexicon)):
            roles.via.append(p)
    roles.via = [p for p in roles.via if p.entity.type in lexicon.via_types]
    return roles


def _relative_antecedent(verb: Token, placed: Sequence[_Placed], exclude: _Placed | None) -> _Placed | None:
    """The party a relative clause is said of: the one it hangs on ("Acme, which ..."), or the subject of the
    copula the clause's noun or pronoun is counted among ("Acme was among those that ...", "Acme is one of the
    firms that ...")."""
    noun = verb.head
    held = next((p for p in placed if p is not exclude and noun in p.span), None)
    if held is not None:
        return held
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        # "Sinno Electronics is a PRC-based company that has shipped ...": the copula's subject
        named = next((p for p in placed if p is not exclude and p.governor == noun.head and p.marker in _SUBJECTS
                      and p.entity.type in _ORGANISATIONS), None)
        if named is not None:
            return named
    if noun.dep_ == "pobj" and noun.head.lower_ in ("among", "of"):
        governor = noun.head.head
        if governor.lower_ == "one" and governor.dep_ == "attr":
            governor = governor.head
        if governor.lemma_ == "be":
            return next((p for p in placed if p is not exclude and p.governor == governor and p.marker in _SUBJECTS),
                        None)
    return None


def _buyer_up(trigger: Token, placed: Sequence[_Placed]) -> _Placed | None:
    """The buyer of a buying verb without a subject of its own, the subject of the verbs it is the means or aim
    of ("Acme sought to evade sanctions by purchasing chips", "Acme tried to buy chips"); ``None`` where a verb on
    the way has a party as its object ("helped Russia in acquiring": the helped party buys, not the helper)."""
    current = trigger
    for _ in range(4):
        if current.dep_ == "pcomp" and current.head.lower_ == "by" and current.head.dep_ == "prep":
            verb = current.head.head
        elif current.dep_ in ("xcomp", "advcl") and current.head != current:
            verb = current.head
        else:
            return None
        if not _is_verb(verb) or any(p.governor == verb and p.marker in _OBJECTS for p in placed):
            return None
        # a company or agency before a place that only modifies it ("US-designated ... AK Microtech")
        subject = next((p for p in sorted(placed, key=lambda p: p.entity.type not in _ORGANISATIONS)
                        if p.governor == verb and p.marker == "nsubj"), None)
        if subject is not None:
            return subject
        current = verb
    return None


def _buyer_for(trigger: Token, placed: Sequence[_Placed], lexicon: SupplyLexicon,
               exclude: _Placed | None) -> _Placed | None:
    """The party a buying verb buys for ("procured chips for Beta LLC", "on behalf of the Russian military"), a
    company, agency, person or country, or ``None``."""
    preps = lexicon.prepositions
    for p in placed:
        if p is exclude or p.entity.type not in (*_ACTORS, "Country"):
            continue
        # the phrase hangs on the trigger or on its goods ("procured (chips for Beta LLC)", "the purchase of
        # (chips for Beta LLC)")
        if p.marker in preps.proxy and (p.governor == trigger or (p.governor.dep_ == "dobj"
                                                                  and p.governor.head == trigger)
                                        or (p.governor.dep_ == "pobj" and p.governor.head.lower_ == "of"
                                            and p.governor.head.head == trigger)):
            return p
        if p.marker == "of" and p.governor.lower_ in preps.proxy_nouns and p.governor.dep_ == "pobj" \
                and p.governor.head.head == trigger:
            return p
    return None


def _contained(placed: Sequence[_Placed], frame: _Frame, lexicon: SupplyLexicon, passive: bool) -> _Placed | None:
    """The party in an end-use verb's container phrase: the owner of the weapons the goods are in ("found in
    Russian drones", also with the phrase hung on the goods: "found chips in Russian missiles"), or a place
    the goods themselves went to ("ended up in Russia"; not "were found in Ukraine" or "found drones in
    Ukraine", which say where the finding happened)."""
    containers = set(lexicon.prepositions.container)
    trigger = frame.trigger
    holders = {trigger, *(span.root for _, span in frame.goods)}
    # "found chips made by American firms in Russian missiles": the phrase hung on the goods' participle.
    participles = {c for _, span in frame.goods for c in span.root.children if c.dep_ == "acl" and c.pos_ == "VERB"}
    holders |= participles
    moved = not passive and any(_argument_relation(span.root, trigger) == "nsubj" for _, span in frame.goods)
    for p in placed:
        first = _first_conjunct(p.span.root)  # "made in the United States, Japan and Germany": each of them
        path = [p.span.root]
        for ancestor in p.span.root.ancestors:
            if ancestor.dep_ == "prep" and ancestor.head in holders and (
                    ancestor.lower_ in containers or (ancestor.lower_ in lexicon.prepositions.source
                                                      and ancestor.head.lemma_.lower() in lexicon.extraction_verbs)):
                # a place right after the goods' participle says where they were made ("made in China"); a place
                # in a nested "in" where the finding happened ("found parts in a field in Ukraine")
                nested = first.dep_ == "pobj" and first.head.lower_ in containers and first.head != ancestor
                # nor an example of the countries the goods were made in ("made in countries such as the US")
                countries = any(t.lemma_.lower() in lexicon.country_anaphors for t in path)
                if nested or countries:
                    break
                if first.head != ancestor or (moved and ancestor.head not in participles):
                    # "found in (the wreckage of) North Korean missiles fired by Russia": who fields the weapon
                    # holds the goods
                    users = (_weapon_user(t, placed, lexicon) for t in path if t.pos_ in ("NOUN", "PROPN"))
                    return next((u for u in users if u is not None), p)
                break
            if ancestor == trigger or (ancestor.pos_ in ("VERB", "AUX") and not (
                    ancestor.dep_ == "amod" and ancestor.lemma_.lower() in lexicon.origin_participles)):
                break  # (through the "-made" of "Russian-made drones")
            path.append(ancestor)
    # "found in the drones Russia launched at Kyiv": a weapon in the container phrase that a party fields
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in containers:
                for weapon in prep.children:
                    user = _weapon_user(weapon, placed, lexicon) if weapon.dep_ == "pobj" else None
                    if user is not None:
                        return user
    return None


def _weapon_user(weapon: Token, placed: Sequence[_Placed], lexicon: SupplyLexicon) -> _Placed | None:
    """The party a participle on a weapon noun says fields it ("missiles fired by Russia", "drones used by
    the Russian army") or received it ("drones supplied to Russia"), or ``None``."""
    for participle in weapon.children:
        relative = participle.dep_ == "relcl" and participle.pos_ == "VERB"  # "the missiles Russia fired"
        if not relative and (participle.dep_ != "acl" or participle.tag_ != "VBN"):
            continue
        lemma = participle.lemma_.lower()
        if lemma in lexicon.weapon_user_verbs:
            markers = {"nsubj"} if relative else set(lexicon.prepositions.agent)
        elif lemma in lexicon.weapon_sent_verbs:
            markers = set(lexicon.prepositions.recipient)
        else:
            continue
        found = next((p for p in placed if p.governor == participle and p.marker in markers), None)
        if found is not None:
            return found
    return None


def _example_of_countries(party: _Placed, lexicon: SupplyLexicon) -> bool:
    """Whether a party is named as an example of the countries goods come from or were made in ("from several
    countries, including the US", "made in countries such as Japan")."""
    noun = party.governor
    such = party.marker == "as" and any(t.lower_ == "such" for t in noun.subtree)
    if not (party.marker in lexicon.example_words or such) or noun.lemma_.lower() not in lexicon.country_anaphors:
        return False
    return noun.dep_ == "pobj" and noun.head.lower_ in (*lexicon.prepositions.source, *lexicon.prepositions.origin)


def _share_of_pronoun(token: Token, lexicon: SupplyLexicon) -> bool:
    """Whether a subject is a share of a pronoun ("most of them", "the majority of which")."""
    return token.lower_ in lexicon.partitives and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" for g in c.children) for c in token.children)


def _agent_noun_roles(roles: _Roles, trigger: Token, placed: Sequence[_Placed]) -> None:
    """ "Acme, a Hong Kong-based supplier of chips to Russia", "Acme is a supplier of ...": the company the
    agent noun describes is the supplier; a possessor of the noun ("Russia's main supplier") its customer."""
    holder: _Placed | None = None
    if trigger.dep_ == "appos":
        holder = next((p for p in placed if trigger.head in p.span), None)
    elif trigger.dep_ == "attr":
        holder = next((p for p in placed if p.governor == trigger.head and p.marker in _SUBJECTS), None)
    current = roles.supplier
    if current is not None and current.marker == "possessor" and current.span.root.dep_ == "poss":
        roles.supplier = None
        if roles.recipient is None:
            roles.recipient = current
    if holder is not None and holder is not roles.recipient:
        roles.supplier = holder


def _share_holder(trigger: Token, placed: Sequence[_Placed], lexicon: SupplyLexicon,
                  exclude: _Placed | None) -> _Placed | None:
    """The other side of a trade noun stated as a share ("Chinese exporters accounted for 85% of Russia's
    imports", "China's share of Russian imports"): the subject of the share verb or the share's possessor."""
    words = set(lexicon.share_words)
    current = trigger
    for _ in range(5):
        if current.dep_ not in ("pobj", "prep", "dobj", "attr", "npadvmod") or current.head == current:
            return None
        current = current.head
        if current.lemma_.lower() in words:
            break
    else:
        return None
    for p in placed:
        if p is exclude:
            continue
        if current.pos_ in ("VERB", "AUX") and p.governor == current and p.marker in _SUBJECTS:
            return p
        if current.pos_ not in ("VERB", "AUX") and p.span.root.head == current and p.span.root.dep_ in _MODIFIERS:
            return p
    return None


def _goods_in_with(frame: _Frame) -> bool:
    """Whether the goods are the object of "with" on the trigger ("was supplied with engines")."""
    return any(span.root.dep_ == "pobj" and span.root.head.lower_ == "with" and span.root.head.head == frame.trigger
               for _, span in frame.goods)


def _goods_elsewhere(frame: _Frame) -> bool:
    """Whether the goods are not the verb's direct object ("provided Russia with chips", "sold Russia
    loaders"), so that a party as direct object is the recipient."""
    for _, span in frame.goods:
        root = _first_conjunct(span.root)
        if root.dep_ == "dobj" and root.head == frame.trigger:
            return any(child.dep_ == "dative" for child in frame.trigger.children)
    return True


def _routes_another_trade(governor: Token, frame: _Frame, triggers: set[int], lexicon: SupplyLexicon) -> bool:
    """Whether a route phrase hangs on another trading verb of the other direction, so it is that trade's
    route, not this frame's ("bought X in Germany and shipped them through Armenia"). A coordinated verb of
    the same direction shares it ("shipped rifles via Turkey, and sent drones along the same routes")."""
    if not (governor.i in triggers or (_is_verb(governor) and governor.lemma_.lower() in lexicon.trigger_lemmas)):
        return False
    return lexicon.direction(_trigger_key(governor), noun=not _is_verb(governor)) != frame.direction


def _first(placed: Iterable[_Placed], markers: set[str], sender: bool = False) -> _Placed | None:
    """The first party with one of the markers; as sender, a named company or agency wins over a
    country ("China's Huawei", "Chinese firm Acme")."""
    matches = [p for p in placed if p.marker in markers]
    if sender:
        matches.sort(key=lambda p: p.entity.type not in _ORGANISATIONS)
    elif len(matches) > 1:
        # either side: a named firm wins over the country said of it in its own phrase ("Kazakh distributor
        # Steppe Components bought ...")
        firms = [p for p in matches if p.entity.type in _ORGANISATIONS]
        # "to the Russian company Kestrel Aero": the demonym and the name hang on one singular noun (not
        # "Russia's telecom companies (Beeline, MTS)", where the country is the party)
        matches.sort(key=lambda p: p.entity.type not in _ORGANISATIONS
                     and any(f.governor == p.governor and (f.span.root.is_ancestor(p.span.root)
                                                           or (f.span.root.head == p.span.root.head
                                                               and p.span.root.dep_ == "amod"
                                                               and p.span.root.head.tag_ == "NN"))
                             for f in firms))
    return matches[0] if matches else None


def _loose(placed: Sequence[_Placed], trigger: Token, triggers: set[int]) -> list[_Placed]:
    """Parties hung lower in the trigger's subtree (a prepositional phrase the parser attached to the
    object instead of the verb), unless another trigger lies between."""
    found = []
    for p in placed:
        if p.governor == trigger:
            continue
        for ancestor in p.governor.ancestors:
            if ancestor == trigger:
                found.append(p)
                break
            if ancestor.i in triggers:
                break
    return found


def _origin_of(frame: _Frame, placed: Sequence[_Placed], lexicon: SupplyLexicon,
               exclude: _Placed | None = None) -> _Placed | None:
    """A demonym or country naming where the goods come from ("Chinese drones", "Chinese-made", "made in
    China", "produced by Dutch firms", "of Japanese origin"); never the maker of a weapon in a container
    phrase the goods were found in ("identified in Russian-made drones")."""
    origin_participles = set(lexicon.origin_participles)
    party_nouns = {*lexicon.party_nouns, *lexicon.origin_nouns}
    markers = set(lexicon.prepositions.origin)
    partitives = frozenset(lexicon.partitives)
    containers = lexicon.prepositions.container
    spans = [s for _, s in frame.goods]
    candidates = [p for p in placed if p.marker == "origin" and p is not exclude]
    for p in candidates:
        if any(p.governor in s for s in spans):
            return p
    for p in placed:  # "microchips of American firms": the makers the goods are of
        if p.marker == "of" and p is not exclude and any(p.governor in s for s in spans) \
                and p.span.root.head.lemma_.lower() in party_nouns:
            return p
    # "microchips made in China", "chips manufactured by American companies"; the maker named as the
    # phrase's object before a country said of it ("made by Japan's Kaito Denshi")
    for p in sorted(placed, key=lambda p: p.span.root.dep_ != "pobj"):
        made = p.governor
        if p.marker in markers and made.lemma_.lower() in origin_participles and made.dep_ == "acl" \
                and (any(made.head in s for s in spans) or _partitive_of(made.head, frame, partitives)) \
                and p is not exclude:
            return p
    # not the maker of a weapon the goods were found in ("identified in Russian-made drones"): it holds them
    holders = set(containers)
    candidates = [p for p in candidates if not (p.governor.dep_ == "pobj" and p.governor.head.lower_ in holders)]
    return candidates[0] if candidates else None


def _stated_origin(frame: _Frame, placed: Sequence[_Placed], origin_nouns: Iterable[str],
                   exclude: _Placed | None = None) -> _Placed | None:
    """The party of an origin noun on the goods ("bearings of Swedish origin", "chips of American and European
    origins": the first named), or ``None``."""
    nouns = set(origin_nouns)
    spans = [s for _, s in frame.goods]
    for p in placed:
        if p.marker == "of" and p is not exclude and any(p.governor in s for s in spans) \
                and p.span.root.head.lemma_.lower() in nouns:
            return p
    return None


def _partitive_of(token: Token, frame: _Frame, partitives: frozenset[str]) -> bool:
    """Whether ``token`` is a share of the frame's goods named by a pronoun, hung on the trigger or the goods
    ("identified 200 microchips in Russian weapons, most of them made by American companies")."""
    if token.lower_ not in partitives or not (token.head == frame.trigger
                                              or any(token.head in span for _, span in frame.goods)):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PRON" for g in c.children)
               for c in token.children)


def _subject_up(trigger: Token, placed: Sequence[_Placed], exclude: _Placed | None,
                reporting_verbs: Iterable[str] = (), targets: Iterable[str] = ()) -> _Placed | None:
    """The sender of a trigger without its own: the subject of the verb it complements, the object of a
    "sanctioned X for supplying" verb, the subject of the verb a noun trigger is the object of."""
    heads = _frame_heads(trigger)
    last = heads[-1]
    if len(heads) > 1 and heads[-2].dep_ == "acl" and last.dep_ == "pobj" and last.head.dep_ == "prep" \
            and last.head.head.pos_ == "VERB" and last.head.lower_ in _SCENE:
        # "was involved in a scheme exporting chips", "took part in a plot to smuggle": the verb the scheme's
        # noun hangs from has the doer as its subject
        heads += [h for h in _frame_heads(last.head.head) if h not in heads]
    if not _is_verb(trigger):
        # "pressing Georgia to halt the shipping of ...": the governing verb, and the verbs it complements
        heads += [h for h in _frame_heads(_governing_verb(trigger)) if h not in heads]
    reporting_verbs = set(reporting_verbs)
    targets = set(targets)
    for position, head in enumerate(heads):
        came_through_for = any(h.dep_ == "pcomp" for h in heads[:position])
        if position and heads[position - 1].dep_ == "ccomp" and _own_subject(heads[position - 1]):
            break  # "OFAC said the firm shipped": the clause has its own sender, named or not
        if position and heads[position - 1].dep_ == "xcomp":
            # "pressed Kazakhstan to stop exporting", "called on the UAE to stop exporting": the object of
            # the governing verb is the doer.
            controller = next((p for p in placed if p is not exclude and p.governor == head
                               and p.marker in ("dobj", "on", "upon")), None)
            if controller is not None:
                return controller
        wanted = ({"dobj", "nsubjpass"} if came_through_for else set()) | _SUBJECTS
        reporting = head.lemma_.lower() in reporting_verbs
        # "imposed sanctions on Acme for shipping": the target of the measure the verb's object names.
        target = next((p for p in placed if came_through_for and p is not exclude and p.marker in targets
                       and p.governor.dep_ == "dobj" and p.governor.head == head), None)
        # "The Treasury sanctioned Acme for supplying": the punished object is the sender, not the subject.
        for p in sorted(placed, key=lambda p: (came_through_for and p.marker == "nsubj",
                                                p.entity.type not in _ORGANISATIONS)):
            if p is exclude or p.governor != head or p.marker not in wanted:
                continue
            if target is not None and p.marker in _SUBJECTS:
                return target
            if p.marker in _SUBJECTS and head.dep_ == "relcl" and p.span.root.lower_ in _RELATIVE:
                continue
            if reporting and p.marker in _SUBJECTS and (p.entity.type == "GovernmentAgency"
                                                        or (came_through_for and p.marker != "nsubjpass")):
                # an agency reporting or punishing a supply is not its sender, nor a government announcing
                # measures "for exporting ..."
                continue
            return p
        if target is not None:
            return target
        if head.dep_ == "relcl":
            antecedent = _relative_antecedent(head, placed, exclude)
            if antecedent is not None:
                return antecedent
    return None
