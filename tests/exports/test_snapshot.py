"""Reading a whole store into a snapshot."""

from __future__ import annotations

from graph.snapshot import GraphSnapshot, cypher_name, relationship_key
from tests.exports.builders import ENTITIES


def test_every_entity_and_record_is_read(snapshot: GraphSnapshot) -> None:
    labels = {node.id: node.label for node in snapshot.nodes}
    assert {e.id: e.type for e in ENTITIES}.items() <= labels.items()
    assert len(snapshot.nodes_of("Article")) == 1
    assert len(snapshot.nodes_of("SupplyFlow")) == 1
    assert len(snapshot.nodes_of("Claim")) == 2


def test_relationships_carry_labels_properties_and_keys(snapshot: GraphSnapshot) -> None:
    via = snapshot.relationships_of("VIA")
    assert [(r.src_label, r.dst, r.props) for r in via] == [("SupplyFlow", "country:KZ", {"position": 0})]
    legs = sorted((r.get("leg"), r.src, r.dst) for r in snapshot.relationships_of("SUPPLIES"))
    assert legs == [(1, "country:CN", "country:KZ"), (2, "country:KZ", "country:RU")]
    keys = [r.key for r in snapshot.relationships]
    assert len(keys) == len(set(keys))
    mention = snapshot.relationships_of("MENTIONS")[0]
    assert mention.key == relationship_key("MENTIONS", mention.src, mention.dst, mention.props)


def test_empty_lists_read_as_unset(snapshot: GraphSnapshot) -> None:
    kazakhstan = snapshot.node("country:KZ")
    assert kazakhstan is not None and kazakhstan.props["aliases"] is None


def test_keys_ignore_non_identifying_properties() -> None:
    a = relationship_key("MENTIONS", "article:1", "country:RU", {"start": 1, "end": 5, "confidence": 0.5})
    b = relationship_key("MENTIONS", "article:1", "country:RU", {"start": 1, "end": 5, "confidence": 0.9})
    c = relationship_key("MENTIONS", "article:1", "country:RU", {"start": 2, "end": 5, "confidence": 0.9})
    assert a == b != c


def test_reserved_property_names_are_quoted() -> None:
    assert [cypher_name(n) for n in ("end", "start", "value_raw", "a b", "x`y")] == [
        "`end`", "start", "value_raw", "`a b`", "`x``y`"]


def test_reading_twice_gives_the_same_snapshot(sample_db) -> None:  # type: ignore[no-untyped-def]
    from graph.ladybug_store import LadybugStore
    from graph.snapshot import read_snapshot

    with LadybugStore(sample_db, read_only=True) as store:
        assert read_snapshot(store) == read_snapshot(store)
