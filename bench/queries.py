"""Latency of the investigation queries on the synthetic graph (:mod:`bench.synthetic`).

Builds the graph (or reuses ``--db`` with ``--reuse``), then prints the build time and p50/p95
latencies of ``trace_supply_paths`` (China → Russia for one good, and for random goods between random
countries) and of corroboration (``corroborate``: load every claim, cluster, count origins).

Run small: ``python -m bench.queries --scale 0.01``; the full benchmark (≥ 1M relations, 100k claims):
``python -m bench.queries --scale 1 --db /tmp/synthetic.db``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.synthetic import _letters, build_synthetic


def _latencies(run: Callable[[int], object], repeat: int) -> tuple[float, float]:
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times), float(np.percentile(times, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench/synthetic.db"))
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--reuse", action="store_true", help="Use an existing --db instead of rebuilding it.")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from graph.ladybug_store import LadybugStore
    from ontology.errors import NoPath
    from queries.corroborate import corroborate
    from queries.paths import trace_supply_paths

    if not (args.reuse and args.db.exists()):
        started = time.perf_counter()
        counts = build_synthetic(args.db, args.scale)
        print(f"build: {time.perf_counter() - started:.1f}s {counts}")
    rng = np.random.default_rng(1)
    with LadybugStore(args.db, read_only=True) as store:
        routes = trace_supply_paths(store, "China", "Russia", good="ball bearings")
        print(f"China→Russia ball bearings: {len(routes)} route(s), first through {routes[0].through}")

        def planted(_: int) -> object:
            return trace_supply_paths(store, "China", "Russia", good="ball bearings")

        def random_pair(_: int) -> object:
            a, b = rng.integers(4, 200, 2)
            try:
                return trace_supply_paths(store, f"country:X{a:03d}", f"country:X{b:03d}",
                                          good=f"good {_letters(int(rng.integers(1, 300)))}", max_hops=3)
            except NoPath:
                return []

        for name, run, repeat in (("path China→Russia --good", planted, args.repeat),
                                  ("path random pair --good --max-hops 3", random_pair, args.repeat),
                                  ("corroborate (all claims)", lambda _: corroborate(store, min_reports=2),
                                   max(3, args.repeat // 5))):
            p50, p95 = _latencies(run, repeat)
            print(f"{name}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({repeat} runs)")


if __name__ == "__main__":
    main()
