"""Throughput benchmark: ingest a corpus replicated to N articles, against a bare spaCy NER pass.

Usage: python bench/throughput.py [--articles 1000] [--workers 1] [--corpus seeds|dev|DIR] [--repeat 3]
                                  [--no-full]

The corpus (``seeds``: ``../shared/corpus``, the default; ``dev``: ``../shared/dev``; or any folder) is
replicated to ``--articles`` files, each copy with a distinct trailer line so its content hash (and
article id) differs. Then, for the same texts, each of ``--repeat`` rounds times:

- the **bare NER pass**, the denominator of the speed target: ``nlp.pipe(texts, batch_size=8)`` over
  every whole text with only the ``ner`` component enabled, on spaCy as installed (blis matrix
  products), the model loaded before the clock starts;
- the same pass with the model's matrix products on numpy's BLAS in one thread, as tradetrace runs the
  model (see ``ingest.annotate.use_numpy_blas``);
- the full ``tradetrace ingest`` into a new database, in a subprocess (so peak RSS is its own):
  process start, imports, model and gazetteer load, read, clean, annotate, extract, store,
  corroboration clusters, final checkpoint.

Once, after the first round: a pass of the model's whole default pipeline (tagger, parser, lemmatizer,
NER; left out with ``--no-full``) and a second ingest of the unchanged corpus (content hashes make it
a no-op). Each round prints its figures; the last lines give the ratio ingest / bare NER pass of every
round, its minimum and median, in wall-clock and in CPU time (which a busy machine disturbs less; with
several workers the CPU time adds up over the processes).
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def replicate(corpus: Path, target: Path, count: int) -> list[str]:
    """Write ``count`` article files cycling over the corpus; returns their texts."""
    sources = sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".md"})
    texts = []
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8") + f"\n\nArchive copy {index:05d}\n"
        (target / f"{index:05d}_{source.name}").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def bare_pass(texts: list[str], model: str | None, only_ner: bool, numpy_blas: bool = False) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``nlp.pipe`` over the texts: the NER component alone, or the model's
    whole default pipeline; on spaCy's own matrix products, or on numpy's BLAS in one thread."""
    sys.path.insert(0, str(ROOT))
    from ingest.annotate import load_nlp, single_thread_blas

    nlp = load_nlp(model, numpy_blas=numpy_blas)
    started, cpu = time.perf_counter(), time.process_time()
    with nlp.select_pipes(enable=["ner"] if only_ner else nlp.pipe_names), \
            single_thread_blas() if numpy_blas else contextlib.nullcontext():
        for _ in nlp.pipe(texts, batch_size=8):
            pass
    return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_ingest(folder: Path, db: Path, workers: int) -> tuple[float, float, float, int]:
    """Wall-clock seconds, CPU seconds (all its processes), peak RSS (MiB) and refused articles (the
    ``error:`` lines it printed) of one `tradetrace ingest` subprocess. Exit status 1 (some articles
    refused, the rest stored) counts as done; any other failure raises."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "tradetrace", "ingest", str(folder), "--db", str(db),
                           "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode not in (0, 1):
        raise subprocess.CalledProcessError(done.returncode, done.args, stderr=done.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    refused = sum(line.lower().startswith("error:") for line in done.stderr.splitlines())
    return elapsed, cpu, max(peak, before) / 1024, refused


CORPORA = {"seeds": SHARED / "corpus", "dev": SHARED / "dev"}


def _corpus(value: str) -> Path:
    return CORPORA.get(value, Path(value))


def _ratios(name: str, values: list[float]) -> str:
    shown = ", ".join(f"{v:.2f}" for v in values)
    return f"{name}: min {min(values):.2f}, median {statistics.median(values):.2f} (rounds: {shown})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", type=_corpus, default=CORPORA["seeds"],
                        help="seeds (../shared/corpus), dev (../shared/dev) or a folder")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the NER passes and the ingest")
    parser.add_argument("--no-full", action="store_true", help="leave out the whole-pipeline pass")
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tt-bench-"))
    try:
        folder = work / "articles"
        folder.mkdir()
        texts = replicate(args.corpus, folder, args.articles)
        chars = sum(map(len, texts))
        print(f"corpus: {args.corpus}; articles: {args.articles} ({chars / 1e6:.1f}M chars), "
              f"workers: {args.workers}", flush=True)
        wall: list[float] = []
        cpu: list[float] = []
        same_cpu_ratios: list[float] = []
        peaks: list[float] = []
        for round_ in range(1, args.repeat + 1):
            ner_s, ner_cpu = bare_pass(texts, args.model, only_ner=True)
            same_s, same_cpu = bare_pass(texts, args.model, only_ner=True, numpy_blas=True)
            db = work / f"bench{round_}.db"
            ingest_s, ingest_cpu, rss, refused = timed_ingest(folder, db, args.workers)
            wall.append(ingest_s / ner_s)
            cpu.append(ingest_cpu / ner_cpu)
            same_cpu_ratios.append(ingest_cpu / same_cpu)
            peaks.append(rss)
            print(f"round {round_}: bare NER pass (nlp.pipe, ner only) {ner_s:.1f}s ({ner_cpu:.1f}s CPU), "
                  f"{args.articles / ner_s:.1f} articles/s; same on numpy BLAS in one thread {same_s:.1f}s "
                  f"({same_cpu:.1f}s CPU); tradetrace ingest {ingest_s:.1f}s ({ingest_cpu:.1f}s CPU), "
                  f"{args.articles / ingest_s:.1f} articles/s, peak RSS {rss:.0f} MiB, {refused} refused; "
                  "ratio ingest / bare NER "
                  f"{ingest_s / ner_s:.2f} wall-clock, {ingest_cpu / ner_cpu:.2f} CPU", flush=True)
            if round_ == 1:
                if not args.no_full:
                    full_s, full_cpu = bare_pass(texts, args.model, only_ner=False)
                    print(f"whole default spaCy pipeline (nlp.pipe, all components): {full_s:.1f}s "
                          f"({full_cpu:.1f}s CPU); ratio ingest / whole pipeline {ingest_s / full_s:.2f} "
                          "wall-clock", flush=True)
                again_s, _, _, _ = timed_ingest(folder, db, args.workers)
                print(f"re-ingest unchanged: {again_s:.1f}s = {100 * again_s / ingest_s:.1f}% of first ingest",
                      flush=True)
            for stored in work.glob(f"{db.name}*"):  # the database and its write-ahead log
                shutil.rmtree(stored) if stored.is_dir() else stored.unlink()
        print(_ratios("ratio ingest / bare NER pass, wall-clock", wall))
        print(_ratios("ratio ingest / bare NER pass, CPU", cpu))
        print(_ratios("ratio ingest / bare NER pass on numpy BLAS, CPU", same_cpu_ratios))
        print(f"peak RSS of the ingest: max {max(peaks):.0f} MiB (rounds: {', '.join(f'{p:.0f}' for p in peaks)})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
