"""Page contexts: everything a template shows, computed here (no queries or rules in templates)."""

from __future__ import annotations

from kinerja import kait
from kinerja.evaluasi import dokumen, forms, penetapan, queries, rules, services, snapshot
from kinerja.evaluasi.grafik import kurva_svg
from kinerja.evaluasi.permissions import (
    bawahan_untuk_hasil,
    can_decide_keberatan,
    can_see_result,
    can_set_batas,
    can_set_capaian,
    is_pegawai_of,
    is_penilai_of,
)
from kinerja.extensions import db
from kinerja.models import UnitKerja
from kinerja.organisasi.permissions import is_admin
from kinerja.waktu import today_local


def _realisasi_form(ev, rows) -> forms.RealisasiForm:
    form = forms.RealisasiForm(formdata=None)
    for row in rows:
        real = row["realisasi_obj"]
        form.entri.append_entry({
            "rhk_id": row["rhk"].rhk_id,
            "realisasi": real.realisasi if real else "",
            "realisasi_angka": real.realisasi_angka if real else None,
            "tautan": "\n".join(real.tautan or []) if real else "",
        })
    return form


def _penilaian_form(ev, rows, perilaku) -> forms.PenilaianForm:
    form = forms.PenilaianForm(formdata=None, rating_hasil_kerja=ev.rating_hasil_kerja or "",
                               rating_perilaku_kerja=ev.rating_perilaku_kerja or "",
                               catatan_rekomendasi=ev.catatan_rekomendasi or "")
    for row in rows:
        real = row["realisasi_obj"]
        form.rhk.append_entry({"rhk_id": row["rhk"].rhk_id, "umpan_balik": (real.umpan_balik or "") if real else ""})
    for p in perilaku:
        form.perilaku.append_entry({"nomor": p["nomor"], "umpan_balik": p["umpan_balik"]})
    return form


def _rows(ev) -> list[dict]:
    """One row per RHK of the evaluation's snapshot (never the live SKP)."""
    realisasi = {r.rhk_id: r for r in ev.realisasi}
    rhk_list = list(ev.rhk_snapshot)
    bukti = queries.aktivitas_per_rhk(ev.pegawai_id, [r.rhk_id for r in rhk_list], ev.periode.tanggal_mulai,
                                      ev.periode.tanggal_selesai)
    return [{
        "rhk": rhk,
        "nomor": i,
        "intervensi": rhk.intervensi or "",
        "iki": list(rhk.iki),
        "angka": any(k.target_angka is not None for k in rhk.iki),
        "satuan": next((k.satuan for k in rhk.iki if k.satuan), ""),
        "realisasi_obj": realisasi.get(rhk.rhk_id),
        "aktivitas": bukti[rhk.rhk_id],
    } for i, rhk in enumerate(rhk_list, start=1)]


def _nama(pegawai, luar) -> str | None:
    if pegawai is not None:
        return pegawai.nama
    if luar is not None:
        return f"{luar.nama} ({luar.jabatan}, {luar.instansi})"
    return None


