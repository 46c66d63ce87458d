"""extract_claims: spans, values, periods, metrics and status (our own sentences)."""

from __future__ import annotations

from datetime import date

from tests.factories import article_from_text


def _claims(pipeline, text: str):  # type: ignore[no-untyped-def]
    article = article_from_text(text, published=date(2023, 9, 14))
    claims = pipeline.extract(article).claims
    for claim in claims:
        assert claim.text == article.text[claim.evidence.start:claim.evidence.end]
        assert claim.evidence.extractor == "claim-rules@1.0"
    return claims


def test_figure_value_period_and_metric(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "In the first eight months of this year, China's exports of excavators to Russia rose 62%."
    (claim,) = _claims(pipeline, text)
    assert claim.value is not None
    assert (claim.value.raw, claim.value.unit, claim.value.direction) == ("62%", "%", "increase")
    assert claim.period is not None and (claim.period.start, claim.period.end) == ("2023-01", "2023-08")
    assert claim.metric == "exports of excavators from China to Russia"
    assert claim.status == "asserted"


def test_same_fact_same_metric(pipeline) -> None:  # type: ignore[no-untyped-def]
    first = _claims(pipeline, "Russia imported excavators from China worth $2 billion in 2022.")
    second = _claims(pipeline, "China exported excavators to Russia worth $2 billion in 2022.")
    assert first[0].metric == second[0].metric == "exports of excavators from China to Russia"


def test_trade_between_sorts_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(pipeline, "Trade between Russia and China reached $201 billion in 2023.")
    assert claim.metric == "trade between China and Russia"
    assert claim.value is not None and claim.value.number == 201e9


def test_clauses_split_at_semicolon(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("From January to June 2023, China's excavator exports to Russia rose 118%; over the same period, "
            "China's excavator exports to Armenia rose 940%.")
    claims = _claims(pipeline, text)
    assert [c.value.raw for c in claims if c.value] == ["118%", "940%"]
    assert [c.metric for c in claims] == ["exports of excavators from China to Russia",
                                          "exports of excavators from China to Armenia"]
    assert all(c.period is not None and (c.period.start, c.period.end) == ("2023-01", "2023-06") for c in claims)


def test_during_this_period_inherits_period(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Trade between China and Russia grew 9% in the first half of 2022. During this period, exports fell 2%."
    claims = _claims(pipeline, text)
    assert [(c.period.start, c.period.end) for c in claims if c.period] == [("2022-01", "2022-06")] * 2


def test_hedged_and_negated(pipeline) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(pipeline, "Chinese drones may reach Russia through Kazakhstan, analysts say. "
                               "There is no evidence that China sold Russia 300 missiles.")
    assert [c.status for c in claims] == ["hedged", "negated"]


def test_headlines_make_no_claims(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese Truck Exports To Russia Jump 40 Percent\n\nExports of trucks from China to Russia rose 40% in May."
    claims = _claims(pipeline, text)
    assert len(claims) == 1 and claims[0].text.startswith("Exports of trucks")
