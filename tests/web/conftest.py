"""Stores for the web tests (our example corpus; the seed corpus where ``../shared`` is present), and
the Debian programs the drawings and the browser tests need (installed when missing and allowed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tradetrace.app import app
from tradetrace.web.server import create_app

LOCAL = "http://127.0.0.1"  # the app answers only requests that name a loopback host
# Set to 1 to forbid the tests from installing Debian packages (they are then skipped when missing).
NO_INSTALL_ENV = "TRADETRACE_TEST_NO_APT"


def ingest(corpus: Path, db: Path) -> Path:
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code in (0, 1), result.output  # 1: some files refused; the rest is stored
    return db


def debian_program(program: str, package: str) -> str:
    """The path of ``program``; installs Debian's ``package`` with apt-get when the program is missing,
    the tests run as root and apt-get exists (unless $TRADETRACE_TEST_NO_APT is set); skips otherwise."""
    found = shutil.which(program)
    if found:
        return found
    if os.environ.get(NO_INSTALL_ENV):
        pytest.skip(f"{program} is not installed and ${NO_INSTALL_ENV} forbids installing Debian's {package}")
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip(f"{program} is not installed and this machine cannot apt-get install {package} (needs root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                                                   package]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            pytest.skip(f"{program} is not installed and `{' '.join(command)}` failed: {done.stderr.strip()[-300:]}")
    found = shutil.which(program)
    if not found:
        pytest.skip(f"apt-get installed {package} but {program} is still not on PATH")
    return found


@pytest.fixture(scope="session")
def graphviz_dot() -> str:
    """Graphviz's ``dot`` (Debian package ``graphviz``)."""
    return debian_program("dot", "graphviz")


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ingesting examples/corpus (read-only use only)."""
    return ingest(EXAMPLES, tmp_path_factory.mktemp("web-examples") / "db")


@pytest.fixture(scope="session")
def seed_db(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ingesting ../shared/corpus (skipped, visibly, where it is absent)."""
    return ingest(seed_corpus, tmp_path_factory.mktemp("web-seeds") / "db")


@pytest.fixture(scope="module")
def client(example_db: Path, graphviz_dot: str) -> Iterator[TestClient]:
    """The web app over the example store, through Starlette's test client."""
    with TestClient(create_app(example_db), base_url=LOCAL) as test_client:
        yield test_client
