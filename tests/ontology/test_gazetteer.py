"""Gazetteer loading, lookups (aliases, demonyms, metonyms) and fail-fast data validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ontology.errors import OntologyError
from ontology.gazetteer import GAZETTEER_DIR, _build, fold_surface, inflections, load_gazetteer


@pytest.mark.parametrize(
    ("surface", "name", "etype"),
    [
        ("Chinese", "China", "Country"),
        ("Beijing", "China", "Country"),
        ("PRC", "China", "Country"),
        ("Moscow", "Russia", "Country"),
        ("Kremlin", "Russia", "Country"),
        ("Russian Federation", "Russia", "Country"),
        ("Kyiv", "Ukraine", "Country"),
        ("Washington", "United States", "Country"),
        ("U.S.", "United States", "Country"),
        ("Türkiye", "Turkey", "Country"),
        ("UAE", "United Arab Emirates", "Country"),
        ("Kyrgyz", "Kyrgyzstan", "Country"),
        ("WSJ", "Wall Street Journal", "MediaOutlet"),
        ("The Wall Street Journal", "Wall Street Journal", "MediaOutlet"),
        ("ODNI", "Office of the Director of National Intelligence", "GovernmentAgency"),
        ("American Office of the Director of National Intelligence",
         "Office of the Director of National Intelligence", "GovernmentAgency"),
        ("RUSI", "Royal United Services Institute", "ThinkTank"),
        ("CSIS", "Center for Strategic and International Studies", "ThinkTank"),
        ("MERICS", "Mercator Institute for China Studies", "ThinkTank"),
        ("RFE/RL", "Radio Free Europe/Radio Liberty", "MediaOutlet"),
        ("BOFIT", "Bank of Finland", "GovernmentAgency"),
        ("Huawei", "Huawei", "Company"),
        ("Putin", "Vladimir Putin", "Person"),
        ("microchips", "integrated circuits", "Good"),
        ("computer chips", "integrated circuits", "Good"),
        ("wheel loaders", "front-end loaders", "Good"),
        ("bulletproof vests", "body armor", "Good"),
        ("ball-bearing", "ball bearings", "Good"),
        ("Central Asian countries", "Central Asia", "Place"),
    ],
)
def test_lookup_resolves_aliases_demonyms_metonyms(surface: str, name: str, etype: str) -> None:
    entity = load_gazetteer().lookup(surface)
    assert entity is not None, surface
    assert (entity.name, entity.type) == (name, etype)


def test_countries_carry_iso_codes_and_qids() -> None:
    china = load_gazetteer().lookup("China")
    assert china is not None
    assert (china.id, china.iso2, china.iso3, china.qid) == ("country:CN", "CN", "CHN", "Q148")


@pytest.mark.parametrize(
    ("good", "hs", "tier"),
    [("ball bearings", "8482.10", "3.B"), ("integrated circuits", "8542.31", "1"), ("excavators", "8429.52", None),
     ("drones", "8806", None)],
)
def test_goods_carry_hs_codes_and_chpl_tier(good: str, hs: str, tier: str | None) -> None:
    entity = load_gazetteer().by_name(good)
    assert entity is not None
    assert hs in entity.hs_codes
    assert entity.chpl_tier == tier


def test_fold_and_inflections() -> None:
    assert fold_surface("the U.S.") == "us"
    assert fold_surface("China’s") == "china"
    assert {"excavator", "excavators"} <= inflections("excavators")
    assert "front end loader" in inflections("front-end loaders")


def test_bad_gazetteer_file_fails_fast_with_path_and_key(tmp_path: Path) -> None:
    broken = tmp_path / "gaz"
    shutil.copytree(GAZETTEER_DIR, broken)
    goods = broken / "goods.yaml"
    goods.write_text(goods.read_text(encoding="utf-8") + "\n  - hs: ['8482.10']\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"goods\.yaml: goods\[\d+\].*name"):
        _build(broken)


def test_gazetteer_without_source_line_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "gaz"
    shutil.copytree(GAZETTEER_DIR, broken)
    (broken / "systems.yaml").write_text("systems: []\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="source"):
        _build(broken)
