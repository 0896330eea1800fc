from kinerja.audit.rules import GENESIS, canonical, event_hash


def test_hash_depends_on_previous_and_content():
    a = event_hash(GENESIS, {"aksi": "x"})
    assert a != event_hash(GENESIS, {"aksi": "y"})
    assert a != event_hash("1" * 64, {"aksi": "x"})
    assert a == event_hash(GENESIS, {"aksi": "x"})


def test_canonical_is_order_independent():
    assert canonical({"b": 1, "a": 2}) == canonical({"a": 2, "b": 1})
