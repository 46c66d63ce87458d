"""Accuracy benchmark: extract the seed and development corpora and score them with ../shared/eval/score.py.

Usage::

    python bench/accuracy.py                      # seeds, dev (whole), dev a*, dev b*: every figure
    python bench/accuracy.py --only seeds dev-a   # some of them
    python bench/accuracy.py --corpus DIR --gold FILE [--out FILE]   # one corpus of your own

Each corpus is extracted once; the development corpus's halves are scored from the same extraction
(the gold and the extraction cut down to the files whose names start with ``a`` or ``b``). For every
set the scorer's own lines are printed (entity recall, boilerplate entities, supply P/R/F1, claim recall,
attribution accuracy), then one table of all sets. Exits 1 when the scorer fails on any set (a missing
article, a ``--min-*`` not met), 2 when a corpus or gold file is missing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT_DIR = ROOT / "bench" / "out"
MEASURES = ("entity_recall", "boilerplate_entities", "supply_precision", "supply_recall", "supply_f1",
            "claim_recall", "attribution_accuracy")


@dataclass(frozen=True)
class ScoredSet:
    """One set to score: its name, the corpus it comes from, its gold file, and the file-name prefix that
    selects its articles from the corpus's extraction (``""``: all)."""

    name: str
    corpus: Path
    gold: Path
    prefix: str = ""


def _standard_sets() -> dict[str, ScoredSet]:
    gold_dev = SHARED / "eval" / "gold_dev.json"
    return {
        "seeds": ScoredSet("seeds", SHARED / "corpus", SHARED / "eval" / "gold_seeds.json"),
        "dev": ScoredSet("dev", SHARED / "dev", gold_dev),
        "dev-a": ScoredSet("dev-a", SHARED / "dev", gold_dev, "a"),
        "dev-b": ScoredSet("dev-b", SHARED / "dev", gold_dev, "b"),
    }


def _extract(corpus: Path) -> tuple[dict[str, Any], float, int]:
    sys.path.insert(0, str(ROOT))
    from ingest.batch import extract_articles
    from ingest.read import discover, read_file
    from tradetrace.output import extraction_json

    started = time.perf_counter()
    files, _ = discover([corpus])
    articles = [a for path in files for a in read_file(path).articles]
    result = {"articles": [extraction_json(x) for x in extract_articles(articles)]}
    return result, time.perf_counter() - started, len(articles)


def _name(path: object) -> str:
    return str(path).rsplit("/", 1)[-1]


def _score(scorer: Path, chosen: ScoredSet, extraction: dict[str, Any], mins: Sequence[str],
           tmp: Path) -> tuple[int, dict[str, str], str]:
    """Run the scorer on one set; returns its exit status, its figures by measure and its printed lines."""
    gold = json.loads(chosen.gold.read_text(encoding="utf-8"))
    gold["articles"] = {name: art for name, art in gold["articles"].items() if name.startswith(chosen.prefix)}
    kept = {"articles": [a for a in extraction["articles"] if _name(a.get("path", "")).startswith(chosen.prefix)]}
    gold_path, out_path = tmp / f"{chosen.name}.gold.json", tmp / f"{chosen.name}.extract.json"
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out_path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(scorer), str(gold_path), str(out_path), *mins],
                          check=False, capture_output=True, text=True)
    figures: dict[str, str] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(": ")
        if key in MEASURES:
            figures[key] = value.strip()
    return done.returncode, figures, done.stdout + done.stderr


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(_standard_sets()), help="score only these sets")
    parser.add_argument("--corpus", type=Path, help="score this corpus instead (with --gold)")
    parser.add_argument("--gold", type=Path, help="gold file for --corpus")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--out", type=Path, help="with --corpus: where to write the extraction JSON")
    parser.add_argument("--min", nargs=2, action="append", default=[], metavar=("MEASURE", "X"),
                        help="passed to the scorer as --min-MEASURE X (e.g. --min attribution 0.7)")
    args = parser.parse_args(argv)
    if (args.corpus is None) != (args.gold is None):
        parser.error("--corpus and --gold go together")
    if args.corpus is not None:
        sets = [ScoredSet(args.corpus.name, args.corpus, args.gold)]
    else:
        standard = _standard_sets()
        sets = [standard[name] for name in (args.only or standard)]
    for chosen in sets:
        for path, what in ((chosen.corpus, "corpus"), (chosen.gold, "gold file"), (args.scorer, "scorer")):
            if not path.exists():
                print(f"no {what} at {path}", file=sys.stderr)
                return 2
    mins = [item for measure, value in args.min for item in (f"--min-{measure}", value)]
    extractions: dict[Path, dict[str, Any]] = {}
    status = 0
    table: list[tuple[str, dict[str, str]]] = []
    with tempfile.TemporaryDirectory() as tmp_dir:
        for chosen in sets:
            if chosen.corpus not in extractions:
                result, elapsed, count = _extract(chosen.corpus)
                extractions[chosen.corpus] = result
                out = args.out or OUT_DIR / f"{chosen.corpus.name}_extract.json"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
                print(f"extracted {count} articles of {chosen.corpus} in {elapsed:.1f}s -> {out}")
            code, figures, printed = _score(args.scorer, chosen, extractions[chosen.corpus], mins, Path(tmp_dir))
            print(f"== {chosen.name}")
            print(printed.rstrip())
            table.append((chosen.name, figures))
            status = max(status, code)
    print()
    short = {"entity_recall": "entity_R", "boilerplate_entities": "boilerpl", "supply_precision": "supply_P",
             "supply_recall": "supply_R", "supply_f1": "supply_F1", "claim_recall": "claim_R",
             "attribution_accuracy": "attrib"}
    print(f"{'set':<8}" + "".join(f"{short[m]:>10}" for m in MEASURES))
    for name, figures in table:
        print(f"{name:<8}" + "".join(f"{figures.get(m, '-'):>10}" for m in MEASURES))
    return status


if __name__ == "__main__":
    sys.exit(main())
