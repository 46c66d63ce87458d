"""Latency of the investigation queries on the synthetic graph (:mod:`bench.synthetic`).

Builds the graph (or reuses ``--db`` with ``--reuse``), stores its corroboration clusters (all claims
decided once; on a reused store only the claims without a cluster), then times
``trace_supply_paths`` (China → Russia for one good, and random goods between random countries),
``trace_provenance`` of random claims (a look-up of the stored cluster), the full ``corroborate`` listing
(clusters of two reports or more: as a table shows them, then with every claim), and the ingest of 100
new articles into the grown store with the clusters brought up to date.

Run small: ``python -m bench.queries --scale 0.01``; the full benchmark (≥ 1M supply legs, 100k claims,
20k articles): ``python -m bench.queries --scale 1 --json``. With ``--json`` the last line printed is one
JSON object with ``build_s``, ``clusters_s``, ``path_p50_ms``, ``path_p95_ms``, ``provenance_p50_ms``,
``provenance_p95_ms``, ``corroborate_s`` (the listing a table shows, read from the Cluster nodes),
``corroborate_claims_s`` (the same with every claim, as JSON shows it), ``ingest_100_articles_s`` and
``ingest_100_clusters_s`` (the incremental cluster update within it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.synthetic import _letters, build_synthetic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _latencies(run: Callable[[int], object], repeat: int) -> tuple[float, float]:
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times), float(np.percentile(times, 95))


def _new_articles(folder: Path, count: int) -> None:
    """``count`` articles never stored: our example articles, each copy with its own dateline note (so its
    content hash, and every id under it, is new)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    for i in range(count):
        text = texts[i % len(texts)]
        title, _, body = text.partition("\n")
        (folder / f"article-{i:03d}.txt").write_text(f"{title}\n\nUpdated, edition {i}.\n{body}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench/synthetic.db"))
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--reuse", action="store_true", help="Use an existing --db instead of rebuilding it.")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object, last.")
    args = parser.parse_args()

    from graph.ladybug_store import LadybugStore
    from ingest.run import ingest_paths
    from ontology.errors import NoPath
    from queries.clusters import corroborated, listed_clusters, refresh_clusters
    from queries.paths import trace_supply_paths
    from queries.provenance import trace_provenance
    from tradetrace.options import packaged_reference

    REFERENCE = packaged_reference()

    figures: dict[str, float] = {}
    if not (args.reuse and args.db.exists()):
        started = time.perf_counter()
        counts = build_synthetic(args.db, args.scale)
        figures["build_s"] = time.perf_counter() - started
        print(f"build: {figures['build_s']:.1f}s {counts}")
    with LadybugStore(args.db) as store:
        started = time.perf_counter()
        update = refresh_clusters(store, vocabulary=REFERENCE.vocabulary)
        figures["clusters_s"] = time.perf_counter() - started
        print(f"clusters stored: {figures['clusters_s']:.1f}s ({update.clusters} clusters, {update.added} added)")
    rng = np.random.default_rng(1)
    with LadybugStore(args.db, read_only=True) as store:
        routes = trace_supply_paths(store, "China", "Russia", good="ball bearings", reference=REFERENCE)
        print(f"China→Russia ball bearings: {len(routes)} route(s), first through {routes[0].through}")
        claim_ids = [row[0] for row in store.query("MATCH (c:Claim) RETURN c.id").rows]

        def planted(_: int) -> object:
            return trace_supply_paths(store, "China", "Russia", good="ball bearings", reference=REFERENCE)

        def random_pair(_: int) -> object:
            a, b = rng.integers(4, 200, 2)
            try:
                return trace_supply_paths(store, f"country:X{a:03d}", f"country:X{b:03d}",
                                          good=f"good {_letters(int(rng.integers(1, 300)))}", max_hops=3,
                                          reference=REFERENCE)
            except NoPath:
                return []

        def provenance(_: int) -> object:
            return trace_provenance(store, claim_ids[int(rng.integers(0, len(claim_ids)))],
                                    vocabulary=REFERENCE.vocabulary)

        results: dict[str, tuple[float, float]] = {}
        for name, run, repeat in (("path China→Russia --good", planted, args.repeat),
                                  ("path random pair --good --max-hops 3", random_pair, args.repeat),
                                  ("provenance (random claim)", provenance, args.repeat)):
            results[name] = p50, p95 = _latencies(run, repeat)
            print(f"{name}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({repeat} runs)")
        started = time.perf_counter()
        rows = listed_clusters(store, min_reports=2) or []
        figures["corroborate_s"] = time.perf_counter() - started
        print(f"corroborate (full listing, --min-reports 2, table/csv: the Cluster nodes): "
              f"{figures['corroborate_s']:.2f}s, {len(rows)} clusters")
        started = time.perf_counter()
        listed = corroborated(store, min_reports=2, vocabulary=REFERENCE.vocabulary)
        figures["corroborate_claims_s"] = time.perf_counter() - started
        print(f"corroborate (full listing with every claim, as --format json needs): "
              f"{figures['corroborate_claims_s']:.2f}s, {len(listed)} clusters")
    path_times = results["path China→Russia --good"], results["path random pair --good --max-hops 3"]
    figures["path_p50_ms"] = 1000 * max(p50 for p50, _ in path_times)
    figures["path_p95_ms"] = 1000 * max(p95 for _, p95 in path_times)
    figures["provenance_p50_ms"] = 1000 * results["provenance (random claim)"][0]
    figures["provenance_p95_ms"] = 1000 * results["provenance (random claim)"][1]

    with tempfile.TemporaryDirectory() as folder, LadybugStore(args.db) as store:
        _new_articles(Path(folder), 100)
        started = time.perf_counter()
        report = ingest_paths([Path(folder)], store)
        extracted = time.perf_counter() - started
        update = refresh_clusters(store, vocabulary=REFERENCE.vocabulary)
        total = figures["ingest_100_articles_s"] = time.perf_counter() - started
        figures["ingest_100_clusters_s"] = total - extracted
        print(f"ingest of 100 new articles: {total:.1f}s ({report.written} written; "
              f"read, extract and store {extracted:.1f}s, clusters {total - extracted:.1f}s: "
              f"{update.redecided} claims decided, {update.added} clusters added, {update.removed} removed)")
    if args.json:
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
