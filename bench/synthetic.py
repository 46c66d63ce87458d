"""A synthetic tradetrace graph for benchmarks: ≥ 1M relations and ≥ 100k claims at ``--scale 1``.

Fast path: the schema comes from :class:`graph.ladybug_store.LadybugStore` (the ontology's DDL), then
every table is bulk-loaded with ``COPY <table>(<columns>) FROM <pandas DataFrame>`` on a raw LadybugDB
connection — LadybugDB scans the DataFrame in place (columnar, no per-row Cypher), which loads a million
relations in seconds where ``store.write`` (one transaction of MERGEs per article) would take hours.
Relationship tables with several FROM/TO pairs are loaded once per pair with
``COPY SUPPLIES FROM df (from='Company', to='Country')``.

The graph: 200 countries, 20k·scale companies, 300 goods (a tenth on the CHPL), 20k·scale articles,
250k·scale supply flows whose SUPPLIES legs (a quarter through one or two transit countries, plus
chained legs between companies) total ≥ 1M·scale, and 100k·scale claims with metrics, values,
periods, attribution chains (ATTRIBUTED_TO to 50 outlets/think tanks), REPORTED_IN and SUPPORTS.
A China → Kyrgyzstan → Russia ball-bearing route is planted so path queries have a known answer.

Run: ``python -m bench.synthetic --db /tmp/synthetic.db --scale 0.01``.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["build_synthetic"]


def _letters(i: int) -> str:
    """``a``, ``b``, … ``ba``: good names without digits (metric comparison drops numbers)."""
    out = ""
    while True:
        out = chr(ord("a") + i % 26) + out
        i //= 26
        if i == 0:
            return out


def _copy(conn: Any, table: str, df: pd.DataFrame, pair: tuple[str, str] | None = None) -> None:
    if df.empty:
        return
    columns = ", ".join(f"`{c}`" for c in df.columns if c not in ("from", "to"))
    target = f"{table}({columns})" if pair is None else table
    options = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    # LadybugDB finds the DataFrame by its variable name in this frame (scan replacement).
    conn.execute(f"COPY {target} FROM df{options}")


def build_synthetic(path: Path, scale: float = 1.0, seed: int = 7) -> dict[str, int]:
    """Create a fresh synthetic store at ``path``; returns counts per table."""
    import ladybug

    from graph.ladybug_store import LadybugStore

    if path.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    LadybugStore(path).close()  # creates the schema from the ontology
    rng = np.random.default_rng(seed)
    n_companies = max(50, int(20_000 * scale))
    n_articles = max(50, int(20_000 * scale))
    n_flows = max(200, int(250_000 * scale))
    n_claims = max(100, int(100_000 * scale))
    n_goods = 300

    countries = pd.DataFrame({"id": [f"country:X{i:03d}" for i in range(200)],
                              "name": [f"Country {i}" for i in range(200)]})
    countries.loc[0, ["id", "name"]] = ["country:CN", "China"]
    countries.loc[1, ["id", "name"]] = ["country:RU", "Russia"]
    countries.loc[2, ["id", "name"]] = ["country:KG", "Kyrgyzstan"]
    countries.loc[3, ["id", "name"]] = ["country:TR", "Turkey"]
    countries["aliases"] = [[] for _ in range(len(countries))]
    companies = pd.DataFrame({"id": [f"org:company-{i}" for i in range(n_companies)],
                              "name": [f"Company {i}" for i in range(n_companies)]})
    goods = pd.DataFrame({"id": [f"good:g{i}" for i in range(n_goods)],
                          "name": [f"good {_letters(i)}" for i in range(n_goods)]})
    goods.loc[0, ["id", "name"]] = ["good:ball-bearings", "ball bearings"]
    goods["aliases"] = [[] for _ in range(n_goods)]
    goods["hs_codes"] = [[f"{8400 + i % 100}.{i % 90 + 10}"] for i in range(n_goods)]
    goods["chpl_tier"] = [str(1 + i % 4) if i % 10 == 0 else None for i in range(n_goods)]
    sources = pd.DataFrame({"id": [f"org:source-{i}" for i in range(50)], "name": [f"Source {i}" for i in range(50)]})
    articles = pd.DataFrame({"id": [f"article:{i}" for i in range(n_articles)],
                             "title": [f"Article {i}" for i in range(n_articles)],
                             "outlet": [f"Outlet {i % 300}" for i in range(n_articles)],
                             "published": pd.to_datetime("2022-01-01") + pd.to_timedelta(
                                 rng.integers(0, 700, n_articles), unit="D")})
    articles["published"] = articles["published"].dt.date

    # Supply flows: supplier/recipient among countries (60%) and companies, a quarter with transit.
    entity_ids = np.concatenate([countries["id"].to_numpy(), companies["id"].to_numpy()])
    entity_kind = np.array(["Country"] * len(countries) + ["Company"] * len(companies))
    pick = rng.integers(0, len(entity_ids), size=(n_flows, 2))
    country_pick = rng.random(n_flows) < 0.6
    pick[country_pick] = rng.integers(0, len(countries), size=(int(country_pick.sum()), 2))
    good_idx = rng.integers(0, n_goods, n_flows)
    art_idx = rng.integers(0, n_articles, n_flows)
    n_via = np.where(rng.random(n_flows) < 0.25, rng.integers(1, 3, n_flows), 0)
    via_idx = rng.integers(4, len(countries), size=(n_flows, 2))
    flow_ids = np.array([f"flow:{i}" for i in range(n_flows)])
    month = rng.integers(1, 13, n_flows)
    year = rng.choice([2022, 2023], n_flows)
    period = np.array([f"{y}-{m:02d}" for y, m in zip(year, month, strict=True)])
    status = rng.choice(["asserted", "asserted", "asserted", "hedged", "negated"], n_flows)
    # The planted route: flow 0 is China -> Kyrgyzstan -> Russia, ball bearings.
    pick[0] = [0, 1]
    good_idx[0], n_via[0], via_idx[0, 0], status[0] = 0, 1, 2, "asserted"
    flows = pd.DataFrame({
        "id": flow_ids, "supplier": entity_ids[pick[:, 0]], "good": goods["name"].to_numpy()[good_idx],
        "recipient": entity_ids[pick[:, 1]],
        "via": [list(countries["name"].to_numpy()[via_idx[i, :k]]) for i, k in enumerate(n_via)],
        "period_start": period, "period_end": period, "status": status,
        "article_id": articles["id"].to_numpy()[art_idx], "start": np.zeros(n_flows, dtype=np.int64),
        "end": np.full(n_flows, 40, dtype=np.int64), "sentence": "A synthetic supply sentence.",
    })
    rows_from: list[int] = []
    rows_to: list[int] = []
    leg_no: list[int] = []
    leg_flow: list[int] = []
    for i in range(n_flows):
        route = [pick[i, 0], *(via_idx[i, :n_via[i]]), pick[i, 1]]
        numbered = [(0, route[0], route[1])] if n_via[i] == 0 else \
            [(n, a, b) for n, (a, b) in enumerate(itertools.pairwise(route), start=1)]
        for n, a, b in numbered:
            rows_from.append(a)
            rows_to.append(b)
            leg_no.append(n)
            leg_flow.append(i)
    # Extra chained legs (re-exports between companies) until the SUPPLIES table reaches 1M·scale.
    extra = max(0, int(1_000_000 * scale) - len(rows_from))
    extra_flow = rng.integers(0, n_flows, extra)
    extra_pair = rng.integers(0, len(entity_ids), size=(extra, 2))
    rows_from += list(extra_pair[:, 0])
    rows_to += list(extra_pair[:, 1])
    leg_no += [1] * extra
    leg_flow += list(extra_flow)
    fidx = np.array(leg_flow)
    supplies = pd.DataFrame({
        "from": entity_ids[np.array(rows_from)], "to": entity_ids[np.array(rows_to)],
        "flow_id": flow_ids[fidx], "good": goods["name"].to_numpy()[good_idx[fidx]],
        "good_id": goods["id"].to_numpy()[good_idx[fidx]], "period_start": period[fidx], "period_end": period[fidx],
        "quantity": None, "status": status[fidx], "leg": np.array(leg_no, dtype=np.int64),
        "article_id": flows["article_id"].to_numpy()[fidx],
    })
    supplies["kf"] = entity_kind[np.array(rows_from)]
    supplies["kt"] = entity_kind[np.array(rows_to)]

    # Claims: metrics from a few templates, values on a small grid so that facts repeat across articles.
    c_good = rng.integers(0, n_goods, n_claims)
    c_art = rng.integers(0, n_articles, n_claims)
    c_value = rng.integers(1, 400, n_claims).astype(float)
    c_src = rng.integers(0, 50, n_claims)
    c_year = rng.choice([2022, 2023], n_claims)
    metric = np.array([f"exports of {goods['name'][g]} from China to Russia" for g in c_good])
    claims = pd.DataFrame({
        "id": [f"claim:{i}" for i in range(n_claims)],
        "text": [f"Exports of {goods['name'][g]} rose {int(v)}% in {y}, Source {s} said."
                 for g, v, y, s in zip(c_good, c_value, c_year, c_src, strict=True)],
        "article_id": articles["id"].to_numpy()[c_art], "start": np.zeros(n_claims, dtype=np.int64),
        "end": np.full(n_claims, 60, dtype=np.int64), "metric": metric,
        "value_raw": [f"{int(v)}%" for v in c_value], "value_number": c_value, "value_unit": "%",
        "direction": "increase", "period_start": [f"{y}-01" for y in c_year], "period_end": [f"{y}-12" for y in c_year],
        "status": "asserted", "attributed_to": [[articles["outlet"][a], f"Source {s}"] for a, s in zip(c_art, c_src,
                                                                                                       strict=True)],
    })

    conn = ladybug.Connection(ladybug.Database(str(path)))
    _copy(conn, "Country", countries)
    _copy(conn, "Company", companies)
    _copy(conn, "Good", goods)
    _copy(conn, "ThinkTank", sources)
    _copy(conn, "Article", articles)
    _copy(conn, "SupplyFlow", flows)
    _copy(conn, "Claim", claims)
    for kf in ("Country", "Company"):
        for kt in ("Country", "Company"):
            part = supplies[(supplies.kf == kf) & (supplies.kt == kt)].drop(columns=["kf", "kt"])
            _copy(conn, "SUPPLIES", part, (kf, kt))
    flows_of = flows.assign(kf=entity_kind[pick[:, 0]], kt=entity_kind[pick[:, 1]])
    for rel, column, kind in (("SUPPLIED_BY", "supplier", "kf"), ("SUPPLIED_TO", "recipient", "kt")):
        for label in ("Country", "Company"):
            part = flows_of[flows_of[kind] == label]
            _copy(conn, rel, pd.DataFrame({"from": part["id"], "to": part[column]}), ("SupplyFlow", label))
    _copy(conn, "OF_GOOD", pd.DataFrame({"from": flow_ids, "to": goods["id"].to_numpy()[good_idx]}),
          ("SupplyFlow", "Good"))
    _copy(conn, "REPORTED_IN", pd.DataFrame({"from": flow_ids, "to": flows["article_id"], "start": 0, "end": 40}),
          ("SupplyFlow", "Article"))
    _copy(conn, "REPORTED_IN", pd.DataFrame({"from": claims["id"], "to": claims["article_id"], "start": 0, "end": 60}),
          ("Claim", "Article"))
    _copy(conn, "ATTRIBUTED_TO", pd.DataFrame({"from": claims["id"], "to": sources["id"].to_numpy()[c_src],
                                               "position": np.ones(n_claims, dtype=np.int64), "role": "origin"}),
          ("Claim", "ThinkTank"))
    _copy(conn, "SUPPORTS", pd.DataFrame({"from": claims["id"][: n_claims // 2],
                                          "to": flow_ids[rng.integers(0, n_flows, n_claims // 2)]}),
          ("Claim", "SupplyFlow"))
    counts = {"supplies": len(supplies), "flows": n_flows, "claims": n_claims, "articles": n_articles,
              "relations": len(supplies) + 2 * n_flows + n_flows + n_flows + n_claims * 2 + n_claims // 2}
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench/synthetic.db"))
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: ≥ 1M SUPPLIES legs and 100k claims")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = build_synthetic(args.db, args.scale)
    print(f"built {args.db} in {time.perf_counter() - started:.1f}s: {counts}")


if __name__ == "__main__":
    main()
