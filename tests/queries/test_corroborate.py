from __future__ import annotations

from queries.corroborate import cluster_claims, independent_origins, metric_terms, text_reuse
from tests.queries.builders import VOCABULARY, stored

WSJ_CHAIN = ["Wall Street Journal", ("trade data", "GenericSource")]


def _growth(text: str, article: str, outlet: str, chain, metric="exports of all goods from China to Russia"):
    return stored(text, article, outlet, metric=metric, raw="73%", number=73.0, unit="%",
                  period=("2023-01", "2023-07"), chain=chain)


def test_echo_of_one_newspaper_is_one_origin():
    a = _growth("Chinese exports to Russia rose 73% in seven months.", "a1", "Kyiv Daily", ["Kyiv Daily", *WSJ_CHAIN])
    b = _growth("Shipments from China to Russia jumped by 73% this year, the paper said.", "a2", "Crypto Blog",
                WSJ_CHAIN, metric="exports from China to Russia")
    (cluster,) = cluster_claims([a, b], vocabulary=VOCABULARY)
    assert len(cluster.reports) == 2 and cluster.independent_origins == 1
    assert [o.name for o in cluster.origins] == ["Wall Street Journal"]


def test_two_independent_sources_are_two_origins():
    a = _growth("Exports rose 73%, the Wall Street Journal reported.", "a1", "Kyiv Daily", WSJ_CHAIN)
    b = _growth("Exports rose by 73 percent, according to the Bank of Finland.", "a2", "Helsinki Times",
                ["Bank of Finland"])
    (cluster,) = cluster_claims([a, b], vocabulary=VOCABULARY)
    assert cluster.independent_origins == 2


def test_unattributed_near_verbatim_copies_are_one_origin():
    text = "In the first seven months of the year Chinese exports to Russia increased by 73 percent overall."
    copy = text.replace("overall", "in total")
    assert text_reuse(text, copy) >= 0.6
    a = _growth(text, "a1", "Outlet One", [])
    b = _growth(copy, "a2", "Outlet Two", [])
    c = _growth("Russia bought 73% more Chinese goods than a year ago.", "a3", "Outlet Three", [])
    (cluster,) = cluster_claims([a, b, c], vocabulary=VOCABULARY)
    assert len(cluster.reports) == 3 and cluster.independent_origins == 2


