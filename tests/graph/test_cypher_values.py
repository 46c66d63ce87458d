"""Cypher results as plain values: no engine internals, nodes and relationships by labels and type."""

from __future__ import annotations

import datetime as dt

from graph.cypher_values import plain_value

CN = {"_ID": {"offset": 0, "table": 0}, "_LABEL": "Country", "id": "country:CN", "name": "China", "qid": None}
KG = {"_ID": {"offset": 3, "table": 0}, "_LABEL": "Country", "id": "country:KG", "name": "Kyrgyzstan"}
RU = {"_ID": {"offset": 1, "table": 0}, "_LABEL": "Country", "id": "country:RU", "name": "Russia"}


def _rel(src: dict, dst: dict, good: str) -> dict:  # type: ignore[type-arg]
    return {"_SRC": src["_ID"], "_DST": dst["_ID"], "_LABEL": "SUPPLIES", "_ID": {"offset": 9, "table": 45},
            "good": good, "period_start": None}


def test_node_and_relationship() -> None:
    assert plain_value(CN) == {"labels": ["Country"], "properties": {"id": "country:CN", "name": "China"}}
    assert plain_value(_rel(CN, RU, "drones")) == {"type": "SUPPLIES", "properties": {"good": "drones"}}


def test_path_alternates_nodes_and_relationships_with_their_ends() -> None:
    path = {"_NODES": [CN, KG, RU], "_RELS": [_rel(CN, KG, "bearings"), _rel(KG, RU, "bearings")]}
    plain = plain_value(path)
    assert [item.get("type") or item["labels"][0] for item in plain] == [
        "Country", "SUPPLIES", "Country", "SUPPLIES", "Country"]
    assert (plain[1]["start"], plain[1]["end"]) == ("country:CN", "country:KG")


def test_variable_length_relationship_starts_and_ends_with_a_relationship() -> None:
    plain = plain_value({"_NODES": [KG], "_RELS": [_rel(CN, KG, "bearings"), _rel(KG, RU, "bearings")]})
    assert [item.get("type") or item["labels"][0] for item in plain] == ["SUPPLIES", "Country", "SUPPLIES"]
    assert plain[0]["end"] == "country:KG" and "start" not in plain[0]  # China is not in the result


def test_dates_lists_and_maps() -> None:
    assert plain_value([dt.date(2023, 8, 22), {"a": dt.datetime(2023, 8, 22, 9, 15)}, None, 3]) == [
        "2023-08-22", {"a": "2023-08-22T09:15:00"}, None, 3]
