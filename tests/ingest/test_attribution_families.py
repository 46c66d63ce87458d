"""Attribution families added for news at large: retold outlets, passive cues, official acts, companies,
back-references to documents and unknown credited sources (our own sentences)."""

from __future__ import annotations

from datetime import date

from tests.factories import article_from_text


def _chains(pipeline, text: str, outlet: str | None = "Steppe Ledger") -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    article = article_from_text(text, published=date(2024, 5, 10), outlet=outlet)
    return {claim.value.raw if claim.value else claim.text[:24]: [s.name for s in claim.attributed_to]
            for claim in pipeline.extract(article).claims}


def test_retold_outlet_is_the_next_link_of_unattributed_claims(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Kazakhstan is shipping ever more machine tools to Russia.\n\n"
            "The Financial Times writes about it.\n\n"
            "Exports of machine tools from Kazakhstan to Russia rose 48% in 2023.\n\n"
            "Most of the lathes came from German and Italian plants.")
    chains = _chains(pipeline, text)
    assert chains["48%"] == ["Steppe Ledger", "Financial Times"]
    assert chains["Most of the lathes came "] == ["Steppe Ledger", "Financial Times"]
    assert chains["Kazakhstan is shipping e"] == ["Steppe Ledger", "Financial Times"]


def test_headline_tag_names_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Georgia re-exports record numbers of cars – Bloomberg\n\n"
            "Georgia exported 41,000 used cars to Central Asia in the first quarter.")
    assert _chains(pipeline, text)["41,000"] == ["Steppe Ledger", "Bloomberg"]


def test_headline_prefix_names_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("WSJ: Chinese motors reach Russian drone makers\n\n"
            "A Shenzhen firm shipped 120,000 motors to Russia last year.")
    assert _chains(pipeline, text)["120,000"] == ["Steppe Ledger", "Wall Street Journal"]


def test_photo_credit_ending_a_paragraph_is_no_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Customs officers inspect a truck at the border crossing near Khorgos on Monday. (AFP)\n\n"
            "Trade between China and Kazakhstan grew 12% in 2023.")
    assert _chains(pipeline, text)["12%"] == ["Steppe Ledger"]


def test_passive_reported_by(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "This was reported by Reuters, which said exports of drones to Russia tripled."
    assert "Reuters" in _chains(pipeline, text)["tripled"]


def test_data_analysed_by_a_described_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Chinese exports of gunpowder to Russia reached 900 tons in 2023, according to customs data "
            "analysed by the Japanese broadcaster NHK.")
    assert "NHK" in _chains(pipeline, text)["900"]


def test_agency_data_shows_without_possessive(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Shipments of chips through Hong Kong fell 20% in May, Commerce Department data shows."
    assert "US Department of Commerce" in _chains(pipeline, text)["20%"]


def test_official_act_names_the_acting_body(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Treasury Department imposed sanctions on 31 firms in Turkey and the UAE on Tuesday."
    assert "US Department of the Treasury" in _chains(pipeline, text)["31"]


def test_it_said_passes_over_companies(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Treasury Department will designate Orion Trade LLC and Vega Components Ltd. "
            "It said the firms shipped 300 drones to Russia.")
    assert "US Department of the Treasury" in _chains(pipeline, text)["300"]


def test_company_can_be_the_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Asked about the orders, Intel said it had shipped no processors to Russia since 2022."
    chains = _chains(pipeline, text)
    assert any("Intel" in chain for chain in chains.values())


def test_statement_named_again_keeps_its_author(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The measures were announced in a press statement from the UK Foreign Office on Monday.\n\n"
            "According to the statement, two Kazakh firms shipped 40 radios to Russia.")
    assert "Foreign, Commonwealth and Development Office" in _chains(pipeline, text)["40"]


def test_source_line_with_an_unknown_name_credits_the_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Armenia's imports of chips grew 35% last year.\n\n"
            "Source: Yerevan Daily Wire")
    assert _chains(pipeline, text)["35%"] == ["Steppe Ledger", "Yerevan Daily Wire"]


def test_data_only_chain_nests_under_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Bloomberg reported on the trade on Monday.\n\n"
            "According to trade data, Kyrgyzstan's imports of drones rose 90% in 2023.")
    chain = _chains(pipeline, text)["90%"]
    assert chain[:2] == ["Steppe Ledger", "Bloomberg"] and "trade data" in chain


def test_sources_side_by_side_play_one_part(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("An investigation by the OCCRP, German Der Spiegel and Russian iStories found that "
            "Kazakhstan re-exported 1,200 drones to Russia.")
    chain = _chains(pipeline, text)["1,200"]
    assert {"OCCRP", "Der Spiegel", "iStories"} <= set(chain)


def test_comma_and_article_open_a_clause_not_a_list(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("As reported by Censor.NET with reference to RBC-Ukraine, the Financial Times says "
            "Uzbekistan shipped 70 drones to Russia.")
    assert "Financial Times" in _chains(pipeline, text, outlet="Kyiv Post")["70"]


def test_speaker_with_a_date_before_the_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign ministry spokesman Lin Jian on May 16 said China exported 90 tons of the compound legally."
    assert "Lin Jian" in _chains(pipeline, text)["90"]


def test_speaker_with_an_affiliation_before_the_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Military analyst Ivan Petrenko from the Kiel Institute believes Russia bought 400 lathes in 2023."
    assert "Ivan Petrenko" in _chains(pipeline, text)["400"]


def test_agency_quoted_in_a_retold_story_is_reported_through_the_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Reuters reported this on Thursday.\n\n"
            "The Treasury Department said 14 firms in the UAE shipped chips to Russia.")
    chain = _chains(pipeline, text)["14"]
    assert chain[:2] == ["Steppe Ledger", "Reuters"] and "US Department of the Treasury" in chain


def test_a_fact_credited_to_an_outlet_is_no_retelling(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Reuters reported that Chinese exports of chips to Russia rose 35% in 2023.\n\n"
            "The Treasury Department said 14 firms in the UAE shipped chips to Russia.")
    assert _chains(pipeline, text)["14"] == ["Steppe Ledger", "US Department of the Treasury"]


def test_the_source_writes_refers_back_to_the_retold_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("China raised its sales of gunpowder to Russia, NHK reported.\n\n"
            "About 300 tons were shipped in the first quarter, the source writes.")
    assert "NHK" in _chains(pipeline, text)["About 300"]


def test_the_bureau_refers_back_to_the_agency(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("The Bureau of Industry and Security reviewed the shipments.\n\n"
            "The bureau estimated that 85% of the chips were re-exported to Russia.")
    assert "Bureau of Industry and Security" in _chains(pipeline, text)["85%"]


def test_an_official_act_still_to_come_names_the_acting_body(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The U.S. Treasury will designate 14 firms in Hong Kong for shipping drone parts to Russia."
    assert _chains(pipeline, text)["14"] == ["Steppe Ledger", "US Department of the Treasury"]
