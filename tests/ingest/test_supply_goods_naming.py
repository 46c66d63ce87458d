"""How a supply flow names its good: as the text writes it (lower case, determiners, quantities and words
that say only how many or how good dropped, meaningful modifiers kept), while ``good_id`` links it to the
canonical good with its HS code and hierarchy."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.factories import article_from_text
from tradetrace.output import extraction_json

#: (supplier, good as written, recipient, canonical good id)
Named = tuple[str, str, str, str]


def _named(pipeline: Pipeline, text: str) -> set[Named]:
    article = extraction_json(pipeline.extract(article_from_text(text)))
    return {(f["supplier"], f["good"], f["recipient"], f["good_id"]) for f in article["supply"]}


CASES: dict[str, tuple[str, set[Named]]] = {
    "an alias is written as the text has it, linked to the canonical good": (
        "Velmora Ltd shipped electrical components to Russia.",
        {("Velmora", "electrical components", "Russia", "good:electrical-parts")},
    ),
    "a hyphenated origin or maker is no part of the name": (
        "Velmora Ltd transshipped U.S.-origin oscilloscopes and Chinese-manufactured drones to Russia.",
        {("Velmora", "oscilloscopes", "Russia", "good:oscilloscopes"), ("Velmora", "drones", "Russia", "good:drones")},
    ),
    "'the same' goods written shorter stand for the goods named before": (
        "Velmora Ltd imported washing machines from South Korea and sold the same machines to Russia.",
        {("South Korea", "washing machines", "Velmora", "good:washing-machine"),
         ("Velmora", "washing machines", "Russia", "good:washing-machine")},
    ),
    "a category alias is written as the text has it": (
        "Velmora Ltd exported dual-use products to Russia.",
        {("Velmora", "dual-use products", "Russia", "good:dual-use-goods")},
    ),
    "coordinated goods give a flow each": (
        "Velmora Ltd sold chemicals and laboratory equipment to Iran.",
        {("Velmora", "chemicals", "Iran", "good:chemical"),
         ("Velmora", "laboratory equipment", "Iran", "good:laboratory-equipment")},
    ),
    "coordinated names of one good each give a flow; the 'other' umbrella none": (
        "Velmora Ltd exported semiconductors, microcircuits and other components to Russia.",
        {("Velmora", "semiconductors", "Russia", "good:integrated-circuits"),
         ("Velmora", "microcircuits", "Russia", "good:microcircuit")},
    ),
    "a word of value is dropped and the bare category is the good": (
        "Velmora Ltd shipped vital goods to Russia.",
        {("Velmora", "goods", "Russia", "good:good")},
    ),
    "a status word before an item is dropped": (
        "Velmora Ltd sold restricted chips to Russia.",
        {("Velmora", "chips", "Russia", "good:integrated-circuits")},
    ),
    "a status word before a category names the category": (
        "Velmora Ltd sold controlled items to Belarus.",
        {("Velmora", "controlled items", "Belarus", "good:controlled-item")},
    ),
    "a quantity is dropped, an acronym kept as written": (
        "Velmora Ltd supplied 300 CNC machine tools to Russia.",
        {("Velmora", "CNC machine tools", "Russia", "good:cnc-machine-tools")},
    ),
    "modifiers that say what the goods are stay": (
        "Velmora Ltd shipped drone engines and thermal optical sights to Russia.",
        {("Velmora", "drone engines", "Russia", "good:drone-engine"),
         ("Velmora", "thermal optical sights", "Russia", "good:thermal-optical-sight")},
    ),
    "a hyphenated modifier stays": (
        "Velmora Ltd sold lithium-polymer batteries to Iran.",
        {("Velmora", "lithium-polymer batteries", "Iran", "good:lithium-polymer-battery")},
    ),
    "a category noun after the good's own name adds nothing": (
        "Velmora Ltd shipped avionics equipment to Iran.",
        {("Velmora", "avionics", "Iran", "good:jet-fighter-components")},
    ),
    "a modifier naming the same good as its head adds nothing": (
        "Velmora Ltd exported semiconductor chips to Belarus.",
        {("Velmora", "chips", "Belarus", "good:integrated-circuits")},
    ),
    "a noun compound hyphenated before a flow noun is written with a space, in the plural of its names": (
        "Velmora Ltd's roller-bearing shipments to Armenia doubled last year.",
        {("Velmora", "roller bearings", "Armenia", "good:roller-bearings")},
    ),
    "a singular noun before a flow noun takes the plural of the good's names; a mass noun stays": (
        "Kazakhstan's truck imports from China doubled, and its oil imports from Russia rose.",
        {("China", "trucks", "Kazakhstan", "good:heavy-trucks"), ("Russia", "oil", "Kazakhstan", "good:oil")},
    ),
    "a number written together with letters is part of the name": (
        "Velmora Ltd shipped 5G base stations to Russia.",
        {("Velmora", "5G base stations", "Russia", "good:5g-base-station")},
    ),
    "a pronoun for goods named before keeps their written name": (
        "Kazakh firms bought electrical components from Germany and resold them to Russian buyers.",
        {("Germany", "electrical components", "Kazakhstan", "good:electrical-parts"),
         ("Germany", "electrical components", "Russia", "good:electrical-parts"),
         ("Kazakhstan", "electrical components", "Russia", "good:electrical-parts")},
    ),
    "a category named by goods of its own stays beside the items it includes": (
        "Velmora Ltd allegedly sold foreign-origin electronics technology, including computer chips, to Russia.",
        {("Velmora", "electronics technology", "Russia", "good:electronics-technology"),
         ("Velmora", "computer chips", "Russia", "good:integrated-circuits")},
    ),
    "a kind-only category is the umbrella of the items it includes": (
        "Velmora Ltd supplied Russia with high-tech military components, including cameras.",
        {("Velmora", "cameras", "Russia", "good:cameras")},
    ),
    "a sum's 'in' object is the goods": (
        "Velmora Ltd shipped $5 million in US-origin electronics to Belarus.",
        {("Velmora", "electronics", "Belarus", "good:electronics")},
    ),
    "items of a good are that good": (
        "Velmora Ltd shipped over 1,000 items of US-origin technology to Russia.",
        {("Velmora", "technology", "Russia", "good:technology")},
    ),
    "a name hyphenated to 'era' says what age of goods they are and stays": (
        "Pyongyang sent Soviet-era artillery shells to Russia.",
        {("North Korea", "soviet-era artillery shells", "Russia", "good:soviet-era-artillery-shell")},
    ),
    "a demonym alone before goods says only whose they are": (
        "Velmora Ltd sold Chinese rockets to Russia.",
        {("Velmora", "rockets", "Russia", "good:rocket")},
    ),
    "a hyphenated word of quality is dropped": (
        "Velmora Ltd shipped low-cost drones and high-end lathes to Russia.",
        {("Velmora", "drones", "Russia", "good:drones"), ("Velmora", "lathes", "Russia", "good:lathes")},
    ),
    "goods named as examples of goods are goods of the flow too": (
        "Velmora Ltd shipped laboratory equipment such as centrifuges and spectrometers to Belarus.",
        {("Velmora", "laboratory equipment", "Belarus", "good:laboratory-equipment"),
         ("Velmora", "centrifuges", "Belarus", "good:centrifuge"),
         ("Velmora", "spectrometers", "Belarus", "good:spectrometer")},
    ),
    "goods after 'including' on an open good": (
        "Velmora Ltd shipped laboratory equipment, including centrifuges, to Russia.",
        {("Velmora", "laboratory equipment", "Russia", "good:laboratory-equipment"),
         ("Velmora", "centrifuges", "Russia", "good:centrifuge")},
    ),
    "'other' goods naming a good already listed are its umbrella": (
        "Velmora Ltd shipped microchips, transistors and other electronic components to Russia.",
        {("Velmora", "microchips", "Russia", "good:integrated-circuits"),
         ("Velmora", "transistors", "Russia", "good:transistors")},
    ),
    "a packing noun measures the goods, it is none": (
        "Iran shipped 500 crates of ammunition and boxes of microchips to Russia.",
        {("Iran", "ammunition", "Russia", "good:ammunition"),
         ("Iran", "microchips", "Russia", "good:integrated-circuits")},
    ),
    "a consignment that says nothing of what it holds carries goods": (
        "Velmora Ltd sent two consignments to Belarus.",
        {("Velmora", "goods", "Belarus", "good:good")},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_flow_good_is_named_as_written(pipeline: Pipeline, case: str) -> None:
    text, expected = CASES[case]
    assert _named(pipeline, text) == expected


def test_a_generic_category_is_a_good_of_kind_category(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(article_from_text("Velmora Ltd supplied technology and equipment to Russia."))
    goods = {e.id: e for e in extraction.entities if e.type == "Good"}
    assert {(goods[f.good_id].name, goods[f.good_id].kind) for f in extraction.supply} == {
        ("technology", "category"), ("equipment", "category")}


def test_a_capitalised_name_before_goods_is_no_part_of_their_name(pipeline: Pipeline) -> None:
    """A name no gazetteer knows says whose the goods are (who receives them is the role rules' question);
    an acronym says what they are."""
    article = extraction_json(pipeline.extract(article_from_text(
        "Velmora Ltd shipped Brightstar capacitors and GPS receivers to Iran.")))
    assert {(f["good"], f["good_id"]) for f in article["supply"]} == {
        ("capacitors", "good:capacitors"), ("GPS receivers", "good:navigation-technology")}
