"""A company name that NER misses is still read when a word of trade closes it and it is a verb's subject
("Smart Link Trading shipped ..."); a proper-name subject that nothing reads (a person NER missed) is never
replaced by the supplier of an earlier flow; a relative clause on the noun a copula says a company is ("X is
a PRC-based company that shipped ...") is said of the company, not of the place that modifies the noun."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "trade-word name as the subject": (
        "Smart Link Trading shipped CNC machines to a Russian defense firm.",
        {("Smart Link Trading", "CNC machine tools", "Russia", (), "asserted",
          "Smart Link Trading shipped CNC machines to a Russian")},
    ),
    "trade-word name as the subject after a time phrase": (
        "Between March 2023 and January 2024, Volga Bridge Electronics supplied oscilloscopes to Belarus.",
        {("Volga Bridge Electronics", "oscilloscopes", "Belarus", (), "asserted",
          "Volga Bridge Electronics supplied oscilloscopes to Belarus")},
    ),
    "a place and a trade word alone are no name": (
        "Hong Kong Trading shipped chips to Russia.",
        {("Hong Kong", "integrated circuits", "Russia", (), "asserted", "Hong Kong Trading shipped chips to Russia")},
    ),
    "an unread proper-name subject takes no earlier supplier": (
        "Balakaev Trading shipped radar equipment to Russia in 2021.\n\n"
        "A year later, Ilya Balakaev sent radar equipment to North Korea.",
        {("Balakaev Trading", "radar equipment", "Russia", (), "asserted",
          "Balakaev Trading shipped radar equipment to Russia")},
    ),
    "relative clause on a copula's noun": (
        "Sinno Electronics Co., Ltd. is a PRC-based company that has shipped dual-use items to Russian end users.",
        {("Sinno Electronics", "dual-use goods", "Russia", (), "asserted",
          "Sinno Electronics Co., Ltd. is a PRC-based company that has shipped dual-use items to Russian")},
    ),
    "relative clause on 'one of the firms'": (
        "Altyn Trade LLC is one of the firms that shipped chips to Russia.",
        {("Altyn Trade", "integrated circuits", "Russia", (), "asserted",
          "Altyn Trade LLC is one of the firms that shipped chips to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_named_subject_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
