"""The supply cue patterns (``ontology/gazetteers/supply_patterns.yaml``): the file validates, a broken pattern
fails with its key, each family fires on a sentence that has its construction and not on a near miss, the
compiled patterns agree with spaCy's own DependencyMatcher, and what fires follows the pattern data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.matcher import DependencyMatcher

from ingest.annotate import doc_text
from ingest.clean import mask
from ingest.extract.context import Annotated
from ingest.extract.entities import extract_entities
from ingest.extract.supply import SupplyLexicon, load_supply_lexicon, read_supply_lexicon
from ingest.extract.supply.cues import FAMILIES, PATTERNS_PATH, read_supply_patterns
from ingest.extract.supply.frames import _triggers
from ingest.extract.supply.lexicon import LEXICON_PATH
from ingest.pipeline import Pipeline
from ontology.errors import OntologyError
from ontology.model import load_ontology
from tests.factories import article_from_text

# family -> (a sentence with the construction, the word it marks there, a near miss where it does not fire)
CASES: dict[str, tuple[str, str, str]] = {
    "destination": ("The crates of drone motors were destined for Russia.", "destined",
                    "The crates were sent to Russia."),
    "destined": ("The crates of drone motors were destined for Russia.", "destined",
                 "The plan was destined to fail."),
    "outfits": ("Russia equips its drones with Chinese engines.", "equips",
                "Russia equips its soldiers with Chinese rifles."),
    "origin_copula": ("Most of the parts were of American origin.", "were", "Most of the parts were of poor quality."),
    "share_verb": ("Japanese components accounted for most of the parts found in the drones.", "accounted",
                   "They accounted for most of the parts found in the drones."),
    "made_passive": ("The microchips in the missiles were made in Taiwan.", "made",
                     "Taiwanese firms make microchips."),
    "perfect": ("The firm is believed to have supplied engines to Iran.", "supplied",
                "The firm has supplied engines to Iran."),
    "trigger": ("Turkish traders shipped the bearings to Russia.", "shipped", "The exported engines were old."),
    "trigger_amod": ("Kestrel Optics Ltd shipped lab centrifuges to Iran.", "shipped",
                     "Turkish traders shipped the bearings to Russia."),
    "onward": ("Turkish traders shipped the bearings on to Russia.", "shipped",
               "Turkish traders shipped the bearings to Russia."),
    "needs_route": ("The rains came.", "came", "The rains stopped."),
    "routed": ("The microchips came from Taiwan.", "came", "The rains came."),
}


@pytest.fixture(scope="module")
def lexicon() -> SupplyLexicon:
    return load_supply_lexicon(load_ontology())


def _fired(pipeline: Pipeline, lexicon: SupplyLexicon, text: str) -> dict[str, list[str]]:
    doc = pipeline.nlp(text)
    return {family: [doc[i].text for i in sorted(hits)] for family, hits in lexicon.cues.find(doc[:]).items()}


def _annotated(pipeline: Pipeline, text: str) -> Annotated:
    article = article_from_text(text)
    doc, matches = next(pipeline.annotator.pipe([mask(article.text, article.boilerplate)]))
    findings = extract_entities(doc, article, matches, pipeline.gazetteer, pipeline.model, pipeline.lexicons)
    return Annotated(article, doc, findings, pipeline.gazetteer, pipeline.model, doc_text(doc), pipeline.lexicons)


def _sentence_triggers(pipeline: Pipeline, lexicon: SupplyLexicon, text: str) -> list[tuple[str, str]]:
    annotated = _annotated(pipeline, text)
    doc = annotated.doc
    return [(token.text, direction) for token, direction in _triggers(annotated, doc[:], lexicon)]


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "supply_patterns.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PATTERNS_PATH.read_text(encoding="utf-8"))
    return data


# -- the file ---------------------------------------------------------------------------------------


def test_the_patterns_file_validates_with_every_family() -> None:
    patterns = read_supply_patterns()
    assert patterns.source
    assert set(patterns.patterns) == set(FAMILIES)
    assert patterns.patterns["destined"][0][1].rel_op == ">"


def test_an_unknown_operator_fails_with_its_key(tmp_path: Path) -> None:
    data = _data()
    data["patterns"]["destined"][0][1]["REL_OP"] = "~>"
    with pytest.raises(OntologyError, match=r"patterns\.destined\.0\.1\.REL_OP"):
        read_supply_patterns(_write(tmp_path, data))


def test_a_left_id_naming_no_earlier_node_fails_with_its_key(tmp_path: Path) -> None:
    data = _data()
    data["patterns"]["made_passive"][0][1]["LEFT_ID"] = "verb"
    with pytest.raises(OntologyError, match=r"patterns\.made_passive\.0\.auxiliary: LEFT_ID"):
        read_supply_patterns(_write(tmp_path, data))


def test_an_unknown_family_or_attribute_fails_with_its_key(tmp_path: Path) -> None:
    data = _data()
    data["patterns"]["shipped_twice"] = data["patterns"]["trigger"]
    with pytest.raises(OntologyError, match=r"patterns\.shipped_twice"):
        read_supply_patterns(_write(tmp_path, data))
    data = _data()
    data["patterns"]["routed"][0][1]["RIGHT_ATTRS"]["SHAPE"] = "xx"
    with pytest.raises(OntologyError, match=r"patterns\.routed\.0\.1\.RIGHT_ATTRS\.SHAPE"):
        read_supply_patterns(_write(tmp_path, data))


def test_a_reference_to_no_lexicon_list_fails_with_its_key(tmp_path: Path) -> None:
    data = _data()
    data["patterns"]["onward"][0][1]["RIGHT_ATTRS"]["LOWER"] = "@onwards_particles"
    with pytest.raises(OntologyError, match=r"patterns\.onward\.0\.particle\.LOWER: '@onwards_particles'"):
        read_supply_lexicon(LEXICON_PATH, _write(tmp_path, data))


# -- what fires ------------------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
def test_each_family_fires_on_its_construction_not_on_a_near_miss(pipeline: Pipeline, lexicon: SupplyLexicon,
                                                                   family: str) -> None:
    sentence, word, near_miss = CASES[family]
    assert _fired(pipeline, lexicon, sentence)[family] == [word]
    assert _fired(pipeline, lexicon, near_miss)[family] == []


def test_the_perfect_binds_the_have_where_the_arguments_hang(pipeline: Pipeline, lexicon: SupplyLexicon) -> None:
    doc = pipeline.nlp(CASES["perfect"][0])
    (bound,) = lexicon.cues.find(doc[:])["perfect"].values()
    assert {name: token.text for name, token in bound.items()} \
        == {"participle": "supplied", "object": "engines", "have": "have"}


def test_the_compiled_patterns_agree_with_spacys_dependency_matcher(pipeline: Pipeline,
                                                                    lexicon: SupplyLexicon) -> None:
    matcher = DependencyMatcher(pipeline.nlp.vocab, validate=True)
    for family, patterns in read_supply_patterns().spacy_patterns(lexicon).items():
        matcher.add(family, patterns)
    for sentence, _, near_miss in CASES.values():
        for text in (sentence, near_miss):
            doc = pipeline.nlp(text)
            spacy_hits = {(pipeline.nlp.vocab.strings[key], nodes[0]) for key, nodes in matcher(doc)}
            ours = {(family, i) for family, hits in lexicon.cues.find(doc[:]).items() for i in hits}
            assert ours == spacy_hits, text


def test_the_triggers_read_the_families(pipeline: Pipeline, lexicon: SupplyLexicon) -> None:
    assert _sentence_triggers(pipeline, lexicon, "Turkish traders shipped the bearings on to Russia.") \
        == [("shipped", "transit")]
    assert _sentence_triggers(pipeline, lexicon, "The firm is believed to have supplied engines to Iran.") \
        == [("have", "out")]
    assert _sentence_triggers(pipeline, lexicon, "The rains came.") == []
    assert _sentence_triggers(pipeline, lexicon, "The microchips came from Taiwan.") == [("came", "motion")]


# -- the data decides ------------------------------------------------------------------------------


def _without(lexicon: SupplyLexicon, family: str, index: int | None = None) -> SupplyLexicon:
    patterns = lexicon.cue_patterns
    assert patterns is not None
    kept = {f: p for f, p in patterns.patterns.items() if f != family}
    if index is not None:
        kept[family] = tuple(p for i, p in enumerate(patterns.patterns[family]) if i != index)  # type: ignore[index]
    edited = patterns.model_copy(update={"patterns": kept})
    return lexicon.model_copy(update={"cue_patterns": edited})


def test_removing_a_pattern_changes_what_fires(pipeline: Pipeline, lexicon: SupplyLexicon) -> None:
    onward = "Turkish traders shipped the bearings on to Russia."
    assert _sentence_triggers(pipeline, _without(lexicon, "onward"), onward) == [("shipped", "out")]
    # the parser reads this "on" as a preposition: the second onward pattern (the route word after it) finds it
    assert _sentence_triggers(pipeline, _without(lexicon, "onward", 1), onward) == [("shipped", "out")]
    assert _sentence_triggers(pipeline, _without(lexicon, "onward", 0), onward) == [("shipped", "transit")]
    assert _sentence_triggers(pipeline, _without(lexicon, "routed"), "The microchips came from Taiwan.") == []
    destined = "The crates of drone motors were destined for Russia."
    assert _sentence_triggers(pipeline, _without(lexicon, "destined"), destined) == []
    assert _sentence_triggers(pipeline, lexicon, destined) == [("destined", "transit")]
    # "with" on the verb (the first outfits pattern) or on the weapon (the second)
    fitted, equips = "The missiles are fitted with Western chips.", CASES["outfits"][0]
    assert _fired(pipeline, lexicon, fitted)["outfits"] == ["fitted"]
    assert _fired(pipeline, _without(lexicon, "outfits", 0), fitted)["outfits"] == []
    assert _fired(pipeline, _without(lexicon, "outfits", 0), equips)["outfits"] == ["equips"]
    assert _fired(pipeline, _without(lexicon, "outfits", 1), equips)["outfits"] == []
    copula = CASES["origin_copula"][0]
    assert _sentence_triggers(pipeline, lexicon, copula) == [("were", "end_use")]
    assert _sentence_triggers(pipeline, _without(lexicon, "origin_copula"), copula) == []
    share = CASES["share_verb"][0]
    assert _sentence_triggers(pipeline, lexicon, share) == [("accounted", "end_use"), ("found", "end_use")]
    assert _sentence_triggers(pipeline, _without(lexicon, "share_verb"), share) == [("found", "end_use")]
    # the original lexicon keeps its own compiled patterns
    assert _fired(pipeline, lexicon, onward)["onward"] == ["shipped"]


def test_a_lexicon_with_other_word_lists_compiles_its_own(pipeline: Pipeline, lexicon: SupplyLexicon) -> None:
    narrowed = lexicon.model_copy(update={"destination_words": ("bound",)})
    destined = "The crates of drone motors were destined for Russia."
    assert _fired(pipeline, narrowed, destined)["destined"] == []
    assert _fired(pipeline, lexicon, destined)["destined"] == ["destined"]


def test_an_anchor_without_a_word_to_be_found_by_fails_with_its_key(tmp_path: Path) -> None:
    data = _data()
    del data["patterns"]["trigger_amod"][0][0]["RIGHT_ATTRS"]["LEMMA"]
    with pytest.raises(OntologyError, match=r"patterns\.trigger_amod\.0\.trigger: an anchor needs a LEMMA or LOWER"):
        read_supply_lexicon(LEXICON_PATH, _write(tmp_path, data))
