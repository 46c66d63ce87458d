"""The Matcher patterns of attribution_patterns.yaml: loading, errors, and the slots they give."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.attribution_patterns import load_slot_rules
from ontology.errors import OntologyError


def test_packaged_rules_load_with_lexicon_lists_expanded() -> None:
    rules = {rule.name: rule for rule in load_slot_rules()}
    assert {"passive-by", "official-act", "for-outlet"} <= set(rules)
    first = rules["passive-by"].pattern[0]
    assert "reported" in first["LOWER"]["IN"]  # "$passive_verbs" replaced by the lexicon's words


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.yaml"
    path.write_text('source: "test"\npatterns:\n' + body, encoding="utf-8")
    return path


def test_unknown_word_list_fails_with_the_rule_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - name: broken\n    slot: after\n    pattern:\n"
                            "      - {LOWER: {IN: \"$no_such_list\"}}\n")
    with pytest.raises(OntologyError, match=r"broken: no word list 'no_such_list'"):
        load_slot_rules(path)


def test_pattern_spacy_refuses_fails_with_the_rule_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - name: bad-op\n    slot: before\n    pattern:\n      - {LOWER: x, OP: \"%\"}\n")
    with pytest.raises(OntologyError, match="bad-op"):
        load_slot_rules(path)


def test_missing_slot_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - name: no-slot\n    pattern:\n      - {LOWER: x}\n")
    with pytest.raises(OntologyError):
        load_slot_rules(path)
