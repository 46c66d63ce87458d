"""Claims without a figure: facts about trade, supply, sanctions, military use or production (our own
sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import article_from_text


def _texts(pipeline, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    article = article_from_text(text, published=date(2024, 5, 10))
    return [claim.text for claim in pipeline.extract(article).claims]


@pytest.mark.parametrize("sentence", [
    "However, shipments of the compound increased sharply from May onwards.",
    "The trading house was registered in Almaty a month after the invasion.",
    "Most of the parts enter Russia through third countries such as Kyrgyzstan.",
    "Among the largest importers are three firms based in Moscow.",
    "Investigators say the shell companies were set up to evade export controls.",
])
def test_topical_sentence_is_a_claim(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _texts(pipeline, f"A headline about trade\n\n{sentence}") == [sentence]


@pytest.mark.parametrize("sentence", [
    "The weather in Almaty was mild on Monday.",
    "Subscribe to our newsletter for more stories.",
    "Read more",
])
def test_sentence_off_the_subject_is_no_claim(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert _texts(pipeline, f"A headline about trade\n\n{sentence}") == []


def test_a_sentence_that_only_credits_the_story_is_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("A headline about trade\n\nUzbek traders ship ever more chips to Russian plants.\n\n"
            "The Financial Times writes about it.")
    assert _texts(pipeline, text) == ["Uzbek traders ship ever more chips to Russian plants."]
