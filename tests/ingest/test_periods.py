"""normalise_period and find_periods (our own phrases)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.extract.periods import _FORMS, _NEEDED, find_periods, normalise_period
from ingest.extract.values import caseless, words_in
from tests.conftest import EXAMPLES, FIXTURES

PUBLISHED = date(2023, 8, 22)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("the first seven months of this year", "2023-01", "2023-07"),
    ("the first five months of 2021", "2021-01", "2021-05"),
    ("first six months of this year", "2023-01", "2023-06"),
    ("the first half of 2023", "2023-01", "2023-06"),
    ("the second half of 2022", "2022-07", "2022-12"),
    ("last year", "2022-01", "2022-12"),
    ("this year", "2023-01", "2023-12"),
    ("in 2022", "2022-01", "2022-12"),
    ("throughout 2023", "2023-01", "2023-12"),
    ("September 2022", "2022-09", "2022-09"),
    ("in June", "2023-06", "2023-06"),
    ("in September", "2022-09", "2022-09"),
    ("from August to September 2022", "2022-08", "2022-09"),
    ("between December 2022 and April 2023", "2022-12", "2023-04"),
    ("from the beginning of 2023 to October", "2023-01", "2023-10"),
    ("since 2014", "2014-01", "2023-08"),
    ("last month", "2023-07", "2023-07"),
    ("the third quarter of 2022", "2022-07", "2022-09"),
    ("January-September 2023", "2023-01", "2023-09"),
    ("Feb–May 2022", "2022-02", "2022-05"),
    ("in July and August 2023", "2023-07", "2023-08"),
    ("throughout 2021 and 2022", "2021-01", "2022-12"),
    ("between January and July", "2023-01", "2023-07"),
    ("January to October 2023", "2023-01", "2023-10"),
])
def test_normalise(text: str, start: str, end: str) -> None:
    period = normalise_period(text, PUBLISHED)
    assert period is not None
    assert (period.start, period.end) == (start, end)


def test_relative_without_publication_keeps_text_only() -> None:
    period = normalise_period("last year", None)
    assert period is not None and (period.start, period.end) == (None, None)


def test_not_a_period() -> None:
    assert normalise_period("the excavators", PUBLISHED) is None


def test_find_periods_offsets() -> None:
    text = "Imports may rise in the first half of 2024 and fell in May, from 2019 to 2020."
    found = find_periods(text)
    assert [phrase for _, _, phrase in found] == ["the first half of 2024", "in May", "from 2019 to 2020"]
    assert all(text[s:e] == phrase for s, e, phrase in found)


def test_month_ranges_are_one_period() -> None:
    text = "Deliveries in March-May 2023 and in July and August 2023 were the largest."
    assert [phrase for _s, _e, phrase in find_periods(text)] == ["March-May 2023", "in July and August 2023"]


def test_every_form_match_holds_the_words_the_form_is_gated_on() -> None:
    """find_periods runs a form only where the words it needs occur: a match without them would be lost."""
    lines = [line for folder in (FIXTURES, EXAMPLES) for path in sorted(folder.rglob("*")) if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    lines += [line.upper() for line in lines]
    lines += ["H1 2023 and Q3 2022", "SINCE ſEPT 2020", "mid-March", "inMay 2020", "past month", "Jan–Sep",
              "from August to September 2022", "the first half of last year", "during 2021 and 2022"]
    checked = 0
    for form in _FORMS:
        for line in lines:
            for match in form.pattern.finditer(line):
                checked += 1
                assert form.may_match(words_in(caseless(match.group()), _NEEDED)), (form.pattern.pattern, match)
    assert checked > 100


@pytest.mark.parametrize(("phrase", "month"), [
    ("22.08.2023", "2023-08"),
    ("2023/08/22", "2023-08"),
    ("on Nov. 27", "2023-11"),
    ("27 November", "2023-11"),
    ("May 19", "2023-05"),
])
def test_dates_written_to_the_day(phrase: str, month: str) -> None:
    period = normalise_period(phrase, date(2024, 1, 10))
    assert period is not None and (period.start, period.end) == (month, month)


def test_day_date_found_in_a_sentence_but_not_a_decimal() -> None:
    found = [phrase for _, _, phrase in find_periods("The firm was listed on May 19. Sales were 19.5% up.")]
    assert found == ["May 19"]
