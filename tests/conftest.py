"""Shared fixtures: the spaCy pipeline (loaded once), paths to our example corpus and to the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED_CORPUS = SHARED / "corpus"
SEED_GOLD = SHARED / "eval" / "gold_seeds.json"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The default extraction pipeline (spaCy model and gazetteers loaded once per test session)."""
    from ingest.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    """``../shared/corpus``; tests that need it are skipped, visibly, where it is absent."""
    if not SEED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present beside the project")
    return SEED_CORPUS
