from __future__ import annotations

import pytest

from graph.ladybug_store import LadybugStore
from ontology.errors import NotFound
from queries.claims import list_claims, load_claims
from queries.corroborate import corroborate
from queries.goods import goods_flowing
from queries.provenance import trace_provenance
from tests.queries.builders import (
    ATLANTIC,
    CHINA,
    REFERENCE,
    RUSSIA,
    TRADE_DATA,
    VOCABULARY,
    WSJ,
    article,
    build_store,
    claim,
    extraction,
)

FIRST = ("Exports surge\nChinese exports to Russia increased by 73% in January to July, the Wall Street Journal "
         "reported, citing trade data.\n")
SECOND = ("Equipment boom\nEquipment exports from China to Russia surged by a staggering 73% this year, "
          "according to the Wall Street Journal.\n")
THIRD = ("Think tank view\nThe Atlantic Council said exports from China to Russia grew 73% in January to July.\n")


@pytest.fixture(scope="module")
def echo_store(tmp_path_factory):
    a1, a2, a3 = (article(FIRST, "Kyiv Daily"), article(SECOND, "Crypto Blog"), article(THIRD, "Policy Wire"))
    metric = "exports of all goods from China to Russia"
    c1 = claim(a1, FIRST.split("\n")[1], metric=metric, raw="73%", number=73.0, unit="%",
               period=("2023-01", "2023-07"), about=[CHINA, RUSSIA],
               chain=[("Kyiv Daily", None, "outlet"), ("Wall Street Journal", WSJ, "cited"),
                      ("trade data", TRADE_DATA, "origin")])
    c2 = claim(a2, SECOND.split("\n")[1], metric=metric, raw="73%", number=73.0, unit="%", about=[CHINA, RUSSIA],
               chain=[("Wall Street Journal", WSJ, "origin")])
    c3 = claim(a3, THIRD.split("\n")[1], metric=metric, raw="73%", number=73.0, unit="%",
               period=("2023-01", "2023-07"), about=[RUSSIA], chain=[("Atlantic Council", ATLANTIC, "origin")])
    path = build_store(tmp_path_factory.mktemp("echo") / "db", [extraction(a1, claims=[c1]),
                                                               extraction(a2, claims=[c2]),
                                                               extraction(a3, claims=[c3])])
    with LadybugStore(path, read_only=True) as store:
        yield store


def test_load_claims_reads_chains_with_types(echo_store):
    claims = load_claims(echo_store)
    assert len(claims) == 3
    first = next(c for c in claims if c.article.outlet == "Kyiv Daily")
    assert first.attributed_to == ["Kyiv Daily", "Wall Street Journal", "trade data"]
    assert [link.type for link in first.attribution] == [None, "MediaOutlet", "GenericSource"]
    assert first.period_start == "2023-01" and first.value_unit == "%" and first.start is not None


def test_claims_about_an_entity(echo_store):
    assert len(list_claims(echo_store, about="China", reference=REFERENCE)) == 2
    assert len(list_claims(echo_store, about="Atlantic Council", reference=REFERENCE)) == 1  # cited by one claim
    with pytest.raises(NotFound):
        list_claims(echo_store, about="Atlantis", reference=REFERENCE)


def test_corroborate_counts_wsj_echo_once(echo_store):
    (cluster,) = corroborate(echo_store, min_reports=2, vocabulary=VOCABULARY)
    assert len(cluster.reports) == 3
    assert sorted(o.name for o in cluster.origins) == ["Atlantic Council", "Wall Street Journal"]
    assert corroborate(echo_store, min_origins=3, vocabulary=VOCABULARY) == []


def test_provenance_by_text_and_id(echo_store):
    result = trace_provenance(echo_store, "staggering 73%", vocabulary=VOCABULARY)
    assert result.reports[0].claim.id == result.claim.id
    assert len(result.reports) == 3
    assert {r.origin for r in result.reports} == {"Wall Street Journal", "Atlantic Council"}
    assert trace_provenance(echo_store, result.claim.id, vocabulary=VOCABULARY).claim == result.claim
    with pytest.raises(NotFound):
        trace_provenance(echo_store, "no such sentence anywhere", vocabulary=VOCABULARY)


def test_goods_to_russia(route_store):
    rows = goods_flowing(route_store, to="Russia", reference=REFERENCE)
    names = [r.name for r in rows]
    assert "tractors" not in names  # negated
    bearings = next(r for r in rows if r.name == "ball bearings")
    assert bearings.flows == 3 and bearings.claims == 2 and bearings.hs_codes == ("8482.10",)
    assert bearings.independent_origins == 3 and bearings.via == ("Kyrgyzstan",)
    assert {r.name for r in goods_flowing(route_store, to="Russia", chpl_only=True, reference=REFERENCE)} == \
        {"ball bearings", "integrated circuits"}
    assert "integrated circuits" in {r.name for r in goods_flowing(route_store, to="Turkey", reference=REFERENCE)}


def test_goods_count_a_flow_at_its_recipient_not_its_transit_countries(route_store):
    # The rifles pass through Turkey on their way to Russia; Turkey only receives the circuits it is sold.
    assert [r.name for r in goods_flowing(route_store, to="Turkey", reference=REFERENCE)] == ["integrated circuits"]
    assert goods_flowing(route_store, to="Kyrgyzstan", reference=REFERENCE) == []
    everywhere = {r.name: r for r in goods_flowing(route_store, reference=REFERENCE)}
    assert "tractors" not in everywhere  # negated
    assert everywhere["integrated circuits"].flows == 2 and everywhere["integrated circuits"].suppliers == (
        "China", "Turkey")
    assert everywhere["assault rifles"].via == ("Turkey", "United Arab Emirates")
