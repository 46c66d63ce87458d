"""Boilerplate rules on our own article texts: each rule removes exactly the furniture, and body survives."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from ingest.clean import RULES, find_boilerplate, mask
from ontology.records import Span

BODY_1 = ("Customs records show that a trading house in Almaty shipped 120 Chinese forklifts to a depot near "
          "Chelyabinsk in October.")
BODY_2 = ("Officials at the Eurasian Trade Watch said the consignments were declared as spare parts for "
          "agricultural machinery.")


def _removed(text: str) -> list[tuple[str, str]]:
    return [(span.label, text[span.start:span.end]) for span in find_boilerplate(text)]


def _survives(text: str, *sentences: str) -> None:
    masked = mask(text, find_boilerplate(text))
    for sentence in sentences:
        assert sentence in masked, f"body text masked: {sentence!r}"


@pytest.mark.parametrize("teaser", [
    "READ ALSO: Ten recipes for a perfect spring picnic",
    "READ ALSO:Pop star's tour lifts hotel prices in three cities",
    "Read also: Why sourdough is back in fashion",
    "MUST READ: ☞\u00a0 Satellite images show new runway in the Arctic",
    "ALSO READ: Rugby final draws record crowd",
    "Related: How to choose a winter tyre",
    "See also: The best hiking trails of the Altai",
])
def test_teaser_lines_are_removed_whole(teaser: str) -> None:
    text = f"{BODY_1}\n\n{teaser}\n\n{BODY_2}"
    assert _removed(text) == [("teaser", teaser)]
    _survives(text, BODY_1, BODY_2)


def test_indented_inline_teaser_inside_bullets_is_removed() -> None:
    bullet = "    • The forklifts were re-labelled as warehouse equipment before crossing the border."
    teaser = "MUST READ: ☞\u00a0 Football club unveils new stadium design"
    text = f"Forklifts\n\n{bullet}\n    {teaser}\n\n      {BODY_2}"
    assert _removed(text) == [("teaser", teaser)]
    _survives(text, bullet.strip(), BODY_2)


def test_trailing_teaser_block_is_removed_to_the_end() -> None:
    block = ("You May Also Like\n\n\nCity council approves new bicycle lanes along the river embankment....\n\n"
             "Local News\n\nA bakery in the old town has won a national award for its rye bread, judges said "
             "on...\n\nWeekend weather: sunshine expected")
    text = f"{BODY_1}\n\n{BODY_2}\n\n{block}"
    assert _removed(text) == [("teaser-block", block)]
    _survives(text, BODY_1, BODY_2)


def test_markdown_heading_block() -> None:
    block = "**Latest news**\n- Choir wins national contest\n- Ski resorts open early\n\n© 2024 Caspian Ledger"
    text = f"## Forklifts\n\n{BODY_1}\n\n{block}\n"
    assert _removed(text) == [("teaser-block", block)]


def test_glued_headings_form_one_block() -> None:
    text = f"{BODY_1}\n\nMust read\n\nYou might also likeRELATED\nRecommended to you"
    assert _removed(text) == [("teaser-block", "Must read\n\nYou might also likeRELATED\nRecommended to you")]


def test_teaser_block_stops_where_article_body_resumes() -> None:
    text = (f"{BODY_1}\n\nLatest news\n\nMarathon runners brave the heat\n\nNew museum opens its doors...\n\n"
            f"{BODY_2}")
    assert _removed(text) == [("teaser-block",
                               "Latest news\n\nMarathon runners brave the heat\n\nNew museum opens its doors...")]
    _survives(text, BODY_1, BODY_2)


@pytest.mark.parametrize(("line", "label"), [
    ("Click to comment", "comments"),
    ("Leave a Reply", "comments"),
    ("Leave a Comment", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Required fields are marked *", "comments"),
    ("Source link", "source-link"),
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("Share on X", "share"),
    ("WhatsApp Channel Join Now", "share"),
    ("Telegram Group Join Now", "share"),
    ("Join our Telegram channel for breaking news.", "share"),
    ("Follow us on Twitter and Telegram", "share"),
    ("Subscribe to our newsletter", "share"),
    ("Connect with us", "share"),
    ("Hi, what are you looking for?", "site-search"),
    ("Watch the video above as our reporter visits the border crossing.", "video-prompt"),
    ("Photo: Aigerim Nurlanova/Steppe Pictures", "photo-credit"),
    ("Image credit: Caspian Press Agency", "photo-credit"),
    ("Forklifts stacked at a depot near the border (PHOTO: Ruslan Abenov)", "photo-credit"),
    ("Trucks queue at the crossing (Photo: Eurasia Pictures)", "photo-credit"),
    ("Trade MonitorTrade Monitor", "site-logo"),
    ("Name *", "comments"),
    ("Email *", "comments"),
    ("Facebook | X | Telegram | Email", "share"),
    ("Facebook Twitter LinkedIn WhatsApp", "share"),
    ("**Share this article:** [X](https://x.example/share) · [Telegram](https://t.example/share)", "share"),
    ("Home | World | Economy | Central Asia | About us", "site-nav"),
    ("[Home](https://ledger.example/) · [Briefs](https://ledger.example/briefs) · [Data](/data)", "site-nav"),
    ("© 2024 Caspian Ledger. All rights reserved.", "copyright"),
    ("Copyright 2023 Border Trade Weekly", "copyright"),
    ("![Trucks at the Khorgos crossing](/img/khorgos.jpg)", "image"),
    ("*Photo: Aigerim Nurlanova/Steppe Pictures*", "photo-credit"),
    ("> READ ALSO: [Choir wins national contest](https://ledger.example/choir)", "teaser"),
    ("By Aigerim Nurlanova", "byline"),
    ("Aigerim Nurlanova By Aigerim Nurlanova March5,2024", "byline"),
    ("I am Ruslan Abenov, a freelance writer and journalist for Steppe Freight Monitor. I cover trade.",
     "author-note"),
    ("Aigerim Nurlanova has been a reporter on the business desk since 2019. Before that she covered sport.",
     "author-note"),
])
def test_furniture_lines_are_removed_whole(line: str, label: str) -> None:
    text = f"{BODY_1}\n{line}\n{BODY_2}"
    assert _removed(text) == [(label, line)]
    _survives(text, BODY_1, BODY_2)


def test_promo_line_is_removed_and_names_no_body() -> None:
    promo = ("Steppe Freight Monitor is the place where you will find the latest on trade across Central Asia. "
             "Follow us on Telegram, support us, or become our patron!")
    text = f"{BODY_1}\n\n{promo}"
    assert _removed(text) == [("promo", promo)]


def test_trailing_follow_sentence_is_cut_from_a_body_paragraph() -> None:
    text = f"{BODY_1} Follow us on Telegram for more reports like this one."
    assert _removed(text) == [("share", "Follow us on Telegram for more reports like this one.")]
    _survives(text, BODY_1)


def test_author_name_alone_on_a_line_goes_with_its_byline() -> None:
    text = f"{BODY_1}\n\nAigerim Nurlanova\n\nBy Aigerim Nurlanova\n\n{BODY_2}"
    assert _removed(text) == [("byline", "Aigerim Nurlanova"), ("byline", "By Aigerim Nurlanova")]
    _survives(text, BODY_1, BODY_2)


def test_caption_run_on_from_a_headline_is_cut_from_its_caption_word() -> None:
    text = (f"Forklift exports grow Archive photo: Forklifts at a depot near the border (Press Service of the "
            f"Customs Committee)\n{BODY_1}")
    assert _removed(text) == [("photo-credit", "Archive photo: Forklifts at a depot near the border (Press "
                                               "Service of the Customs Committee)")]
    _survives(text, "Forklift exports grow", BODY_1)


def test_photo_credit_inside_a_line_removes_only_the_parentheses() -> None:
    sentence = "The depot (Photo: Ruslan Abenov) holds about 300 machines, the manager told reporters."
    [(label, removed)] = _removed(sentence)
    assert (label, removed) == ("photo-credit", "(Photo: Ruslan Abenov)")
    _survives(sentence, "The depot ", " holds about 300 machines, the manager told reporters.")


@pytest.mark.parametrize("body", [
    "Related sanctions were imposed on the Almaty trading house in May.",
    "Officials said they would share on Monday the list of companies.",
    "The photo: shows forklifts, the ministry said, but it was taken in 2019.",
    "Readers asked whether the recommended route via Kazakhstan is still open.",
    "Source: Eurasian Trade Watch, with reference to customs data",
    "Popular demand for Chinese cars in Russia rose again in 2023, dealers said.",
    "Latest news from the border suggests that queues at Khorgos have grown, drivers said on Tuesday.",
    "By Aigerim Nurlanova | March 5, 2024",
    "Ball bearings | 345% | 2,492% | 2023",
    "| Goods | Russia | Kyrgyzstan |",
    "Full analysis: [Eurasian Trade Watch](https://etw.example/report)",
    "Telegram channels close to the Russian army published photos of the loaders.",
])
def test_body_sentences_that_resemble_furniture_survive(body: str) -> None:
    text = f"{BODY_1}\n\n{body}\n\n{BODY_2}"
    assert _removed(text) == []


def test_spans_are_sorted_merged_and_inside_the_text() -> None:
    text = "Connect with us\nREAD ALSO: Gardening tips\n" + BODY_1 + "\nYou May Also Like\nREAD ALSO: More tips"
    spans = find_boilerplate(text)
    assert list(spans) == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert text[spans[-1].start:spans[-1].end] == "You May Also Like\nREAD ALSO: More tips"
    assert spans[-1].label == "teaser-block"


def test_rules_are_named_data() -> None:
    assert {rule.name for rule in RULES} >= {"teaser", "teaser-block", "comments", "share", "photo-credit", "promo"}


def test_mask_keeps_length_newlines_and_offsets() -> None:
    text = f"{BODY_1}\nREAD ALSO: Spring picnic ideas\n{BODY_2}"
    masked = mask(text, find_boilerplate(text))
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    start = text.index(BODY_2)
    assert masked[start:start + len(BODY_2)] == BODY_2
    assert "picnic" not in masked


def test_mask_with_explicit_spans() -> None:
    assert mask("ab\ncd", [Span(start=1, end=4)]) == "a \n d"
    assert mask("abc", []) == "abc"


# -- the seed corpus ---------------------------------------------------------------------------------

_TEASER_WORDS = ("Taylor Swift", "Dawood Ibrahim", "Casey Goonan", "Chicago", "Socio Economic Challenges",
                 "Food Stamps", "North Carolina Deputy", "Student loan", "Thanksgiving", "captchas",
                 "Kansas City", "Zelensky called on the West", "almost unrestricted", "Yannes Kiefer",
                 "Scott Stefan", "Recommended to you", "Click to comment", "WhatsApp Channel",
                 "is the place where you will find", "become our patron", "Hi, what are you looking for?")
_BODY_WORDS = ("Atlantic Council", "Wall Street Journal", "Joseph Webster", "excavators", "Mark Cancian",
               "Beidou and GLONASS", "Surovikin", "Bank of Finland")


@pytest.mark.seeds
def test_seed_corpus_teasers_are_masked_and_body_mentions_are_not() -> None:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus not present")
    texts = [path.read_text(encoding="utf-8").replace("\r\n", "\n") for path in sorted(corpus.glob("*.txt"))]
    assert texts
    found_teasers = found_body = 0
    for text in texts:
        masked = mask(text, find_boilerplate(text))
        for words in _TEASER_WORDS:
            if words in text:
                found_teasers += 1
                assert words not in masked, f"teaser text not masked: {words!r}"
        for words in _BODY_WORDS:
            if words in text:
                found_body += 1
                assert words in masked, f"body text masked: {words!r}"
    # The words must actually occur in the seeds, or this test proves nothing.
    assert found_teasers >= 10
    assert found_body >= 5


def test_bare_credit_after_a_caption_stop_is_boilerplate_but_an_acronym_is_not() -> None:
    text = ("Exports rose.\nA container ship at the port of Mersin, Turkey. (Getty Images)\n"
            "The Office of Foreign Assets Control (OFAC) listed the firm. Analysts agreed. (see below)\n")
    removed = [text[s.start:s.end] for s in find_boilerplate(text)]
    assert removed == [" (Getty Images)"]
