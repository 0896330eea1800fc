"""Hash chain rules (pure).

Version 1 links (written before the audit key existed) are a plain SHA-256 chain: anyone who can
write the database can recompute them.  Version 2 links are an HMAC-SHA256 with a key kept outside
the database.  A chain may start with version 1 links only if the first version 2 link is the
*seal* (``SEAL_ACTION``) that names how many legacy links precede it and the last legacy hash; after
the seal every link is version 2.  The head (last hash and count) carries its own HMAC, so cutting
events off the end is detected too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

GENESIS = "0" * 64
LEGACY = 1
KEYED = 2
SEAL_ACTION = "audit.segel_hmac"


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(previous: str, fields: dict) -> str:
    """Version 1 (legacy, unkeyed): kept only to verify chains written before the audit key."""
    return hashlib.sha256((previous + "|" + canonical(fields)).encode("utf-8")).hexdigest()


def event_mac(key: bytes, previous: str, fields: dict) -> str:
    """Version 2: HMAC-SHA256 over the previous hash and the event's fields."""
    return hmac.new(key, (previous + "|" + canonical(fields)).encode("utf-8"), hashlib.sha256).hexdigest()


def head_mac(key: bytes, last_hash: str, count: int) -> str:
    return hmac.new(key, f"kepala|{last_hash}|{count}".encode(), hashlib.sha256).hexdigest()


def key_fingerprint(key: bytes) -> str:
    """A short, harmless name for the key (to tell which key a server uses)."""
    return hmac.new(key, b"sidik-kunci-audit", hashlib.sha256).hexdigest()[:16]


def seal_payload(legacy_count: int, legacy_last_hash: str) -> dict:
    return {"jumlah_lama": legacy_count, "hash_lama": legacy_last_hash}


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class Link:
    """One stored event, as the verifier sees it."""

    id: int
    versi: int
    aksi: str
    sesudah: dict | None
    hash_sebelumnya: str
    hash: str
    fields: dict


class ChainChecker:
    """Feed links in id order, then ``finish`` with the stored head."""

    def __init__(self, key: bytes):
        self.key = key
        self.previous = GENESIS
        self.checked = 0
        self.keyed = False

    def feed(self, link: Link) -> ChainProblem | None:
        if link.hash_sebelumnya != self.previous:
            return ChainProblem(link.id, "rantai terputus: ada kejadian yang dihapus atau disisipkan sebelum kejadian ini")
        if link.versi == LEGACY:
            if self.keyed:
                return ChainProblem(link.id, "kejadian tanpa kunci audit setelah rantai disegel (rantai dihitung ulang)")
            if event_hash(self.previous, link.fields) != link.hash:
                return ChainProblem(link.id, "isi kejadian telah diubah")
        elif link.versi == KEYED:
            if event_mac(self.key, self.previous, link.fields) != link.hash:
                return ChainProblem(link.id, "isi kejadian telah diubah atau rantai dihitung ulang tanpa kunci audit "
                                             "yang benar")
            if not self.keyed and self.checked:
                expected = seal_payload(self.checked, self.previous)
                if link.aksi != SEAL_ACTION or link.sesudah != expected:
                    return ChainProblem(link.id, "rantai lama tidak disegel dengan kunci audit")
            self.keyed = True
        else:
            return ChainProblem(link.id, f"versi rantai tidak dikenal ({link.versi})")
        self.previous = link.hash
        self.checked += 1
        return None

    def finish(self, head_hash: str | None, head_count: int | None, head_mac_value: str | None) -> ChainProblem | None:
        if head_hash is None:
            return ChainProblem(None, "kepala rantai hilang") if self.checked else None
        if head_hash != self.previous or head_count != self.checked:
            return ChainProblem(None, "kejadian terakhir hilang atau kepala rantai diubah")
        if self.checked and not self.keyed:
            return ChainProblem(None, "rantai belum disegel dengan kunci audit (HMAC); semua kejadian dapat dihitung "
                                      "ulang oleh siapa pun yang dapat menulis basis data")
        if self.checked and head_mac_value != head_mac(self.key, head_hash, head_count):
            return ChainProblem(None, "kepala rantai diubah: kejadian terakhir dipotong atau kunci audit salah")
        return None
