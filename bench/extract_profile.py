"""Rule-extractor benchmark: time entity, supply and claim extraction apart from annotation.

Usage: python bench/extract_profile.py [--articles 100] [--repeat 3] [--corpus DIR] [--profile [N]]
       python bench/extract_profile.py --stages [--articles 200] [--corpus seeds|dev|DIR]

The seed corpus is replicated to ``--articles`` articles as in ``bench/throughput.py`` (each copy with a
distinct trailer line) and read with :func:`ingest.read.read_file`. Annotation (``Annotator.pipe``) runs
once, outside the timing; then ``extract_entities``, ``extract_supply`` and ``extract_claims`` run over all
the annotated docs ``--repeat`` times, and the best time of each stage is printed, in seconds, in
milliseconds per article and as a share of a bare ``nlp.pipe`` NER pass over the same texts (the
reference of the ingest speed target). Each repeat starts from the docs as annotation left them
(``doc.user_data`` restored), so caches kept on a doc never carry over from one repeat to the next.
``--profile N`` also runs one pass under cProfile and prints its N costliest functions by cumulative time.

``--stages`` instead runs ``tradetrace ingest`` once in this process (the command itself, into a new
database) with a CPU clock around each of its stages — imports, reading, model and gazetteer load,
tokenizing, sentence split and gazetteer match, NER, the parse gate, the parse, the entity, supply and
claim extractors, record assembly, store writes, corroboration clusters — and prints each stage's CPU
seconds beside a bare NER pass over the same texts (as ``bench/throughput.py`` defines it), so a share
of the speed target can be read per stage. The clocks nest nowhere: the gate is taken out of the parse,
the extractors out of record assembly.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

STAGES = ("entities", "supply", "claims")


def _annotate(folder: Path) -> tuple[Any, list[Any]]:
    """The pipeline and ``(article, doc, matches, saved user_data)`` for each article file in ``folder``."""
    from ingest.clean import mask
    from ingest.pipeline import Pipeline
    from ingest.read import discover, read_file

    files, _ = discover([folder])
    articles = [a for path in files for a in read_file(path).articles]
    pipeline = Pipeline()
    texts = (mask(article.text, article.boilerplate) for article in articles)
    annotated = pipeline.annotator.pipe(texts, batch_size=8)
    return pipeline, [(article, doc, matches, dict(doc.user_data))
                      for article, (doc, matches) in zip(articles, annotated, strict=True)]


def _run(pipeline: Any, docs: list[Any], times: dict[str, float]) -> None:
    """One pass of the three extractors over every doc, adding each stage's seconds to ``times``."""
    from ingest.annotate import doc_text
    from ingest.extract.context import Annotated
    from ingest.extract.entities import extract_entities

    for article, doc, matches, saved in docs:
        doc.user_data.clear()
        doc.user_data.update(saved)
        started = time.perf_counter()
        findings = extract_entities(doc, article, matches, pipeline.gazetteer, pipeline.model, pipeline.lexicons)
        annotated = Annotated(article, doc, findings, pipeline.gazetteer, pipeline.model, doc_text(doc),
                              pipeline.lexicons)
        entities_done = time.perf_counter()
        supply = pipeline.supply(annotated)
        supply_done = time.perf_counter()
        pipeline.claims(annotated, supply)
        claims_done = time.perf_counter()
        times["entities"] += entities_done - started
        times["supply"] += supply_done - entities_done
        times["claims"] += claims_done - supply_done


def _bare_ner(texts: list[str]) -> float:
    from bench.throughput import bare_pass

    return bare_pass(texts, None, only_ner=True)[0]  # wall-clock seconds


_STAGE_ORDER = ("imports", "read", "model and gazetteer load", "tokenize", "sentences and gazetteer match",
                "NER", "parse gate", "parse (tok2vec, tagger, parser, attribute tables)", "extract: entities",
                "extract: supply", "extract: claims", "records", "store writes", "corroboration clusters",
                "rest (CLI, store open, checkpoint)")


def _clocked(owner: Any, name: str, stage: str, times: dict[str, float],
             inner: tuple[str, ...] = ()) -> None:
    """Replace ``owner.name`` by a wrapper adding its CPU seconds to ``times[stage]``, less the time the
    stages in ``inner`` (clocked inside it) took meanwhile."""
    original = getattr(owner, name)

    def clocked(*args: Any, **kwargs: Any) -> Any:
        nested = sum(times[i] for i in inner)
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            times[stage] += time.process_time() - started - (sum(times[i] for i in inner) - nested)

    setattr(owner, name, clocked)


