"""Back-references, quotes over paragraphs, people with their organisation and collective sources, one test
per family (our own sentences)."""

from __future__ import annotations

from datetime import date

from tests.factories import article_from_text

RETOLD = "The Financial Times reported that exports of microchips from the UAE to Russia rose 15 times in 2022.\n\n"


def _extract(pipeline, body: str):  # type: ignore[no-untyped-def]
    article = article_from_text(f"Chips via the Gulf\n\n{body}", published=date(2024, 3, 1), outlet="Kyiv Post")
    return pipeline.extract(article)


def _chains(pipeline, body: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {claim.text: [s.name for s in claim.attributed_to] for claim in _extract(pipeline, body).claims}


def test_the_publication_is_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "The publication notes that electronic components worth $283 million reached Russia through Dubai."
    assert _chains(pipeline, RETOLD + said)[said] == ["Kyiv Post", "Financial Times"]


def test_according_to_the_newspaper_is_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "According to the newspaper, exports of drones from the UAE to Russia doubled in 2023."
    assert _chains(pipeline, RETOLD + said)[said] == ["Kyiv Post", "Financial Times"]


def test_the_agency_is_the_last_government_agency(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "The agency said the firms had shipped drones to Russia."
    chains = _chains(pipeline, f"The Bureau of Industry and Security added 12 firms to the entity list in May. {said}")
    assert chains[said] == ["Kyiv Post", "Bureau of Industry and Security"]


def test_he_is_the_last_person_named(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "He said exports of bearings to Kyrgyzstan rose 300%."
    named = "Joseph Webster, a senior fellow at the Atlantic Council, tracked the shipments."
    chains = _chains(pipeline, f"{named} {said}")
    assert chains[said] == ["Kyiv Post", "Joseph Webster"]


def test_they_are_the_officials_named_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    first = "Two senior Biden administration officials said the chips were used in Russian missiles."
    then = "They added that shipments of drones continued in 2023."
    chains = _chains(pipeline, f"{first} {then}")
    assert chains[first] == chains[then] == ["Kyiv Post", "U.S. officials"]


def test_the_official_is_the_officials_named_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    first = "U.S. officials said the chips were used in Russian missiles."
    then = "The official said exports of machine tools to Russia doubled in 2023."
    chains = _chains(pipeline, f"{first}\n\nTrucks cross the border every day.\n\n{then}")
    assert chains[then] == ["Kyiv Post", "U.S. officials"]


def test_a_quote_over_two_paragraphs_keeps_its_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    opening = '"The trade in drones has grown every month.'
    closing = '"Most of the parts come from Chinese factories," said Jane Roe, an analyst at Chatham House.'
    chains = _chains(pipeline, f"{opening}\n\n{closing}")
    assert chains[opening] == chains[closing] == ["Kyiv Post", "Jane Roe"]


def test_a_person_is_linked_to_the_organisation_in_apposition(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = _extract(pipeline, "Joseph Webster, a senior fellow at the Atlantic Council, said exports of "
                                    "bearings to Kyrgyzstan rose 300%.")
    people = {e.name: (e.organisation, e.role) for e in extraction.entities if e.type == "Person"}
    assert people == {"Joseph Webster": ("Atlantic Council", "senior fellow")}


def test_collective_and_anonymous_sources_are_typed_generic_sources(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = _extract(pipeline, "Two senior Biden administration officials said the chips were used in Russian "
                                    "missiles.\n\nPeople familiar with the matter said the drones were shipped "
                                    "through Dubai.")
    generic = {(e.name, e.kind) for e in extraction.entities if e.type == "GenericSource"}
    assert generic == {("U.S. officials", "officials"), ("sources", "other")}
