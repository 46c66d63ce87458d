"""The parse gate: which sentences :func:`ingest.extract.supply.extract_supply` may find a flow in, so that
only those get a dependency parse. Read from the surface text with the trigger words of the lexicon the
gate is given."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from ingest.extract.supply.lexicon import SupplyLexicon

__all__ = ["ParseGate"]


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
    if len(lemma) > 2 and lemma[-1] in "lnrt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        # a doubled final consonant: "transferred", "funnelled", "channelling" (British spelling too)
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _alternatives(lemmas: Iterable[str]) -> str:
    """The word forms as a regex alternation; one that matches nothing where there are no words (an empty
    alternation would match everywhere)."""
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= _word_forms(lemma.lower())
    if not forms:
        return "(?!)"
    return "|".join(sorted((re.escape(f).replace(r"\-", "[- ]?") for f in forms), key=len, reverse=True))


def _forms_pattern(lemmas: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _alternatives(lemmas) + r")\b", re.IGNORECASE)


class ParseGate:
    """The patterns of the parse gate, built once from the lexicon it is given."""

    def __init__(self, lexicon: SupplyLexicon) -> None:
        self.lexicon = lexicon

    @cached_property
    def trigger_pattern(self) -> re.Pattern[str]:
        """Any surface form of any trigger word of the lexicon (this extractor reads the dependency parse
        only where a trigger meets a party, so only such sentences need parsing). A motion verb that needs a
        route ("came from", "made their way into") counts only with a route preposition a few words on, an
        origin participle only with an origin preposition right after it ("made in", "produced by"), an origin
        noun only a few words after "of" ("were of US origin")."""
        lexicon = self.lexicon
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

    @cached_property
    def transit_pattern(self) -> re.Pattern[str]:
        """What is read from the parse even where no good is named: transit triggers ("re-exported"), which
        make a flow, sending verbs with an onward particle ("sent on to Russia", "passed them on"), and a
        leader verb's agent ("the network is led by ..."), whom a later "the network" stands for."""
        lexicon = self.lexicon
        transit = lexicon.triggers["transit"]
        plain = _alternatives((*transit.verbs, *transit.nouns))
        agents = "|".join(re.escape(p) for p in lexicon.prepositions.agent) or "(?!)"
        leaders = (rf"\b(?:{_alternatives(lexicon.leader_verbs)})\s+(?:{agents})\b" if lexicon.leader_verbs
                   else "(?!)")
        if not lexicon.onward_particles:
            return re.compile(rf"\b(?:{plain})\b|{leaders}", re.IGNORECASE)
        senders = _alternatives((*lexicon.triggers["out"].verbs, *transit.verbs))
        particles = "|".join(re.escape(p) for p in lexicon.onward_particles)
        onward = rf"\b(?:{senders})\s+(?:\w+\s+)?(?:{particles})\b"
        return re.compile(rf"\b(?:{plain})\b|{onward}|{leaders}", re.IGNORECASE)

    def needs_parse(self, sentence: str, names_a_good: bool) -> bool:
        """Whether the supply extractor may find a flow in this sentence, so it needs a dependency parse."""
        if self.transit_pattern.search(sentence):
            return True
        return names_a_good and self.trigger_pattern.search(sentence) is not None
