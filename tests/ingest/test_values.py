"""parse_values: figures with their unit, direction and qualifier (our own sentences)."""

from __future__ import annotations

import re
import string

import pytest

from ingest.extract.values import (
    _PERCENT_WORDS,
    _TIMES_WORDS,
    LexiconPattern,
    _patterns,
    caseless,
    load_claim_lexicon,
    parse_values,
    words_pattern,
)
from tests.conftest import EXAMPLES, FIXTURES

LEX = load_claim_lexicon()


def _one(text: str) -> tuple[str, float | None, str | None, str | None, str | None]:
    values = parse_values(text, LEX)
    assert len(values) == 1, values
    start, end, value = values[0]
    assert text[start:end] == value.raw
    return value.raw, value.number, value.unit, value.direction, value.qualifier


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales reached US$27 billion.", ("US$27 billion", 27e9, "USD", "level", None)),
    ("a turnover of $88 billion", ("$88 billion", 88e9, "USD", "level", None)),
    ("parts worth $6.2 million", ("$6.2 million", 6.2e6, "USD", "level", None)),
    ("rifles worth US$41,000", ("US$41,000", 41000.0, "USD", "level", None)),
    ("a share of 18%", ("18%", 18.0, "%", "level", None)),
    ("between 30% to 35% of parts", ("30% to 35%", 30.0, "%", "level", None)),
    ("shipments to Armenia grew 1,210%", ("1,210%", 1210.0, "%", "increase", None)),
    ("more than 12,500 trucks", ("more than 12,500", 12500.0, "units", "level", "more than")),
    ("nearly 8,000 units a month", ("nearly 8,000", 8000.0, "units", "level", "nearly")),
    ("at least 14 helicopters", ("at least 14", 14.0, "units", "level", "at least")),
    ("400 sniper rifles", ("400", 400.0, "units", "level", None)),
    ("almost twice as many tractors", ("almost twice as many", 2.0, "factor", "increase", "almost")),
    ("more than four times as many cranes", ("more than four times as many", 4.0, "factor", "increase", "more than")),
    ("deliveries more than tripled", ("more than tripled", 3.0, "factor", "increase", "more than")),
    ("imports nearly doubled", ("nearly doubled", 2.0, "factor", "increase", "nearly")),
    ("output doubled", ("doubled", 2.0, "factor", "increase", None)),
    ("12 times more than Georgia", ("12 times more", 12.0, "factor", "increase", None)),
    ("almost five times more", ("almost five times more", 5.0, "factor", "increase", "almost")),
    ("revenue fell by 8%", ("8%", 8.0, "%", "decrease", None)),
    ("volumes were up 14%", ("14%", 14.0, "%", "increase", None)),
    ("a 22% drop in orders", ("22%", 22.0, "%", "decrease", None)),
    ("about 75% of its lathes", ("about 75%", 75.0, "%", "level", "about")),
    ("a share of 30-35% of parts", ("30-35%", 30.0, "%", "level", None)),
    ("some 20 to 25 percent of spares", ("some 20 to 25 percent", 20.0, "%", "level", "about")),
    ("at least twelve arms plants", ("at least twelve", 12.0, "units", "level", "at least")),
    ("sold to more than ten distributors", ("more than ten", 10.0, "units", "level", "more than")),
    ("more than three times the level of May 2021", ("more than three times", 3.0, "factor", "increase", "more than")),
    ("lathe sales were 40% higher than in 2021", ("40%", 40.0, "%", "increase", None)),
    ("crane output was 12% lower", ("12%", 12.0, "%", "decrease", None)),
])
def test_single_figures(text: str, expected: tuple[object, ...]) -> None:
    assert _one(text) == expected


def test_from_to_gives_two_values() -> None:
    values = [v for _, _, v in parse_values("Exports rose from $12 million in 2021 to $31 million in 2022.", LEX)]
    assert [(v.raw, v.number, v.unit) for v in values] == [("$12 million", 12e6, "USD"), ("$31 million", 31e6, "USD")]


def test_years_dates_and_ordinals_are_not_values() -> None:
    text = "In 2022, on March 3 and 14 May, the second shipment left for the 3rd time during the 18-month war."
    assert parse_values(text, LEX) == []


def test_two_changes_in_one_sentence() -> None:
    values = [v for _, _, v in parse_values("Trade grew 12%, while exports dropped by 3%.", LEX)]
    assert [(v.raw, v.direction) for v in values] == [("12%", "increase"), ("3%", "decrease")]


def test_a_falling_pair_is_two_figures_not_a_range() -> None:
    found = [v.raw for _s, _e, v in parse_values("cranes and lathes rose 60% and 25%, respectively", LEX)]
    assert found == ["60%", "25%"]


def test_number_words_without_a_qualifier_are_no_count() -> None:
    assert parse_values("the two governments met in three weeks", LEX) == []


def test_from_before_a_range_keeps_the_start_apart() -> None:
    assert [v.raw for _s, _e, v in parse_values("its share went from 15 to 40%", LEX)] == ["40%"]


def test_multiples_read_the_same_however_written() -> None:
    written = ["cranes were more than three times higher than in 2021", "crane sales more than tripled",
               "more than three times the level of 2021"]
    found = {(v.number, v.unit, v.direction, v.qualifier) for text in written for _s, _e, v in parse_values(text, LEX)}
    assert found == {(3.0, "factor", "increase", "more than")}


