"""Supply flows from our own short sentences, one test per phrasing family."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.supply import SUPPLY_EXTRACTOR, load_supply_lexicon
from ontology.model import load_ontology
from ontology.records import Extraction
from tests.factories import article_from_text

Flow = tuple[str, str, str, tuple[str, ...], str]


def _flows(pipeline, text: str, trigger: str) -> set[Flow]:  # type: ignore[no-untyped-def]
    """(supplier, good, recipient, via, status) by canonical name; checks every flow's evidence."""
    article = article_from_text(text)
    extraction: Extraction = pipeline.extract(article)
    names = {e.id: e.name for e in extraction.entities}
    found: set[Flow] = set()
    for flow in extraction.supply:
        evidence = flow.evidence
        assert evidence.text == article.text[evidence.start:evidence.end]
        assert evidence.extractor == SUPPLY_EXTRACTOR
        assert trigger in evidence.text.lower()
        found.add((names[flow.supplier_id], names[flow.good_id], names[flow.recipient_id],
                   tuple(names[v] for v in flow.via), flow.status))
    return found


def test_lexicon_loads_with_source() -> None:
    lexicon = load_supply_lexicon(load_ontology())
    assert lexicon.source
    assert lexicon.direction("export", noun=True) == "out"
    assert lexicon.direction("re-export", noun=False) == "transit"


