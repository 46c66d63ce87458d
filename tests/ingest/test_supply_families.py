"""Supply extraction per phrasing family, on sentences written for these tests: exact triples (supplier,
good, recipient, via, status) and the exact evidence span of each flow."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.factories import article_from_text
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "open goods as direct object": (
        "Kestrel Optics Ltd shipped lab centrifuges to Russia in March.",
        {("Kestrel Optics", "lab centrifuges", "Russia", (), "asserted",
          "Kestrel Optics Ltd shipped lab centrifuges to Russia")},
    ),
    "imports of X from Y": (
        "Kazakhstan's imports of gyroscopes from Germany doubled last year.",
        {("Germany", "gyroscopes", "Kazakhstan", (), "asserted", "Kazakhstan's imports of gyroscopes from Germany")},
    ),
    "X's exports of goods to Y": (
        "Armenia's exports of servo drives to Russia rose sharply.",
        {("Armenia", "servo drives", "Russia", (), "asserted", "Armenia's exports of servo drives to Russia")},
    ),
    "passive with agent": (
        "Thermal optical sights were shipped to Russia by Kestrel Optics Ltd.",
        {("Kestrel Optics", "thermal optical sights", "Russia", (), "asserted",
          "Thermal optical sights were shipped to Russia by Kestrel Optics Ltd.")},
    ),
    "relative clause after a sanctioned company": (
        "The Treasury sanctioned Orbital Parts LLC, which shipped gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC, which shipped gyroscopes to Russia")},
    ),
    "sanctioned for supplying": (
        "The Treasury sanctioned Orbital Parts LLC for supplying gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC for supplying gyroscopes to Russia")},
    ),
    "supplied Z with coordinated goods": (
        "Orbital Parts LLC has supplied Russia with gyroscopes and servo drives.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC has supplied Russia with gyroscopes and servo drives"),
         ("Orbital Parts", "servo drives", "Russia", (), "asserted",
          "Orbital Parts LLC has supplied Russia with gyroscopes and servo drives")},
    ),
    "coordinated recipients": (
        "Norway sold patrol boats to Iran and Russia.",
        {("Norway", "patrol boats", "Iran", (), "asserted", "Norway sold patrol boats to Iran"),
         ("Norway", "patrol boats", "Russia", (), "asserted", "Norway sold patrol boats to Iran and Russia")},
    ),
    "coordinated suppliers after a noun trigger": (
        "Kazakhstan has seen a surge in its imports of gyroscopes from Germany and Japan.",
        {("Germany", "gyroscopes", "Kazakhstan", (), "asserted",
          "Kazakhstan has seen a surge in its imports of gyroscopes from Germany"),
         ("Japan", "gyroscopes", "Kazakhstan", (), "asserted",
          "Kazakhstan has seen a surge in its imports of gyroscopes from Germany and Japan")},
    ),
    "transit through unnamed intermediaries": (
        "Shenzhen Skyline Electronics Co., Ltd. sold drone engines to trading companies in the UAE, which "
        "forwarded them to Russia.",
        {("Shenzhen Skyline Electronics", "drone engines", "United Arab Emirates", (), "asserted",
          "Shenzhen Skyline Electronics Co., Ltd. sold drone engines to trading companies in the UAE"),
         ("Shenzhen Skyline Electronics", "drone engines", "Russia", ("United Arab Emirates",), "asserted",
          "forwarded them to Russia")},
    ),
    "transit across sentences": (
        "Chinese firms sold drone parts to trading companies in the UAE. These traders then forwarded them to "
        "Russia.",
        {("China", "drone parts", "United Arab Emirates", (), "asserted",
          "Chinese firms sold drone parts to trading companies in the UAE"),
         ("China", "drone parts", "Russia", ("United Arab Emirates",), "asserted", "forwarded them to Russia")},
    ),
    "a named re-exporter supplies the onward leg": (
        "Arvand Trade LLC, a trading firm in Yerevan, has imported lab chemicals from Germany and re-exported "
        "them to Russia.",
        {("Germany", "lab chemicals", "Arvand Trade", (), "asserted",
          "Arvand Trade LLC, a trading firm in Yerevan, has imported lab chemicals from Germany"),
         ("Arvand Trade", "lab chemicals", "Russia", (), "asserted",
          "Arvand Trade LLC, a trading firm in Yerevan, has imported lab chemicals from Germany and re-exported "
          "them to Russia")},
    ),
    "destined for": (
        "Kazakhstan imported gyroscopes from Germany, most of them destined for Russia.",
        {("Germany", "gyroscopes", "Kazakhstan", (), "asserted", "Kazakhstan imported gyroscopes from Germany"),
         ("Germany", "gyroscopes", "Russia", ("Kazakhstan",), "asserted", "destined for Russia")},
    ),
    "object of a pressing verb exports": (
        "Washington is pressing Kazakhstan to stop exporting critical goods to Russia.",
        {("Kazakhstan", "critical goods", "Russia", (), "asserted",
          "Kazakhstan to stop exporting critical goods to Russia")},
    ),
    "hedged re-export": (
        "Orbital Parts LLC appears to have re-exported the gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "hedged",
          "Orbital Parts LLC appears to have re-exported the gyroscopes to Russia")},
    ),
    "negated shipment": (
        "Orbital Parts LLC did not ship gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "negated",
          "Orbital Parts LLC did not ship gyroscopes to Russia")},
    ),
    "a motion verb complementing another verb whose subject the goods are": (
        "Western machine tools continue to reach Russia despite the sanctions.",
        {("Western countries", "machine tools", "Russia", (), "asserted",
          "Western machine tools continue to reach Russia")},
    ),
    "negated by 'neither ... nor' on the subjects": (
        "Neither Iran nor North Korea has shipped missiles to Russia, the ministry claimed.",
        {("Iran", "missiles", "Russia", (), "negated", "Iran nor North Korea has shipped missiles to Russia"),
         ("North Korea", "missiles", "Russia", (), "negated", "North Korea has shipped missiles to Russia")},
    ),
    "a place before -based is where a named company sits": (
        "The Commerce Department said Vostok Components, a Minsk-based firm, was sanctioned for shipping "
        "controlled items to Russian buyers.",
        {("Vostok Components", "controlled items", "Russia", (), "asserted",
          "Vostok Components, a Minsk-based firm, was sanctioned for shipping controlled items to Russian")},
    ),
    "the latter and the former after two named companies": (
        "The Treasury designated Orbital Parts LLC and Kestrel Optics Ltd. It said the latter smuggled "
        "gyroscopes into Russia, while the former delivered servo drives to Iran.",
        {("Kestrel Optics", "gyroscopes", "Russia", (), "asserted", "latter smuggled gyroscopes into Russia"),
         ("Orbital Parts", "servo drives", "Iran", (), "asserted", "former delivered servo drives to Iran")},
    ),
    "a name in apposition to a company noun is a company": (
        "Regulators fined the distributor, Velmora, in May. Velmora had imported gyroscopes from Germany and "
        "re-exported them to Russia.",
        {("Germany", "gyroscopes", "Velmora", (), "asserted", "Velmora had imported gyroscopes from Germany"),
         ("Velmora", "gyroscopes", "Russia", (), "asserted",
          "Velmora had imported gyroscopes from Germany and re-exported them to Russia")},
    ),
    "a name before a -based firm apposition is a company, the place its home": (
        "Quantel Systems, a Minsk-based firm with two warehouses, was sanctioned for shipping ball bearings to "
        "Russian buyers.",
        {("Quantel Systems", "ball bearings", "Russia", (), "asserted",
          "Quantel Systems, a Minsk-based firm with two warehouses, was sanctioned for shipping ball bearings to "
          "Russian")},
    ),
    "coordinated modifiers share the head noun": (
        "Kestrel Optics Ltd shipped ball and roller bearings to Russia.",
        {("Kestrel Optics", "ball bearings", "Russia", (), "asserted",
          "Kestrel Optics Ltd shipped ball and roller bearings to Russia"),
         ("Kestrel Optics", "roller bearings", "Russia", (), "asserted",
          "Kestrel Optics Ltd shipped ball and roller bearings to Russia")},
    ),
    "a trade word makes a name a company whatever NER read": (
        "The Treasury will designate Arslan Deniz Ticaret Sanayi and Vostok Components. It said the former "
        "smuggled sensors into Russia.",
        {("Arslan Deniz Ticaret Sanayi", "sensors", "Russia", (), "asserted", "former smuggled sensors into Russia")},
    ),
    "nouns that name no goods make no flow": (
        "Kestrel Optics Ltd shipped the product codes and a sign to Russia.",
        set(),
    ),
    "a word naming the kind of party is not its goods": (
        "Kestrel Optics Ltd sold sensors to shell companies in Russia.",
        {("Kestrel Optics", "sensors", "Russia", (), "asserted",
          "Kestrel Optics Ltd sold sensors to shell companies in Russia")},
    ),
    "the prepositional object of a calling verb exports": (
        "Western governments called on Kazakhstan to stop exporting critical goods to Russia.",
        {("Kazakhstan", "critical goods", "Russia", (), "asserted",
          "Kazakhstan to stop exporting critical goods to Russia")},
    ),
    "who judges a supply by passive agent does not send it": (
        "Kazakhstan is viewed by the Finnish government as a hub for Russia to buy gyroscopes from Germany.",
        {("Germany", "gyroscopes", "Russia", (), "asserted", "Russia to buy gyroscopes from Germany")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_phrasing_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected


def test_open_goods_are_entities_with_kind_and_code(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(article_from_text("Kestrel Optics Ltd shipped lab centrifuges to Russia."))
    good = next(e for e in extraction.entities if e.name == "lab centrifuges")
    assert good.type == "Good" and good.kind == "item" and good.origin == "ner"
    assert good.hs_codes and good.hs_rule in ("head", "head+modifiers")
    assert "good:centrifuge" in good.broader  # the head noun is the broader good, and travels with it
    assert any(e.id == "good:centrifuge" for e in extraction.entities)


def test_weapon_models_are_systems_never_suppliers(pipeline: Pipeline) -> None:
    text = "Ukrainian investigators found Japanese servo motors in Orlan drones shot down over Kharkiv."
    extraction = pipeline.extract(article_from_text(text))
    orlan = [e for e in extraction.entities if e.name.startswith("Orlan")]
    assert orlan and all(e.type == "System" for e in orlan)
    names = {e.id: e.name for e in extraction.entities}
    assert not any(names[f.supplier_id].startswith("Orlan") for f in extraction.supply)


def test_company_named_with_and_without_its_legal_form_is_one_company(pipeline: Pipeline) -> None:
    text = ("Jiangsu Ruifeng Precision Co., Ltd. sold ball bearings to Russia in 2023. "
            "Jiangsu Ruifeng Precision did not answer questions.")
    extraction = pipeline.extract(article_from_text(text))
    companies = [e for e in extraction.entities if e.type == "Company"]
    assert [c.name for c in companies] == ["Jiangsu Ruifeng Precision"]
    assert "Jiangsu Ruifeng Precision Co., Ltd." in companies[0].aliases
