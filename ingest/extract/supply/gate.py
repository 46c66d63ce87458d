"""The parse gate: which sentences :func:`ingest.extract.supply.extract_supply` may find a flow in, so that
only those get a dependency parse. Read from the surface text with the lexicon's trigger words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ingest.extract.supply.lexicon import load_supply_lexicon

__all__ = ["needs_parse", "transit_pattern", "trigger_pattern"]


_IRREGULAR = {"sell": ("sold",), "send": ("sent",), "give": ("gave", "given"), "buy": ("bought",),
              "come": ("came",), "make": ("made",), "deal": ("dealt",), "pour": ("poured",),
              "find": ("found",), "fit": ("fitted", "fitting"), "go": ("went", "gone"), "lead": ("led",),
              "run": ("ran",)}


def _word_forms(lemma: str) -> set[str]:
    """Regular English forms of a trigger lemma (plus the few irregular ones above)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "es", *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma[:-1] + "ier", lemma[:-1] + "iers"}
    if lemma.endswith("p"):
        forms |= {lemma + "ped", lemma + "ping", lemma + "ment", lemma + "ments"}
    return forms


def _alternatives(lemmas: Iterable[str]) -> str:
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= _word_forms(lemma.lower())
    return "|".join(sorted((re.escape(f).replace(r"\-", "[- ]?") for f in forms), key=len, reverse=True))


def _forms_pattern(lemmas: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _alternatives(lemmas) + r")\b", re.IGNORECASE)


@cache
def trigger_pattern() -> re.Pattern[str]:
    """Any surface form of any trigger word of the lexicon (this extractor reads the dependency parse only
    where a trigger meets a party, so only such sentences need parsing). A motion verb that needs a route
    ("came from", "made their way into") counts only with a route preposition a few words on, an origin
    participle only with an origin preposition right after it ("made in", "produced by"), an origin noun only
    in an "of" phrase after a copula ("were of US origin")."""
    lexicon = load_supply_lexicon()
    routed = set(lexicon.motion_needs_route)
    plain = [w for words in lexicon.triggers.values() for w in (*words.verbs, *words.nouns) if w not in routed]
    plain += lexicon.destination_words
    route = "|".join(re.escape(p) for p in (*lexicon.prepositions.recipient, *lexicon.prepositions.source))
    with_route = rf"\b(?:{_alternatives(routed)})\b(?=[^.;]{{0,40}}\b(?:{route})\b)"
    origin = "|".join(re.escape(p) for p in lexicon.prepositions.origin) or "(?!)"
    made = rf"\b(?:{_alternatives(lexicon.origin_participles)})\s+(?:{origin})\b"
    # "most of the parts were of US origin": an origin noun a few words after "of"
    stated = rf"\bof\s+(?:[\w.'-]+\s+){{1,4}}(?:{_alternatives(lexicon.origin_nouns)})\b" \
        if lexicon.origin_copulas else "(?!)"
    return re.compile(rf"\b(?:{_alternatives(plain)})\b|{with_route}|{made}|{stated}", re.IGNORECASE)


@cache
def transit_pattern() -> re.Pattern[str]:
    """What is read from the parse even where no good is named: transit triggers ("re-exported"), which make
    a flow, sending verbs with an onward particle ("sent on to Russia", "passed them on"), and a leader verb's
    agent ("the network is led by ..."), whom a later "the network" stands for."""
    lexicon = load_supply_lexicon()
    transit = lexicon.triggers["transit"]
    plain = _alternatives((*transit.verbs, *transit.nouns))
    agents = "|".join(re.escape(p) for p in lexicon.prepositions.agent) or "(?!)"
    leaders = rf"\b(?:{_alternatives(lexicon.leader_verbs)})\s+(?:{agents})\b" if lexicon.leader_verbs else "(?!)"
    if not lexicon.onward_particles:
        return re.compile(rf"\b(?:{plain})\b|{leaders}", re.IGNORECASE)
    senders = _alternatives((*lexicon.triggers["out"].verbs, *transit.verbs))
    particles = "|".join(re.escape(p) for p in lexicon.onward_particles)
    onward = rf"\b(?:{senders})\s+(?:\w+\s+)?(?:{particles})\b"
    return re.compile(rf"\b(?:{plain})\b|{onward}|{leaders}", re.IGNORECASE)


def needs_parse(sentence: str, names_a_good: bool) -> bool:
    """Whether :func:`extract_supply` may find a flow in this sentence, so it needs a dependency parse."""
    if transit_pattern().search(sentence):
        return True
    return names_a_good and trigger_pattern().search(sentence) is not None