def test_possessive_noun_exports(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "India's exports of excavators to Russia jumped last year."
    assert _flows(pipeline, text, "exports") == {("India", "excavators", "Russia", (), "asserted")}


def test_compound_good_exports_with_demonym_supplier(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese tractor exports to Kazakhstan climbed steeply."
    assert _flows(pipeline, text, "exports") == {("China", "tractors", "Kazakhstan", (), "asserted")}


def test_provide_recipient_with_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese suppliers provided Moscow with drones, helmets and radios."
    assert _flows(pipeline, text, "provided") == {
        ("China", good, "Russia", (), "asserted") for good in ("drones", "helmets", "radios")
    }


def test_supply_from_with_recipient_from_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Russian port filings describe a steady supply of helmets and radios from China."
    assert _flows(pipeline, text, "supply") == {
        ("China", "helmets", "Russia", (), "asserted"), ("China", "radios", "Russia", (), "asserted"),
    }


def test_export_verb_with_quantity(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Last year China exported 5,000 trucks to Russia."
    extraction = pipeline.extract(article_from_text(text))
    assert [(f.quantity, f.status) for f in extraction.supply] == [("5,000", "asserted")]
    assert _flows(pipeline, text, "exported") == {("China", "heavy trucks", "Russia", (), "asserted")}


def test_shipped_through_transit_countries(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese traders shipped drones to Russian buyers through Kazakhstan and Armenia."
    assert _flows(pipeline, text, "shipped") == {
        ("China", "drones", "Russia", ("Kazakhstan", "Armenia"), "asserted"),
    }


def test_motion_into_through_region(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese drones have flowed into Russia through Central Asian countries."
    assert _flows(pipeline, text, "flowed") == {("China", "drones", "Russia", ("Central Asia",), "asserted")}


def test_imports_of_demonym_goods(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Russian imports of Chinese excavators grew quickly."
    assert _flows(pipeline, text, "imports") == {("China", "excavators", "Russia", (), "asserted")}


def test_reexport_in_next_sentence_keeps_both_legs(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("China's exports of ball bearings to Armenia rose sharply. "
            "Analysts suspect the bearings were re-exported to Russia.")
    article = article_from_text(text)
    extraction = pipeline.extract(article)
    names = {e.id: e.name for e in extraction.entities}
    found = {(names[f.supplier_id], names[f.good_id], names[f.recipient_id], tuple(names[v] for v in f.via),
              f.status) for f in extraction.supply}
    assert found == {
        ("China", "ball bearings", "Armenia", (), "asserted"),
        ("China", "ball bearings", "Russia", ("Armenia",), "hedged"),
    }
    transit = next(f for f in extraction.supply if f.via)
    assert "re-exported" in transit.evidence.text
    assert transit.evidence.text == text[transit.evidence.start:transit.evidence.end]


def test_negated_supply_is_kept_as_negated(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Officials found no evidence that Beijing has provided Russia with lethal weapons."
    assert _flows(pipeline, text, "provided") == {("China", "lethal weapons", "Russia", (), "negated")}


def test_hedged_supply(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China may have sold Russia night-vision goggles."
    assert _flows(pipeline, text, "sold") == {("China", "night-vision devices", "Russia", (), "hedged")}


def test_sanctioned_company_is_the_supplier(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Treasury sanctioned Huawei for supplying chips to Russia."
    assert _flows(pipeline, text, "supplying") == {("Huawei", "integrated circuits", "Russia", (), "asserted")}


def test_end_uses_in_the_supply_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China exported excavators to Russia to dig trenches."
    extraction = pipeline.extract(article_from_text(text))
    names = {e.id: e.name for e in extraction.entities}
    assert [[names[u] for u in f.end_uses] for f in extraction.supply] == [["fortifications"]]


@pytest.mark.parametrize("text", [
    "The trade of goods between China and Russia grew.",
    "Excavators are heavy and slow.",
])
def test_no_flow_for_generic_or_untriggered_text(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.extract(article_from_text(text)).supply == ()


# -- the phrasing fixtures (tests/fixtures/phrasings, described in EXPECTED.md) ------------------------

PHRASINGS = Path(__file__).resolve().parents[1] / "fixtures" / "phrasings"
Triple = tuple[str, str, str, tuple[str, ...], str]

#: Flows each fixture's target sentences must give (a subset: headlines may add more), by canonical name;
#: company names without their final full stop.
EXPECTED_FLOWS: dict[str, set[Triple]] = {
    "shipped_via.txt": {
        ("Shenzhen Hongtu Electronics", "integrated circuits", "Russia", ("Kazakhstan",), "asserted"),
        ("China", "drone parts", "Russia", ("United Arab Emirates",), "asserted"),
    },
    "passive.txt": {
        ("China", "ball bearings", "Russia", ("Kazakhstan",), "asserted"),
        ("China", "excavators", "Russia", (), "asserted"),
        ("China", "heavy trucks", "Russia", (), "asserted"),
    },
    "imports_of.txt": {
        ("China", "integrated circuits", "Russia", (), "asserted"),
        ("China", "machine tools", "Russia", (), "asserted"),
    },
    "table_prose.txt": {
        ("China", good, "Russia", (), "asserted")
        for good in ("excavators", "bulldozers", "front-end loaders", "heavy trucks", "tractors")
    },
    "sanctions.txt": {
        ("Lucky Harbour Electronics", "drone parts", "Russia", (), "asserted"),
        ("Jinpeng Navigation Technology", "navigation technology", "Russia", (), "asserted"),
    },
    "negation.txt": {
        ("China", "lethal weapons", "Russia", (), "negated"),
        ("China", "assault rifles", "Russia", (), "negated"),
        ("China", "ammunition", "Russia", (), "negated"),
        ("China", "machine tools", "Russia", (), "asserted"),
    },
    "hedged.txt": {
        ("China", "ball bearings", "Kyrgyzstan", (), "asserted"),
        ("China", "ball bearings", "Russia", ("Kyrgyzstan",), "hedged"),
        ("China", "drones", "Russia", ("Kazakhstan",), "hedged"),
        ("China", "integrated circuits", "Russia", ("Turkey",), "hedged"),
    },
    "coordinated_list.txt": {
        *(("China", good, "Russia", (), "asserted") for good in ("drones", "helmets", "radios")),
        *(("China", good, "Russia", (), "asserted")
          for good in ("jet fighter components", "navigation technology", "jamming technology")),
        *(("China", good, "Russia", (), "asserted") for good in ("excavators", "bulldozers", "front-end loaders")),
    },
    "demonym_subject.txt": {
        ("China", "heavy trucks", "Russia", (), "asserted"),
        ("China", "drones", "Russia", ("Kazakhstan",), "asserted"),
        ("Kazakhstan", "tractors", "Russia", (), "asserted"),
    },
    "attribution_chain.txt": {
        ("China", "machine tools", "Russia", (), "asserted"),
        ("China", "integrated circuits", "Russia", (), "asserted"),
    },
    "periods.txt": {
        ("China", good, "Russia", (), "asserted")
        for good in ("excavators", "bulldozers", "front-end loaders", "heavy trucks", "tractors")
    },
    "end_use.txt": {
        ("China", good, "Russia", (), "asserted")
        for good in ("excavators", "ball bearings", "integrated circuits", "heavy trucks")
    },
}

#: (supplier, good, recipient, status or None for any) that a fixture must not give.
FORBIDDEN_FLOWS: dict[str, set[tuple[str, str, str, str | None]]] = {
    "imports_of.txt": {("Russia", "integrated circuits", "China", None), ("Russia", "machine tools", "China", None)},
    "negation.txt": {("China", good, "Russia", "asserted")
                     for good in ("lethal weapons", "assault rifles", "ammunition")},
    "hedged.txt": {("China", "drones", "Russia", "asserted"), ("China", "integrated circuits", "Russia", "asserted")},
    "demonym_subject.txt": {("China", "tractors", "Russia", None)},
    "sanctions.txt": {("US Department of the Treasury", "drone parts", "Russia", None)},
    "end_use.txt": {("China", "ammunition", "Russia", None)},
}


def _fixture_flows(pipeline, name: str) -> set[Triple]:  # type: ignore[no-untyped-def]
    from ingest.read import read_file

    (article,) = read_file(PHRASINGS / name).articles
    extraction: Extraction = pipeline.extract(article)
    names = {e.id: e.name.rstrip(".") for e in extraction.entities}
    found: set[Triple] = set()
    for flow in extraction.supply:
        assert flow.evidence.text == article.text[flow.evidence.start:flow.evidence.end]
        found.add((names[flow.supplier_id], names[flow.good_id], names[flow.recipient_id],
                   tuple(names[v] for v in flow.via), flow.status))
    return found


@pytest.mark.parametrize("name", sorted(EXPECTED_FLOWS))
def test_phrasing_fixture_flows(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    found = _fixture_flows(pipeline, name)
    assert EXPECTED_FLOWS[name] <= found, sorted(EXPECTED_FLOWS[name] - found)
    for supplier, good, recipient, status in FORBIDDEN_FLOWS.get(name, set()):
        assert not any(f[:3] == (supplier, good, recipient) and status in (None, f[4]) for f in found)


# -- our second set of articles (tests/fixtures/phrasings2): styles common in the news the first set lacks ------

PHRASINGS2 = PHRASINGS.parent / "phrasings2"

#: Every flow each article must give, by canonical name (here the whole article is expected, headline included).
EXPECTED_FLOWS_2: dict[str, set[Triple]] = {
    "customs_data.txt": {  # customs-data piece: "Russia imported $X worth of ...", "accounted for 85% of ..."
        ("China", "machine tools", "Russia", (), "asserted"),
        ("China", "ball bearings", "Russia", (), "asserted"),
        ("China", "heavy trucks", "Russia", (), "asserted"),
        ("China", "integrated circuits", "Russia", (), "asserted"),
    },
    "ofac_release.txt": {  # sanctions press release: appositive "a ... supplier of", "OFAC said the company ..."
        ("Sino Apex Trading", "drone parts", "Russia", (), "asserted"),
        ("Sino Apex Trading", "night-vision devices", "Russia", (), "asserted"),
        ("Aral Trade", "integrated circuits", "Russia", (), "asserted"),  # "which re-exported ...": one word
    },
    "investigation.txt": {  # "documents show that X sold Y to Z, a sanctioned Russian manufacturer"; "the firm"
        ("Guangzhou Tianhe Bearing", "ball bearings", "Uralsky Privod", (), "asserted"),
        ("Guangzhou Tianhe Bearing", "roller bearings", "Russia", ("Kyrgyzstan",), "asserted"),
    },
    "central_asia.txt": {  # re-export statistics: "its exports of the same goods to Russia"
        ("China", "machine tools", "Kazakhstan", (), "asserted"),
        ("Kazakhstan", "machine tools", "Russia", (), "asserted"),
        ("Kyrgyzstan", "ball bearings", "Russia", (), "asserted"),
        ("China", "heavy trucks", "Uzbekistan", (), "asserted"),
    },
    "intermediaries.txt": {  # UAE and Turkish middlemen: "re-exported", "shipped to ... and then forwarded to"
        ("United Arab Emirates", "integrated circuits", "Russia", (), "asserted"),
        ("Demir Makina", "CNC machine tools", "Russia", (), "asserted"),  # narrower than machine tools
        ("China", "integrated circuits", "Turkey", (), "asserted"),
        ("China", "integrated circuits", "Russia", ("Turkey",), "asserted"),
    },
    "drone_teardown.txt": {  # end uses: "found in Russian attack drones", "ended up in", "Russian forces use"
        ("China", "engines", "Russia", (), "asserted"),
        ("China", "night-vision devices", "Russia", (), "asserted"),
        ("China", "antennas", "Russia", (), "asserted"),
        ("China", "drones", "Russia", (), "asserted"),
    },
    "denial.txt": {  # denials stay negated; the customs figure after them is asserted
        ("China", "lethal weapons", "Russia", (), "negated"),
        ("China", "assault rifles", "Russia", (), "negated"),
        ("China", "drones", "Russia", (), "asserted"),
        # Over-read, kept visible: "strictly controls exports of dual-use items" after the denial takes the
        # denial's parties and its negation.
        ("China", "dual-use goods", "Russia", (), "negated"),
    },
}

#: Parties that must never be a supplier in an article (reporting agencies, a sentence-case headline's guess).
NOT_SUPPLIERS_2: dict[str, set[str]] = {
    "ofac_release.txt": {"Office of Foreign Assets Control", "US Department of the Treasury", "Hong Kong"},
    "investigation.txt": {"Uralsky Privod"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_FLOWS_2))
def test_second_phrasing_set_flows(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    from ingest.read import read_file

    (article,) = read_file(PHRASINGS2 / name).articles
    extraction: Extraction = pipeline.extract(article)
    names = {e.id: e.name.rstrip(".") for e in extraction.entities}
    found = {(names[f.supplier_id], names[f.good_id], names[f.recipient_id], tuple(names[v] for v in f.via),
              f.status) for f in extraction.supply}
    expected = EXPECTED_FLOWS_2[name]
    assert found == expected, (sorted(expected - found), sorted(found - expected))
    assert not {f[0] for f in found} & NOT_SUPPLIERS_2.get(name, set())


def test_reporting_agency_is_not_the_supplier_and_the_firm_refers_back(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Treasury designated Orion Bay Trading Limited on Tuesday. "
            "The Office of Foreign Assets Control said the firm shipped drone components to Russia.")
    assert _flows(pipeline, text, "shipped") == {
        ("Orion Bay Trading", "drone parts", "Russia", (), "asserted"),
    }


def test_agency_with_unresolved_clause_subject_gives_no_supplier(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Commerce Department said the company exported chips to Russia."
    assert not any(f[0] == "US Department of Commerce" for f in _flows(pipeline, text, "exported"))


@pytest.mark.parametrize(("text", "expected"), [
    ("Chinese chips are used in Russian missiles.", ("China", "integrated circuits", "Russia")),
    ("Chinese components ended up in Russian drones.", None),  # "components" alone names no good
    ("Chinese antennas ended up in Russian drones.", ("China", "antennas", "Russia")),
    ("Ukrainian investigators found Chinese chips in Russian missiles.", ("China", "integrated circuits", "Russia")),
    ("Chinese-made engines were found in downed Russian drones.", ("China", "engines", "Russia")),
    ("Microchips made in China are increasingly turning up in Russian weapons.",
     ("China", "integrated circuits", "Russia")),
    ("Russian forces have deployed Chinese-made trucks near the front.", ("China", "heavy trucks", "Russia")),
    ("Investigators found Chinese drones in Ukraine.", None),  # where they were found, not who got them
    ("Chinese drones were found in Ukraine.", None),
])
def test_end_use_phrasings(pipeline, text: str, expected: tuple[str, str, str] | None) -> None:  # type: ignore[no-untyped-def]
    found = {f[:3] for f in _flows(pipeline, text, "")}
    assert found == ({expected} if expected else set())


@pytest.mark.parametrize(("text", "expected"), [
    ("China is Russia's main supplier of microchips.", ("China", "integrated circuits", "Russia")),
    ("Acme Ltd is a major supplier of drones to Russia.", ("Acme", "drones", "Russia")),
    ("China accounted for 90% of Russia's imports of machine tools in 2023.", ("China", "machine tools", "Russia")),
    ("China's share of Russian imports of chips rose to 89%.", ("China", "integrated circuits", "Russia")),
])
def test_agent_nouns_and_shares(pipeline, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert {f[:3] for f in _flows(pipeline, text, "")} == {expected}


def test_title_case_headline_gives_no_flow(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "China Ships Drones And Chips To Russia Via Kazakhstan\n\nThe trade grew last year."
    assert pipeline.extract(article_from_text(text)).supply == ()


def test_company_recipient_and_transit_through_its_home_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Records show that Hexian Tools Co., Ltd. sold Bishkek-based Tengri Supply LLC ball bearings in May. "
            "A second supplier, Wuxi Ordan Bearing Co., Ltd., sold Tengri Supply roller and ball bearings. "
            "The goods were likely re-exported to Russia, a customs lawyer said.")
    found = _flows(pipeline, text, "")
    assert ("Hexian Tools", "ball bearings", "Tengri Supply", (), "asserted") in found
    assert ("Wuxi Ordan Bearing", "ball bearings", "Tengri Supply", (), "asserted") in found
    assert ("Wuxi Ordan Bearing", "ball bearings", "Russia", ("Kyrgyzstan",), "hedged") in found
    assert not any(f[2] == "China" for f in found)


def test_recipient_attached_to_the_phrase_around_a_noun_trigger(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Chinese exports of ball bearings to Armenia rose fivefold, against a 40% rise in direct "
            "ball-bearing shipments from China to Russia.")
    found = _flows(pipeline, text, "")
    assert ("China", "ball bearings", "Russia", (), "asserted") in found
    assert ("China", "ball bearings", "Armenia", (), "asserted") in found


def test_no_inverted_flow_from_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Chinese exports of excavators to Russia tripled last year. Analysts argue that trucks and "
            "excavators are helping Russia keep its factories supplied.")
    found = _flows(pipeline, text, "")
    assert not any(f[0] == "Russia" for f in found)


@pytest.mark.parametrize(("text", "name"), [
    ("Bishkek-based Altyn Trade LLC bought bearings.", "Altyn Trade"),
    ("The firm sold parts to Moscow-based OOO Severny Privod last year.", "Severny Privod"),
    ("The U.S. Treasury sanctioned Kai Wah Silverline Trading Limited on Tuesday.",
     "Kai Wah Silverline Trading"),
    ("Goods passed through Golden Dune General Trading FZE in Dubai.", "Golden Dune General Trading"),
    ("Istanbul-based Demirkaya Elektronik A.S. resold them.", "Demirkaya Elektronik"),
])
def test_legal_form_names_are_companies(pipeline, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    extraction = pipeline.extract(article_from_text(text))
    assert (name, "Company") in {(e.name, e.type) for e in extraction.entities}
    company = next(e for e in extraction.entities if e.name == name)
    assert any(alias in text and alias != name for alias in company.aliases)  # the legal name, as written


def test_route_phrase_hung_under_a_relative_clause_is_still_the_route(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "used" is an end-use trigger, but it moves no goods here: the route phrase belongs to "shipped".
    text = ("Chinese firms shipped 400 sniper rifles and other items that could be used for military purposes "
            "to Russian buyers through Georgia and Armenia last spring.")
    flows = _flows(pipeline, text, "shipped")
    assert ("China", "sniper rifles", "Russia", ("Georgia", "Armenia"), "asserted") in flows


def test_party_types_come_from_the_ontology_roles() -> None:
    lexicon = load_supply_lexicon(load_ontology())
    assert lexicon.supplier_types == load_ontology().classes_with_role("supplier")
    assert lexicon.via_types == {"Country", "Place"}
    assert "ThinkTank" not in lexicon.party_types and "MediaOutlet" not in lexicon.party_types


def test_a_class_without_the_supplier_role_is_never_the_supplier(pipeline) -> None:  # type: ignore[no-untyped-def]
    # A think tank has no supply role: the sentence's only sender candidate is no party.
    text = "Chatham House shipped drones to Russia last year."
    assert _flows(pipeline, text, "shipped") == set()
    text = "Turkey shipped drones to Russia last year."
    assert _flows(pipeline, text, "shipped") == {("Turkey", "drones", "Russia", (), "asserted")}
