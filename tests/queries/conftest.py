"""A store built once per session from the hand-made route scenario (read-only use only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from tests.queries.builders import build_store, route_extractions


@pytest.fixture(scope="session")
def route_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("routes") / "db", route_extractions())


@pytest.fixture()
def route_store(route_db: Path) -> Iterator[LadybugStore]:
    with LadybugStore(route_db, read_only=True) as store:
        yield store
