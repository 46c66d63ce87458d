"""Store write benchmark: seconds per 100 articles of ``LadybugStore.write_many``, on an empty database and
on one that already holds ``--grown`` articles.

Usage: ``python -m bench.store_write [--extractions /tmp/tradetrace_store_batch.pkl] [--grown 1000] [--repeat 5]``
(from the project root; ``--bulk-off`` times the MERGE-only reference path instead), or
``python -m bench.store_write --transactions 128,512,1024 --total 1024``: for each transaction size, the
seconds to fill an empty database with ``--total`` articles in transactions of that many articles, the
final checkpoint at closing included (how ``tradetrace ingest`` should size its transactions).

The input is a pickled ``list[Extraction]`` (one write batch). When the file does not exist it is made
by extracting the seed corpus (``../shared/corpus``) replicated to ``--articles`` articles, as
``bench/throughput.py`` does, and saved there for the next run. Each timed write gets a fresh copy of
the batch whose article, flow, claim and mention ids are rewritten (they all hash in the article id), so
every write stores new articles while its entities are the same ones again, as in a real ingest.

Prints, per 100 articles: ``--repeat`` writes into fresh empty databases; the filling of one database up
to ``--grown`` articles, batch after batch (the sustained rate, checkpoints included); then ``--repeat``
more writes into that grown database. The engine checkpoints when its write-ahead log passes 16 MiB,
every other batch or so, and a checkpoint costs seconds on a grown store: single writes vary a lot, so
the median, the mean and the range are all printed.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph.ladybug_store import LadybugStore
from ontology.ids import make_id
from ontology.records import Evidence, Extraction

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def relabel(extraction: Extraction, tag: str) -> Extraction:
    """A copy of ``extraction`` posing as another article: every id that hashes in the article id is
    hashed again with ``tag``; entities are untouched."""
    old = extraction.article.id
    new = make_id("article", old, tag)
    flows = {f.id: make_id("flow", f.id, tag) for f in extraction.supply}

    def moved(evidence: Evidence) -> Evidence:
        return evidence.model_copy(update={"article_id": new if evidence.article_id == old else evidence.article_id})

    return extraction.model_copy(update={
        "article": extraction.article.model_copy(update={"id": new}),
        "mentions": tuple(m.model_copy(update={"id": make_id("mention", m.id, tag), "evidence": moved(m.evidence)})
                          for m in extraction.mentions),
        "supply": tuple(f.model_copy(update={"id": flows[f.id], "evidence": moved(f.evidence)})
                        for f in extraction.supply),
        "claims": tuple(c.model_copy(update={"id": make_id("claim", c.id, tag), "evidence": moved(c.evidence),
                                             "supply_ids": tuple(flows.get(s, s) for s in c.supply_ids)})
                        for c in extraction.claims),
    })


def load_batch(path: Path, articles: int) -> list[Extraction]:
    """The pickled batch at ``path``, extracted from the seed corpus (and saved) when it does not exist."""
    if path.exists():
        with path.open("rb") as handle:
            batch: list[Extraction] = pickle.load(handle)
        return batch
    from bench.throughput import replicate
    from ingest.pipeline import Pipeline
    from ingest.read import read_file

    work = Path(tempfile.mkdtemp(prefix="tt-bench-"))
    try:
        replicate(SHARED / "corpus", work, articles)
        read = [a for p in sorted(work.iterdir()) for a in read_file(p).articles]
        batch = list(Pipeline().extract_many(read))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(batch, handle)
    return batch


def timed_write(store: LadybugStore, batch: list[Extraction]) -> float:
    """Seconds per 100 articles for one ``write_many`` of ``batch`` (which must all be new)."""
    started = time.perf_counter()
    summaries = store.write_many(batch)
    elapsed = time.perf_counter() - started
    assert not any(s.skipped for s in summaries), "the timed batch was already stored"
    return 100 * elapsed / len(batch)


def report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times):.3f} s per 100 articles, mean {statistics.mean(times):.3f} "
          f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} writes)")


def fill_in_transactions(work: Path, batch: list[Extraction], size: int, total: int, bulk: bool) -> float:
    """Seconds to write ``total`` new articles (copies of ``batch``) into an empty database in transactions
    of ``size`` articles, closing included; the copies are made before the clock starts."""
    copies = [relabel(x, f"fill-{n}") for n, x in zip(range(total), itertools.cycle(batch))]
    started = time.perf_counter()
    with LadybugStore(work / f"fill-{size}.db", bulk=bulk) as store:
        for start in range(0, total, size):
            store.write_many(copies[start:start + size])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extractions", type=Path, default=Path(tempfile.gettempdir()) / "tradetrace_store_batch.pkl",
                        help="Pickled list[Extraction], the write batch (made from the seed corpus if absent).")
    parser.add_argument("--articles", type=int, default=100, help="Batch size when the batch has to be made.")
    parser.add_argument("--grown", type=int, default=1000, help="Articles stored before the grown-db writes.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed writes per case.")
    parser.add_argument("--bulk-off", action="store_true", help="Time the MERGE-only path (bulk=False).")
    parser.add_argument("--transactions", default="", help="Comma-separated transaction sizes (articles) to fill "
                                                           "an empty db with --total articles in.")
    parser.add_argument("--total", type=int, default=1024, help="Articles per fill with --transactions.")
    args = parser.parse_args()
    bulk = not args.bulk_off
    batch = load_batch(args.extractions, args.articles)
    print(f"batch: {len(batch)} articles, {sum(len(x.mentions) for x in batch)} mentions, "
          f"{sum(len(x.supply) for x in batch)} flows, {sum(len(x.claims) for x in batch)} claims")
    work = Path(tempfile.mkdtemp(prefix="tt-store-bench-"))
    try:
        if args.transactions:
            for size in (int(n) for n in args.transactions.split(",")):
                seconds = fill_in_transactions(work, batch, size, args.total, bulk)
                print(f"{args.total} articles in transactions of {size}: {seconds:.1f} s")
            return 0
        empty = []
        for run in range(args.repeat):
            with LadybugStore(work / f"empty-{run}.db", bulk=bulk) as store:
                empty.append(timed_write(store, [relabel(x, f"empty-{run}") for x in batch]))
        report("empty db", empty)
        with LadybugStore(work / "grown.db", bulk=bulk) as store:
            filled, fill = 0, []
            while filled < args.grown:
                chunk = [relabel(x, f"fill-{filled + i}") for i, x in enumerate(batch[:args.grown - filled])]
                fill.append(timed_write(store, chunk))
                filled += len(chunk)
            report(f"filling an empty db to {filled} articles", fill)
            grown = [timed_write(store, [relabel(x, f"grown-{run}") for x in batch]) for run in range(args.repeat)]
        report(f"db holding {filled}+ articles", grown)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
