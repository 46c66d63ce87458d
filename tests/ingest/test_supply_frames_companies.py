"""Companies, plants and pronouns as the parties of a flow: a pronoun subject ("It sold them to ...", "they
forwarded them") stands for the paragraph's topic company (or country), an uncounted "the companies" for the
companies named together before it, a buying verb's "for"/"on behalf of" party is the recipient and a company
bought "via" the seller, named examples of unnamed parties ("to Russian companies, including ...") take the
role too, and enterprise names (plants, "JSC ...") are recipients of their own."""

from __future__ import annotations

import pytest

from ingest.pipeline import Pipeline
from tests.ingest.supply_rows import Row, supply_rows

FAMILIES: dict[str, tuple[str, set[Row]]] = {
    "a route shared by a coordinated verb of the same direction": (
        "Last spring Chinese exporters shipped machine guns to Russian buyers via Kazakhstan, and sent helmets "
        "and drones along the same route.",
        {("China", "machine guns", "Russia", ("Kazakhstan",), "asserted",
          "Chinese exporters shipped machine guns to Russian buyers via Kazakhstan"),
         ("China", "helmets", "Russia", ("Kazakhstan",), "asserted",
          "Chinese exporters shipped machine guns to Russian buyers via Kazakhstan, and sent helmets and drones"),
         ("China", "drones", "Russia", ("Kazakhstan",), "asserted",
          "Chinese exporters shipped machine guns to Russian buyers via Kazakhstan, and sent helmets and drones")},
    ),
    "it: the paragraph's topic company, them: the goods of its last flow": (
        "Orbital Parts LLC bought gyroscopes from Taiwan. It then sold them to Kestrel Aero LLC.",
        {("Taiwan", "gyroscopes", "Orbital Parts", (), "asserted", "Orbital Parts LLC bought gyroscopes from Taiwan"),
         ("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted", "It then sold them to Kestrel Aero LLC")},
    ),
    "they: each of the coordinated companies": (
        "Orbital Parts LLC and Vostok Avia JSC bought gyroscopes from Taiwan. They then sold them to Russia.",
        {("Taiwan", "gyroscopes", "Orbital Parts", (), "asserted",
          "Orbital Parts LLC and Vostok Avia JSC bought gyroscopes from Taiwan"),
         ("Taiwan", "gyroscopes", "Vostok Avia", (), "asserted", "Vostok Avia JSC bought gyroscopes from Taiwan"),
         ("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "They then sold them to Russia"),
         ("Vostok Avia", "gyroscopes", "Russia", (), "asserted", "They then sold them to Russia")},
    ),
    "it: the subject of a verb that governs the trade": (
        "Orbital Parts LLC registered in Hong Kong in 2021. It is accused of supplying gyroscopes to Kestrel Aero "
        "LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "It is accused of supplying gyroscopes to Kestrel Aero LLC")},
    ),
    "it: a buyer": (
        "Orbital Parts LLC is a trading house. It imports machine tools from Germany.",
        {("Germany", "machine tools", "Orbital Parts", (), "asserted", "It imports machine tools from Germany")},
    ),
    "it after an agency's report: the company; them: the goods named last; bought in a country": (
        "Orbital Parts LLC bought drones and gyroscopes in Iran. The Treasury said it then shipped them to Russia.",
        {("Iran", "drones", "Orbital Parts", (), "asserted", "Orbital Parts LLC bought drones and gyroscopes in Iran"),
         ("Iran", "gyroscopes", "Orbital Parts", (), "asserted",
          "Orbital Parts LLC bought drones and gyroscopes in Iran"),
         ("Orbital Parts", "drones", "Russia", (), "asserted", "it then shipped them to Russia"),
         ("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "it then shipped them to Russia")},
    ),
    "a pronoun in the next paragraph refers to nothing": (
        "Orbital Parts LLC opened an office in Taiwan.\n\nIt sold drones to Russia.",
        set(),
    ),
    "they after unnamed reporters are the reporters": (
        "The Treasury designated Orbital Parts LLC. Officials said they shipped drones to Russia.",
        set(),
    ),
    "it of a motion verb is the goods": (
        "The drones were made in China. It reached Russia through Kazakhstan.",
        set(),
    ),
    "the companies: those named together before": (
        "The Treasury designated Orbital Parts LLC and Vostok Avia JSC. It said the companies had shipped drones to "
        "Russia.",
        {("Orbital Parts", "drones", "Russia", (), "asserted", "companies had shipped drones to Russia"),
         ("Vostok Avia", "drones", "Russia", (), "asserted", "companies had shipped drones to Russia")},
    ),
    "among those a country relied on for importing": (
        "The Treasury will designate Orbital Parts LLC and Vostok Avia JSC, saying that the companies were among "
        "those that Russia relied on for importing dual-use goods.",
        {("Orbital Parts", "dual-use goods", "Russia", (), "asserted",
          "companies were among those that Russia relied on for importing dual-use goods"),
         ("Vostok Avia", "dual-use goods", "Russia", (), "asserted",
          "companies were among those that Russia relied on for importing dual-use goods")},
    ),
    "relied on a company for importing": (
        "Russia relied on Orbital Parts LLC for importing dual-use goods.",
        {("Orbital Parts", "dual-use goods", "Russia", (), "asserted",
          "Russia relied on Orbital Parts LLC for importing dual-use goods")},
    ),
    "bought for another party": (
        "Orbital Parts LLC procured gyroscopes for Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC procured gyroscopes for Kestrel Aero LLC")},
    ),
    "bought on behalf of another party": (
        "Orbital Parts LLC purchased gyroscopes on behalf of Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC purchased gyroscopes on behalf of Kestrel Aero LLC")},
    ),
    "bought via a company, the buyer from the governing verb": (
        "Kestrel Aero LLC tried to evade sanctions by purchasing gyroscopes via Orbital Parts LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Kestrel Aero LLC tried to evade sanctions by purchasing gyroscopes via Orbital Parts LLC")},
    ),
    "a party helped to buy: the helper is no buyer": (
        "China was helping Russia in acquiring gyroscopes.",
        set(),
    ),
    "named examples of unnamed recipients": (
        "Orbital Parts LLC supplied gyroscopes to Russian companies, including Kestrel Aero LLC and Vostok Avia JSC.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "Orbital Parts LLC supplied gyroscopes to Russian"),
         ("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC supplied gyroscopes to Russian companies, including Kestrel Aero LLC"),
         ("Orbital Parts", "gyroscopes", "Vostok Avia", (), "asserted",
          "Orbital Parts LLC supplied gyroscopes to Russian companies, including Kestrel Aero LLC and Vostok Avia "
          "JSC")},
    ),
    "a named example of the unnamed parties supplied": (
        "Orbital Parts LLC supplied Russian military end users, including Kestrel Aero LLC, with gyroscopes.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted",
          "Orbital Parts LLC supplied Russian military end users, including Kestrel Aero LLC, with gyroscopes"),
         ("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC supplied Russian military end users, including Kestrel Aero LLC, with gyroscopes")},
    ),
    "a named example of unnamed suppliers": (
        "Kestrel Aero LLC has received motors from Chinese suppliers, including Orbital Parts Ltd.",
        {("China", "motors", "Kestrel Aero", (), "asserted", "Kestrel Aero LLC has received motors from Chinese"),
         ("Orbital Parts", "motors", "Kestrel Aero", (), "asserted",
          "Kestrel Aero LLC has received motors from Chinese suppliers, including Orbital Parts Ltd.")},
    ),
    "what a party in apposition makes is not moved": (
        "Orbital Parts Ltd sold motors to Vostok Radio, a maker of military radios.",
        {("Orbital Parts", "motors", "Vostok Radio", (), "asserted", "Orbital Parts Ltd sold motors to Vostok Radio")},
    ),
    "a hyphenated plant name and a company after a legal form, both recipients of a country": (
        "Uzbekistan supplied drones to the Kazan Optical-Mechanical Plant and JSC Rustavia.",
        {("Uzbekistan", "drones", "Kazan Optical-Mechanical Plant", (), "asserted",
          "Uzbekistan supplied drones to the Kazan Optical-Mechanical Plant"),
         ("Uzbekistan", "drones", "Rustavia", (), "asserted",
          "Uzbekistan supplied drones to the Kazan Optical-Mechanical Plant and JSC Rustavia")},
    ),
    "a quoted name after a legal form": (
        'Orbital Parts shipped motors to JSC "Rustavia".',
        {("Orbital Parts", "motors", "Rustavia", (), "asserted", 'Orbital Parts shipped motors to JSC "Rustavia"')},
    ),
    "a legal-form name NER misses makes the sentence read": (
        "The Treasury designated Orbital Parts LLC on Tuesday. The firm then supplied ball bearings to Kestrel Aero "
        "LLC.",
        {("Orbital Parts", "ball bearings", "Kestrel Aero", (), "asserted",
          "firm then supplied ball bearings to Kestrel Aero LLC")},
    ),
    "a drone maker in apposition": (
        "Orbital Parts LLC supplied drone engines to a Russian drone maker, Kestrel Aero LLC.",
        {("Orbital Parts", "drone engines", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC supplied drone engines to a Russian drone maker, Kestrel Aero LLC")},
    ),
    "a relative clause on the sanctioned supplier": (
        "The State Department sanctioned Orbital Parts LLC, which shipped gyroscopes to Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC, which shipped gyroscopes to Kestrel Aero LLC")},
    ),
    "sanctioned for supplying, coordinated suppliers": (
        "The Treasury sanctioned Orbital Parts LLC and Vostok Avia JSC for supplying gyroscopes to Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC and Vostok Avia JSC for supplying gyroscopes to Kestrel Aero LLC"),
         ("Vostok Avia", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Vostok Avia JSC for supplying gyroscopes to Kestrel Aero LLC")},
    ),
    "a name NER reads as a person before \", which\" is an organisation that can receive": (
        "Kestrel Aero, which makes drones for the Russian army, bought engines from Orbital Parts.",
        {("Orbital Parts", "engines", "Kestrel Aero", (), "asserted",
          "Kestrel Aero, which makes drones for the Russian army, bought engines from Orbital Parts")},
    ),
    "a trigger verb with a doubled consonant": (
        "Orbital Parts LLC transferred gyroscopes to Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC transferred gyroscopes to Kestrel Aero LLC")},
    ),
    "supplied with goods by a company: the passive subject receives": (
        "Kestrel Aero LLC was supplied with engines by Orbital Parts LLC.",
        {("Orbital Parts", "engines", "Kestrel Aero", (), "asserted",
          "Kestrel Aero LLC was supplied with engines by Orbital Parts LLC")},
    ),
    "supplied with goods by nobody named: no flow": (
        "Kestrel Aero LLC was supplied with engines.",
        set(),
    ),
    "a defence research institute is a firm that receives": (
        "The Tikhomirov Scientific Research Institute of Instrument Design received microchips from Orbital Parts "
        "LLC.",
        {("Orbital Parts", "integrated circuits", "Tikhomirov Scientific Research Institute of Instrument Design", (),
          "asserted", "Tikhomirov Scientific Research Institute of Instrument Design received microchips from "
          "Orbital Parts LLC")},
    ),
    "its on a trade noun: the topic company sends": (
        "Orbital Parts LLC is based in Hong Kong. Its shipments of gyroscopes to Russia doubled in 2023.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "Its shipments of gyroscopes to Russia")},
    ),
    "the company's on a trade noun": (
        "Orbital Parts LLC is based in Hong Kong. The company's shipments of gyroscopes to Russia doubled in 2023.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "company's shipments of gyroscopes to Russia")},
    ),
    "a placed union is a company, one of the two companies": (
        "Britain named Istanbul-based Bosphorus Union and Kestrel International among its targets. The two "
        "companies shipped gyroscopes to Russia.",
        {("Bosphorus Union", "gyroscopes", "Russia", (), "asserted", "companies shipped gyroscopes to Russia"),
         ("Kestrel International", "gyroscopes", "Russia", (), "asserted", "companies shipped gyroscopes to Russia")},
    ),
    "a purchase arranged for another party": (
        "Orbital Parts LLC coordinated the purchase of gyroscopes for Kestrel Aero LLC.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC coordinated the purchase of gyroscopes for Kestrel Aero LLC")},
    ),
    "a purchase for a party with nobody arranging it: no flow": (
        "The purchase of gyroscopes for Kestrel Aero LLC was approved.",
        set(),
    ),
    "it after the company said: the company": (
        "Orbital Parts LLC is based in Hong Kong. The company said it had sold gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "it had sold gyroscopes to Russia")},
    ),
    "they after unnamed firms said: the firms, none named": (
        "Orbital Parts LLC is based in Hong Kong. The firms said they had sold gyroscopes to Russia.",
        set(),
    ),
    "he: the person named before": (
        "The Treasury also designated Ilya Petrov, a Russian national. He supplied gyroscopes to Kestrel Aero LLC.",
        {("Ilya Petrov", "gyroscopes", "Kestrel Aero", (), "asserted", "He supplied gyroscopes to Kestrel Aero LLC")},
    ),
    "a bracketed place inside a legal-form name": (
        "Orbital Parts (HK) Limited shipped gyroscopes to Kestrel Aero LLC.",
        {("Orbital Parts (HK)", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts (HK) Limited shipped gyroscopes to Kestrel Aero LLC")},
    ),
    "a relative clause on the recipient moves none of the main clause's goods": (
        "Kestrel Aero LLC, which received microchips from Orbital Parts LLC, builds drones.",
        {("Orbital Parts", "integrated circuits", "Kestrel Aero", (), "asserted",
          "Kestrel Aero LLC, which received microchips from Orbital Parts LLC")},
    ),
    "they after an unparsed sentence naming two companies: both": (
        "The Treasury designated Orbital Parts LLC and Vostok Avia JSC. They shipped drones to Russia.",
        {("Orbital Parts", "drones", "Russia", (), "asserted", "They shipped drones to Russia"),
         ("Vostok Avia", "drones", "Russia", (), "asserted", "They shipped drones to Russia")},
    ),
    "a trade-word name after a route preposition, which NER misses": (
        "Orbital Parts LLC bought microchips from Taiwan. It then sold them to Kestrel Trading.",
        {("Taiwan", "integrated circuits", "Orbital Parts", (), "asserted",
          "Orbital Parts LLC bought microchips from Taiwan"),
         ("Orbital Parts", "integrated circuits", "Kestrel Trading", (), "asserted",
          "It then sold them to Kestrel Trading")},
    ),
    "bought in one country, shipped on through another: each route to its own verb": (
        "Orbital Parts LLC bought the gyroscopes in Germany and shipped them to Kestrel Aero LLC through Armenia.",
        {("Germany", "gyroscopes", "Orbital Parts", (), "asserted",
          "Orbital Parts LLC bought the gyroscopes in Germany"),
         ("Orbital Parts", "gyroscopes", "Kestrel Aero", ("Armenia",), "asserted",
          "Orbital Parts LLC bought the gyroscopes in Germany and shipped them to Kestrel Aero LLC through Armenia")},
    ),
    "a year after a buying verb is no market": (
        "Orbital Parts LLC bought gyroscopes in 2023.",
        set(),
    ),
    "the demonym of a named recipient company is not the recipient": (
        "Orbital Parts LLC sold gyroscopes to the Russian company Kestrel Aero.",
        {("Orbital Parts", "gyroscopes", "Kestrel Aero", (), "asserted",
          "Orbital Parts LLC sold gyroscopes to the Russian company Kestrel Aero")},
    ),
    "the Hong Kong company: the company based there named before": (
        "Orbital Parts LLC, a Hong Kong company, was sanctioned. The department said the Hong Kong company shipped "
        "gyroscopes to Russia.",
        {("Orbital Parts", "gyroscopes", "Russia", (), "asserted", "company shipped gyroscopes to Russia")},
    ),
    "the Hong Kong firm with no company based there named: the place": (
        "Orbital Parts LLC was sanctioned. The Hong Kong firm shipped gyroscopes to Russia.",
        {("Hong Kong", "gyroscopes", "Russia", (), "asserted", "Hong Kong firm shipped gyroscopes to Russia")},
    ),
    "the entities: the designated companies": (
        "The Treasury designated Orbital Parts LLC and Vostok Avia JSC. The entities shipped drones to Russia.",
        {("Orbital Parts", "drones", "Russia", (), "asserted", "entities shipped drones to Russia"),
         ("Vostok Avia", "drones", "Russia", (), "asserted", "entities shipped drones to Russia")},
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_company_party_family(pipeline: Pipeline, family: str) -> None:
    text, expected = FAMILIES[family]
    assert supply_rows(pipeline, text) == expected
