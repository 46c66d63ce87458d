"""The web adapter's entity page over the store view: flows out, in, through and of an entity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from tests.queries.builders import build_store, route_extractions
from tradetrace.web import adapter


@pytest.fixture(scope="module")
def route_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    db: Path = build_store(tmp_path_factory.mktemp("routes") / "db", route_extractions())
    with LadybugStore(db, read_only=True) as store:
        yield store


def _goods(flows: list[dict[str, object]]) -> list[object]:
    return [f["good"] for f in flows]


def test_entity_page_sorts_flows_by_how_they_touch_the_entity(route_store: LadybugStore) -> None:
    turkey = adapter.entity(route_store, "country:TR")
    assert turkey["entity"]["type"] == "Country" and turkey["entity"]["name"] == "Turkey"
    assert _goods(turkey["flows_in"]) == ["integrated circuits"]  # China sells to Turkey
    assert _goods(turkey["flows_out"]) == ["integrated circuits"]  # Turkey sells to Russia
    assert _goods(turkey["flows_via"]) == ["assault rifles"]  # passes through, on the way to Russia
    assert turkey["flows_of"] == []
    russia = adapter.entity(route_store, "country:RU")
    assert "tractors" in _goods(russia["flows_in"])  # the entity page lists negated flows too
    assert russia["flows_out"] == [] and russia["flows_via"] == []
    bearings = adapter.entity(route_store, "good:ball-bearings")
    assert len(bearings["flows_of"]) == 3 and bearings["flows_in"] == []
    assert [f["via"] for f in bearings["flows_of"] if f["via"]] == [["Kyrgyzstan"], ["Kyrgyzstan"]]
