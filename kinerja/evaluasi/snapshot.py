"""The SKP content an evaluation rates, frozen when it is opened (issue #9 §1, DOMAIN.md §6.6).

Rating, forms B/C, the detail page and every re-issue read these rows, never the live SKP: a later
revision of the SKP does not touch an evaluation already opened.  The penilai may refresh the
snapshot ("Perbarui dari SKP") from the latest approved version while nobody has signed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kinerja.extensions import db
from kinerja.models import Evaluasi, EvaluasiIki, EvaluasiRhk, Skp
from kinerja.referensi import BERAKHLAK
from kinerja.skp.versi import isi_disetujui
from kinerja.waktu import utcnow


def _angka(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _perilaku(isi: dict) -> list[dict]:
    ekspektasi = {p.get("nomor"): p.get("ekspektasi") or "" for p in isi.get("perilaku", [])}
    return [{"nomor": n, "nama": nama, "panduan": list(panduan), "ekspektasi": ekspektasi.get(n, "")}
            for n, (nama, panduan) in enumerate(BERAKHLAK, start=1)]


def ambil(ev: Evaluasi, skp: Skp, **terakhir) -> int | None:
    """Replace the evaluation's snapshot with the latest approved version of ``skp`` (no commit).

    Returns the version number taken, or None when the SKP has no approved version to take.
    ``terakhir=``: that version when the caller read it already (see ``isi_disetujui``).
    """
    got = isi_disetujui(skp, **terakhir)
    if got is None:
        return None
    versi, isi = got
    if ev.rhk_snapshot:
        ev.rhk_snapshot.clear()
        db.session.flush()  # the old rows go before the new ones (unique evaluasi_id, rhk_id)
    for urutan, r in enumerate((r for r in isi.get("rhk", []) if r.get("id") is not None), start=1):
        row = EvaluasiRhk(rhk_id=r["id"], jenis=r.get("jenis") or "Utama", uraian=r.get("uraian") or "",
                          urutan=urutan, intervensi=r.get("intervensi") or None,
                          penugasan_dari=r.get("penugasan_dari") or None, perspektif=r.get("perspektif") or None)
        for nomor, i in enumerate(r.get("iki", []), start=1):
            row.iki.append(EvaluasiIki(aspek=i.get("aspek") or "", indikator=i.get("indikator") or "",
                                       target_teks=i.get("target_teks") or "", target_angka=_angka(i.get("target_angka")),
                                       satuan=i.get("satuan") or None, urutan=nomor))
        ev.rhk_snapshot.append(row)
    ev.snapshot_skp = {"versi": versi, "pendekatan": isi.get("pendekatan"), "jenis_form": isi.get("jenis_form"),
                       "perilaku": _perilaku(isi)}
    ev.snapshot_skp_at = utcnow()
    return versi


def perilaku(ev: Evaluasi) -> list[dict]:
    """The seven perilaku with the ekspektasi khusus as approved (snapshot)."""
    return (ev.snapshot_skp or {}).get("perilaku") or _perilaku({})


def versi(ev: Evaluasi) -> int | None:
    return (ev.snapshot_skp or {}).get("versi")
