"""Attribution chains through the pipeline, per phrasing family (our own sentences)."""

from __future__ import annotations

from datetime import date

from tests.factories import article_from_text


def _chains(pipeline, text: str, outlet: str | None = None) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    article = article_from_text(text, published=date(2023, 9, 14), outlet=outlet)
    claims = pipeline.extract(article).claims
    for claim in claims:
        assert claim.text == article.text[claim.evidence.start:claim.evidence.end]
    return {claim.value.raw if claim.value else claim.text[:20]: [s.name for s in claim.attributed_to]
            for claim in claims}


def test_according_to(pipeline) -> None:  # type: ignore[no-untyped-def]
    chains = _chains(pipeline, "According to Reuters, China's exports of drones to Russia rose 64% in 2022.")
    assert chains["64%"] == ["Reuters"]


def test_outlet_comes_first_and_reported_that(pipeline) -> None:  # type: ignore[no-untyped-def]
    chains = _chains(pipeline, "Bloomberg reported that Chinese exports of trucks to Russia grew 19% last year.",
                     outlet="Kyiv Post")
    assert chains["19%"] == ["Kyiv Post", "Bloomberg"]


def test_citing_puts_the_origin_last(pipeline) -> None:  # type: ignore[no-untyped-def]
    chains = _chains(pipeline, "The Financial Times, citing Chinese customs data, said exports of "
                               "excavators to Russia climbed 41% in June.")
    assert chains["41%"] == ["Financial Times", "Chinese customs data"]


def test_person_told_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Joseph Webster, a senior fellow at the Atlantic Council, told Reuters that shipments of "
            "bulldozers to Russia rose 80% in 2022.")
    assert _chains(pipeline, text)["80%"] == ["Reuters", "Joseph Webster"]


