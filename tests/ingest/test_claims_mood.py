"""Questions, forecasts and opinions are claims kept with their mood, never dropped (our own sentences)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.factories import article_from_text
from tradetrace.app import app


def _moods(pipeline, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    article = article_from_text(f"A headline about trade\n\n{text}", published=date(2024, 5, 10))
    return [(claim.text, claim.mood) for claim in pipeline.extract(article).claims]


@pytest.mark.parametrize(("sentence", "mood"), [
    ("Why are Kazakh traders buying so many Chinese drones for re-export to Russia?", "question"),
    ("Exports of machine tools to Russia will reach $2 billion next year.", "forecast"),
    ("Shipments of ball bearings to Russia are expected to double by December.", "forecast"),
    ("The government should ban the re-export of dual-use goods to Russia.", "opinion"),
    ("We believe the shell companies exist only to evade sanctions.", "opinion"),
    ("Exports of machine tools to Russia rose 40% in March.", "asserted"),
])
def test_each_mood_is_kept_as_a_claim(pipeline, sentence: str, mood: str) -> None:  # type: ignore[no-untyped-def]
    assert _moods(pipeline, sentence) == [(sentence, mood)]


def test_a_quoted_question_is_a_question(pipeline) -> None:  # type: ignore[no-untyped-def]
    sentence = '"Who needs 300 excavators in a town of 5,000 people?" asked Jane Roe, a customs broker.'
    assert _moods(pipeline, sentence) == [(sentence, "question")]


def test_a_forecast_cue_wins_over_an_opinion_cue(pipeline) -> None:  # type: ignore[no-untyped-def]
    sentence = "We believe Chinese exports of trucks to Russia will double this year."
    assert _moods(pipeline, sentence) == [(sentence, "forecast")]


def test_extract_json_gives_the_mood(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "note.txt"
    path.write_text("A headline about trade\n\nWill the trading houses keep shipping Chinese chips to Russia?\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["articles"][0]["claims"]
    assert [(c["text"], c["mood"], c["status"]) for c in claims] == [
        ("Will the trading houses keep shipping Chinese chips to Russia?", "question", "asserted")]
