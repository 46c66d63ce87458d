"""Throughput benchmark: ingest the seed corpus replicated to N articles, against a bare spaCy NER pass.

Usage: python bench/throughput.py [--articles 1000] [--workers 1] [--corpus DIR]

Each copy gets a distinct trailer line so its content hash (and article id) differs. Prints, for the
same texts: a bare ``nlp.pipe`` pass with only the NER component enabled, of spaCy as installed (the
baseline of the speed target) and again with the model's matrix products on numpy's BLAS in one thread,
as tradetrace runs it (see ``ingest.annotate.use_numpy_blas``); a pass of the model's whole default
pipeline (tagger, parser, lemmatizer, NER); the full ``tradetrace ingest`` (read, clean, annotate,
extract, store; in a subprocess, so peak RSS is its own); the ratios (wall-clock, and CPU time, which a
busy machine disturbs less; with several workers the CPU time adds up over the processes); and a second
ingest of the unchanged corpus (content hashes make it a no-op).
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shutil
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


def timed_ingest(folder: Path, db: Path, workers: int) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds (all its processes) and peak RSS (MiB) of one `tradetrace ingest`
    subprocess."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-m", "tradetrace", "ingest", str(folder), "--db", str(db),
                    "--workers", str(workers)], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, cpu, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
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
        ner_s, ner_cpu = bare_pass(texts, args.model, only_ner=True)
        same_s, same_cpu = bare_pass(texts, args.model, only_ner=True, numpy_blas=True)
        full_s, full_cpu = bare_pass(texts, args.model, only_ner=False)
        ingest_s, ingest_cpu, rss = timed_ingest(folder, work / "bench.db", args.workers)
        again_s, _, _ = timed_ingest(folder, work / "bench.db", args.workers)
        print(f"articles: {args.articles} ({chars / 1e6:.1f}M chars), workers: {args.workers}")
        print(f"bare NER pass (nlp.pipe, ner only): {ner_s:.1f}s ({ner_cpu:.1f}s CPU), "
              f"{args.articles / ner_s:.1f} articles/s")
        print(f"bare NER pass, numpy BLAS in one thread as tradetrace runs the model: {same_s:.1f}s "
              f"({same_cpu:.1f}s CPU), {args.articles / same_s:.1f} articles/s")
        print(f"whole default spaCy pipeline (nlp.pipe, all components): {full_s:.1f}s ({full_cpu:.1f}s CPU), "
              f"{args.articles / full_s:.1f} articles/s")
        print(f"tradetrace ingest: {ingest_s:.1f}s ({ingest_cpu:.1f}s CPU), {args.articles / ingest_s:.1f} "
              f"articles/s, peak RSS {rss:.0f} MiB")
        print(f"ratio ingest / bare NER: {ingest_s / ner_s:.2f} wall-clock, {ingest_cpu / ner_cpu:.2f} CPU; "
              f"ingest / whole spaCy pipeline: {ingest_s / full_s:.2f} wall-clock")
        print(f"ratio ingest / bare NER on the same BLAS: {ingest_s / same_s:.2f} wall-clock, "
              f"{ingest_cpu / same_cpu:.2f} CPU")
        print(f"re-ingest unchanged: {again_s:.1f}s = {100 * again_s / ingest_s:.1f}% of first ingest")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
