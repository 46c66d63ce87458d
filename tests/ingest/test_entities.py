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


def _companies(extraction):  # type: ignore[no-untyped-def]
    return {e.name: e.country for e in extraction.entities if e.type == "Company"}


def test_a_company_takes_the_country_its_apposition_gives(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Customs files show that a Chinese company, Xinda Optics, sold lenses to Russia. "
            "Baltic Tool Trading, a Latvian firm, shipped lathes to Belarus. "
            "The Hong Kong-based Zenith Parts Ltd exported relays to Russia. "
            "Kestrel Marine Ltd, based in Dubai, bought the relays. "
            "Arctic Supply FZE, a Dubai-based company, paid for them. "
            "Orion Trade LLC, a supplier of the Russian army, was named too. "
            "India's Rahul Exports sold aircraft components to Russian buyers.")
    companies = _companies(pipeline.extract(article_from_text(text)))
    assert companies["Xinda Optics"] == "CN"
    assert companies["Baltic Tool Trading"] == "LV"
    assert companies["Zenith Parts"] == "HK"
    assert companies["Kestrel Marine"] == "AE"
    assert companies["Arctic Supply"] == "AE"
    assert companies["Orion Trade"] is None  # supplies the Russian army; where it is, the text does not say
    assert companies["Rahul Exports"] == "IN"  # a company, not a system, for the "aircraft" after its verb


def test_enterprise_names_and_legal_forms_written_first_are_companies(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Volga Trading GmbH delivered presses to the Ural Optical and Mechanical Plant in May. "
            "Later the Kazan Gunpowder Plant and the Tula Arms Factory ordered cellulose from JSC Kupol "
            "and LLC Tekhnomash.")
    companies = _companies(pipeline.extract(article_from_text(text)))
    assert {"Volga Trading", "Ural Optical and Mechanical Plant", "Kazan Gunpowder Plant", "Tula Arms Factory",
            "Kupol", "Tekhnomash"} <= set(companies)
    assert "Ural Optical" not in companies


def test_foreign_conjunctions_join_one_registered_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The ministry named Kalkan Elektronik Sanayi ve Ticaret A.S. and Aksa Teknoloji ve Dis Ticaret, "
            "and Orbita Savdo MChJ.")
    companies = _companies(pipeline.extract(article_from_text(text)))
    assert {"Kalkan Elektronik Sanayi ve Ticaret", "Aksa Teknoloji ve Dis Ticaret", "Orbita Savdo"} <= set(companies)
    assert "Ticaret" not in companies and "Dis Ticaret" not in companies
    hyphen = pipeline.extract(article_from_text("The Office of Export Co-ordination met Kestrel Co. in May."))
    assert "Office of Export" not in _companies(hyphen) and "Export" not in _companies(hyphen)


def test_modifier_letter_apostrophe_is_an_apostrophe(pipeline) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text("Maria O\u02bcNeill said the UK\u02bcs new rules apply."))
    names = _names(extraction)
    assert ("Maria O'Neill", "Person") in names
    assert all(e.type != "Company" for e in extraction.entities)
    assert clean_name("UK\u02bcs") == "UK"


def test_goods_named_outside_supply_frames_are_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Investigators found optical components and Japanese servo motors in the wreckage of the Kh-101. "
            "Grain exports rose while key parts and 450 components were listed.")
    goods = {e.name: e for e in pipeline.extract(article_from_text(text)).entities if e.type == "Good"}
    assert goods["optical components"].kind == "item" and goods["optical components"].hs_codes == ()
    assert goods["servo motors"].kind == "item" and goods["servo motors"].hs_codes
    assert "grain exports" not in goods and "key parts" not in goods
    assert ("Kh-101", "System") in {(e.name, e.type) for e in pipeline.extract(article_from_text(text)).entities}


def test_a_goods_word_before_a_firm_noun_names_no_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The scheme used Hong Kong shell companies run by Ilya Sokolov to buy capacitors."
    extraction = pipeline.extract(article_from_text(text))
    names = _names(extraction)
    assert ("ammunition", "Good") not in names
    assert {("capacitors", "Good"), ("Hong Kong", "Country")} <= names
    assert all(e.type != "Company" for e in extraction.entities)  # a place is never a company


def test_people_a_cue_introduces_are_people_named_once(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The scheme was run by Ilya Sokolov, who used front firms to buy relays. Sokolov denied it. "
            "A second ring, led by Dutch national Jan de Vries, sold lenses. The firm is owned by Orion Trading. "
            "Prosecutors said Marc Van Damme recruited couriers; the couriers were paid by Van Damme.")
    extraction = pipeline.extract(article_from_text(text))
    people = {e.name for e in extraction.entities if e.type == "Person"}
    assert {"Ilya Sokolov", "Jan de Vries", "Marc Van Damme"} <= people
    assert not people & {"Sokolov", "Van Damme", "Orion Trading"}
    assert all(e.name not in ("Sokolov", "Van Damme") for e in extraction.entities)


def test_a_company_noun_with_a_naming_word_gives_the_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Prosecutors said the ring worked with a Vilnius-registered company named Telkora to buy relays. "
            "A firm called Ostrov Parts paid for them.")
    companies = _companies(pipeline.extract(article_from_text(text)))
    assert {"Telkora", "Ostrov Parts"} <= set(companies)


