"""Parse-tree helpers for the supply frames: verb checks, governing verbs and clauses, arguments, tree distance."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ingest.extract.supply.lexicon import Direction, SupplyLexicon

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_HYPHENS = ("-", "\u2010", "\u2011")
#: The directions in which a party trades goods (not goods moving, a deal about them, or their use).
_TRADING: frozenset[Direction] = frozenset({"out", "in", "transit"})
#: Prepositions that make a trade noun the topic of another noun ("advisories about exports", "curbs on").
_TOPIC = frozenset({"about", "on", "over", "regarding", "concerning", "against", "into"})


def _is_subject(span: Span) -> bool:
    """Whether a name is its clause's subject, through compounds, appositions and coordination."""
    current = span.root
    for _ in range(4):
        if current.dep_ in _SUBJECTS:
            return True
        if current.dep_ not in ("conj", "appos", "compound") or current.head == current:
            return False
        current = current.head
    return False


#: Dependency labels of a noun phrase's head: a token tagged VERB in one of them is a mis-tagged noun
#: ("Bulldozer shipments from China ... doubled", with "shipments" tagged VBZ).
_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and not (token.dep_ in _NOMINAL and token.tag_ == "VBZ" and token.text.endswith("s"))


def _misread_perfect(token: Token) -> Token | None:
    """The "have" of a perfect the parser read as a main verb, its participle as an adjective on the object
    ("to have supplied engines": "have" -> dobj "engines" -> amod "supplied"), or ``None``."""
    if token.dep_ != "amod" or token.tag_ != "VBN" or token.i == 0 or token.head.dep_ != "dobj":
        return None
    have = token.doc[token.i - 1]
    if have.lemma_.lower() != "have" or token.head.head != have or have.pos_ not in ("VERB", "AUX"):
        return None
    return have


def _behind_another_verb(token: Token, trigger: Token, examples: frozenset[str]) -> bool:
    """Whether ``token`` sits in a relative clause of its own, below where its path meets the trigger's
    ("supplies the army with CNC machines which are used to automate industrial robots": the robots are what
    the machines handle, not what is supplied)."""
    above_trigger = {trigger, *trigger.ancestors}
    # "Nitrocellulose is used to make gunpowder for artillery shells, and Russia has been buying it": a
    # good under a verb of the clause the trigger's clause is coordinated with is that clause's
    other_clause = trigger.dep_ == "conj" and _is_verb(trigger)
    for ancestor in token.ancestors:
        if ancestor in above_trigger or (ancestor.dep_ == "prep" and ancestor.lower_ in examples):
            # "items that could be used for military purposes ..., including drones": examples of the goods
            # the clause describes, whatever the parser hung them on
            return False
        if _is_verb(ancestor) and (ancestor.dep_ == "relcl" or other_clause):
            return True
    return False


