"""Outlet, URL and title from a leading ``Key: value`` block, credits at the top of the text and the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.metadata import host_of, infer_metadata, outlet_of_domain, read_header
from ingest.read import read_file
from ingest.resolve import resolve_outlet
from ontology.gazetteer import load_gazetteer

HEADED = """URL: https://www.kyivindependent.com/2024/03/drone-parts-route
Title: Drone parts keep reaching Russian plants through Central Asia
Published: 12.03.2024
Author: Olena Marchenko

Drone parts keep reaching Russian plants through Central Asia

Kazakhstan exported $4.1 million worth of drone components to Russia last year, customs figures show.
"""


def _read(tmp_path: Path, text: str, name: str = "article.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    outcome = read_file(path)
    assert not outcome.errors
    return outcome.articles[0]


def test_header_block_is_metadata_and_masked(tmp_path: Path) -> None:
    article = _read(tmp_path, HEADED)
    assert article.url == "https://www.kyivindependent.com/2024/03/drone-parts-route"
    assert article.title == "Drone parts keep reaching Russian plants through Central Asia"
    assert article.published is not None and article.published.isoformat() == "2024-03-12"
    assert article.outlet == "Kyiv Independent"  # the URL's listed domain
    header = [span for span in article.boilerplate if span.label == "metadata-header"]
    masked = "".join(article.text[s.start:s.end] for s in header)
    assert "URL: https://" in masked and "Author: Olena Marchenko" in masked
    assert "Drone parts keep" not in masked  # the title's value stays readable as the headline


def test_header_source_line_names_the_outlet(tmp_path: Path) -> None:
    article = _read(tmp_path, "Source: The Caspian Courier\nDate: 2024-05-02\n\nTrucks crossed the border.\n")
    assert article.outlet == "The Caspian Courier"


def test_a_body_opening_with_a_colon_is_no_header() -> None:
    header = read_header("Update: the ministry said exports fell.\n\nMore text.")
    assert not header.fields and not header.spans


@pytest.mark.parametrize(("line", "outlet"), [
    ("ISTANBUL (Reuters) - Turkish exports of dual-use goods to Russia fell 30% in May.", "Reuters"),
    ("WASHINGTON (AP) — The Commerce Department added 12 firms to its entity list.", "AP"),
    ("(MENAFN- Ukrinform) Chinese exports of machine tools to Russia rose sharply.", "Ukrinform"),
    ("Azatutyun.am. Armenia's imports of chips rose fivefold last year.", "Radio Free Europe/Radio Liberty"),
    ("OREANDA-NEWS. Exports of bearings rose by a quarter.", "OREANDA-NEWS"),
])
def test_credit_at_the_top_names_the_outlet(line: str, outlet: str) -> None:
    meta = infer_metadata(f"A headline without a stop\n\n{line}\n", url="https://aggregator.example/item/1")
    assert meta.outlet == outlet


def test_republishing_site_yields_to_the_credit_and_is_kept_without_one() -> None:
    body = "(MENAFN- Ukrinform) Exports rose."
    assert infer_metadata(body, url="https://menafn.com/123/x").outlet == "Ukrinform"
    assert infer_metadata("Exports rose.", url="https://menafn.com/123/x").outlet == "MENAFN"


def test_unlisted_host_is_the_outlet_marked_inferred() -> None:
    meta = infer_metadata("Exports rose sharply last year.", url="https://www.steppe-wire.example/news/1")
    assert meta.outlet == "steppe-wire.example"
    entity = resolve_outlet(meta.outlet, load_gazetteer())
    assert entity.origin == "inferred" and entity.confidence < 0.8


def test_subdomain_counts_for_its_domain() -> None:
    assert outlet_of_domain("newsukraine.rbc.ua") == ("RBC-Ukraine", False)
    assert outlet_of_domain("unknown.example") is None
    assert host_of("https://amp.example.org./a") == "example.org"


def test_without_a_url_the_site_logo_names_the_outlet(tmp_path: Path) -> None:
    article = _read(tmp_path, "Steppe WireSteppe Wire\n\nTrucks crossed the border at Khorgos in record numbers.\n")
    assert article.outlet == "Steppe Wire"


UNNAMED = """Excavators at the border