def detail_context(actor, ev, **override) -> dict:
    rows = _rows(ev)
    perilaku = dokumen.perilaku_rows(ev)
    pegawai, penilai = is_pegawai_of(actor, ev), is_penilai_of(actor, ev)
    kurva = queries.kurva_evaluasi(ev, actor)
    rating_hasil_kepala, info_kepala = services.rating_hasil_untuk(ev, None)
    hari_ini = today_local()
    batas_keberatan = services.batas_keberatan(ev)
    ctx = {
        "title": f"Evaluasi {ev.periode.nama} — {ev.pegawai.nama}",
        "galat": None,
        "ev": ev,
        "rows": rows,
        "perilaku": perilaku,
        "is_pegawai": pegawai,
        "is_penilai": penilai,
        "bisa_isi": pegawai and rules.boleh(ev.status, "simpan_realisasi"),
        "bisa_nilai": penilai and rules.boleh(ev.status, "nilai"),
        "bisa_kembalikan": penilai and rules.boleh(ev.status, "kembalikan_realisasi"),
        "bisa_finalisasi": penilai and rules.boleh(ev.status, "finalisasi"),
        "bisa_ttd": (pegawai and rules.boleh(ev.status, "ttd_pegawai"))
        or (penilai and rules.boleh(ev.status, "ttd_penilai")),
        "menunggu_ttd_pegawai": penilai and ev.status == rules.DISERAHKAN,
        "bisa_tolak_ttd": penilai and rules.boleh(ev.status, "tolak_ttd"),
        "bisa_keberatan": pegawai and rules.keberatan_problem(ev.status, ev.tanggal_diterima, hari_ini) is None,
        "bisa_perbarui_skp": penilai and rules.boleh(ev.status, "perbarui_skp"),
        "skp_versi": snapshot.versi(ev),
        "bisa_jelaskan": penilai and ev.status == rules.KEBERATAN,
        "bisa_putuskan": can_decide_keberatan(actor, ev) and ev.status == rules.DIJELASKAN,
        "bisa_batas": can_set_batas(actor, ev) and ev.status == rules.DRAFT,
        "bisa_ttd_manual": is_admin(actor) and ev.penilai_luar_id is not None and ev.status == rules.TTD_PEGAWAI,
        "ttd_manual_form": forms.TtdManualForm(formdata=None),
        "nama_penilai": _nama(ev.penilai, ev.penilai_luar),
        "nama_atasan_penilai": _nama(ev.atasan_penilai, ev.atasan_penilai_luar),
        "bisa_basah": ev.status in rules.SUDAH_FINAL,
        "terkunci": ev.status in rules.TERKUNCI,
        "tampil_nilai": can_see_result(actor, ev),
        "batas_pengisian": services.batas_pengisian(ev),
        "batas_keberatan": batas_keberatan,
        "kurva": kurva,
        "kurva_svg": kurva_svg(kurva),
        "aturan": rules.aturan_predikat(ev.rating_hasil_kerja, ev.rating_perilaku_kerja)
        if ev.rating_hasil_kerja and ev.rating_perilaku_kerja else None,
        "capaian_efektif": queries.capaian_efektif(ev.unit_id, ev.periode_id)[0],
        "info_kepala": info_kepala,
        "rating_hasil_kepala": rating_hasil_kepala,
        "dialog": queries.dialog_periode(actor, ev),
        "semester": queries.hasil_semester(ev) if ev.periode.jenis == "akhir" else [],
        "aksi_form": forms.AksiForm(),
        "realisasi_form": _realisasi_form(ev, rows),
        "penilaian_form": _penilaian_form(ev, rows, perilaku),
        "kembalikan_form": forms.KembalikanForm(formdata=None),
        "batas_form": forms.BatasForm(formdata=None, batas=ev.batas_pengisian_khusus),
        "keberatan_form": forms.KeberatanForm(formdata=None),
        "penjelasan_form": forms.PenjelasanForm(formdata=None),
        "keputusan_form": forms.KeputusanForm(formdata=None),
        "tolak_form": forms.TolakTandaTanganForm(formdata=None),
        "tanpa_atasan_penilai": ev.atasan_penilai_id is None and ev.status in (rules.KEBERATAN, rules.DIJELASKAN),
        "keberatan_dibuka": ev.status in (rules.DISERAHKAN, rules.SELESAI) and batas_keberatan is not None
        and hari_ini <= batas_keberatan,
        "keberatan_lewat": pegawai and ev.status in (rules.DISERAHKAN, rules.SELESAI) and batas_keberatan is not None
        and hari_ini > batas_keberatan,
        "keberatan_belum_dibuka": pegawai and ev.status not in rules.TERKUNCI,
    }
    ctx.update(override)
    ctx["bagian_tambahan"] = kait.sections("evaluasi", actor, ev)
    ctx["realisasi_items"] = list(zip(rows, ctx["realisasi_form"].entri, strict=False))  # a re-posted form may carry fewer entries
    ctx["umpan_rhk_items"] = list(zip(rows, ctx["penilaian_form"].rhk, strict=False))  # a re-posted form may carry fewer entries
    ctx["umpan_perilaku_items"] = list(zip(perilaku, ctx["penilaian_form"].perilaku, strict=False))  # a re-posted form may carry fewer entries
    if ctx["semester"]:
        ctx["semester_rows"] = _semester_rows(rows, ctx["semester"])
        ctx["semester_hasil"] = {s.id: can_see_result(actor, s) for s in ctx["semester"]}
    return ctx


def _semester_rows(rows, semester) -> list[dict]:
    """Akhir: the realisasi of each RHK in each semester, side by side."""
    by_sem = [{r.rhk_id: r for r in ev.realisasi} for ev in semester]
    return [{"uraian": row["rhk"].uraian,
             "nilai": [(m.get(row["rhk"].rhk_id).realisasi if m.get(row["rhk"].rhk_id) else "–") for m in by_sem]}
            for row in rows]


def unit_context(actor, unit, periode, form) -> dict:
    pimpinan = queries.kurva_pimpinan(unit.id, periode.id, actor)
    kurva = pimpinan.hasil
    daftar = queries.unit_evaluasi(unit.id, periode.id)
    bawahan = bawahan_untuk_hasil(actor)
    langsung = queries.capaian_langsung(unit.id, periode.id)
    capaian, dari_unit = queries.capaian_efektif(unit.id, periode.id)
    if not form.is_submitted() and langsung is not None:
        form.capaian.data = langsung.capaian
    return {
        "title": f"Kurva Distribusi — {unit.nama}",
        "unit": unit,
        "periode": periode,
        "periodes": queries.list_periode(),
        "kurva": kurva,
        "kurva_svg": kurva_svg(kurva),
        "rincian": pimpinan.rincian,
        "diperiksa_di": db.session.get(UnitKerja, pimpinan.diperiksa_di) if pimpinan.diperiksa_di else None,
        "capaian": capaian,
        "capaian_warisan": capaian is not None and dari_unit != unit.id,
        "daftar": daftar,
        "hasil_terlihat": {ev.id: can_see_result(actor, ev, bawahan) for ev in daftar},
        "bisa_capaian": can_set_capaian(actor, unit) and not (langsung is not None and langsung.ttd_at is not None),
        "penetapan": langsung,
        "status_penetapan": penetapan.status_penetapan(langsung),
        "bisa_ttd_penetapan": penetapan.can_sign_penetapan(actor, unit, langsung),
        "ttd_form": forms.TandaTanganForm(formdata=None),
        "form": form,
    }
