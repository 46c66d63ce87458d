"""Goods phrases: the noun phrases that fill the goods role of a supply frame, read from the parse.

A supply frame's goods need not be known in advance: the direct object of "shipped", the passive subject
of "were re-exported", the "of" object of "exports of", a compound before "exports" ("drone exports") are
goods, whatever their words. :func:`goods_heads` finds the head nouns in those positions; :func:`phrase_of`
turns a head into the words of a good's name (modifiers that say what the goods are, head last) and the
span they cover. :class:`ontology.goods.GoodsVocabulary` makes the Good from the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from ingest.annotate import doc_text
from ontology.gazetteer import Gazetteer
from ontology.goods import GoodsTerms, display_name, singular
from ontology.records import Entity

__all__ = ["goods_heads", "mentioned_goods", "phrase_of", "transport_mode", "written_name"]

_RELATIVE = frozenset({"which", "that"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: Modifier labels whose words may name what the goods are ("CNC machine tools", "dual-use goods").
_KEPT = frozenset({"compound", "amod", "nmod"})
_MOST_WORDS = 4
_NAME_LABELS = frozenset({"GPE", "NORP", "PERSON", "FAC", "LOC", "PRODUCT"})


def goods_heads(trigger: Token, direction: str, verb: bool, passive: bool, terms: GoodsTerms,
                skip: set[int], misparsed: bool = False) -> list[Token]:
    """Head nouns in the goods role of a trigger, coordinated ones included; ``skip`` holds the tokens of
    party names (a party is never the goods: "sold Acme chips"). ``misparsed``: the trigger is a finite verb
    the parser hung on its goods as an adjective ("Acme Ltd shipped lab centrifuges")."""
    found: list[Token] = []
    children = list(trigger.children)
    if misparsed:
        found.append(trigger.head)
    elif verb:
        if direction == "motion":
            wanted = {"nsubj"}
        elif passive:
            wanted = {"nsubjpass"}
        else:
            wanted = {"dobj"}
        found += [c for c in children if c.dep_ in wanted and c.i not in skip]
        if not found and not passive:
            # "supplied Russia with CNC machines", "provided the army with drones"
            found += [g for c in children if c.dep_ == "prep" and c.lower_ == "with"
                      for g in c.children if g.dep_ == "pobj"]
        if direction != "end_use":  # "items that could be used for ...": a use, not goods on the move
            found = [_antecedent(t, trigger) for t in found]
    else:
        found += [g for c in children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj"]
        found += [c for c in children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < trigger.i]
        found += [c for c in children if c.dep_ == "dobj"]  # a gerund tagged as a noun: "for shipping items"
    found += [e for token in found for e in _examples(token, trigger, terms) if e not in found and e.i not in skip]
    heads: list[Token] = []
    for token in found:
        for head in _through_containers(token, terms):
            if head.i in skip or head.pos_ not in _NOUNS:
                continue
            members = [head, *(inner for c in head.conjuncts for inner in _through_containers(c, terms))]
            for member in members:
                if member.i not in skip and member.pos_ in _NOUNS and member not in heads \
                        and _goods_word(member, terms) and not _anaphoric_category(member, terms):
                    heads.append(member)
    return heads


def _examples(goods: Token, trigger: Token, terms: GoodsTerms) -> list[Token]:
    """Goods a goods noun adds as its examples or companions ("laboratory equipment, including centrifuges",
    "equipment such as lathes", "drones along with spare parts", "equipment, particularly lathes"): the
    objects of an example marker on the goods noun or on the trigger, and an apposition the marker's adverb
    leads."""
    out: list[Token] = []
    for holder in (goods, trigger):
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            for marker in terms.example_markers:
                first, *rest = marker.split()
                if not rest and prep.lower_ == first:
                    inner = [prep]
                elif rest and prep.lower_ == rest[-1] and any(c.lower_ == first for c in prep.children):
                    inner = [prep]  # "such as": "such" hangs on "as"
                elif rest and prep.lower_ == first:
                    inner = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == rest[-1]]  # "along with"
                else:
                    continue
                out += [g for p in inner for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    out += [c for c in goods.children if c.dep_ == "appos" and c.pos_ == "NOUN"
            and any(a.dep_ == "advmod" and a.lower_ in terms.example_adverbs for a in c.children)]
    return list(dict.fromkeys(out))


def mentioned_goods(doc: Doc, terms: GoodsTerms, gazetteer: Gazetteer,
                    skip: set[int]) -> Iterator[tuple[list[str], Span]]:
    """Goods named anywhere in the parsed sentences, supply frame or not: a noun phrase whose head is a
    category or part noun and whose kept modifiers say what the goods are ("military equipment",
    "optical components", "servo motors", "dual-use items"). A bare head ("components", "key parts") names
    nothing to tell goods apart, a flow noun ("grain exports") or a head with an "of" object ("parts of
    drones") names goods elsewhere; ``skip`` holds tokens already claimed by other names. Sentences without
    a dependency parse give only a head with category modifiers before it (see :func:`_unparsed_phrase`)."""
    for found in _head_pattern((terms.categories | terms.parts) - terms.flows).finditer(doc_text(doc)):
        word = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if word is None or len(word) != 1:
            continue
        token = word[0]
        if token.i in skip:
            continue
        if not token.pos_:  # a sentence the parse gate left out: no tags, every token hung on the root
            unparsed = _unparsed_phrase(token, terms, skip)
            if unparsed is not None:
                yield unparsed
            continue
        if token.pos_ != "NOUN":
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue
        if token.dep_ in ("compound", "amod") and token.head.pos_ in _NOUNS and token.head.i > token.i:
            continue  # "equipment exports", "parts suppliers": a modifier of another noun
        if _anaphoric_category(token, terms):
            continue
        phrase = phrase_of(token, terms, gazetteer, skip)
        if phrase is not None and len(phrase[0]) >= 2:
            yield phrase


def _unparsed_phrase(head: Token, terms: GoodsTerms, skip: set[int]) -> tuple[list[str], Span] | None:
    """In a sentence without a parse, a head noun with the category modifiers written just before it
    ("military equipment", "critical industrial components"): words that say what kind of goods they are
    whatever the parse would say. ``None`` without such a word."""
    doc = head.doc
    start = head.i
    while start > 0 and head.i - start < _MOST_WORDS - 1 and start - 1 not in skip \
            and doc[start - 1].lower_ in terms.kind_modifiers:
        start -= 1
    if start == head.i:
        return None
    span = doc[start:head.i + 1]
    return [t.text for t in span], span


@cache
def _head_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The one-word nouns that may head a goods phrase, as one search."""
    heads = sorted(h for h in words if " " not in h)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\w-])", re.IGNORECASE)


