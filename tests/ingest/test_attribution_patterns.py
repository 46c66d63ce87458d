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


def test_a_phrase_token_spells_out_the_lists_phrases() -> None:
    rules = {rule.name: rule for rule in load_slot_rules()}
    variants = rules["citing"].variants
    firsts = [variant[0] for variant in variants]
    assert {"LOWER": {"IN": ["citing", "cites", "cited", "quoting"]}} in firsts
    spelt = next(v for v in variants if v[0] == {"LOWER": "with"})
    assert list(spelt[:3]) == [{"LOWER": "with"}, {"LOWER": "reference"}, {"LOWER": "to"}]


def test_phrase_with_other_keys_fails_with_the_rule_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - name: mixed\n    slot: after\n    pattern:\n"
                            "      - {PHRASE: \"$citing_verbs\", OP: \"?\"}\n")
    with pytest.raises(OntologyError, match=r"mixed: PHRASE takes a word list"):
        load_slot_rules(path)


def _chain(pipeline, sentence: str) -> list[str]:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.factories import article_from_text

    article = article_from_text(f"A headline about trade\n\n{sentence}", published=date(2024, 5, 10),
                                outlet="Kyiv Post")
    (claim,) = pipeline.extract(article).claims
    return [source.name for source in claim.attributed_to]


