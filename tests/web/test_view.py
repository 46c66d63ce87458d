"""``tradetrace view path|claim -o FILE.html``: the page as one self-contained file."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tradetrace.app import app


def view(db: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["view", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def _self_contained(page: str) -> None:
    assert "default-src 'none'" in page  # the file itself forbids every request
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page)
    assert "<style>" in page and "<script>" in page
    assert 'href="/' not in page  # no link to a page that needs the server


def test_view_path_writes_the_route_page(example_db: Path, graphviz_dot: str, tmp_path: Path) -> None:
    out = tmp_path / "route.html"
    said = view(example_db, "path", "China", "Russia", "--good", "ball bearings", "-o", str(out))
    assert "wrote" in said and "route(s)" in said
    page = out.read_text(encoding="utf-8")
    _self_contained(page)
    assert ">Kyrgyzstan</text>" in page and 'class="evidence"' in page


def test_view_claim_writes_the_provenance_page(example_db: Path, graphviz_dot: str, tmp_path: Path) -> None:
    out = tmp_path / "claim.html"
    said = view(example_db, "claim", "73%", "-o", str(out))
    assert "independent origin(s)" in said
    page = out.read_text(encoding="utf-8")
    _self_contained(page)
    assert "Wall Street Journal" in page and 'class="node report"' in page


def test_view_errors_are_one_line(example_db: Path, tmp_path: Path) -> None:
    # A name that matches nothing is a look-up miss (exit 2, as for every command); a file that cannot be
    # written is an error (exit 1).
    result = CliRunner().invoke(app, ["view", "path", "China", "Atlantis", "-o", str(tmp_path / "x.html"),
                                      "--db", str(example_db)])
    assert result.exit_code == 2 and "Atlantis" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()
    result = CliRunner().invoke(app, ["view", "claim", "73%", "-o", str(tmp_path / "no" / "dir.html"),
                                      "--db", str(example_db)])
    assert result.exit_code == 1 and "cannot write" in result.output
