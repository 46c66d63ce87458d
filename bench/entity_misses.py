"""Recognition misses: per article, the gold entities the extraction did not name, and the gold supply
flows it missed with which of their parts (supplier, good, recipient) it did not recognise at all.

Usage::

    python bench/entity_misses.py CORPUS_DIR GOLD.json [--prefix a] [--extraction FILE]

Names are matched with the scorer's own folding (``../shared/eval/score.py``'s ``fold``), so a miss here is a
miss there. ``--extraction`` reads an extraction JSON already written (``bench/accuracy.py`` leaves one in
``bench/out``) instead of extracting the corpus again. A flow part marked ``*`` is not among the article's
entities: the flow cannot be found until that name is recognised. Predicted flows the gold lacks are listed
too (``extra``), to see what a recognition change costs in precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the project on the path
from bench.gold import SHARED, extract_corpus, scorer_fold


def _report(name: str, gold: dict[str, Any], art: dict[str, Any], fold: Callable[[str | None], str]) -> list[str]:
    names = {fold(e.get("name")): e for e in art.get("entities", [])}
    lines: list[str] = []
    missed = [e for e in gold["entities"] if fold(e) not in names]
    if missed:
        lines.append("  entities missed: " + "; ".join(missed))
    found_forbidden = [f for f in gold.get("forbidden", []) if fold(f) in names]
    if found_forbidden:
        lines.append("  BOILERPLATE found: " + "; ".join(found_forbidden))
    predicted = {(fold(s.get("supplier")), fold(s.get("good")), fold(s.get("recipient"))): s
                 for s in art.get("supply", [])}
    gold_keys = set()
    for flow in gold["supply"]:
        key = (fold(flow["supplier"]), fold(flow["good"]), fold(flow["recipient"]))
        gold_keys.add(key)
        if key in predicted:
            continue
        parts = []
        for value in (flow["supplier"], flow["good"], flow["recipient"]):
            mark = "" if fold(value) in names else "*"
            parts.append(f"{value}{mark}")
        lines.append("  flow missed: " + " -> ".join(parts))
    for key, flow in predicted.items():
        if key not in gold_keys:
            lines.append(f"  extra: {flow.get('supplier')} -> {flow.get('good')} -> {flow.get('recipient')}"
                         f"   [{(flow.get('evidence') or {}).get('text', '')[:90]}]")
    return [f"{name}", *lines] if lines else []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--prefix", default="", help="only articles whose file names start with this")
    parser.add_argument("--extraction", type=Path, help="an extraction JSON to read instead of extracting")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    args = parser.parse_args(argv)
    fold = scorer_fold(args.scorer)
    gold = {k: v for k, v in json.loads(args.gold.read_text(encoding="utf-8"))["articles"].items()
            if k.startswith(args.prefix)}
    if args.extraction is not None:
        extraction = json.loads(args.extraction.read_text(encoding="utf-8"))
    else:
        extraction = extract_corpus(args.corpus, args.prefix)
    by_name = {str(a.get("path", "")).rsplit("/", 1)[-1]: a for a in extraction["articles"]}
    for name in sorted(gold):
        for line in _report(name, gold[name], by_name.get(name, {}), fold):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
