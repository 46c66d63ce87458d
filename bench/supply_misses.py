"""Supply diagnostics: per article, the gold flows an extraction misses and the flows it adds.

Usage::

    python bench/supply_misses.py --corpus DIR --gold FILE [--prefix a] [--extraction FILE]

The corpus is extracted (or ``--extraction``, a JSON file as ``bench/accuracy.py`` writes it, is read
instead) and compared with the gold file under the scorer's own matching: triples (supplier, good,
recipient) folded by ``fold`` of ``../shared/eval/score.py`` (case, punctuation, plural "s", synonym
classes). ``--prefix`` keeps the articles whose file names start with it. For each article it prints the
missed gold triples (with, as a hint, the extracted flows that share the good or both parties) and the
extracted triples the gold lacks (with their evidence sentence), then the totals.
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

Triple = tuple[str, str, str]


def _name(path: object) -> str:
    return str(path).rsplit("/", 1)[-1]


def _report(name: str, gold: dict[str, Any], predicted: Sequence[dict[str, Any]],
            fold: Callable[[str | None], str]) -> tuple[int, int, int]:
    """Print one article's misses and extras; returns (true positives, predicted, gold) as the scorer counts."""
    def key(flow: dict[str, Any]) -> Triple:
        return fold(flow.get("supplier")), fold(flow.get("good")), fold(flow.get("recipient"))

    wanted = {key(flow): flow for flow in gold.get("supply", [])}
    found: dict[Triple, list[dict[str, Any]]] = {}
    for flow in predicted:
        found.setdefault(key(flow), []).append(flow)
    missed = [t for t in wanted if t not in found]
    extra = [t for t in found if t not in wanted]
    hits = len(wanted) - len(missed)
    print(f"== {name}: {hits}/{len(wanted)} gold found, {len(extra)} extra of {len(found)} extracted")
    for triple in missed:
        flow = wanted[triple]
        print(f"  MISS  {flow['supplier']} -> {flow['good']} -> {flow['recipient']}"
              f"{'  via ' + ', '.join(flow['via']) if flow.get('via') else ''}")
        near = [t for t in found if t[1] == triple[1] or (t[0], t[2]) == (triple[0], triple[2])]
        for other in near:
            print(f"        near: {' -> '.join(other)}")
    for triple in extra:
        for flow in found[triple][:1]:
            evidence = flow.get("evidence", {})
            print(f"  EXTRA {flow['supplier']} -> {flow['good']} -> {flow['recipient']}"
                  f"  [{flow.get('status')}] «{evidence.get('text', '')}»")
            print(f"        in: {' '.join(str(evidence.get('sentence', '')).split())}")
    return hits, len(found), len(wanted)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "dev")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "gold_dev.json")
    parser.add_argument("--prefix", default="", help="only articles whose file names start with this")
    parser.add_argument("--extraction", type=Path, help="read this extraction JSON instead of extracting")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    args = parser.parse_args(argv)
    fold = scorer_fold(args.scorer)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["articles"]
    extraction = (json.loads(args.extraction.read_text(encoding="utf-8")) if args.extraction is not None
                  else extract_corpus(args.corpus))
    by_name = {_name(a.get("path", "")): a for a in extraction["articles"]}
    totals = [0, 0, 0]
    for name in sorted(gold):
        if not name.startswith(args.prefix):
            continue
        counts = _report(name, gold[name], by_name.get(name, {}).get("supply", []), fold)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    hits, predicted, wanted = totals
    precision = hits / predicted if predicted else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    print(f"\ntotal: {hits} found of {wanted} gold, {predicted} extracted; "
          f"P/R/F1 {precision:.3f}/{recall:.3f}/{f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
