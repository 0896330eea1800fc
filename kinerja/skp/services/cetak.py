"""What the printed SKP (form A and its lampiran) needs."""

from __future__ import annotations

from datetime import date

from kinerja.skp import rules
from kinerja.skp.queries import get_skp, isi_skp
from kinerja.skp.rules import DISETUJUI
from kinerja.waktu import to_local


def cetak_context(actor, skp_id: int) -> dict:
    """What templates/dokumen/form_a_skp.html needs (the PDF of form A + lampiran)."""
    skp = get_skp(actor, skp_id)
    isi = isi_skp(skp)
    disetujui = skp.status == DISETUJUI
    return {
        "skp": skp,
        "isi": isi,
        "kelompok": rules.kelompokkan(isi["rhk"], jenis_of=lambda r: r["jenis"]),
        "judul_pendekatan": rules.judul_pendekatan(skp.pendekatan),
        "judul_form": rules.JUDUL_FORM[skp.jenis_form],
        "periode_mulai": date(skp.tahun, 1, 1),
        "periode_selesai": date(skp.tahun, 12, 31),
        "tanggal_ttd": to_local(skp.disetujui_at).date() if disetujui and skp.disetujui_at else None,
        "draft": not disetujui,
    }
