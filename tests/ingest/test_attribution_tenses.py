"""Reported speech in every tense and voice, one family per test (our own sentences): the source a
construction names is the claim's speaker, whatever the verb's form."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import article_from_text

FACT = "exports of drones to Russia rose 40% in 2023"


def _chains(pipeline, body: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    article = article_from_text(f"Drones for Russia\n\n{body}", published=date(2024, 5, 10), outlet="Kyiv Post")
    return {claim.text: [s.name for s in claim.attributed_to] for claim in pipeline.extract(article).claims}


def _chain(pipeline, sentence: str) -> list[str]:  # type: ignore[no-untyped-def]
    (chain,) = [chain for text, chain in _chains(pipeline, sentence).items() if "40%" in text]
    return chain


@pytest.mark.parametrize("verb", ["said", "says", "noted", "notes", "wrote", "writes", "found", "finds", "estimated",
                                  "estimates", "claimed", "claims", "warned", "warns", "has said", "had noted",
                                  "has also found", "previously estimated", "pointed out"])
def test_speaker_then_verb_in_every_tense(pipeline, verb: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, f"The Kiel Institute {verb} that {FACT}.") == ["Kyiv Post", "Kiel Institute"]


@pytest.mark.parametrize("verb", ["said", "says", "noted", "wrote", "estimated", "warned"])
def test_quote_then_verb_then_speaker(pipeline, verb: str) -> None:  # type: ignore[no-untyped-def]
    sentence = f'"Last year {FACT}," {verb} the Kiel Institute.'
    assert _chain(pipeline, sentence) == ["Kyiv Post", "Kiel Institute"]


def test_told_puts_the_listener_outside_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    sentence = f"The Kiel Institute told Reuters that {FACT}."
    assert _chain(pipeline, sentence) == ["Kyiv Post", "Reuters", "Kiel Institute"]


def test_reported_on_a_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, f"Reuters reported on Nov. 27 that {FACT}.") == ["Kyiv Post", "Reuters"]
    assert _chain(pipeline, f"Reuters on Nov. 27 reported that {FACT}.") == ["Kyiv Post", "Reuters"]


@pytest.mark.parametrize("sentence", [
    f"As reported by Reuters, {FACT}.",
    f"It was reported by Reuters that {FACT}.",
    f"Last year {FACT}, as was reported by Reuters.",
])
def test_passive_by(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == ["Kyiv Post", "Reuters"]


@pytest.mark.parametrize("sentence", [
    f"Reuters, citing the Kiel Institute, reported that {FACT}.",
    f"Reuters reported, citing the Kiel Institute, that {FACT}.",
    f"Reuters said, with reference to the Kiel Institute, that {FACT}.",
    f"Last year {FACT}, Reuters wrote, quoting the Kiel Institute.",
])
def test_citing_nests_the_cited_source(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == ["Kyiv Post", "Reuters", "Kiel Institute"]


@pytest.mark.parametrize("sentence", [
    f"According to the Kiel Institute, {FACT}.",
    f"Last year {FACT}, according to the Kiel Institute.",
    f"According to a new study by the Kiel Institute, {FACT}.",
])
def test_according_to(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == ["Kyiv Post", "Kiel Institute"]


@pytest.mark.parametrize("sentence", [
    f"The Kiel Institute's analysis showed that {FACT}.",
    f"The Kiel Institute's latest report shows that {FACT}.",
    f"The Kiel Institute’s data showed {FACT}.",
    f"Kiel Institute data show {FACT}.",
    f"A report released by the Kiel Institute found that {FACT}.",
    f"Data compiled by the Kiel Institute show that {FACT}.",
    f"Customs records obtained by the Kiel Institute show that {FACT}.",
    f"Documents seen by the Kiel Institute show that {FACT}.",
])
def test_a_document_speaks_for_its_author(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence)[:2] == ["Kyiv Post", "Kiel Institute"]


@pytest.mark.parametrize("aside", ["an economist at the Kiel Institute", "who tracks the trade for Reuters",
                                   "a senior fellow at the Atlantic Council"])
def test_a_speaker_with_an_aside_before_the_verb(pipeline, aside: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, f"Jane Roe, {aside}, said that {FACT}.") == ["Kyiv Post", "Jane Roe"]


def test_a_list_between_commas_is_no_aside(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the Kiel Institute, and Reuters ...," lists sources: the verb after the second comma is not theirs.
    sentence = (f"Officials from the Kiel Institute, and from Reuters, visited Dubai, according to the Atlantic "
                f"Council, and {FACT}.")
    assert "Kiel Institute" not in _chain(pipeline, sentence)


_REUTERS = "Reuters reported that the firm shipped 300 drones to Russia."
_BUREAU = "The Bureau of Industry and Security added 12 firms to the entity list."
_STUDY = "The Kiel Institute published a study on the trade."


@pytest.mark.parametrize(("named", "again", "source"), [
    (_REUTERS, "The publication notes that", "Reuters"),
    (_REUTERS, "The newspaper's analysis found that", "Reuters"),
    (_REUTERS, "The outlet also said that", "Reuters"),
    (_REUTERS, "The news agency wrote that", "Reuters"),
    (_BUREAU, "The bureau said that", "Bureau of Industry and Security"),
    (_BUREAU, "The agency has warned that", "Bureau of Industry and Security"),
    (_STUDY, "The study found that", "Kiel Institute"),
    (_STUDY, "According to the same study,", "Kiel Institute"),
])
def test_back_references_name_the_source_before(pipeline, named: str, again: str, source: str) -> None:  # type: ignore[no-untyped-def]
    chains = _chains(pipeline, f"{named}\n\nTrucks cross the border every day.\n\n{again} {FACT}.")
    (chain,) = [chain for text, chain in chains.items() if "40%" in text]
    assert chain == ["Kyiv Post", source]


@pytest.mark.parametrize("pronoun", ["He", "She"])
def test_he_and_she_are_the_last_person(pipeline, pronoun: str) -> None:  # type: ignore[no-untyped-def]
    body = f"Jane Roe, an analyst at the Kiel Institute, tracks the trade.\n\n{pronoun} noted that {FACT}."
    (chain,) = [chain for text, chain in _chains(pipeline, body).items() if "40%" in text]
    assert chain == ["Kyiv Post", "Jane Roe"]


def test_they_are_the_officials_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    body = f"U.S. officials said the drones carried Chinese engines. They also said that {FACT}."
    (chain,) = [chain for text, chain in _chains(pipeline, body).items() if "40%" in text]
    assert chain == ["Kyiv Post", "U.S. officials"]


def test_a_quote_over_sentences_keeps_its_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    body = (f'"The trade keeps growing. Last year {FACT}. Nobody stops it," said Jane Roe, an analyst at the '
            "Kiel Institute.")
    chains = _chains(pipeline, body)
    (chain,) = [chain for text, chain in chains.items() if "40%" in text]
    assert chain == ["Kyiv Post", "Jane Roe"]


def test_a_quote_over_paragraphs_keeps_its_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    body = f'"Last year {FACT}.\n\n"Nobody stops the trade," said Jane Roe, an analyst at the Kiel Institute.'
    (chain,) = [chain for text, chain in _chains(pipeline, body).items() if "40%" in text]
    assert chain == ["Kyiv Post", "Jane Roe"]


@pytest.mark.parametrize(("sentence", "source"), [
    (f"U.S. officials said that {FACT}.", "U.S. officials"),
    (f"Two senior administration officials said that {FACT}.", "officials"),
    (f"Sources familiar with the matter said that {FACT}.", "sources"),
    (f"Last year {FACT}, according to people familiar with the matter.", "sources"),
])
def test_collective_and_anonymous_sources_speak(pipeline, sentence: str, source: str) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == ["Kyiv Post", source]
