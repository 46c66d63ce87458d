from __future__ import annotations

import pytest

from ontology.errors import InputError, NoPath, NotFound
from queries.paths import trace_supply_paths
from queries.resolve import resolve_entity
from tests.queries.builders import REFERENCE


def test_resolves_names_aliases_and_ids(route_store):
    assert resolve_entity(route_store, "PRC", reference=REFERENCE).id == "country:CN"
    assert resolve_entity(route_store, "russia", reference=REFERENCE).name == "Russia"
    assert resolve_entity(route_store, "country:KG", reference=REFERENCE).type == "Country"
    with pytest.raises(NotFound):
        resolve_entity(route_store, "Atlantis", reference=REFERENCE)


def test_bearings_route_through_kyrgyzstan_ranks_first(route_store):
    routes = trace_supply_paths(route_store, "China", "Russia", good="ball bearing", reference=REFERENCE)
    assert [r.through for r in routes] == [["Kyrgyzstan"], []]
    best, hedged = routes
    assert best.strength == 2.0 and best.articles == 2
    assert set(best.origins) == {"Atlantic Council", "Steppe Wire"}  # trade data is generic: its outlet counts
    assert hedged.strength == 0.5 and hedged.hops[0].evidence[0].status == "hedged"
    leg = best.hops[0].evidence[0]
    assert leg.leg == 1 and leg.article.title and leg.sentence and leg.start is not None
    assert leg.via == ("Kyrgyzstan",)


def test_stitched_legs_of_two_flows_make_a_route(route_store):
    (route,) = trace_supply_paths(route_store, "China", "Russia", good="integrated circuits", reference=REFERENCE)
    assert route.through == ["Turkey"]
    assert [e.leg for hop in route.hops for e in hop.evidence] == [0, 0]


def test_route_through_two_transit_countries(route_store):
    (route,) = trace_supply_paths(route_store, "China", "Russia", good="assault rifles", reference=REFERENCE)
    assert route.through == ["Turkey", "United Arab Emirates"]
    assert route.hops[1].evidence[0].period_end == "2022-12"


def test_end_uses_travel_with_the_route(route_store):
    (route,) = trace_supply_paths(route_store, "China", "Russia", good="excavators", reference=REFERENCE)
    assert route.end_uses == ("fortifications",)


def test_negated_flows_are_no_route(route_store):
    with pytest.raises(NoPath):
        trace_supply_paths(route_store, "China", "Russia", good="tractors", reference=REFERENCE)


def test_no_path_backwards_and_within_max_hops(route_store):
    with pytest.raises(NoPath):
        trace_supply_paths(route_store, "Russia", "China", reference=REFERENCE)
    routes = trace_supply_paths(route_store, "China", "Russia", max_hops=2, reference=REFERENCE)
    assert all(len(r.hops) <= 2 for r in routes)
    assert "assault rifles" not in {r.good for r in routes}


def test_filters_chpl_tier_and_since(route_store):
    assert {r.good for r in trace_supply_paths(route_store, "China", "Russia", chpl_tier="Tier 1",
                                               reference=REFERENCE)} == \
        {"integrated circuits"}
    # Undated legs fall back to their article's date (the excavators article is of April 2023).
    assert {r.good for r in trace_supply_paths(route_store, "China", "Russia", since="2023-01",
                                               reference=REFERENCE)} == \
        {"ball bearings", "excavators"}
    recent = trace_supply_paths(route_store, "China", "Russia", since="2023-05", reference=REFERENCE)
    assert [(r.good, r.through) for r in recent] == [("ball bearings", ["Kyrgyzstan"])]
    with pytest.raises(InputError):
        trace_supply_paths(route_store, "China", "Russia", since="last year", reference=REFERENCE)


def test_a_name_that_matches_nothing_gets_the_closest_stored_names(route_store):
    with pytest.raises(NotFound, match=r"no stored entity named 'Kyrgystan'.*; did you mean 'Kyrgyzstan'\?"):
        resolve_entity(route_store, "Kyrgystan", reference=REFERENCE)
    with pytest.raises(NotFound) as far:
        resolve_entity(route_store, "Atlantis", reference=REFERENCE)
    assert "did you mean" not in str(far.value)


def test_a_person_who_runs_a_network_is_a_route_end(tmp_path):
    from graph.ladybug_store import LadybugStore
    from ontology.records import Entity
    from tests.queries.builders import CIRCUITS, ENTITIES, RUSSIA, article, extraction, flow

    broker = Entity(id="person:ivan-petrenko", type="Person", name="Ivan Petrenko")
    text = "Broker network\n\nIvan Petrenko shipped integrated circuits to Russia in 2023.\n"
    art = article(text, "Harbour Line")
    route = flow(art, "Ivan Petrenko shipped integrated circuits to Russia", broker, CIRCUITS, RUSSIA)
    ENTITIES[broker.id] = broker
    try:
        item = extraction(art, [route])
    finally:
        del ENTITIES[broker.id]
    with LadybugStore(tmp_path / "people") as store:
        store.write(item)
        (found,) = trace_supply_paths(store.view(), "Ivan Petrenko", "Russia", reference=REFERENCE)
    assert found.hops[0].evidence[0].sentence == "Ivan Petrenko shipped integrated circuits to Russia"
    assert "Person" in REFERENCE.supply_classes and "MediaOutlet" not in REFERENCE.supply_classes