def _subject_of_governing_clause(token: Token, verb: Token) -> bool:
    """Whether ``token`` sits in the subject of a clause that ``verb`` is subordinate to, ``verb`` not being
    inside that subject ("the number of bulldozers exported from China ... doubled" keeps its goods)."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ in _SUBJECTS:
            return ancestor.head != verb and ancestor.head in verb.ancestors and ancestor not in verb.ancestors
        if ancestor == verb:
            return False
    return False


def _argument_relation(token: Token, verb: Token) -> str | None:
    """The label by which ``token`` or the phrase it sits in hangs from ``verb``, or ``None``."""
    for ancestor in (token, *token.ancestors):
        if ancestor == verb:
            return None
        if ancestor.head == verb:
            return ancestor.dep_
    return None


def _subject_relation(token: Token, verb: Token) -> str | None:
    """The subject label ("nsubj", "nsubjpass") by which ``token`` or the phrase it sits in ("a batch of
    drone parts") hangs from ``verb``, or ``None``."""
    for ancestor in (token, *token.ancestors):
        if ancestor.head == verb and ancestor.dep_ in _SUBJECTS and ancestor != verb:
            return ancestor.dep_
        if ancestor == verb:
            return None
    return None


def _first_conjunct(token: Token) -> Token:
    """The first of the words coordinated with ``token`` ("Japan" in "the United States, Japan and Germany"
    gives "United States"), which hangs where the whole list does."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    depth_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return n + depth_a[t.i]
    return len(up_a) + 50  # different trees (a sentence split inside a clause)


def _frame_heads(trigger: Token) -> list[Token]:
    """The trigger and the tokens whose arguments are the trigger's too: for a verb, the verbs it is
    the complement of ("were reported to provide", "sanctioned for supplying")."""
    heads = [trigger]
    current = trigger
    for _ in range(3):
        if current.dep_ not in ("xcomp", "pcomp", "advcl", "conj", "ccomp", "acl", "relcl", "prep") \
                or current.head == current:
            break
        current = current.head
        heads.append(current)
    return heads


def _misparsed_finite(trigger: Token, lexicon: SupplyLexicon) -> bool:
    """A past-tense verb the parser hung on the goods noun after it as an adjective (it does so after long
    company names: "Shenzhen Hongtu Electronics Co., Ltd. shipped microchips ...", "Kestrel Optics Ltd shipped
    lab centrifuges ...")."""
    if trigger.dep_ != "amod" or trigger.pos_ != "VERB" or trigger.i == 0 or not 0 < trigger.head.i - trigger.i <= 3:
        return False
    if any(t.dep_ not in ("compound", "amod") for t in trigger.doc[trigger.i + 1:trigger.head.i]):
        return False  # "shipped lab centrifuges": only the goods' own modifiers may stand between
    before = trigger.doc[trigger.i - 1]
    if before.lower_ in lexicon.pair_anaphors:
        return True  # "the latter smuggled sensors": "latter" read as the goods' adjective
    if _prefix_start(trigger) < trigger.i:
        return True  # "Armenia re-exported chips": the tokenizer's "re" "-" "exported" read as adjectives
    return trigger.tag_ == "VBD" or (before.pos_ == "PROPN" and before.whitespace_ != "")


def _active_participle(token: Token) -> bool:
    """Whether a past participle the parser hung on a noun before it takes a direct object, so that it is
    the noun's finite verb, not a passive ("UAE-based firms re-exported $50 million of chips to Russia" read
    as "firms [that were] re-exported ...")."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < token.i \
        and token.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "dobj" for c in token.children) \
        and not any(c.dep_ == "auxpass" for c in token.children)


def _misread_progressive(token: Token) -> bool:
    """Whether the parser read a progressive verb as a compound of its object: "are shipping engines to
    Russia" parsed as "are (shipping engines)", the object the predicate of "be" (the tagger still says
    VBG)."""
    head = token.head
    return token.dep_ == "compound" and token.tag_ == "VBG" and token.i + 1 == head.i \
        and head.dep_ == "attr" and head.head.lemma_ == "be" and head.head.i < token.i


def _prefix_start(trigger: Token) -> int:
    """Where a trigger's word begins: before a "re-" prefix the tokenizer split off ("re" "-" "exported"),
    else at the trigger."""
    doc = trigger.doc
    if trigger.i >= 2 and doc[trigger.i - 1].text in _HYPHENS and doc[trigger.i - 2].lower_ == "re":
        return trigger.i - 2
    if trigger.i >= 1 and doc[trigger.i - 1].lower_ == "re-":
        return trigger.i - 1
    return trigger.i


def _own_subject(verb: Token) -> bool:
    """Whether a clause has a nominal subject of its own (a pronoun refers back to the governing subject)."""
    return any(c.dep_ in _SUBJECTS and c.pos_ != "PRON" for c in verb.children)


def _governing_verb(token: Token) -> Token:
    """The verb a noun is an argument of, through "a series of"-style prepositional links."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            break
        if current.dep_ not in ("dobj", "attr", "pobj", "prep", "nsubj", "nsubjpass", "conj"):
            break
        if current.dep_ == "prep" and current.lower_ in _TOPIC:
            break  # "issued advisories about the export of chemicals": who issues them exports nothing
        current = current.head
    return current


def _governing_clause(trigger: Token) -> Span:
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    tokens = list(head.subtree)
    return trigger.doc[tokens[0].i:tokens[-1].i + 1]


def _found_share_participle(token: Token, lexicon: SupplyLexicon) -> Token | None:
    """The end-use participle in the object of a share verb ("accounted for most of the parts found in Russian
    drones": "found"), for a share verb with a noun subject; ``None`` for any other token."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.share_of_found_verbs or not _is_verb(token) \
            or (lemma == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)) \
            or not any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in token.children):
        return None
    found = set(lexicon.triggers["end_use"].verbs)
    return next((t for t in token.subtree if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in found
                 and t.i > token.i), None)


def _trigger_key(token: Token) -> str:
    """The lemma of a trigger candidate, with a "re-" prefix split off by the tokenizer put back."""
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "re":
        return f"re-{lemma}"
    if token.i >= 1 and doc[token.i - 1].lower_ == "re-":
        return f"re-{lemma}"
    return lemma


def _trade_direction(token: Token, lexicon: SupplyLexicon) -> Direction | None:
    """The direction in which a trigger word has a party trade goods ("out", "in", "transit"), read as a
    verb or as a noun; ``None`` for any other word, or a motion, cooperation or end-use one."""
    direction = lexicon.direction(_trigger_key(token), noun=not _is_verb(token))
    return direction if direction in _TRADING else None