def test_report_by_and_possessive_report(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("A report by the Atlantic Council showed that China's exports of ball bearings to Russia rose 210% "
            "in 2022. The Bank of Finland's analysis found that Chinese imports made up 40% of Russian "
            "imports last year.")
    chains = _chains(pipeline, text)
    assert chains["210%"] == ["Atlantic Council"]
    assert chains["40%"] == ["Bank of Finland"]


def test_quote_with_speaker_after(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cExports of tractors to Russia jumped 57% in May,\u201d the Atlantic Council said in a statement."
    assert _chains(pipeline, text)["57%"] == ["Atlantic Council"]


def test_source_line_applies_to_what_follows(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Exports of cranes surge\n\nSource: Financial Times, with reference to trade data\n\n"
            "Details: China's exports of cranes to Russia rose 27% in the first half of 2023.\n\n"
            "In addition, Chinese truck exports to Russia grew 15% in the same period.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    assert chains["27%"] == ["Kyiv Post", "Financial Times", "trade data"]
    assert chains["15%"] == ["Kyiv Post", "Financial Times", "trade data"]


def test_carry_over_within_paragraph(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Bank of Finland estimates that China's exports to Russia rose 31% in 2022. "
            "Exports of cars from China to Russia grew 120% over the same period.\n\n"
            "Exports of tea from China to Russia fell 4% in 2022.")
    chains = _chains(pipeline, text)
    assert chains["31%"] == ["Bank of Finland"]
    assert chains["120%"] == ["Bank of Finland"]
    assert chains["4%"] == []


def test_the_same_data_show_names_the_previous_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("According to Chinese customs data, Chinese exports of tractors to Armenia rose 22% in 2022.\n\n"
            "Exports of excavators from China to Armenia doubled in 2022, the same data show.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    assert chains["22%"] == ["Kyiv Post", "Chinese customs data"]
    assert chains["doubled"] == ["Kyiv Post", "Chinese customs data"]


def test_citing_a_report_by_reaches_the_origin(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Bloomberg reported, citing a study by the Royal United Services Institute, that Chinese tractors "
            "reached at least nine Russian plants in 2022.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    assert chains["at least nine"] == ["Kyiv Post", "Bloomberg", "Royal United Services Institute"]


# -- sources that are not proper names: collective, anaphoric, pronominal ------------------------------


def test_a_senior_bloc_official_is_the_blocs_officials(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "A senior EU official said Chinese firms sold 300 drone engines to Russian buyers in the spring."
    assert _chains(pipeline, text, outlet="Kyiv Post")["300"] == ["Kyiv Post", "EU officials"]


def test_border_officials_are_a_generic_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Border officials said exports of trucks from China to Russia rose 40% in 2023."
    assert _chains(pipeline, text, outlet="Kyiv Post")["40%"] == ["Kyiv Post", "border officials"]


def test_country_qualified_roles_and_bodies(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukrainian investigators found that 60% of the chips in the downed drones were made in China.\n\n"
            "Ukraine's defence ministry said Chinese parts turned up in 12 Russian missiles in May.\n\n"
            "Officials in Kyiv said 45 Chinese-made drones were shot down in June.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    assert chains["60%"] == ["Kyiv Post", "Ukrainian investigators"]
    assert chains["12"] == ["Kyiv Post", "Ukrainian Ministry of Defence"]
    assert chains["45"] == ["Kyiv Post", "Ukrainian officials"]


def test_spokesperson_speaks_for_the_ministry(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "A spokesperson for the Chinese foreign ministry said trade with Russia grew 26% in 2023."
    assert _chains(pipeline, text)["26%"] == ["Chinese Ministry of Foreign Affairs"]


def test_person_familiar_with_the_matter(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "A person familiar with the matter said shipments of chips from China to Russia fell 30% in March."
    assert _chains(pipeline, text)["30%"] == ["sources"]


def test_analysts_at_an_organisation_speak_for_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "According to analysts at the Kiel Institute, Chinese exports of tractors to Russia rose 70% in 2023."
    assert _chains(pipeline, text)["70%"] == ["Kiel Institute"]


def test_staff_of_an_agency_are_the_agency(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Pentagon officials said Russia bought 2,000 Chinese-made drones in 2023."
    assert _chains(pipeline, text)["2,000"] == ["US Department of Defense"]


def test_person_in_apposition_stays_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Jane Roe, an analyst at the Kiel Institute, said exports of cars from China to Russia rose 55% in 2023."
    assert _chains(pipeline, text)["55%"] == ["Jane Roe"]


def test_the_report_said_names_the_reports_author(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Kiel Institute published a report on the trade on Monday. "
            "Exports of chips from China to Russia rose 25% in 2023, the report said.\n\n"
            "According to the report, exports of drones from China to Russia doubled in 2023.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    assert chains["25%"] == ["Kyiv Post", "Kiel Institute"]
    assert chains["doubled"] == ["Kyiv Post", "Kiel Institute"]


def test_according_to_the_data_names_the_last_data_author(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Bank of Finland released new data on Russian imports this week.\n\n"
            "Tea prices in Moscow were stable in the autumn.\n\n"
            "According to the data, Chinese exports of lorries to Russia rose 18% in 2023.")
    assert _chains(pipeline, text)["18%"] == ["Bank of Finland"]


def test_the_ministry_said_names_the_last_ministry(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Russia's Ministry of Industry and Trade released figures on Tuesday, and Bloomberg published them.\n\n"
            "Imports of machine tools from China to Russia rose 18% in 2023, the ministry said.")
    assert _chains(pipeline, text)["18%"] == ["Russian Ministry of Industry and Trade"]


def test_quote_then_pronoun_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Joseph Webster of the Atlantic Council spoke to reporters in Washington on Monday.\n\n"
            "\u201cExports of bulldozers from China to Russia rose 80% in 2022. Crane exports rose 20%,\u201d "
            "he said.\n\n"
            "\u201cTractor exports rose 15%.\u201d\n\n"
            "He added that China sold Russia 900 excavators in the spring.")
    chains = _chains(pipeline, text, outlet="Kyiv Post")
    for figure in ("80%", "20%", "15%", "900"):
        assert chains[figure] == ["Kyiv Post", "Joseph Webster"], figure


def test_pronoun_speaker_told_an_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Maria Petrova runs a logistics consultancy in Almaty.\n\n"
            "She told Reuters that Chinese truck exports to Russia rose 33% in 2023.")
    assert _chains(pipeline, text)["33%"] == ["Reuters", "Maria Petrova"]


def test_outlets_and_agencies_of_this_news(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("AFP reported that Chinese exports of chips to Russia rose 35% in 2023.\n\n"
            "According to iStories, Chinese exports of drones to Russia rose 37% in 2023.\n\n"
            "The SBU said Chinese parts were found in 40 Russian missiles.\n\n"
            "Ukraine's National Agency on Corruption Prevention said 44 Chinese companies supplied parts to Russia.")
    chains = _chains(pipeline, text)
    assert chains["35%"] == ["AFP"]
    assert chains["37%"] == ["iStories"]
    assert chains["40"] == ["Security Service of Ukraine"]
    assert chains["44"] == ["National Agency on Corruption Prevention"]