def test_different_period_value_or_good_are_different_facts():
    sept = stored("Excavator exports more than tripled in September 2022.", "a1", "X",
                  metric="exports of excavators from China to Russia", raw="more than tripled", number=3.0,
                  unit="factor", period=("2022-09", "2022-09"), chain=["Atlantic Council"])
    jan_jul = stored("Excavator exports more than tripled in January-July 2023.", "a2", "Y",
                     metric="exports of excavators from China to Russia", raw="more than three times", number=3.0,
                     unit="factor", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    vague = stored("In September excavator exports from China to Russia more than tripled.", "a3", "Z",
                   metric="exports of excavators to Russia", raw="more than tripled", number=3.0, unit="factor",
                   chain=["Atlantic Council"])
    loaders = stored("Loader exports nearly doubled in January-July 2023.", "a4", "Y",
                     metric="exports of front-end loaders from China to Russia", raw="nearly doubled", number=2.0,
                     unit="factor", period=("2023-01", "2023-07"), chain=["Wall Street Journal"])
    clusters = cluster_claims([sept, jan_jul, vague, loaders], vocabulary=VOCABULARY)
    sizes = sorted(len(c.reports) for c in clusters)
    assert sizes == [1, 1, 2]
    pair = next(c for c in clusters if len(c.reports) == 2)
    assert {r.article.id for r in pair.reports} == {"a1", "a3"}
    assert pair.independent_origins == 1


def test_metric_terms_ignore_wording():
    assert metric_terms("exports of excavators from China to Russia", vocabulary=VOCABULARY) == \
        metric_terms("Chinese excavator sales to Russia", vocabulary=VOCABULARY)
    assert metric_terms("exports of ball bearings to Kyrgyzstan", vocabulary=VOCABULARY) != \
        metric_terms("exports of ball bearings to Russia", vocabulary=VOCABULARY)


def test_independent_origins_directly():
    a = stored("One.", "a1", "Outlet", chain=[])
    b = stored("Two.", "a1", "Outlet", chain=[])
    c = stored("Three.", "a2", None, chain=[])
    origins = independent_origins([a, b, c], vocabulary=VOCABULARY)
    assert [o.name for o in origins] == ["Outlet", "unknown outlet"]


def test_unattributed_report_in_an_article_citing_the_origin_counts_under_it():
    from dataclasses import replace

    cited = stored("Exports of excavators more than tripled in September, the Atlantic Council said.", "a1", None,
                   metric="exports of excavators from China to Russia", raw="more than tripled", number=3.0,
                   unit="factor", chain=["Atlantic Council"])
    echo = replace(stored("In September 2022 excavator exports to Russia more than tripled.", "a2", None,
                          metric="exports of excavators from China to Russia", raw="more than tripled", number=3.0,
                          unit="factor", period=("2022-09", "2022-09")),
                   article_mentions=frozenset({"Atlantic Council", "Russia"}))
    (cluster,) = cluster_claims([cited, echo], vocabulary=VOCABULARY)
    assert cluster.independent_origins == 1 and cluster.origins[0].name == "Atlantic Council"
    alone = replace(echo, article_mentions=frozenset({"Russia"}))
    assert cluster_claims([cited, alone], vocabulary=VOCABULARY)[0].independent_origins == 2


def _report(article: str, outlet: str | None, *chain: str | tuple[str, str], text: str | None = None):
    """A 73% report whose chain starts at its outlet (role "outlet"), then the named links."""
    from dataclasses import replace

    claim = _growth(text or f"Exports rose 73%, report {article} said.", article, outlet or "", list(chain))
    links = tuple(replace(link, role="cited") for link in claim.attribution)
    if outlet:
        from queries.claims import SourceLink

        links = (SourceLink(0, outlet, "outlet"), *(replace(link, position=i + 1) for i, link in enumerate(links)))
    return replace(claim, attribution=links, article=replace(claim.article, outlet=outlet))


def test_chains_meeting_at_a_named_link_are_one_origin_named_after_it():
    via_wsj = _report("a1", "Ukrainska Pravda", "Wall Street Journal", "Bank of Finland",
                      text="Exports to Russia rose 73%, the WSJ said, citing the Bank of Finland.")
    wsj_data = _report("a2", "Kyiv Post", *WSJ_CHAIN, text="The Journal found a 73% jump in trade data.")
    origins = independent_origins([via_wsj, wsj_data], vocabulary=VOCABULARY)
    assert [(o.name, len(o.claim_ids)) for o in origins] == [("Wall Street Journal", 2)]


def test_the_innermost_source_all_reports_share_names_the_origin():
    one = _report("a1", "Ukrainska Pravda", "Wall Street Journal", "Bank of Finland", text="First wording, 73%.")
    two = _report("a2", "Kyiv Post", "Wall Street Journal", "Bank of Finland", text="Other words; 73 percent.")
    (origin,) = independent_origins([one, two], vocabulary=VOCABULARY)
    assert origin.name == "Bank of Finland"


def test_one_outlet_relaying_two_sources_is_two_origins():
    council = _report("a1", "Reuters", "Atlantic Council", text="The council counted a 73% rise.")
    bank = _report("a2", "Reuters", "Bank of Finland", text="The bank measured seventy-three percent, 73%.")
    assert [o.name for o in independent_origins([council, bank], vocabulary=VOCABULARY)] == \
        ["Atlantic Council", "Bank of Finland"]


def test_a_newspaper_own_report_and_an_echo_of_it_are_one_origin():
    own = _report("a1", "Wall Street Journal", ("trade data", "GenericSource"), text="Our analysis: up 73%.")
    echo = _report("a2", "Kyiv Post", "Wall Street Journal", text="A US paper says exports grew 73%.")
    assert [(o.name, len(o.claim_ids)) for o in independent_origins([own, echo], vocabulary=VOCABULARY)] == \
        [("Wall Street Journal", 2)]


def test_a_report_without_source_or_outlet_is_named_by_its_site_then_title():
    from dataclasses import replace

    bare = stored("Exports grew 73%.", "a1", None, chain=[])
    hosted = replace(bare, article=replace(bare.article, url="https://www.steppe-wire.test/news/1"))
    titled = replace(stored("Seventy-three percent more, 73%.", "a2", None, chain=[]),
                     article=replace(bare.article, id="a2", title="Trade up sharply"))
    assert [o.name for o in independent_origins([hosted, titled], vocabulary=VOCABULARY)] == \
        ["steppe-wire.test", "Trade up sharply"]


def test_a_report_with_no_outlet_url_or_title_is_never_shown_by_its_article_id():
    one = stored("Exports grew 73%.", "article:one", None, chain=[])
    two = stored("Seventy-three percent more, 73%.", "article:two", None, chain=[])
    origins = independent_origins([one, two], vocabulary=VOCABULARY)
    assert [(o.key, o.name) for o in origins] == [("article:article:one", "unknown outlet"),
                                                  ("article:article:two", "unknown outlet")]


def test_chains_meeting_through_a_third_report_are_one_origin():
    # Ukrainska Pravda cites the WSJ citing the Bank of Finland; Kyiv Post cites the WSJ on trade data;
    # Helsinki Times cites the Bank of Finland directly: every chain meets another at a named link, and the
    # origin is named after the innermost of the sources most of them depend on (two each: the Bank is inner).
    via_wsj = _report("a1", "Ukrainska Pravda", "Wall Street Journal", "Bank of Finland", text="A 73% rise, first.")
    wsj_data = _report("a2", "Kyiv Post", *WSJ_CHAIN, text="Trade data show 73% more, second.")
    bank = _report("a3", "Helsinki Times", "Bank of Finland", text="The central bank: 73 percent, third.")
    alone = _report("a4", "Baltic Ledger", text="Our own count: 73%, fourth.")
    origins = independent_origins([via_wsj, wsj_data, bank, alone], vocabulary=VOCABULARY)
    assert [(o.name, o.claim_ids) for o in origins] == [
        ("Bank of Finland", (via_wsj.id, wsj_data.id, bank.id)), ("Baltic Ledger", (alone.id,))]


def test_an_outlet_reporting_what_it_was_told_by_a_source_and_one_reporting_nothing_are_two_origins():
    cited = _report("a1", "Kyiv Post", "Wall Street Journal", text="The Journal reports a 73% rise.")
    own = _report("a2", "Crypto Blog", text="We estimate exports rose 73%.")
    assert [o.name for o in independent_origins([cited, own], vocabulary=VOCABULARY)] == \
        ["Wall Street Journal", "Crypto Blog"]
