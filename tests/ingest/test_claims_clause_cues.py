"""Clause cues of attribution_patterns.yaml as claim extraction reads them: where a sentence is cut, which
figure is a comparison base, "respectively" (our own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import article_from_text


def _claims(pipeline, sentence: str):  # type: ignore[no-untyped-def]
    article = article_from_text(f"Drones for Russia\n\n{sentence}", published=date(2024, 5, 10), outlet="Kyiv Post")
    return [claim for claim in pipeline.extract(article).claims if claim.value is not None]


@pytest.mark.parametrize("sentence", [
    "Exports of drones to Russia rose 40% in 2023; imports of chips from China fell 10%.",
    "Exports of drones to Russia rose 40% in 2023, while imports of chips from China fell 10%.",
    "Exports of drones to Russia rose 40% in 2023, even though imports of chips from China fell 10%.",
    "Exports of drones to Russia rose 40% in 2023 but imports of chips from China fell 10%.",
    "Exports of drones to Russia rose 40% in 2023, and imports of chips from China fell 10%.",
])
def test_a_clause_of_its_own_is_a_claim_of_its_own(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(pipeline, sentence)
    assert [c.value.raw for c in claims] == ["40%", "10%"]
    assert claims[1].text.lstrip(",; ").startswith(("imports", "while", "even though", "but", "and"))
    assert "40%" not in claims[1].text


@pytest.mark.parametrize("sentence", [
    "Exports of drones to Russia reached $5 billion in 2023, up from $3 billion in 2022.",
    "Exports of drones to Russia reached $5 billion in 2023, compared with $3 billion in 2022.",
    "Compared to $3 billion in 2022, exports of drones to Russia reached $5 billion in 2023.",
    "Exports of drones to Russia reached $5 billion in 2023 versus $3 billion in 2022.",
])
def test_a_comparison_base_is_not_the_claims_figure(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(pipeline, sentence)
    assert claim.value.raw == "$5 billion"


def test_respectively_gives_each_figure_its_good(pipeline) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(pipeline, "Exports of drones and trucks to Russia rose 40% and 25%, respectively, in 2023.")
    assert [c.value.raw for c in claims] == ["40%", "25%"]
    assert "drones" in (claims[0].metric or "") and "trucks" not in (claims[0].metric or "")
    assert "trucks" in (claims[1].metric or "") and "drones" not in (claims[1].metric or "")


@pytest.mark.parametrize(("sentence", "metric"), [
    ("Exports of drones from China to Russia rose 40% in 2023.", "exports of drones from China to Russia"),
    ("Russia's imports of drones from China rose 40% in 2023.", "exports of drones from China to Russia"),
    ("Chinese exports of drones to Russia rose 40% in 2023.", "exports of drones from China to Russia"),
    ("China's share of Russia's imports of drones reached 40% in 2023.", "share of Russia's imports of drones "
                                                                          "from China"),
    ("Chinese machinery exports to Russia rose 40% in 2023.", "exports of machinery from China to Russia"),
    ("Exports of equipment from China to Russia rose 40% in 2023.", "exports of equipment from China to Russia"),
])
def test_the_route_and_measure_cues_shape_the_metric(pipeline, sentence: str, metric: str) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(pipeline, sentence)
    assert claim.metric == metric


@pytest.mark.parametrize("bracket", ["(up 212%)", "(+212%)"])
def test_a_change_in_brackets_after_a_level_is_a_second_claim(pipeline, bracket: str) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(pipeline, f"China shipped 3,150 drones to Russia in 2023 {bracket}.")
    assert [(c.value.raw, c.value.direction) for c in claims] == [("3,150", "level"), ("212%", "increase")]
    assert claims[0].evidence.start == claims[1].evidence.start


def test_a_figureless_sentence_needs_a_verb_to_be_a_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = article_from_text("Drones for Russia\n\nThe trade in oil between China and Russia expanded quickly.\n\n"
                                "Trade in oil between China and Russia: an overview",
                                published=date(2024, 5, 10), outlet="Kyiv Post")
    texts = [claim.text for claim in pipeline.extract(article).claims]
    assert texts == ["The trade in oil between China and Russia expanded quickly."]
