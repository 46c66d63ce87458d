"""Entity extraction and resolution on our own sentences: gazetteer names, demonyms, metonyms, NER-only names,
surname coreference, fuzzy aliases, and exact evidence spans."""

from __future__ import annotations

import pytest

from ingest.resolve import Resolver, clean_name
from ontology.gazetteer import load_gazetteer
from tests.factories import article_from_text

TEXT = (
    "Beijing kept shipping microchips and wheel loaders to Moscow last spring, the WSJ reported.\n"
    "Joseph Webster, a senior fellow at the Atlantic Council, said the Kremlin relies on Chinese suppliers. "
    "Webster added that Kyrgyz traders re-exported ball-bearings.\n"
    "Halvard Mikkelsen of the Norwegian Shipping Observatory called the trade \"unprecedented\".\n"
)


def _names(extraction):  # type: ignore[no-untyped-def]
    return {(e.name, e.type) for e in extraction.entities}


def test_gazetteer_metonyms_demonyms_and_aliases_resolve(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text(TEXT))
    names = _names(extraction)
    assert {("China", "Country"), ("Russia", "Country"), ("Kyrgyzstan", "Country"),
            ("Wall Street Journal", "MediaOutlet"), ("Atlantic Council", "ThinkTank"),
            ("integrated circuits", "Good"), ("front-end loaders", "Good"), ("ball bearings", "Good"),
            ("Joseph Webster", "Person")} <= names


def test_mentions_keep_exact_spans_and_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = article_from_text(TEXT)
    extraction = pipeline.extract(article)
    moscow = [m for m in extraction.mentions if m.surface == "Moscow"]
    assert len(moscow) == 1
    ev = moscow[0].evidence
    assert article.text[ev.start:ev.end] == "Moscow"
    assert ev.start == TEXT.index("Moscow")
    assert ev.sentence.startswith("Beijing kept shipping microchips")
    assert ev.extractor == "gazetteer@1.0"
    assert moscow[0].entity_id == "country:RU"


def test_surname_resolves_to_person_named_earlier(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text(TEXT))
    webster = [m for m in extraction.mentions if m.surface == "Webster"]
    assert webster and all(m.entity_id == "person:joseph-webster" for m in webster)


def test_unknown_people_and_organisations_are_kept_with_lower_confidence(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text(TEXT))
    by_name = {e.name: e for e in extraction.entities}
    person = by_name.get("Halvard Mikkelsen")
    assert person is not None and person.type == "Person" and person.origin == "ner"
    assert person.confidence < 1.0
    org = next((e for e in extraction.entities if "Shipping Observatory" in e.name), None)
    assert org is not None and org.origin == "ner" and org.confidence <= 0.5
    assert org.type == "ThinkTank"


def test_pronoun_us_is_not_the_united_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text("Traders told us the cargo left on Friday.\n"))
    assert "country:US" not in {e.id for e in extraction.entities}


def test_fuzzy_alias_resolves_near_miss_names() -> None:
    resolver = Resolver(load_gazetteer())
    resolution = resolver.resolve("Royal United Service Institute", "ORG")
    assert resolution is not None
    assert resolution.entity.name == "Royal United Services Institute"
    assert resolution.method.startswith("fuzzy:")


def test_a_near_miss_name_is_matched_once_per_gazetteer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ingest.resolve as resolve

    gazetteer = load_gazetteer()
    first = Resolver(gazetteer).resolve("Royal United Service Institute", "ORG")
    monkeypatch.setattr(resolve.process, "extractOne", lambda *args, **kwargs: pytest.fail("not cached"))
    again = Resolver(gazetteer).resolve("Royal United Service Institute", "ORG")  # another article's resolver
    assert first is not None and again == first


def test_clean_name_trims_articles_and_possessives() -> None:
    assert clean_name("the Kremlin’s") == "Kremlin"
    assert clean_name("  ") == ""


def test_collective_sources_around_known_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Kazakh border officials and officials in Kyiv met Pentagon officials and a senior EU official. "
            "Russian sources said Russia's industry ministry and the Chinese foreign ministry disagreed, "
            "while Chinese customs data showed otherwise.")
    extraction = pipeline.extract(article_from_text(text))
    found = {(m.surface, next(e.name for e in extraction.entities if e.id == m.entity_id))
             for m in extraction.mentions}
    assert {("Kazakh border officials", "Kazakh officials"), ("officials in Kyiv", "Ukrainian officials"),
            ("Pentagon officials", "US Department of Defense"), ("EU official", "EU officials"),
            ("Russian sources", "Russian sources"),
            ("Russia's industry ministry", "Russian Ministry of Industry and Trade"),
            ("Chinese foreign ministry", "Chinese Ministry of Foreign Affairs"),
            ("Chinese customs data", "Chinese customs data")} <= found
    # The country named inside a collective source stays a mention of its own.
    assert ("Kazakh", "Kazakhstan") in found
    kinds = {e.name: (e.type, e.kind, e.country) for e in extraction.entities}
    assert kinds["Kazakh officials"] == ("GenericSource", "officials", "KZ")


def test_people_found_by_ner_get_their_organisation_from_apposition(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Jane Roe, a senior analyst at the Kiel Institute, said the trade grew. "
            "Halvard Mikkelsen of the Norwegian Shipping Observatory disagreed.")
    people = {e.name: e.organisation for e in pipeline.extract(article_from_text(text)).entities
              if e.type == "Person"}
    assert people["Jane Roe"] == "Kiel Institute"
    assert people["Halvard Mikkelsen"] == "Norwegian Shipping Observatory"
