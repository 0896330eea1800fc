"""Demo data: the dinas of PRODUCT.md.  Each feature adds a module here and registers its step
with ``kait.add_demo_step`` in its ``init_app``."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from kinerja import kait
from kinerja.extensions import db
from kinerja.models import Pegawai

DEMO_PASSWORD = "kinerja-demo-2026"


@dataclass
class DemoResult:
    created: bool
    lines: list[str] = field(default_factory=list)
    # Progress lines (``--scale``) go to stderr as they happen when set.
    verbose: bool = False
    started: float = field(default_factory=time.perf_counter)

    def kemajuan(self, message: str) -> None:
        if self.verbose:
            print(f"[{time.perf_counter() - self.started:6.0f} s] {message}", file=sys.stderr, flush=True)

    def summary(self) -> str:
        return "\n".join(self.lines)


def load_demo(scale: int | None = None, seed: int = 2026, only_if_empty: bool = False,
              verbose: bool = False) -> DemoResult:
    from kinerja.demo import organisasi

    if only_if_empty and db.session.execute(select(func.count(Pegawai.id))).scalar_one():
        return DemoResult(False, ["Basis data sudah berisi data; data demo tidak dimuat ulang."])
    result = DemoResult(True, verbose=verbose)
    ctx = organisasi.load(result, seed=seed, scale=scale)
    result.kemajuan(result.lines[-1])
    for step in kait.demo_steps():
        step(result, ctx, seed=seed, scale=scale)
        result.kemajuan(f"{step.__module__}.{step.__name__}: {result.lines[-1] if result.lines else ''}")
    if scale:
        _statistik_perencana(result)
    return result


def _statistik_perencana(result: DemoResult) -> None:
    """After a bulk load, give the query planner its statistics at once (PostgreSQL's autovacuum would
    only come by later; until then the inbox was planned as a scan of every submitted entry)."""
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    result.kemajuan("statistik perencana kueri diperbarui (ANALYZE)")
