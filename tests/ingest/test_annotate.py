"""The two-pass annotator: NER only where it can name something, parse only where a relation may be,
the attribute ruler and lemmatizer from look-up tables, and offsets kept exact."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from ingest.annotate import Annotator, AttributeRules
from ingest.read import read_file
from tests.conftest import EXAMPLES


class _Spy:
    """Wraps a pipeline component and records the text of every doc it is given."""

    def __init__(self, proc: Any) -> None:
        self.proc = proc
        self.seen: list[str] = []

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        yield from self.proc.pipe(self._record(docs), batch_size=batch_size)

    def _record(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            self.seen.append(doc.text)
            yield doc


def _spied(pipeline: Any) -> tuple[Annotator, _Spy, _Spy]:
    annotator = Annotator(pipeline.nlp, pipeline.matcher, pipeline._needs_parse)
    ner = _Spy(annotator._ner[0][1])
    annotator._ner = [("ner", ner)]
    names = [name for name, _ in annotator._parse]
    parser = _Spy(annotator._parse[names.index("parser")][1])
    annotator._parse = [(name, parser if name == "parser" else proc) for name, proc in annotator._parse]
    return annotator, ner, parser


TEXT = (
    "The trade between China and Russia grew in the spring.\n"
    "In Beijing, analysts said the trend would last.\n"
    "Exports of excavators to Russia rose by 42% in May, customs data showed.\n"
    "Zhongtian Heavy Logistics declined to comment.\n"
    "\u201cThe orders keep coming,\u201d a dealer in Moscow said on Friday.\n"
    "Shipments to Russia were worth $12 million.\n"
    "the pace of trade with china slowed later.\n"
    "According to Moscow, trade with China was stable.\n"
    "Brussels sees trade with China differently.\n"
)


def test_ner_runs_only_on_sentences_with_an_unknown_name_or_money(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotator, ner, _ = _spied(pipeline)
    doc, _ = next(annotator.pipe([TEXT]))
    given = "".join(ner.seen)
    # Known names only (gazetteer) and lower-case words: NER has nothing to add there.
    assert "trade between China and Russia" not in given
    assert "analysts said" not in given
    assert "the pace of trade" not in given
    assert "According to Moscow" not in given  # a common word opens it; the names are known
    assert "orders keep coming" not in given  # the same after an opening quote; weekdays are no names
    # Figures and dates are read from the text, not from NER.
    assert "rose by 42% in May" not in given
    # Sentence-initial names are not taken for common words (the noun lists, which hold place names, are
    # not used).
    assert "Brussels sees trade" in given
    # A name the gazetteer does not know, and a money amount (NER's MONEY gives a flow its value).
    assert "Zhongtian Heavy Logistics" in given
    assert "worth $12 million" in given
    # Entities found in a piece land at the article's offsets.
    org = [ent for ent in doc.ents if ent.text.startswith("Zhongtian")]
    assert org and TEXT[org[0].start_char:org[0].end_char] == org[0].text


def test_only_sentences_with_a_supply_trigger_and_a_party_are_parsed(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotator, _, parser = _spied(pipeline)
    doc, _ = next(annotator.pipe([TEXT]))
    # Goods need not be known ("Shipments to Russia"), but a motion verb that needs a route does ("orders
    # keep coming" is not parsed).
    assert sorted(text.strip() for text in parser.seen) == [
        "Exports of excavators to Russia rose by 42% in May, customs data showed.",
        "Shipments to Russia were worth $12 million."]
    exports = next(token for token in doc if token.text == "Exports")
    assert exports.lemma_ == "export" and exports.pos_ == "NOUN"
    assert exports.dep_ == "nsubj" and exports.head.text == "rose"
    # Sentences that were not parsed get a flat tree rooted at their first token.
    first = doc[0]
    assert first.text == "The" and first.dep_ == "ROOT" and all(t.head == first for t in first.sent)


def test_parse_pass_leaves_attribute_ruler_and_lemmatizer_to_the_tables(pipeline) -> None:  # type: ignore[no-untyped-def]
    annotator = Annotator(pipeline.nlp, pipeline.matcher, pipeline._needs_parse)
    assert annotator.rules is not None
    assert [name for name, _ in annotator._parse] == ["tok2vec", "tagger", "parser"]


def test_attribute_rules_equal_the_spacy_components_on_our_corpus(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Tag, dependency label, POS and lemma of every token of our example corpus, parsed sentence by
    sentence, are exactly what spaCy's attribute ruler and lemmatizer give."""
    nlp = pipeline.nlp
    rules = AttributeRules(nlp)
    compared = 0
    texts = [article.text for path in sorted(EXAMPLES.iterdir()) for article in read_file(path).articles]
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            piece = Doc(nlp.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
            with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
                piece = nlp(piece)
            reference = piece.copy()
            for name in ("attribute_ruler", "lemmatizer"):
                reference = nlp.get_pipe(name)(reference)
            ours = rules(piece)
            expected = [(t.tag, t.dep, t.pos, t.lemma) for t in reference]
            assert ours == expected, sent.text
            compared += len(expected)
    assert compared > 2000


def test_attribute_rules_refuse_a_ruler_they_cannot_evaluate(pipeline) -> None:  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})  # type: ignore[attr-defined]
    assert not AttributeRules.supports(nlp)
    assert not AttributeRules.supports(spacy.blank("en"))


def test_numpy_blas_annotates_our_corpus_as_blis_does(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The pipeline runs its matrix products on numpy's BLAS; entities, heads, labels and tags of every
    article of our example corpus are those of spaCy's own (blis) products."""
    from thinc.api import NumpyOps

    from ingest.annotate import keep_whole, load_nlp, single_thread_blas

    ours, stock = pipeline.nlp, load_nlp(numpy_blas=False)
    keep_whole(stock, pipeline.lexicons.supply.hyphenated_forms)  # the same tokens ("re-exported") both ways
    assert isinstance(ours.get_pipe("ner").model.ops, NumpyOps) and not ours.get_pipe("ner").model.ops.use_blis
    assert all(node.ops.use_blis for node in stock.get_pipe("parser").model.walk())
    texts = [article.text for path in sorted(EXAMPLES.iterdir()) for article in read_file(path).articles]

    def annotations(nlp: Any) -> list[Any]:
        with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "ner"]), single_thread_blas():
            return [([(e.start, e.end, e.label_) for e in doc.ents], [(t.head.i, t.dep_, t.tag_) for t in doc])
                    for doc in nlp.pipe(texts)]

    found = annotations(ours)
    assert sum(len(ents) for ents, _ in found) > 100
    assert found == annotations(stock)


def test_single_thread_blas_limits_numpy_to_one_thread() -> None:
    from threadpoolctl import threadpool_info

    from ingest.annotate import single_thread_blas

    with single_thread_blas():
        assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
