"""Hash chain rules (pure)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(previous: str, fields: dict) -> str:
    return hashlib.sha256((previous + "|" + canonical(fields)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    reason: str