def _texts() -> list[str]:
    """Lines of our fixture and example articles, as written and in capitals."""
    lines = [line for folder in (FIXTURES, EXAMPLES) for path in sorted(folder.rglob("*")) if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines + [line.upper() for line in lines]


def test_caseless_keeps_every_letter_that_ignorecase_reads_as_ascii() -> None:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    for match in re.finditer("[a-z]", every, re.IGNORECASE):
        folded = caseless(match.group())
        assert folded in string.ascii_lowercase and re.fullmatch(folded, match.group(), re.IGNORECASE)


def test_figure_patterns_hold_the_words_they_are_gated_on() -> None:
    pats = _patterns(LEX)
    assert pats.multiple_words is not None and pats.number_words is not None
    gates = [(pats.money, pats.money_words, True), (pats.percent, _PERCENT_WORDS, True),
             (pats.multiple, pats.multiple_words, False), (pats.times, _TIMES_WORDS, False),
             (pats.count, None, True), (pats.word_count, pats.number_words, False)]
    checked = 0
    for text in [*_texts(), "Sales ROSE BY 5 PER CENT", "US$ 5", "a TWO-FOLD rise", "ſix times", "€5m", "3 bn YUAN"]:
        for pattern, words, digit in gates:
            for match in pattern.finditer(text):
                checked += 1
                assert not digit or re.search(r"\d", match.group())
                assert words is None or any(word in caseless(match.group()) for word in words), match.group()
    assert checked > 100


def test_lexicon_pattern_finds_what_its_pattern_finds() -> None:
    lex = load_claim_lexicon()
    for phrases in (lex.hedges, lex.negations, lex.event_cues, lex.clause_openers, lex.attribution_verbs):
        gated = LexiconPattern.of(rf"(?<![\w'’])(?:{words_pattern(phrases)})(?![\w])", phrases)
        assert gated.gate is not None
        for text in _texts():
            found = gated.search(text)
            plain = gated.pattern.search(text)
            assert (found and found.span()) == (plain and plain.span())
    assert LexiconPattern.of("x?", []).gate is None  # no phrases: no test to skip by


@pytest.mark.parametrize(("text", "raw", "number", "unit"), [
    ("a contract worth €144 million", "€144 million", 144e6, "EUR"),
    ("sales of 3.2bn yuan", "3.2bn yuan", 3.2e9, "CNY"),
    ("revenue of $68mn", "$68mn", 68e6, "USD"),
    ("a turnover of ₹15 crore", "₹15 crore", 15e7, "INR"),
    ("fines of 12 million lira", "12 million lira", 12e6, "TRY"),
    ("RUB 4.5 billion in payments", "RUB 4.5 billion", 4.5e9, "RUB"),
    ("1.250.000 rubles were transferred", "1.250.000 rubles", 1.25e6, "RUB"),
    ("goods worth £30 million", "£30 million", 30e6, "GBP"),
    ("almost 283 million dollars", "almost 283 million dollars", 283e6, "USD"),
    ("HK$5 million in chips", "HK$5 million", 5e6, "HKD"),
    ("a deal worth 2.5 billion renminbi", "2.5 billion renminbi", 2.5e9, "CNY"),
    ("orders of RMB 300 million", "RMB 300 million", 3e8, "CNY"),
    ("fines of 40 million roubles", "40 million roubles", 4e7, "RUB"),
])
def test_money_in_many_currencies(text: str, raw: str, number: float, unit: str) -> None:
    ((_, _, value),) = parse_values(text, LEX)
    assert (value.raw, value.number, value.unit) == (raw, number, unit)


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("about 5 000 tonnes of grain", 5000.0, "t"),
    ("over 700 tons of nitrocellulose", 700.0, "t"),
    ("1300 tons of the compound", 1300.0, "t"),
    ("3,150 units of equipment", 3150.0, "units"),
    ("some 12,000 pieces of body armour", 12000.0, "units"),
    ("1 200 pieces of radio equipment", 1200.0, "units"),
])
def test_quantities_with_units_of_measure(text: str, number: float, unit: str) -> None:
    ((_, _, value),) = parse_values(text, LEX)
    assert (value.number, value.unit) == (number, unit)


@pytest.mark.parametrize(("text", "raw", "number"), [
    ("imports of chips increased 15 times", "15 times", 15.0),
    ("imports of chips grew 15-fold", "15-fold", 15.0),
    ("exports rose by 1.5 times", "1.5 times", 1.5),
    ("shipments tripled", "tripled", 3.0),
])
def test_multipliers(text: str, raw: str, number: float) -> None:
    assert _one(text) == (raw, number, "factor", "increase", None)


def test_a_sum_in_two_currencies_gives_both() -> None:
    text = "a contract worth €144 million ($160 million) was signed"
    assert [(v.raw, v.number, v.unit) for _, _, v in parse_values(text, LEX)] == [
        ("€144 million", 144e6, "EUR"), ("$160 million", 160e6, "USD")]


def test_a_capitalised_abbreviation_only_is_read_before_a_number() -> None:
    assert [(v.raw, v.unit) for _, _, v in parse_values("the team won 300 contracts", LEX)] == [("300", "units")]
