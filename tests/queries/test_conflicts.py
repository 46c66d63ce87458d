from __future__ import annotations

from queries.conflicts import claim_conflicts
from tests.queries.builders import VOCABULARY, stored


def test_value_mismatch_same_metric_and_period():
    a = stored("Drone imports were $100 million.", "a1", "X", metric="imports of drones from China to Russia",
               raw="$100 million", number=1e8, unit="USD", period=("2023-01", "2023-07"), chain=["Politico"],
               direction="level")
    b = stored("Drone imports were $14.5 million.", "a2", "Y", metric="imports of drones from China to Russia",
               raw="$14.5 million", number=1.45e7, unit="USD", period=("2023-01", "2023-07"),
               chain=["New York Times"], direction="level")
    (conflict,) = claim_conflicts([a, b], vocabulary=VOCABULARY)
    assert conflict.kind == "value_mismatch"
    assert {conflict.a.article_id, conflict.b.article_id} == {"a1", "a2"}
    assert conflict.a.start == 0 and conflict.b.end


def test_metric_changed_between_reports_of_one_origin():
    loaders = stored("China sold almost twice as many front-end loaders.", "a1", "Kyiv Daily",
                     metric="exports of front-end loaders from China to Russia", raw="almost twice", number=2.0,
                     unit="factor", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    dozers = stored("Bulldozer exports nearly doubled, the WSJ reported.", "a2", "Digest",
                    metric="exports of bulldozers from China to Russia", raw="nearly doubled", number=2.0,
                    unit="factor", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    (conflict,) = claim_conflicts([loaders, dozers], vocabulary=VOCABULARY)
    assert conflict.kind == "metric_changed"
    assert "front-end-loaders" in conflict.detail and "bulldozers" in conflict.detail
    assert conflict.a.origin == conflict.b.origin == "Wall Street Journal"


def test_scope_change_is_a_metric_change():
    whole = stored("Chinese exports to Russia rose 73%.", "a1", "X", metric="exports of all goods from China to Russia",
                   raw="73%", number=73.0, unit="%", chain=["Wall Street Journal"])
    equipment = stored("Chinese equipment exports to Russia surged 73%.", "a2", "Y",
                       metric="exports of construction equipment from China to Russia", raw="73%", number=73.0,
                       unit="%", chain=["Wall Street Journal"])
    assert [c.kind for c in claim_conflicts([whole, equipment], vocabulary=VOCABULARY)] == ["metric_changed"]


def test_figure_reused_in_one_article():
    bearings = stored("Ball-bearing exports rose 345%.", "a1", "X",
                      metric="exports of ball bearings from China to Russia",
                      raw="345%", number=345.0, unit="%", period=("2023-01", "2023-10"), chain=["Atlantic Council"])
    trucks = stored("Heavy truck exports rose 345%.", "a1", "X", metric="exports of heavy trucks from China to Russia",
                    raw="345%", number=345.0, unit="%", period=("2023-01", "2023-10"), chain=["Atlantic Council"])
    other = stored("Tractor exports rose 345%.", "a2", "X", metric="exports of tractors from China to Russia",
                   raw="345%", number=345.0, unit="%", period=("2023-01", "2023-10"), chain=["Somebody"])
    kinds = [c.kind for c in claim_conflicts([bearings, trucks, other], vocabulary=VOCABULARY)]
    assert kinds == ["figure_reused"]


def test_agreeing_reports_are_no_conflict():
    a = stored("Exports rose 36%.", "a1", "X", metric="trade between China and Russia", raw="36%", number=36.0,
               unit="%", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    b = stored("Trade was up 36 percent.", "a2", "Y", metric="trade between China and Russia", raw="36 percent",
               number=36.0, unit="%", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    assert claim_conflicts([a, b], vocabulary=VOCABULARY) == []