def _antecedent(token: Token, trigger: Token) -> Token:
    """The noun a relative pronoun stands for ("goods that were shipped" -> goods)."""
    if token.lower_ in _RELATIVE and trigger.dep_ == "relcl":
        return trigger.head
    return token


def _through_containers(token: Token, terms: GoodsTerms) -> Iterator[Token]:
    """The token, or the "of" object of a measuring noun ("a batch of drone parts" -> parts; a sum's "in"
    object: "$5 million in electronics" -> electronics). A measuring noun that is also a category noun
    names the goods itself when no "of" follows and it is no flow noun ("items") or modifiers say what it
    holds ("military supplies", "medical cargo")."""
    current = token
    for _ in range(3):
        if current.lower_ not in terms.containers:
            break
        inner = [g for c in current.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"]
        if not inner and current.pos_ == "NUM":
            # "$5 million in US-origin electronics": a sum's "in" object, on the sum or on its verb
            holders = [current, current.head] if current.dep_ == "dobj" else [current]
            inner = [g for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ == "in"
                     for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        if not inner:
            if current.lower_ in terms.categories and (current.lower_ not in terms.flows or any(
                    c.dep_ in ("amod", "compound") and c.i < current.i for c in current.children)):
                break  # "items", "military supplies": not "supplies" alone
            if current.lower_ in terms.consignments:
                break  # "delivered hundreds of shipments": goods the text does not name (see phrase_of)
            return
        current = inner[0]
    yield current


def _anaphoric_category(head: Token, terms: GoodsTerms) -> bool:
    """ "its products", "their goods": a category noun owned by a pronoun refers back, it names nothing new."""
    return head.lower_ in terms.categories and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def _goods_word(head: Token, terms: GoodsTerms) -> bool:
    if head.lower_ in terms.activity_heads:
        return False  # "drone strikes", "the missile program": no goods
    return ((head.lower_ not in terms.never_goods and head.lemma_.lower() not in terms.never_goods
            and not head.like_num and head.is_alpha) or "-" in head.text)


def transport_mode(noun: Token, terms: GoodsTerms) -> bool:
    """Whether a noun names how goods travel, not goods: a means of transport (``transport_modes``) written
    bare after "by" ("transported by truck", "by rail and sea") or after "on"/"aboard" that a verb of
    carrying governs ("delivered on trucks"). "Exports of trucks" and "sold trucks" name goods."""
    if noun.lower_ not in terms.modes and noun.lemma_.lower() not in terms.modes:
        return False
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "by rail and sea": the first of the coordinated nouns holds the preposition
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    if preposition.lower_ == "by":
        return not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)
    verb = preposition.head
    return preposition.lower_ in terms.transport_prepositions and verb.pos_ in ("VERB", "AUX") \
        and verb.lemma_.lower() in terms.carrying


def phrase_of(head: Token, terms: GoodsTerms, gazetteer: Gazetteer, skip: set[int]) -> tuple[list[str], Span] | None:
    """The words of the good a head noun names and the span from its first kept modifier to the head.

    Modifiers kept are compounds and adjectives before the head (with their own compounds and hyphenated
    parts: "dual-use", "lithium-polymer"); a determiner, number, possessive, demonym, country or party
    name, or a word of ``drop_modifiers`` ends the phrase on the left. A proper-noun head is a name, not a
    goods phrase, unless the gazetteer knows it as a good. ``None`` when nothing is left.
    """
    if transport_mode(head, terms):
        return None  # "transported by truck": how the goods travel, no goods
    if head.pos_ == "PROPN" and gazetteer.lookup(head.text, ("Good",)) is None:
        return None
    doc = head.doc
    if head.lower_ in terms.consignments and not any(c.dep_ in _KEPT and c.i < head.i for c in head.children):
        return ["goods"], doc[head.i:head.i + 1]  # "delivered hundreds of shipments": unnamed goods
    left = [t for t in head.lefts if t.dep_ in _KEPT]
    start = head.i
    for modifier in sorted(left, key=lambda t: -t.i):
        tokens = sorted(modifier.subtree, key=lambda t: t.i)
        if tokens[-1].i != start - 1 and not (tokens[-1].i == start - 2 and doc[start - 1].text == "-"):
            break  # not adjacent: something else stands between
        if any(t.i in skip or (_dropped(t, terms, gazetteer) and not _joins_modifiers(t, tokens, head, gazetteer)
                               and not _dated(t, tokens, terms) and not _glued(t, tokens) and not _alphanumeric(t))
               or _status_of_item(t, head, terms) for t in tokens) \
                or " ".join(_joined(tokens)).lower() in terms.drop:  # "cutting-edge", "low-cost"
            break
        start = tokens[0].i
    span = doc[start:head.i + 1]
    words = _joined(span)
    while len(words) > _MOST_WORDS or (words and words[0].lower() in _CONJUNCTIONS):
        words = words[1:]
    if not words or words[-1].lower() in terms.never_goods:
        return None
    return words, span


_CONJUNCTIONS = frozenset({"and", "or"})


def _joins_modifiers(token: Token, tokens: list[Token], head: Token, gazetteer: Gazetteer) -> bool:
    """Whether a conjunction joins two modifiers of one head inside a modifier's words ("electronic and
    industrial equipment"): it stands between them, not first or last, and neither modifier makes a good
    the gazetteer knows with the head ("navigation and jamming technology" is two known goods)."""
    if token.dep_ != "cc" or token.lower_ not in _CONJUNCTIONS or not tokens[0].i < token.i < tokens[-1].i \
            or not any(c.dep_ == "conj" for c in token.head.children):
        return False
    before = " ".join(t.text for t in tokens if t.i < token.i)
    after = " ".join(t.text for t in tokens if t.i > token.i)
    return all(gazetteer.lookup(f"{words} {head.text}", ("Good",)) is None for words in (before, after))


def _dated(token: Token, tokens: list[Token], terms: GoodsTerms) -> bool:
    """Whether a name or hyphen is part of a modifier ending "-era" ("Soviet-era", "Cold War-era"): the
    words say what age of goods they are, not whose."""
    last = tokens[-1]
    return last.lower_ in terms.periods and last.i >= 2 and last.doc[last.i - 1].text == "-" \
        and token.i < last.i and token.dep_ not in ("det", "nummod", "poss", "case", "cc", "prep")


def _acronym(token: Token) -> bool:
    """An acronym in a good's name says what the goods are ("GPS receivers", "UAV parts")."""
    return len(token.text) > 1 and token.text.isalpha() and token.is_upper


def _glued(token: Token, tokens: list[Token]) -> bool:
    """A number written together with the letters after it ("5G", "3D"): part of a word, no quantity."""
    return not token.whitespace_ and token is not tokens[-1] and token.like_num \
        and token.doc[token.i + 1].is_alpha


def _alphanumeric(token: Token) -> bool:
    """A word of letters and digits that is no number ("5G", "F-16"): a name's word, not a quantity."""
    text = token.text
    return text.isalnum() and any(c.isdigit() for c in text) and any(c.isalpha() for c in text) \
        and not token.like_num and token.dep_ not in ("nummod", "det", "poss")


def _status_of_item(token: Token, head: Token, terms: GoodsTerms) -> bool:
    """A modifier saying how an item is regulated or valued ("restricted chips"), not what it is; before a
    category noun it names the category ("controlled items") and stays."""
    return token.lower_ in terms.status and head.lower_ not in terms.categories


def _dropped(token: Token, terms: GoodsTerms, gazetteer: Gazetteer) -> bool:
    if token.dep_ in ("det", "nummod", "poss", "predet", "quantmod", "case", "advmod", "cc", "prep"):
        return True
    lower = token.lower_
    if lower in terms.drop or token.like_num or (not token.is_alpha and token.text != "-" and "-" not in token.text):
        return True
    if gazetteer.is_demonym(token.text) or lower.endswith(terms.origin_suffixes):
        return True
    if token.pos_ != "PROPN":
        # a capitalised model name the tagger took for another word ("Shahed drones", "Shahed" read as a verb)
        return token.text[:1].isupper() and token.i > 0 and not token.is_sent_start \
            and gazetteer.lookup(token.text, ("System",)) is not None
    # A name before the goods says whose or which model they are ("Shahed drones", "Huawei phones"); an
    # acronym that NER took for an organisation may still say what they are ("CNC machines").
    known = gazetteer.lookup(token.text, ("Country", "Place", "Company", "GovernmentAgency", "System"))
    return known is not None or token.ent_type_ in _NAME_LABELS or (token.ent_type_ == "ORG" and not token.is_upper) \
        or _unknown_name(token, gazetteer)


def _unknown_name(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised word inside the sentence that names no good ("Rosatom spare parts"): a name, whose the
    goods are; acronyms ("CNC"), model numbers and the gazetteer's goods stay."""
    text = token.text
    return not token.is_sent_start and text[:1].isupper() and not token.is_upper and text.isalpha() \
        and gazetteer.lookup(text, ("Good",)) is None


def _joined(span: Iterable[Token]) -> list[str]:
    """Words of a span, hyphenated pieces joined ("dual", "-", "use" -> "dual-use")."""
    words: list[str] = []
    glue = False
    previous: Token | None = None
    for token in span:
        if token.text == "-":
            if words:
                words[-1] += "-"
                glue = True
            continue
        if previous is not None and not previous.whitespace_ and previous.like_num and token.is_alpha:
            glue = True  # "5G": a number written together with letters
        previous = token
        if glue and words:
            words[-1] += token.text
        else:
            words.append(token.text)
        glue = False
    return [w.strip("-") for w in words if w.strip("-")]


def written_name(good: Entity, span: Span, terms: GoodsTerms, gazetteer: Gazetteer) -> str | None:
    """The name of a flow's good as the text writes it: the words of its span, lower case but for acronyms,
    without a determiner, number, possessive or a word that says only how many, how good or where from
    ("the vital electrical components" -> "electrical components"); ``None`` when those words do not name
    ``good`` (a pronoun or "the same goods" standing for goods named before, a phrase read as a wider one).

    The flow still links to the good's canonical entity ("electrical parts", with its HS code): the
    written name is what the article calls it."""
    if len(span.text.split()) == 1 and "-" not in span.text and good.origin == "gazetteer" \
            and gazetteer.lookup(span.text, ("Good",)) is good:
        words = [span.text]  # one word, also one the tokenizer split ("5G": "5", "G")
    else:
        tokens = [t for t in span if not t.is_space]
        while tokens and ((_dropped(tokens[0], terms, gazetteer) and not _alphanumeric(tokens[0])
                           and not _glued(tokens[0], tokens) and not _acronym(tokens[0]))
                          or tokens[0].lower_ in _CONJUNCTIONS or _status_of_item(tokens[0], span.root, terms)):
            tokens = tokens[1:]
        while tokens and not (tokens[-1].is_alpha or "-" in tokens[-1].text or _alphanumeric(tokens[-1])):
            tokens = tokens[:-1]
        # the words as written between spaces ("5G", "ball-bearing", "dual-use": one word each)
        words = "".join(t.text_with_ws for t in tokens).split()
        while len(words) > 1 and words[0].lower() in terms.drop:
            words = words[1:]  # a hyphenated word of quality ("low-cost"), split by the tokenizer
    if not words or words[-1].lower() in terms.never_goods or words[-1].lower() in terms.flows:
        return None  # "dual-use exports" names the trade: the good keeps its own name
    if good.origin == "gazetteer":
        if gazetteer.lookup(" ".join(words), ("Good",)) is not good:
            return None
        names = _names_of(good)
        if len(words) >= 2 and words[-1].lower() in terms.categories and " ".join(words[:-1]).lower() in names:
            words = words[:-1]  # "avionics equipment": a category noun after the good's own name adds nothing
        elif len(words) == 2 and words[0].lower() in names and words[1].lower() in names:
            words = words[1:]  # "semiconductor chips": a modifier naming the same good as its head adds nothing
        if "-" in words[-1] and gazetteer.lookup(" ".join(words[-1].split("-")), ("Good",)) is good:
            # "ball-bearing exports": a noun compound hyphenated only as a modifier of the flow noun
            words = [*words[:-1], *words[-1].split("-")]
        if span.end < len(span.doc) and span.doc[span.end].lower_ in terms.flows:
            words = [*words[:-1], _plural_of(words[-1], good)]  # "truck imports": trucks
    elif [w.lower() for w in words] != [w.lower() for w in good.name.split()]:
        return None
    return display_name(words)


def _plural_of(word: str, good: Entity) -> str:
    """The plural a good's own names give a singular noun ("truck" -> "trucks" for heavy trucks), else the
    word as written (a mass noun: "oil")."""
    for name in (good.name, *good.aliases):
        last = name.rsplit(" ", 1)[-1]
        if last.lower() != word.lower() and singular(last.lower()) == word.lower():
            return last
    return word


def _names_of(good: Entity) -> frozenset[str]:
    """A gazetteer good's name and aliases in lower case, each also with its last word in the singular."""
    out: set[str] = set()
    for name in (good.name, *good.aliases):
        lower = name.lower()
        *rest, last = lower.split(" ")
        out |= {lower, " ".join([*rest, singular(last)])}
    return frozenset(out)
