"""extract_claims: spans, values, periods, metrics and status (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

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


def _by_value(claims):  # type: ignore[no-untyped-def]
    return {c.value.raw: c for c in claims if c.value}


def test_concession_gives_one_claim_per_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Although China's total exports slipped by 4%, its exports of tractors to Kazakhstan climbed by 61%."
    claims = _claims(pipeline, text)
    assert [c.text for c in claims] == ["Although China's total exports slipped by 4%",
                                        "its exports of tractors to Kazakhstan climbed by 61%."]
    found = _by_value(claims)
    assert found["4%"].metric == "exports of all goods from China"
    assert found["4%"].value.direction == "decrease"
    assert found["61%"].metric == "exports of tractors from China to Kazakhstan"


def test_despite_clause_is_its_own_claim_and_shares_the_period(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Despite a fall of 9% in China's overall exports, Chinese exports to Armenia rose by 44% "
            "in the first half of 2023.")
    found = _by_value(_claims(pipeline, text))
    assert found["9%"].metric == "exports of all goods from China"
    assert found["44%"].metric == "exports of all goods from China to Armenia"
    assert all((c.period.start, c.period.end) == ("2023-01", "2023-06") for c in found.values() if c.period)
    assert found["9%"].period is not None


def test_while_clause_after_a_from_to_change(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("China's sales of tractors to Armenia rose from $12 million to $31 million in 2022, "
            "while Turkey's exports to Armenia rose by 18%.")
    claims = _claims(pipeline, text)
    assert [c.value.raw for c in claims if c.value] == ["$31 million", "18%"]
    assert claims[0].text.endswith("in 2022")
    assert claims[1].text.startswith("while Turkey's")
    assert claims[1].metric == "exports of all goods from Turkey to Armenia"
    assert claims[1].period is not None and claims[1].period.start == "2022-01"


def test_respectively_gives_each_good_its_figure(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "In 2022, Chinese exports of excavators and bulldozers to Belarus nearly doubled and more than tripled, " \
           "respectively."
    found = _by_value(_claims(pipeline, text))
    assert found["nearly doubled"].metric == "exports of excavators from China to Belarus"
    assert found["more than tripled"].metric == "exports of bulldozers from China to Belarus"


def test_and_with_a_new_subject_and_verb_splits(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China sold Belarus 120 tractors in 2022, and Iran sold Belarus 40 tractors in 2023."
    claims = _claims(pipeline, text)
    assert [(c.value.raw, c.metric, c.period.start) for c in claims if c.value and c.period] == [
        ("120", "exports of tractors from China to Belarus", "2022-01"),
        ("40", "exports of tractors from Iran to Belarus", "2023-01")]


def test_one_figure_keeps_one_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Chinese exports of tractors to Armenia rose 37% in 2022, and the tractors were probably "
            "re-exported to Russia, analysts said.")
    (claim,) = _claims(pipeline, text)
    assert claim.text == text
    assert claim.status == "asserted"  # the hedge is in the clause that states no figure


def test_ranges_and_baselines_stay_with_their_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China's share of Armenia's imports is now 30% to 35%, up from 12% in 2020."
    (claim,) = _claims(pipeline, text)
    assert claim.value is not None and claim.value.raw == "30% to 35%"
    assert claim.metric == "share of Armenia's imports from China"


def test_continuing_figure_is_not_a_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Exports from China to Armenia reached $2 billion, an increase of 40% on the year before."
    (claim,) = _claims(pipeline, text)
    assert claim.value is not None and claim.value.raw == "$2 billion"


def test_imports_clause_reverses_the_route(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China's exports to Armenia grew 25% in 2022, while imports fell 6%."
    found = _by_value(_claims(pipeline, text))
    assert found["25%"].metric == "exports of all goods from China to Armenia"
    assert found["6%"].metric == "exports of all goods from Armenia to China"


def test_elliptical_list_of_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China's exports of excavators to Belarus rose 50%, bulldozers 30% and tractors 20%."
    found = _by_value(_claims(pipeline, text))
    assert {raw: (c.metric, c.value.direction) for raw, c in found.items()} == {
        "50%": ("exports of excavators from China to Belarus", "increase"),
        "30%": ("exports of bulldozers from China to Belarus", "increase"),
        "20%": ("exports of tractors from China to Belarus", "increase")}


def test_sentence_case_title_makes_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese tractors pour into Armenia as sales jump 40%\n\nChinese tractor exports to Armenia rose 40% in May."
    claims = _claims(pipeline, text)
    assert [c.text for c in claims] == ["Chinese tractor exports to Armenia rose 40% in May."]


def test_a_gain_on_a_period_gives_the_baseline(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Trade between China and Armenia reached $9 billion between January and July, the ministry said, "
            "a gain of 12% on the first seven months of 2022.")
    (claim,) = _claims(pipeline, text)
    assert claim.value is not None and claim.value.raw == "$9 billion"
    assert claim.metric == "trade between Armenia and China"
    assert claim.period is not None and (claim.period.start, claim.period.end) == ("2023-01", "2023-07")


def test_start_of_a_from_to_change_is_no_period(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China's sales of tractors to Armenia rose from $12 million in 2021 to $31 million in 2022."
    (claim,) = _claims(pipeline, text)
    assert claim.period is not None and claim.period.start == "2022-01"


@pytest.mark.parametrize("text", [
    "Trade between China and Kazakhstan reached $21 billion in 2022, and most of it was oil and tractors.",
    "Trade between China and Kazakhstan, mostly oil and tractors, reached $21 billion in 2022.",
    "Demand for tractors rose, and trade between China and Kazakhstan reached $21 billion in 2022.",
])
def test_goods_outside_the_figures_clause_stay_out_of_its_metric(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _by_value(_claims(pipeline, text))
    assert found["$21 billion"].metric == "trade between China and Kazakhstan"


def test_goods_joined_by_and_to_the_figure_stay_in(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Customs papers show that the firm shipped ball bearings and lathes to Armenia on at least 30 occasions."
    (claim,) = _claims(pipeline, text)
    assert claim.metric is not None and claim.metric.startswith("exports of ball bearings")


def test_a_list_of_figures_names_good_recipient_and_period(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Chinese machinery keeps flowing east\n\n"
            "Chinese exporters shipped excavators to Belarus in 2022. Their figures for January to June 2023, "
            "set against the same months of 2022, read as follows:\n\n"
            "- Tractors to Belarus: +41%\n"
            "- **Excavators to Armenia, May 2023:** more than three times the level of May 2022\n")
    found = _by_value(_claims(pipeline, text))
    assert {raw: (c.metric, (c.period.start, c.period.end) if c.period else None) for raw, c in found.items()} == {
        "41%": ("exports of tractors from China to Belarus", ("2023-01", "2023-06")),
        "more than three times": ("exports of excavators from China to Armenia", ("2023-05", "2023-05"))}
    assert found["more than three times"].value.qualifier == "more than"


# -- the phrasing fixtures (tests/fixtures/phrasings, see EXPECTED.md) ------------------------------------

def _fixture_claims(pipeline, name: str):  # type: ignore[no-untyped-def]
    from ingest.read import read_file
    from tests.conftest import FIXTURES

    (article,) = read_file(FIXTURES / "phrasings" / name).articles
    claims = pipeline.extract(article).claims
    for claim in claims:
        assert claim.text == article.text[claim.evidence.start:claim.evidence.end]
    return [(c.value.raw if c.value else None, c.value.unit if c.value else None,
             (c.period.start, c.period.end) if c.period else None, [s.name for s in c.attributed_to], c)
            for c in claims if c.value]


@pytest.mark.parametrize(("name", "expected"), [
    ("periods.txt", [("180%", "%", ("2023-01", "2023-07")), ("doubled", "factor", ("2022-01", "2022-12")),
                     ("tripled", "factor", ("2022-09", "2022-09")), ("9,400", "units", ("2022-07", "2022-12")),
                     ("46,000", "units", ("2023-01", "2023-10"))]),
    ("imports_of.txt", [("58%", "%", ("2023-01", "2023-06")), ("doubled", "factor", ("2022-01", "2022-12"))]),
    ("passive.txt", [("About 1,800", "units", ("2023-08", "2023-08"))]),
    ("demonym_subject.txt", [("400", "units", ("2023-10", "2023-10"))]),
    ("hedged.txt", [("1,140%", "%", ("2023-01", "2023-09"))]),
    ("attribution_chain.txt", [("64%", "%", ("2023-01", "2023-09")),
                               ("at least twelve", "units", ("2023-01", "2023-12")),
                               ("$412 million", "USD", ("2023-01", "2023-09"))]),
])
def test_fixture_figures_units_and_periods(pipeline, name: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert [(raw, unit, period) for raw, unit, period, _chain, _c in _fixture_claims(pipeline, name)] == expected


def test_fixture_table_gives_each_good_its_count_and_change(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = _fixture_claims(pipeline, "table_prose.txt")
    assert [(c.metric, raw) for raw, _u, _p, _ch, c in found] == [
        ("exports of excavators from China to Russia", "3,150"), ("exports of excavators from China to Russia", "212%"),
        ("exports of bulldozers from China to Russia", "540"), ("exports of bulldozers from China to Russia", "96%"),
        ("exports of front-end loaders from China to Russia", "2,270"),
        ("exports of front-end loaders from China to Russia", "88%"),
        ("exports of heavy trucks from China to Russia", "41,600"),
        ("exports of heavy trucks from China to Russia", "310%"),
        ("exports of tractors from China to Russia", "18,900"), ("exports of tractors from China to Russia", "154%")]
    assert {period for _r, _u, period, _ch, _c in found} == {("2023-01", "2023-09")}
    assert all(chain == ["Steppe Trade Review", "Chinese customs data"] for _r, _u, _p, chain, _c in found)
    assert len({c.id for *_rest, c in found}) == len(found)


@pytest.mark.parametrize(("name", "raw", "chain"), [
    ("attribution_chain.txt", "64%", ["Eastgate Monitor", "Nikkei Asia", "Chinese customs data"]),
    ("attribution_chain.txt", "at least twelve",
     ["Eastgate Monitor", "Nikkei Asia", "Royal United Services Institute"]),
    ("imports_of.txt", "58%", ["Harbour Line News", "Chinese customs data"]),
    ("imports_of.txt", "doubled", ["Harbour Line News", "Chinese customs data"]),
    ("passive.txt", "About 1,800", ["Amber Coast Daily", "Chinese customs data"]),
    ("periods.txt", "180%", ["Steppe Trade Review"]),
])
def test_fixture_attribution_chains(pipeline, name: str, raw: str, chain: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [c for r, _u, _p, c, _claim in _fixture_claims(pipeline, name) if r == raw] == [chain]


def test_fixture_hedge_of_another_clause_leaves_the_figure_asserted(pipeline) -> None:  # type: ignore[no-untyped-def]
    ((_raw, _unit, _period, _chain, claim),) = _fixture_claims(pipeline, "hedged.txt")
    assert claim.status == "asserted"
    assert claim.metric == "exports of ball bearings from China to Kyrgyzstan"


@pytest.mark.parametrize("name", ["attribution_chain.txt", "coordinated_list.txt", "imports_of.txt", "negation.txt"])
def test_fixture_titles_make_no_claims(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    from ingest.read import read_file
    from tests.conftest import FIXTURES

    (article,) = read_file(FIXTURES / "phrasings" / name).articles
    title = article.text.strip().splitlines()[0]
    assert all(c.text != title for c in pipeline.extract(article).claims)


def test_goods_class_narrows_the_metric(pipeline) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(pipeline, "Chinese machinery exports to Belarus grew by 41% in the first half of 2023.")
    assert claim.metric == "exports of machinery from China to Belarus"
    assert claim.value is not None and claim.value.raw == "41%"


def test_narrowest_nested_period_dates_the_figure_without_a_dateline(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("2024 looks set to break the record, with trade between Iran and Russia reaching $3 billion "
            "in the first five months.\n")
    article = article_from_text(text)  # no publication date: the year comes from the sentence
    (claim,) = [c for c in pipeline.extract(article).claims if c.value is not None]
    assert claim.period is not None
    assert (claim.period.start, claim.period.end) == ("2024-01", "2024-05")


def test_measure_is_the_one_named_first_and_the_first_in_the_lexicon_at_a_tie() -> None:
    """One pattern for all measures reads as one pattern per measure, the earliest match winning."""
    import re

    from ingest.extract.claims import _measure
    from ingest.extract.values import load_claim_lexicon, words_pattern
    from tests.conftest import EXAMPLES, FIXTURES

    lex = load_claim_lexicon()
    patterns = [(name, re.compile(rf"(?<![\w])(?:{words_pattern(forms)})(?![\w])", re.IGNORECASE))
                for name, forms in lex.measures.items()]

    def share(text: str) -> bool:
        return re.search(r"\bshare\b|\bsource\s+of\b|contribution\s+to", text, re.IGNORECASE) is not None

    def one_by_one(text: str) -> str | None:
        found = [(match.start(), index) for index, (_name, pattern) in enumerate(patterns)
                 if (match := pattern.search(text))]
        if not found:
            return None
        name = patterns[min(found)[1]][0]
        return "share of imports" if name != "share of imports" and share(text) else name

    lines = [line for folder in (FIXTURES, EXAMPLES) for path in sorted(folder.rglob("*")) if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines += ["exports and imports", "trade, exports", "Russia's share of Chinese exports", ""]
    assert sum(_measure(line, lex) is not None for line in lines) > 50
    for line in lines:
        assert _measure(line, lex, share(line)) == one_by_one(line), line


def test_a_sum_in_two_currencies_is_two_linked_claims(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "In 2023, China's exports of drones to Russia reached €144 million ($160 million)."
    first, second = _claims(pipeline, text)
    assert first.value is not None and second.value is not None
    assert [(c.value.raw, c.value.unit) for c in (first, second)] == [("€144 million", "EUR"),  # type: ignore[union-attr]
                                                                      ("$160 million", "USD")]
    # Linked: one clause, one metric, one period; only the figure differs.
    assert (first.evidence.start, first.evidence.end) == (second.evidence.start, second.evidence.end)
    assert first.metric == second.metric == "exports of drones from China to Russia"
    assert first.period == second.period and first.id != second.id