def stage_times(folder: Path, db: Path) -> dict[str, float]:
    """CPU seconds of each stage of one in-process ``tradetrace ingest folder --db db``."""
    times = dict.fromkeys(_STAGE_ORDER, 0.0)
    started = time.process_time()
    import graph.ladybug_store as store_module
    import ingest.annotate as annotate
    import ingest.extract.supply.frames as supply_frames
    import ingest.pipeline as pipeline
    import ingest.run as run
    import queries.clusters as clusters
    from tradetrace.app import app

    times["imports"] = time.process_time() - started
    extractors = ("extract: entities", "extract: supply", "extract: claims")
    _clocked(run, "read_paths", "read", times)
    _clocked(pipeline.Pipeline, "__init__", "model and gazetteer load", times)
    _clocked(annotate, "make_doc", "tokenize", times)
    _clocked(annotate.Annotator, "_split", "sentences and gazetteer match", times)
    _clocked(annotate.Annotator, "_recognise", "NER", times)
    _clocked(pipeline.Pipeline, "_needs_parse", "parse gate", times)
    _clocked(annotate.Annotator, "_parse_selected", "parse (tok2vec, tagger, parser, attribute tables)", times,
             ("parse gate",))
    _clocked(pipeline, "extract_entities", "extract: entities", times)
    _clocked(supply_frames.RuleSupplyExtractor, "__call__", "extract: supply", times)
    _clocked(pipeline, "extract_claims", "extract: claims", times)
    _clocked(pipeline.Pipeline, "_from_doc", "records", times, extractors)
    _clocked(store_module.LadybugStore, "write_many", "store writes", times)
    _clocked(clusters, "refresh_clusters", "corroboration clusters", times)
    if hasattr(run, "refresh_clusters"):  # where ingest itself stores the clusters
        _clocked(run, "refresh_clusters", "corroboration clusters", times)
    command = time.process_time()
    try:
        app(["ingest", str(folder), "--db", str(db)], standalone_mode=False)
    finally:
        whole = time.process_time() - command
        times["rest (CLI, store open, checkpoint)"] = whole - sum(
            v for k, v in times.items() if k not in ("imports", "rest (CLI, store open, checkpoint)"))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--profile", type=int, nargs="?", const=40, default=0, metavar="N")
    parser.add_argument("--stages", action="store_true", help="CPU seconds of each stage of one ingest")
    args = parser.parse_args()
    args.corpus = {"seeds": SHARED / "corpus", "dev": SHARED / "dev"}.get(str(args.corpus), args.corpus)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from bench.throughput import bare_pass, replicate

    work = Path(tempfile.mkdtemp(prefix="tt-extract-"))
    if args.stages:
        try:
            folder = work / "articles"
            folder.mkdir()
            texts = replicate(args.corpus, folder, args.articles)
            times = stage_times(folder, work / "stages.db")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        ner_cpu = bare_pass(texts, None, only_ner=True)[1]
        total = sum(times.values())
        print(f"corpus: {args.corpus}; articles: {args.articles}; bare NER pass: {ner_cpu:.2f}s CPU; "
              f"ingest in this process: {total:.2f}s CPU = {total / ner_cpu:.2f}x")
        for stage in _STAGE_ORDER:
            print(f"{stage:>50}: {times[stage]:6.2f}s  {times[stage] / ner_cpu:5.3f}x NER")
        return 0
    try:
        texts = replicate(args.corpus, work, args.articles)
        pipeline, docs = _annotate(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(args.repeat):
        times = dict.fromkeys(STAGES, 0.0)
        _run(pipeline, docs, times)
        best = {stage: min(best[stage], times[stage]) for stage in STAGES}
    ner_s = _bare_ner(texts)
    count = len(docs)
    print(f"articles: {count}, best of {args.repeat} passes; bare NER pass: {ner_s:.2f}s")
    for stage in (*STAGES, "total"):
        seconds = sum(best.values()) if stage == "total" else best[stage]
        print(f"{stage:>9}: {seconds:6.2f}s  {1000 * seconds / count:6.1f} ms/article  "
              f"{seconds / ner_s:5.3f}x NER")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        _run(pipeline, docs, dict.fromkeys(STAGES, 0.0))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