Kazakh traders shipped 120 Chinese excavators to Russia in May, up from 40 a year earlier.
"""


def test_an_article_that_names_no_outlet_gets_its_own_inferred_stand_in(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    article = _read(tmp_path, UNNAMED, name="border-note.txt")
    digest = article.id.split(":")[1][:8]
    assert article.outlet == f"unnamed outlet of border-note.txt ({digest})"
    extraction = pipeline.extract(article)
    outlet = next(e for e in extraction.entities if e.name == article.outlet)
    assert (outlet.type, outlet.origin) == ("MediaOutlet", "inferred")
    assert outlet.confidence < 0.5
    claim = next(c for c in extraction.claims if c.value is not None and c.value.raw == "120")
    assert [(s.name, s.role) for s in claim.attributed_to] == [(article.outlet, "outlet")]


def test_two_unnamed_articles_never_share_an_outlet(tmp_path: Path) -> None:
    first = _read(tmp_path, UNNAMED, name="one.txt")
    second = _read(tmp_path, UNNAMED.replace("120", "130"), name="one.txt")
    assert first.outlet != second.outlet
    assert resolve_outlet(first.outlet or "", load_gazetteer()).id != resolve_outlet(second.outlet or "",
                                                                                    load_gazetteer()).id


def test_an_outlet_named_with_a_leading_article_publishes_the_article(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    from graph.ladybug_store import LadybugStore

    text = UNNAMED + "\nThe Steppe Courier counted the machines at Khorgos.\n\n© 2024 The Steppe Courier\n"
    article = _read(tmp_path, text)
    assert article.outlet == "The Steppe Courier"
    extraction = pipeline.extract(article)
    outlet = next(e for e in extraction.entities if e.id == extraction.outlet_id)
    assert (outlet.type, outlet.name) == ("MediaOutlet", "Steppe Courier")
    with LadybugStore(tmp_path / "store") as store:
        store.write(extraction)
        rows = store.query("MATCH (a:Article)-[:PUBLISHED_BY]->(o:MediaOutlet) RETURN o.name").rows
    assert [row[0] for row in rows] == ["Steppe Courier"]


def test_a_paper_named_again_by_its_last_word_is_the_same_outlet(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import article_from_text

    text = ("Chips via Hong Kong\n\nThe New York Times analysed customs records of chip shipments.\n\n"
            "The Times found that exports of microchips to Russia rose 40% in 2023.\n")
    claims = pipeline.extract(article_from_text(text, outlet="Kyiv Post")).claims
    found = next(c for c in claims if c.value is not None and c.value.raw == "40%")
    assert [s.name for s in found.attributed_to] == ["Kyiv Post", "New York Times"]


def test_two_papers_sharing_the_last_word_leave_it_unresolved() -> None:
    from ingest.resolve import Resolver

    gazetteer = load_gazetteer()
    resolver = Resolver(gazetteer)
    for name in ("New York Times", "Financial Times"):
        outlet = gazetteer.lookup(name, ["MediaOutlet"])
        assert outlet is not None
        resolver.remember(outlet)
    resolution = resolver.resolve("Times", "ORG")
    assert resolution is not None and resolution.method == "new"


REPUBLISHED = """URL: https://mirror-news.example/item/77

Chinese exports of drones to Kazakhstan rose 60% in 2023.

The Kazakh firms then shipped the drones to Russia.

Reuters could not independently verify the figures.
"""


def test_a_site_that_names_no_outlet_relays_the_outlet_speaking_of_its_reporting(tmp_path: Path,
                                                                                 pipeline) -> None:  # type: ignore[no-untyped-def]
    article = _read(tmp_path, REPUBLISHED)
    assert article.outlet == "mirror-news.example"
    chains = {c.text: [s.name for s in c.attributed_to] for c in pipeline.extract(article).claims}
    assert chains["Chinese exports of drones to Kazakhstan rose 60% in 2023."] == ["mirror-news.example", "Reuters"]


def test_a_named_outlet_keeps_its_own_claims_when_another_outlet_speaks_of_its_reporting(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import article_from_text

    body = REPUBLISHED.split("\n", 2)[2]
    chains = {c.text: [s.name for s in c.attributed_to]
              for c in pipeline.extract(article_from_text(body, outlet="Kyiv Post")).claims}
    assert chains["Chinese exports of drones to Kazakhstan rose 60% in 2023."] == ["Kyiv Post"]
