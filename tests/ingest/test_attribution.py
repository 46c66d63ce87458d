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
