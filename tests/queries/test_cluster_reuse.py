"""Text reuse read from the shingles the cluster index keeps equals text_reuse of the sentences."""

from __future__ import annotations

import itertools

from queries.corroborate import ClusterIndex, independent_origins, text_reuse
from tests.queries.builders import VOCABULARY, stored

SENTENCES = (
    "Exports of lathes from Taiwan to Turkey rose by 40% in the first half of the year.",
    "Exports of lathes from Taiwan to Turkey rose by 40% in the first half of 2023, officials said.",
    "Shipments of bearings to Kazakhstan doubled last year.",
    "Short line.",
    "",
)


def test_kept_shingles_give_the_text_reuse_of_every_pair() -> None:
    claims = [stored(text, f"a{i}") for i, text in enumerate(SENTENCES)]
    index = ClusterIndex(claims, vocabulary=VOCABULARY)
    scores = {}
    for i, j in itertools.permutations(range(len(claims)), 2):
        scores[i, j] = index._reuse(i, j)
        assert scores[i, j] == text_reuse(index.claims[i].text, index.claims[j].text)
    assert 0.0 < max(scores.values()) < 1.0, "the sentences must share some shingles, not all"


def test_reports_that_copy_each_other_share_one_origin_and_others_do_not() -> None:
    copied = stored(SENTENCES[0], "a1", outlet="Outlet One")
    copy = stored(SENTENCES[0].replace("the year", "the year."), "a2", outlet="Outlet Two")
    other = stored("Turkey bought 40% more lathes from Taiwan than a year before.", "a3", outlet="Outlet Three")
    origins = independent_origins([copied, copy, other], vocabulary=VOCABULARY)
    assert sorted(len(o.claim_ids) for o in origins) == [1, 2]
    assert any(set(o.claim_ids) == {copied.id, copy.id} for o in origins)
