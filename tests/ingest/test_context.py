"""Annotated: the per-article look-ups the relation extractors share answer as plain scans would."""

from __future__ import annotations

from ingest.annotate import doc_text
from ingest.extract.context import Annotated
from ingest.extract.entities import HeadlineLines, extract_entities, is_headline
from ingest.read import read_file
from tests.conftest import EXAMPLES


def _annotated(pipeline, name: str) -> Annotated:  # type: ignore[no-untyped-def]
    from ingest.clean import mask

    (article,) = read_file(EXAMPLES / name).articles
    doc, matches = next(pipeline.annotator.pipe([mask(article.text, article.boilerplate)]))
    findings = extract_entities(doc, article, matches, pipeline.gazetteer, pipeline.model, pipeline.lexicons)
    return Annotated(article, doc, findings, pipeline.gazetteer, pipeline.model, doc_text(doc), pipeline.lexicons)


def test_mention_look_ups_match_scans(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotated = _annotated(pipeline, "02_baltic_ledger_equipment.txt")
    mentions = annotated.findings.mentions
    assert len(mentions) > 20
    bounds = sorted({0, len(annotated.text)} | {m.evidence.start for m in mentions}
                    | {m.evidence.end for m in mentions} | {m.evidence.start + 1 for m in mentions})
    for start in bounds[::3]:
        for end in (start, start + 1, start + 40, start + 400):
            assert annotated.mentions_starting(start, end) == [
                m for m in mentions if start <= m.evidence.start < end]
            assert annotated.mentions_within(start, end) == [
                m for m in mentions if m.evidence.start >= start and m.evidence.end <= end]
            assert annotated.mentions_overlapping(start, end) == [
                m for m in mentions if m.evidence.start < end and m.evidence.end > start]


def test_tagged_tokens_are_the_parsed_ones(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotated = _annotated(pipeline, "07_caravan_post_bishkek_bearings.txt")
    sentences = list(annotated.doc.sents)
    assert any(annotated.tagged_tokens(sent) for sent in sentences)
    assert any(not annotated.tagged_tokens(sent) for sent in sentences)  # left unparsed
    for sent in sentences:
        assert [t.i for t in annotated.tagged_tokens(sent)] == [t.i for t in sent if t.pos or t.tag]


def test_entities_ents_and_figures(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotated = _annotated(pipeline, "09_caspian_freight_journal_trucks.txt")
    for entity in annotated.findings.entities:
        assert annotated.entity(entity.id) is entity
    assert [(e.start, e.end, e.label_) for e in annotated.ents] == [
        (e.start, e.end, e.label_) for e in annotated.doc.ents]
    sentence = "Exports rose 36% in the first seven months of this year."
    assert annotated.figures(sentence) is annotated.figures(sentence)  # computed once
    assert [p for _s, _e, p in annotated.periods(sentence)] == ["the first seven months of this year"]


def test_headline_lines_judge_as_is_headline() -> None:
    text = ("Chinese Equipment Bolsters Russian Defensive Lines\nBody text follows here.\n\n"
            "Second Heading Without A Stop\nThe end.")
    headline = HeadlineLines(text)
    for offset in range(len(text) + 1):
        assert headline(offset) == is_headline(text, offset), offset