def test_a_name_before_the_maker_of_a_system_is_a_company(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "KRET Avia, the maker of Orlan drones, bought cameras from a Japanese supplier."
    entities = {e.name: e.type for e in pipeline.extract(article_from_text(text)).entities}
    assert entities.get("KRET Avia") == "Company"
    assert entities.get("Orlan-10") == "System"  # the weapon, never a party


def test_a_byline_names_its_authors(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Shipments Through Transit Hubs Keep Rising\nBy Laura Whitcombe and Daniel Okafor\n"
            "Exports of relays to Russia rose again in March, customs data show.\n")
    people = {e.name for e in pipeline.extract(article_from_text(text)).entities if e.type == "Person"}
    assert {"Laura Whitcombe", "Daniel Okafor"} <= people


def test_a_leaders_name_before_an_office_noun_is_their_government(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Officials of the Biden administration met Pashinian in Yerevan. Biden later spoke."
    entities = {e.name: e for e in pipeline.extract(article_from_text(text)).entities}
    assert entities["Biden administration"].type == "GovernmentAgency"
    assert entities["Biden administration"].country == "US"
    assert entities["Nikol Pashinyan"].type == "Person"  # the gazetteer knows the other spelling
    assert entities["Joe Biden"].type == "Person"  # named alone, the person


def test_the_common_high_priority_list_is_a_category_of_goods() -> None:
    good = load_gazetteer().lookup("Common High Priority Items", ("Good",))
    assert good is not None and good.kind == "category" and good.hs_codes == ()


def test_regional_adjectives_name_their_regions(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Relays made by European and East Asian firms reached the European Union's neighbours."
    names = _names(pipeline.extract(article_from_text(text)))
    assert {("Europe", "Place"), ("East Asia", "Place"), ("European Union", "IntergovernmentalOrg")} <= names


def test_city_led_names_and_enterprises_before_a_plant_noun_are_companies(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Shenzhen Lantu Electronic sold stepper motors to Orbis, a Russian drone maker. "
            "Kazakh traders exported relays to the Russian Vympel Avtomatika plant and to the Izhevsk plant.")
    companies = _companies(pipeline.extract(article_from_text(text)))
    assert companies["Shenzhen Lantu Electronic"] == "CN"  # the city that opens the name
    assert companies["Orbis"] == "RU"
    assert "Vympel Avtomatika" in companies and "Russian Vympel Avtomatika" not in companies
    assert "Izhevsk" not in companies  # a place is never a company
    yelabuga = pipeline.extract(article_from_text("Drones are assembled at the Yelabuga plant, Tatarstan."))
    assert ("Yelabuga", "Place") in _names(yelabuga) and not _companies(yelabuga)


def test_a_goods_word_before_a_part_noun_names_the_part(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Kyrgyz traders shipped tractor spare parts to Belarus. Kazakh firms sold truck engines to Belarus."
    goods = {e.name: e for e in pipeline.extract(article_from_text(text)).entities if e.type == "Good"}
    assert "tractor spare parts" in goods and "truck engines" in goods
    assert "tractors" not in goods and "heavy trucks" not in goods  # the wholes are not what moved
    assert goods["tractor spare parts"].kind == "item" and goods["tractor spare parts"].hs_codes


def test_category_goods_are_read_in_sentences_without_a_parse(pipeline) -> None:  # type: ignore[no-untyped-def]
    # no party and no trigger word: the sentence gets no dependency parse
    text = "Analysts worry most about military equipment and critical components, and much less about toys."
    goods = {e.name: e.kind for e in pipeline.extract(article_from_text(text)).entities if e.type == "Good"}
    assert goods.get("military equipment") == "category" or "lethal weapons" in goods
    assert goods.get("critical components") == "category"
    assert "toys" not in goods


def test_a_hyphen_ner_took_into_a_place_name_still_says_based_in() -> None:
    import spacy
    from spacy.tokens import Span

    from ingest.extract.entities import _after_based, _based_in, _trimmed

    doc = spacy.blank("en")("owner of Gujarat-based Tapi Forgings, and Tapi alone")
    place = Span(doc, 2, 4, label="GPE")  # "Gujarat-": NER cut after the hyphen
    firm = Span(doc, 5, 7, label="PERSON")
    assert place.text == "Gujarat-" and _based_in(doc, place) and _trimmed(place).text == "Gujarat"
    assert _after_based(doc, firm) and not _after_based(doc, Span(doc, 9, 10, label="GPE"))


def test_coordinated_modifiers_stay_in_one_goods_phrase(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Georgian traders shipped optical and radar sensors to Russia in 2023."
    extraction = pipeline.extract(article_from_text(text))
    goods = {e.name for e in extraction.entities if e.type == "Good"}
    assert "optical and radar sensors" in goods
    assert not any(name.startswith("and ") for name in goods)
    # two goods the gazetteer knows stay two goods
    known = pipeline.extract(article_from_text("Beijing sold Moscow navigation and jamming technology in May."))
    names = {e.name for e in known.entities if e.type == "Good"}
    assert {"navigation technology", "jamming technology"} <= names
    assert "navigation and jamming technology" not in names
