"""Fixtures: the sample store (built once per session) and its snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.snapshot import GraphSnapshot
from tests.exports.builders import sample_store, stored_snapshot


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LadybugDB store holding the sample extraction (read it read-only)."""
    return sample_store(tmp_path_factory.mktemp("store") / "sample.db")


@pytest.fixture(scope="session")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> GraphSnapshot:
    """The sample store read back as a snapshot."""
    return stored_snapshot(tmp_path_factory.mktemp("snap") / "sample.db")
