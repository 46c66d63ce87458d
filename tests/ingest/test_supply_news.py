"""Supply flows of three whole news articles written in styles common in this field (tests/fixtures/news).

Each article's expected flows are in ``EXPECTED.tsv``, written from the text alone; a flow matches only
when supplier, good, recipient, via and status are all the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology.records import Extraction

NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "news"
Flow = tuple[str, str, str, tuple[str, ...], str]

#: The share of an article's expected flows that must be found, and of its found flows that must be expected.
MIN_RECALL = 0.8
MIN_PRECISION = 0.7


def _expected() -> dict[str, set[Flow]]:
    table: dict[str, set[Flow]] = {}
    for line in (NEWS / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, supplier, good, recipient, via, status = line.split("\t")
        table.setdefault(article, set()).add(
            (supplier, good, recipient, tuple(v for v in via.split(";") if v), status))
    return table


EXPECTED = _expected()


def news_flows(pipeline, name: str) -> set[Flow]:  # type: ignore[no-untyped-def]
    """The flows extracted from one article of the folder, by canonical name without a final full stop."""
    from ingest.read import read_file

    (article,) = read_file(NEWS / name).articles
    extraction: Extraction = pipeline.extract(article)
    names = {e.id: e.name.rstrip(".") for e in extraction.entities}
    return {(names[f.supplier_id], names[f.good_id], names[f.recipient_id], tuple(names[v] for v in f.via),
             f.status) for f in extraction.supply}


def test_every_article_has_expectations() -> None:
    assert set(EXPECTED) == {p.name for p in NEWS.glob("*.txt")}
    assert all(len(flows) >= 10 for flows in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_news_article_flows(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED[name]
    found = news_flows(pipeline, name)
    hits = expected & found
    recall = len(hits) / len(expected)
    precision = len(hits) / len(found) if found else 0.0
    report = (f"{name}: precision {precision:.2f} ({len(hits)}/{len(found)}), recall {recall:.2f} "
              f"({len(hits)}/{len(expected)})\n  missed: {sorted(expected - found)}\n"
              f"  extra: {sorted(found - expected)}")
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, report


# -- the phrasing families the articles needed, each in sentences of its own ---------------------------------


def _flows(pipeline, text: str) -> set[Flow]:  # type: ignore[no-untyped-def]
    from tests.ingest.supply_rows import supply_rows

    return {row[:5] for row in supply_rows(pipeline, text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Minsk-based Belzap LLC is alleged to have sold drones to Iran.", ("Belzap", "drones", "Iran", (), "hedged")),
    ("Acme Ltd is thought to have shipped chips to Iran.", ("Acme", "integrated circuits", "Iran", (), "hedged")),
    ("The Turkish company Aksa Makina was reported to have shipped CNC machines to Russia.",
     ("Aksa Makina", "CNC machine tools", "Russia", (), "asserted")),
])
def test_perfect_after_a_raising_verb(pipeline, text: str, expected: Flow) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, text) == {expected}


def test_stacked_legal_forms_leave_the_name() -> None:
    from ingest.resolve import company_name

    assert company_name("Ningbo Hengda Machinery Co., Limited") == "Ningbo Hengda Machinery"
    assert company_name("CTL Limited") == "CTL Limited"


def test_goods_named_as_another_goods_purpose_move_nothing(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, "Acme Ltd supplied spare parts for tanks and engines for drones to Russia.") >= {
        ("Acme", "engines", "Russia", (), "asserted")}
    assert not any(f[1] == "drones" for f in _flows(pipeline, "Acme Ltd sold engines for drones to Russia."))


def test_demonym_before_a_firm_name_is_its_home_not_a_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Uzbek trader Silk Road Components purchased transistors from a German supplier and resold them "
            "to OOO Tekhnika.")
    assert _flows(pipeline, text) == {
        ("Germany", "transistors", "Silk Road Components", (), "asserted"),
        ("Silk Road Components", "transistors", "Tekhnika", (), "asserted"),
        ("Germany", "transistors", "Tekhnika", ("Uzbekistan",), "asserted"),
    }


@pytest.mark.parametrize(("text", "expected"), [
    ("Analysts found Taiwanese capacitors and Japanese diodes inside a Kalibr missile.",
     {("Taiwan", "capacitors", "Russia", (), "asserted"), ("Japan", "diodes", "Russia", (), "asserted")}),
    ("Investigators took apart a Lancet drone and found US-made chips in it.",
     {("United States", "integrated circuits", "Russia", (), "asserted")}),
    ("The Kh-101 missiles contained Dutch-made transistors.",
     {("Netherlands", "transistors", "Russia", (), "asserted")}),
    # a system several states field names no recipient
    ("Japanese cameras were found in the Orlan-10 drone.", set()),
])
def test_goods_found_in_a_weapon_one_state_fields(pipeline, text: str, expected: set[Flow]) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, text) == expected


def test_goods_bound_for_a_recipient_take_the_route_of_their_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, "Chinese excavators bound for Russia now travel through Mongolia.") == {
        ("China", "excavators", "Russia", ("Mongolia",), "asserted")}


def test_a_trade_participle_on_the_goods_is_no_part_of_their_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, "Most of Russia's imported microchips now come from China.") == {
        ("China", "integrated circuits", "Russia", (), "asserted")}


def test_a_weapon_model_before_the_goods_is_no_part_of_their_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, "Iran has provided Russia with hundreds of Shahed drones.") == {
        ("Iran", "drones", "Russia", (), "asserted")}


def test_them_after_a_flow_stands_for_its_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _flows(pipeline, "Gulf Tech FZE bought chips from Taiwan and sold them to Iran.") == {
        ("Taiwan", "integrated circuits", "Gulf Tech", (), "asserted"),
        ("Gulf Tech", "integrated circuits", "Iran", (), "asserted"),
    }
