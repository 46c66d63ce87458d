"""Title, dateline and outlet inference on our own article heads, and metadata date parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.clean import find_boilerplate
from ingest.metadata import InferredMetadata, infer_metadata, parse_date

TITLE = "Kazakh traders re-export Chinese forklifts to Russia"
BODY = ("Customs records show that a trading house in Almaty shipped 120 Chinese forklifts to a depot near "
        "Chelyabinsk in October, officials at the Eurasian Trade Watch said.")


@pytest.mark.parametrize(("dateline", "expected"), [
    ("Tuesday, 22 August 2023, 20:25", dt.date(2023, 8, 22)),
    ("22 August 2023", dt.date(2023, 8, 22)),
    ("August 22, 2023", dt.date(2023, 8, 22)),
    ("Aug. 22, 2023", dt.date(2023, 8, 22)),
    ("Sept. 3, 2023", dt.date(2023, 9, 3)),
    ("2023-08-22", dt.date(2023, 8, 22)),
    ("Published: 14 November 2023", dt.date(2023, 11, 14)),
    ("By Jane Doe | March 5, 2024", dt.date(2024, 3, 5)),
    ("Updated 5 March 2024 10:12 GMT", dt.date(2024, 3, 5)),
    ("Posted on 1st February 2024", dt.date(2024, 2, 1)),
])
def test_dateline_formats(dateline: str, expected: dt.date) -> None:
    meta = infer_metadata(f"{TITLE}\n\n{dateline}\n\n{BODY}")
    assert meta == InferredMetadata(title=TITLE, published=expected, outlet=None)


def test_dateline_may_come_before_the_title() -> None:
    meta = infer_metadata(f"Updated 5 March 2024 10:12 GMT\n{TITLE}\n{BODY}")
    assert (meta.title, meta.published) == (TITLE, dt.date(2024, 3, 5))


def test_date_in_a_body_sentence_is_not_the_publication_date() -> None:
    text = f"{TITLE}\n\nRussia began its full-scale invasion of Ukraine on 24 February 2022, and since then {BODY}"
    assert infer_metadata(text).published is None


def test_impossible_date_is_ignored() -> None:
    assert infer_metadata(f"{TITLE}\n31 February 2024\n{BODY}").published is None


def test_dateline_far_down_is_not_used() -> None:
    filler = "\n".join(f"Paragraph {n} about freight." for n in range(20))
    assert infer_metadata(f"{TITLE}\n{filler}\n22 August 2023\n{BODY}").published is None


def test_markdown_heading_title_and_boilerplate_lines_are_skipped() -> None:
    text = f"Connect with us\n\nHi, what are you looking for?\n\n## {TITLE}\n\n{BODY}"
    assert infer_metadata(text, find_boilerplate(text)).title == TITLE
    # Without the spans the furniture is the first line.
    assert infer_metadata(text).title == "Connect with us"


def test_masthead_naming_the_outlet_is_not_the_title() -> None:
    text = f"CASPIAN LEDGER\n\n{TITLE}\n\n{BODY}\n\n© 2024 Caspian Ledger"
    assert (infer_metadata(text).title, infer_metadata(text).outlet) == (TITLE, "Caspian Ledger")


def test_separator_lines_are_not_titles() -> None:
    assert infer_metadata(f"-\n***\n{TITLE}\n{BODY}").title == TITLE


def test_long_first_paragraph_means_no_title() -> None:
    text = f"{BODY} {BODY}\nA short second paragraph.\n"
    assert infer_metadata(text).title is None


def test_empty_text_gives_nothing() -> None:
    assert infer_metadata("") == InferredMetadata(title=None, published=None, outlet=None)


@pytest.mark.parametrize(("line", "outlet"), [
    ("Steppe Freight Monitor is the place where you will find the latest on Central Asian trade.",
     "Steppe Freight Monitor"),
    ("Published by Caspian Ledger", "Caspian Ledger"),
    ("© 2024 Caspian Ledger. All rights reserved.", "Caspian Ledger"),
    ("Copyright © 2023 Border Trade Weekly", "Border Trade Weekly"),
    ("Copyright 2021-2024 Border Trade Weekly | Privacy", "Border Trade Weekly"),
])
def test_outlet_lines(line: str, outlet: str) -> None:
    assert infer_metadata(f"{TITLE}\n\n{BODY}\n\n{line}").outlet == outlet


@pytest.mark.parametrize("line", [
    "Source: Wall Street Journal, with reference to trade data",
    "Copyright laws in Kazakhstan were amended in 2023.",
    "China is the source of 90% of Russia's microelectronics imports.",
])
def test_cited_sources_and_body_are_not_the_outlet(line: str) -> None:
    assert infer_metadata(f"{TITLE}\n\n{line}\n\n{BODY}").outlet is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-08-22", dt.date(2023, 8, 22)),
    ("2023-08-22T20:25:00", dt.date(2023, 8, 22)),
    ("2023-08-22T20:25:00Z", dt.date(2023, 8, 22)),
    ("2023-08-22T23:25:00-05:00", dt.date(2023, 8, 22)),
    ("  2024-03-05 10:12  ", dt.date(2024, 3, 5)),
    ("Tuesday, 22 August 2023, 20:25", dt.date(2023, 8, 22)),
    ("Aug. 22, 2023", dt.date(2023, 8, 22)),
    ("last Tuesday", None),
    ("2023-02-30", None),
    ("", None),
])
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
