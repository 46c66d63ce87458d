"""A source is nested under another only when the article passes it on through that source (our own
sentences): a retold outlet passes on what it cites, a think tank only the data it analysed."""

from __future__ import annotations

from datetime import date

from tests.factories import article_from_text

HEADLINE = "Bearings through Bishkek\n\n"
FOUND = "The Atlantic Council found that Chinese exports of ball bearings to Kyrgyzstan rose 300% in 2023.\n\n"


def _chains(pipeline, text: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    article = article_from_text(HEADLINE + text, published=date(2024, 3, 1), outlet="Kyiv Post")
    return {claim.text: [s.name for s in claim.attributed_to] for claim in pipeline.extract(article).claims}


def test_officials_quoted_elsewhere_are_not_the_think_tanks(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "Kyrgyz officials said the goods were re-exported to Russia within days."
    chains = _chains(pipeline, FOUND + "Trucks cross the border at Torugart every week.\n\n" + said + "\n")
    assert chains[FOUND.strip()] == ["Kyiv Post", "Atlantic Council"]
    assert chains[said] == ["Kyiv Post", "Kyrgyz officials"]


def test_experts_quoted_elsewhere_are_not_the_think_tanks(pipeline) -> None:  # type: ignore[no-untyped-def]
    said = "Analysts said most of the machine tools end up in Russian arms factories."
    assert _chains(pipeline, FOUND + said + "\n")[said] == ["Kyiv Post", "experts"]


def test_data_a_think_tank_analysed_stay_under_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    data = "According to trade data, Kyrgyz imports of machine tools doubled in the same period."
    assert _chains(pipeline, FOUND + data + "\n")[data] == ["Kyiv Post", "Atlantic Council", "trade data"]


def test_a_retold_outlet_passes_on_the_officials_it_quotes(pipeline) -> None:  # type: ignore[no-untyped-def]
    lead = "The Financial Times reported that Chinese exports of ball bearings to Kyrgyzstan rose 300% in 2023."
    said = "Kyrgyz officials said the goods were re-exported to Russia within days."
    chains = _chains(pipeline, f"{lead}\n\n{said}\n")
    assert chains[said] == ["Kyiv Post", "Financial Times", "Kyrgyz officials"]
