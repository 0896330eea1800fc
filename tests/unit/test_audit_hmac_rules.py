"""Keyed (HMAC) audit chain rules: pure, no app."""

from dataclasses import replace

import pytest

from kinerja.audit.rules import (
    GENESIS,
    KEYED,
    LEGACY,
    SEAL_ACTION,
    ChainChecker,
    Link,
    event_hash,
    event_mac,
    head_mac,
    key_fingerprint,
    seal_payload,
)

KEY = b"k" * 32


def _chain(n_legacy: int, n_keyed: int, key: bytes = KEY, seal: bool = True) -> list[Link]:
    links, previous = [], GENESIS
    for i in range(n_legacy):
        fields = {"aksi": "lama", "i": i}
        h = event_hash(previous, fields)
        links.append(Link(len(links) + 1, LEGACY, "lama", None, previous, h, fields))
        previous = h
    if n_legacy and seal:
        payload = seal_payload(n_legacy, previous)
        fields = {"aksi": SEAL_ACTION, "sesudah": payload}
        h = event_mac(key, previous, fields)
        links.append(Link(len(links) + 1, KEYED, SEAL_ACTION, payload, previous, h, fields))
        previous = h
    for i in range(n_keyed):
        fields = {"aksi": "baru", "i": i}
        h = event_mac(key, previous, fields)
        links.append(Link(len(links) + 1, KEYED, "baru", None, previous, h, fields))
        previous = h
    return links


def _verify(links: list[Link], key: bytes = KEY, head: tuple | None = "auto"):
    checker = ChainChecker(key)
    for link in links:
        problem = checker.feed(link)
        if problem:
            return problem
    if head == "auto":
        last = links[-1].hash if links else GENESIS
        head = (last, len(links), head_mac(key, last, len(links)))
    return checker.finish(*head) if head else checker.finish(None, None, None)


@pytest.mark.parametrize("n_legacy, n_keyed", [(0, 0), (0, 3), (3, 0), (3, 2)])
def test_good_chains_verify(n_legacy, n_keyed):
    assert _verify(_chain(n_legacy, n_keyed)) is None


def test_hmac_differs_from_the_unkeyed_hash_and_between_keys():
    fields = {"aksi": "x"}
    assert event_mac(KEY, GENESIS, fields) != event_hash(GENESIS, fields)
    assert event_mac(KEY, GENESIS, fields) != event_mac(b"j" * 32, GENESIS, fields)
    assert key_fingerprint(KEY) != key_fingerprint(b"j" * 32) and len(key_fingerprint(KEY)) == 16


def test_wrong_key_fails():
    assert _verify(_chain(0, 2), key=b"j" * 32) is not None


def test_an_unsealed_legacy_chain_fails():
    links = _chain(3, 0, seal=False)
    assert "belum disegel" in _verify(links).reason


def test_legacy_links_after_the_seal_fail():
    links = _chain(0, 2)
    fields = {"aksi": "palsu"}
    h = event_hash(links[-1].hash, fields)
    links.append(Link(3, LEGACY, "palsu", None, links[-1].hash, h, fields))
    assert "setelah rantai disegel" in _verify(links).reason


def test_a_keyed_chain_recomputed_without_the_key_fails():
    links, previous = [], GENESIS
    for link in _chain(0, 3):
        h = event_hash(previous, link.fields)
        links.append(replace(link, versi=LEGACY, hash_sebelumnya=previous, hash=h))
        previous = h
    assert _verify(links) is not None  # all unkeyed now: never sealed


def test_keyed_links_after_legacy_ones_must_start_with_the_seal():
    links = _chain(2, 0, seal=False)
    fields = {"aksi": "baru"}
    h = event_mac(KEY, links[-1].hash, fields)
    links.append(Link(3, KEYED, "baru", None, links[-1].hash, h, fields))
    assert "tidak disegel" in _verify(links).reason


def test_edited_and_deleted_links_fail():
    links = _chain(2, 3)
    edited = list(links)
    edited[1] = replace(edited[1], fields={"aksi": "lama", "i": 99})
    assert _verify(edited).event_id == 2
    deleted = links[:2] + links[3:]
    assert "terputus" in _verify(deleted).reason


def test_head_must_match_and_carry_its_mac():
    links = _chain(0, 3)
    cut = links[:-1]
    last = cut[-1].hash
    assert "kepala" in _verify(cut, head=(last, len(cut), "0" * 64)).reason  # head moved back without the key
    assert _verify(links, head=(links[-1].hash, 2, head_mac(KEY, links[-1].hash, 2))) is not None
    assert "hilang" in _verify(links, head=None).reason
    assert _verify([], head=None) is None


# ------------------------------------------------------------------ where the key comes from

def test_key_file_is_created_once_with_owner_only_permissions(tmp_path, monkeypatch):
    import stat

    from kinerja.config import resolve_audit_key

    monkeypatch.delenv("KINERJA_AUDIT_KEY", raising=False)
    first = resolve_audit_key({"INSTANCE_DIR": tmp_path})
    path = tmp_path / "audit_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) == 64
    assert resolve_audit_key({"INSTANCE_DIR": tmp_path}) == first


def test_environment_key_wins_and_must_be_long(tmp_path, monkeypatch):
    from kinerja.config import ConfigError, resolve_audit_key

    monkeypatch.setenv("KINERJA_AUDIT_KEY", "x" * 40)
    assert resolve_audit_key({"INSTANCE_DIR": tmp_path}) == b"x" * 40
    assert not (tmp_path / "audit_key").exists()
    monkeypatch.setenv("KINERJA_AUDIT_KEY", "pendek")
    with pytest.raises(ConfigError):
        resolve_audit_key({"INSTANCE_DIR": tmp_path})
