"""Accuracy benchmark: extract the seed corpus and score it with ../shared/eval/score.py.

Usage: python bench/accuracy.py [--corpus DIR] [--gold FILE] [--out FILE]

Prints the scorer's figures (entity recall, boilerplate entities, supply P/R/F1, claim recall,
attribution accuracy) and exits with the scorer's status.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold_seeds.json")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "seeds_extract.json")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no seed corpus at {args.corpus}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from ingest.batch import extract_articles
    from ingest.read import discover, read_file
    from tradetrace.output import extraction_json

    started = time.perf_counter()
    files, _ = discover([args.corpus])
    articles = [a for path in files for a in read_file(path).articles]
    result = {"articles": [extraction_json(x) for x in extract_articles(articles)]}
    elapsed = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"extracted {len(articles)} articles in {elapsed:.1f}s -> {args.out}")
    scored = subprocess.run([sys.executable, str(args.scorer), str(args.gold), str(args.out)], check=False)
    return scored.returncode


if __name__ == "__main__":
    sys.exit(main())