@pytest.mark.parametrize(("sentence", "chain"), [
    ("According to the latest figures released by the Kiel Institute, exports of drones to Russia rose 40%.",
     ["Kyiv Post", "Kiel Institute"]),
    ("Reuters reported, with reference to customs records, that exports of drones to Russia rose 40%.",
     ["Kyiv Post", "Reuters", "Russian customs documents"]),
    ("Exports of drones to Russia rose 40%, Reuters reported, citing a study by the Kiel Institute.",
     ["Kyiv Post", "Reuters", "Kiel Institute"]),
    ('"Exports of drones to Russia rose 40% last year," said the Kiel Institute.',
     ["Kyiv Post", "Kiel Institute"]),
])
def test_each_family_fills_its_slot(pipeline, sentence: str, chain: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == chain


@pytest.mark.parametrize(("sentence", "chain"), [
    ("A study by the Kiel Institute found that exports of drones to Russia rose 40%.",
     ["Kyiv Post", "Kiel Institute"]),
    ("Data compiled by the Kiel Institute show exports of drones to Russia rose 40%.",
     ["Kyiv Post", "Kiel Institute"]),
])
def test_the_author_of_a_document_speaks(pipeline, sentence: str, chain: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _chain(pipeline, sentence) == chain


def test_cue_rules_load_and_a_bad_one_fails_with_its_name(tmp_path: Path) -> None:
    from ingest.extract.attribution_patterns import load_cue_rules

    assert {rule.cue for rule in load_cue_rules()} >= {"pronoun", "continuation", "same-source", "retelling",
                                                          "retelling-opening", "own-reporting", "anaphor",
                                                          "attribution-verb", "source-line", "clause-comma"}
    path = tmp_path / "patterns.yaml"
    path.write_text('source: "test"\npatterns: []\ncues:\n  - name: bad-cue\n    cue: pronoun\n    pattern:\n'
                    '      - {LOWER: x, OP: "%"}\n', encoding="utf-8")
    with pytest.raises(OntologyError, match="cues: bad-cue"):
        load_cue_rules(path)


@pytest.mark.parametrize("quote", [
    '"Exports of drones to Russia rose 40% last year," said he.',
    '"Exports of drones to Russia rose 40% last year," he told reporters.',
    'He also noted that exports of drones to Russia rose 40% last year.',
])
def test_a_pronoun_names_the_last_person(pipeline, quote: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.factories import article_from_text

    text = f"A headline about trade\n\nJohn Doe, an economist, tracks the trade.\n\n{quote}"
    claims = pipeline.extract(article_from_text(text, published=date(2024, 5, 10), outlet="Kyiv Post")).claims
    (claim,) = [c for c in claims if c.value is not None]
    assert [s.name for s in claim.attributed_to] == ["Kyiv Post", "John Doe"]


@pytest.mark.parametrize("second", [
    "Moreover, exports of trucks to Russia rose 25% in the same period.",
    '"Exports of trucks to Russia rose 25% in the same period," the same report added.',
])
def test_a_new_paragraph_that_goes_on_keeps_the_source(pipeline, second: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.factories import article_from_text

    text = ("A headline about trade\n\nAccording to the Kiel Institute, exports of drones to Russia rose 40% in "
            f"2023.\n\n{second}")
    claims = pipeline.extract(article_from_text(text, published=date(2024, 5, 10), outlet="Kyiv Post")).claims
    assert {c.value.raw: [s.name for s in c.attributed_to] for c in claims if c.value is not None} == {
        "40%": ["Kyiv Post", "Kiel Institute"], "25%": ["Kyiv Post", "Kiel Institute"]}


@pytest.mark.parametrize("credit", ["This was reported by NHK.", "NHK reported on it.", "NHK writes about it."])
def test_a_credit_to_the_retold_story_is_no_claim(pipeline, credit: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.factories import article_from_text

    first = "Chinese exports of nitrocellulose to Russia rose 80% in 2023, according to NHK."
    text = f"Nitrocellulose for Russia\n\n{first}\n\n{credit}"
    claims = pipeline.extract(article_from_text(text, published=date(2024, 5, 10), outlet="Kyiv Post")).claims
    assert [c.text for c in claims] == [first]


def _rule_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.yaml"
    path.write_text('source: "test"\npatterns: []\ncues:\n' + body, encoding="utf-8")
    return path


def test_one_of_spells_out_each_sequence_and_none(tmp_path: Path) -> None:
    from ingest.extract.attribution_patterns import load_cue_rules

    path = _rule_file(tmp_path, "  - name: grouped\n    cue: test\n    pattern:\n      - {LOWER: x}\n"
                                "      - ONE_OF: [[{LOWER: a}], [{LOWER: b}, {LOWER: c}]]\n        OP: \"?\"\n"
                                "      - {LOWER: y}\n")
    (rule,) = load_cue_rules(path)
    assert [[t["LOWER"] for t in v] for v in rule.variants] == [["x", "y"], ["x", "a", "y"], ["x", "b", "c", "y"]]


def test_one_of_with_another_op_fails_with_the_rule_name(tmp_path: Path) -> None:
    from ingest.extract.attribution_patterns import load_cue_rules

    path = _rule_file(tmp_path, "  - name: bad-group\n    cue: test\n    pattern:\n"
                                "      - ONE_OF: [[{LOWER: a}]]\n        OP: \"+\"\n")
    with pytest.raises(OntologyError, match="bad-group: ONE_OF"):
        load_cue_rules(path)


def test_marked_tokens_are_known_per_variant(tmp_path: Path) -> None:
    from ingest.extract.attribution_patterns import load_cue_rules

    path = _rule_file(tmp_path, "  - name: marked\n    cue: test\n    pattern:\n      - {LOWER: the}\n"
                                "      - {PHRASE: [\"$told_verbs\", \"$citing_verbs\"], MARK: true}\n")
    (rule,) = load_cue_rules(path)
    spelt = {" ".join(t["LOWER"] if isinstance(t["LOWER"], str) else "*" for t in v): m
             for v, m in zip(rule.variants, rule.marks, strict=True)}
    assert spelt["the *"] == (1,)
    assert spelt["the with reference to"] == (1, 2, 3)  # the phrase of several words, every token marked
    assert "told" in rule.variants[0][1]["LOWER"]["IN"] and "citing" in rule.variants[0][1]["LOWER"]["IN"]


def _annotated(pipeline, text: str):  # type: ignore[no-untyped-def]
    from ingest.annotate import doc_text
    from ingest.clean import mask
    from ingest.extract.context import Annotated
    from ingest.extract.entities import extract_entities
    from tests.factories import article_from_text

    article = article_from_text(text, outlet="Kyiv Post")
    doc, matches = next(pipeline.annotator.pipe([mask(article.text, article.boilerplate)]))
    findings = extract_entities(doc, article, matches, pipeline.gazetteer, pipeline.model, pipeline.lexicons)
    return Annotated(article, doc, findings, pipeline.gazetteer, pipeline.model, doc_text(doc), pipeline.lexicons)


@pytest.mark.parametrize(("sentence", "word"), [
    ("The news agency said the trucks were late.", "news agency"),
    ("The think-tank's latest paper found the trucks were late.", "think-tank"),
    ("According to the same report, the trucks were late.", "report"),
    ("The ministry officials had also noted the trucks were late.", "officials"),
])
def test_an_anaphor_cue_reads_its_marked_words(pipeline, sentence: str, word: str) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract.attribution_patterns import cue_spans

    annotated = _annotated(pipeline, sentence)
    found = cue_spans(annotated, "anaphor", 0, len(sentence))
    assert found and found[0].word == word


def test_doc_scope_cues_run_once_per_article(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract import attribution_patterns

    text = "Exports rose 5%; imports fell 3%, while trade grew. Tariffs rose, and prices fell; output held."
    annotated = _annotated(pipeline, text)
    calls: list[tuple[int, int]] = []
    real = attribution_patterns._find_cues

    def counted(annotated, cue: str, start: int, end: int):  # type: ignore[no-untyped-def]
        calls.append((start, end))
        return real(annotated, cue, start, end)

    monkeypatch.setattr(attribution_patterns, "_find_cues", counted)
    first = attribution_patterns.cue_spans(annotated, "clause-semicolon", 0, 40)
    second = attribution_patterns.cue_spans(annotated, "clause-semicolon", 40, len(text))
    contrasts = attribution_patterns.cue_spans(annotated, "clause-contrast", 0, len(text))
    assert [m.start for m in first] == [text.index(";")]
    assert [m.start for m in second] == [text.rindex(";")]
    assert [m.start for m in contrasts] == [text.index("while")]
    assert calls == [(0, len(text))]  # one run of one matcher found every cue of the article
