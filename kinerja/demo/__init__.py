"""Demo data: the dinas of PRODUCT.md.  Each feature adds a module and a step here."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from kinerja.extensions import db
from kinerja.models import Pegawai

DEMO_PASSWORD = "kinerja-demo-2026"


@dataclass
class DemoResult:
    created: bool
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return "\n".join(self.lines)


def load_demo(scale: int | None = None, seed: int = 2026, only_if_empty: bool = False) -> DemoResult:
    from kinerja.demo import organisasi

    if only_if_empty and db.session.execute(select(func.count(Pegawai.id))).scalar_one():
        return DemoResult(False, ["Basis data sudah berisi data; data demo tidak dimuat ulang."])
    result = DemoResult(True)
    ctx = organisasi.load(result, seed=seed, scale=scale)
    for step in STEPS:
        step(result, ctx, seed=seed, scale=scale)
    return result


# Feature steps run after the organisation: step(result, ctx, seed=, scale=).
STEPS: list = []

from kinerja.demo import dialog as _demo_dialog  # noqa: E402

STEPS.append(_demo_dialog.load)

# SKP (C4): the current Tahun Kinerja and cascading SKPs; before aktivitas, which links to their RHK.
from kinerja.demo import skp as _demo_skp  # noqa: E402

STEPS.append(_demo_skp.load)

# Aktivitas harian: keep after the SKP step (entries link to the RHK of approved SKPs).
from kinerja.demo import aktivitas as _demo_aktivitas  # noqa: E402

STEPS.append(_demo_aktivitas.load)

# Evaluasi (C5): Semester I evaluations in every state; after the SKP and aktivitas steps.
from kinerja.demo import evaluasi as _demo_evaluasi  # noqa: E402

STEPS.append(_demo_evaluasi.load)
