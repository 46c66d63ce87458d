"""Goods outside the gazetteer: HS 2022 classification from the whole nomenclature, kinds, hierarchy."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology.errors import OntologyError
from ontology.gazetteer import load_gazetteer
from ontology.goods import load_goods_vocabulary, load_hs_nomenclature

# Goods no gazetteer entry names: classified by head noun and modifiers against the nomenclature's labels.
OPEN_GOODS = [
    ("electric motors", "8501"),
    ("lithium-polymer batteries", "8507"),
    ("ballistic missiles", "9306"),
    ("thermal optical sights", "9013"),
    ("vehicle spare parts", "8708"),
    ("drone engines", "8807"),
    ("GPU accelerators", "8542"),
    ("microcircuits", "8542"),
    ("radar apparatus", "8526"),
    ("gas turbines", "8411"),
    ("transformers", "8504"),
    ("explosives", "3602"),
    ("gunpowder", "3601"),
    ("propellant powders", "3601"),
    ("hydraulic pumps", "8413"),
    ("cargo aircraft", "8802"),
    ("helicopters", "8802"),
    ("optical fibres", "9001"),
    ("industrial robots", "8428"),
    ("welding machines", "8515"),
    ("sniper rifles", "9303"),
    ("marine engines", "8408"),
    ("pressure sensors", "9026"),
    ("gyroscopes", "9014"),
    ("lab centrifuges", "8421"),
    ("patrol boats", "8907"),
    ("infrared detectors", "9031"),
    ("hydraulic valves", "8481"),
    ("armoured vehicles", "8710"),
    ("solar panels", "8541"),
    ("electric generators", "8501"),
    ("air compressors", "8414"),
    ("copper wire", "7408"),
    ("lithium batteries", "8507"),
    ("military trucks", "8704"),
    ("night sights", "9013"),
    ("servo motors", "8501"),
    ("stepper motors", "8501"),
]

# Goods the gazetteer names: its codes, by alias.
KNOWN_GOODS = [
    ("ball bearings", "8482"),
    ("nitrocellulose", "3912"),
    ("helmets", "6506"),
    ("excavators", "8429"),
    ("smartphones", "8517"),
    ("transistors", "8541"),
    ("capacitors", "8532"),
    ("printed circuit boards", "8534"),
    ("oscilloscopes", "9030"),
    ("tractors", "8701"),
    ("machine tool parts", "8466"),
    ("artillery shells", "9306"),
    ("drone parts", "8807"),
    ("passenger cars", "8703"),
]


@pytest.mark.parametrize(("phrase", "heading"), OPEN_GOODS)
def test_open_goods_are_classified_against_the_nomenclature(phrase: str, heading: str) -> None:
    vocabulary = load_goods_vocabulary()
    assert vocabulary.known(phrase.split()) is None, "this good must not be in the gazetteer"
    good = vocabulary.good(phrase.split())
    assert good.kind == "item"
    assert [code[:4] for code in good.hs_codes] == [heading]
    assert good.hs_rule in ("head", "head+modifiers", "parts")
    assert good.hs_confidence is not None and 0 < good.hs_confidence <= 1
    load_hs_nomenclature().get(good.hs_codes[0])  # a real code of HS 2022


@pytest.mark.parametrize(("phrase", "heading"), KNOWN_GOODS)
def test_known_goods_keep_the_gazetteer_codes(phrase: str, heading: str) -> None:
    good = load_goods_vocabulary().good(phrase.split())
    assert good.origin == "gazetteer" and good.hs_rule == "alias"
    assert heading in {code[:4] for code in good.hs_codes}


def test_at_least_thirty_goods_are_checked() -> None:
    assert len(OPEN_GOODS) + len(KNOWN_GOODS) >= 30


@pytest.mark.parametrize("phrase", ["goods", "dual-use goods", "critical goods", "technology", "components",
                                    "equipment", "military supplies", "electronic parts"])
def test_generic_categories_have_no_code(phrase: str) -> None:
    good = load_goods_vocabulary().good(phrase.split())
    assert good.kind == "category" and good.hs_codes == ()


def test_a_part_noun_after_a_word_no_label_names_well_is_no_part_of_it() -> None:
    # "servo" half matches "servo-presses" (8462): "servo motors" are motors, not parts of presses
    match = load_hs_nomenclature().classify(["servo", "motors"])
    assert match is not None and match.rule != "parts" and not match.code.startswith(("8462", "8466"))


def test_category_noun_with_unknown_modifiers_is_not_forced_into_a_code() -> None:
    assert load_goods_vocabulary().good(["optical", "components"]).hs_codes == ()


def test_open_good_ids_are_stable_and_singular_plural_agnostic() -> None:
    vocabulary = load_goods_vocabulary()
    assert vocabulary.good(["drone", "engines"]).id == vocabulary.good(["drone", "engine"]).id == "good:drone-engine"


def test_a_parts_noun_finds_the_heading_for_the_parts_of_its_goods() -> None:
    match = load_hs_nomenclature().classify(["drone", "engines"])
    assert match is not None and match.rule == "parts" and match.code == "8807"
    assert "8806" in match.description


def test_broader_goods_from_head_nouns_parts_and_the_gazetteer() -> None:
    vocabulary = load_goods_vocabulary()
    assert vocabulary.good(["CNC", "machine", "tools"]).broader == ("good:machine-tools",)
    assert set(vocabulary.good(["drone", "engines"]).broader) == {"good:engines", "good:drone-parts"}
    assert vocabulary.good(["thermal", "optical", "sights"]).broader == ("good:optical-sights",)
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("ball bearings", ["Good"]).broader == ("good:bearings",)  # type: ignore[union-attr]
    assert gazetteer.lookup("processors", ["Good"]).broader == ("good:integrated-circuits",)  # type: ignore[union-attr]


def test_unknown_code_and_bad_file_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="no HS 2022 code"):
        load_hs_nomenclature().get("1234.56")
    bad = tmp_path / "hs.csv"
    bad.write_text("# source: test\nhscode,description\n0101,Horses\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="line 2"):
        load_hs_nomenclature.__wrapped__(bad)


def test_coordinated_modifiers_give_one_good_broader_than_each() -> None:
    vocabulary = load_goods_vocabulary()
    good = vocabulary.good(["optical", "and", "radar", "sensors"])
    assert good.name == "optical and radar sensors" and good.id == "good:optical-and-radar-sensor"
    assert set(good.broader) == {"good:optical-sensor", "good:radar-sensor"}
