"""What the diagnostic scripts share: the scorer's own name folding, and an extraction of a corpus folder in
the JSON shape ``tradetrace extract --format json`` writes (and ``../shared/eval/score.py`` reads)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def scorer_fold(scorer: Path) -> Callable[[str | None], str]:
    """The scorer's ``fold`` (case, punctuation, plural "s", synonym classes), so a miss here is a miss there."""
    spec = importlib.util.spec_from_file_location("score", scorer)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {scorer}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fold: Callable[[str | None], str] = module.fold
    return fold


def extract_corpus(corpus: Path, prefix: str = "") -> dict[str, Any]:
    """Extract the corpus's articles (those whose file names start with ``prefix``) as extract's JSON."""
    sys.path.insert(0, str(ROOT))
    from ingest.batch import extract_articles
    from ingest.read import discover, read_file
    from tradetrace.output import extraction_json

    files, _ = discover([corpus])
    articles = [a for path in files if path.name.startswith(prefix) for a in read_file(path).articles]
    return {"articles": [extraction_json(x) for x in extract_articles(articles)]}
