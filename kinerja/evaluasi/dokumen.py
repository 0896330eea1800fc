"""Forms B (EVALUASI KINERJA PEGAWAI) and C (DOKUMEN EVALUASI KINERJA PEGAWAI): context, render, store."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, has_request_context

from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.dokumen.pdf import logo_data_uri, render_pdf, sha256_hex
from kinerja.evaluasi import rules
from kinerja.evaluasi.grafik import kurva_data_uri, qr_svg_data_uri
from kinerja.evaluasi.queries import capaian_efektif, kurva_evaluasi
from kinerja.format import angka as format_angka
from kinerja.models import Evaluasi
from kinerja.referensi import BERAKHLAK
from kinerja.skp.rules import JUDUL_FORM, judul_pendekatan
from kinerja.skp.services.cetak import tata_letak
from kinerja.waktu import tanggal, tanggal_waktu, to_local, utcnow

TEMPLATE = {"B": "dokumen/form_b_evaluasi.html", "C": "dokumen/form_c_dokumen_evaluasi.html"}
JUDUL = {"B": "EVALUASI KINERJA PEGAWAI", "C": "DOKUMEN EVALUASI KINERJA PEGAWAI"}
NAMA_JENIS = {"B": "Evaluasi Kinerja Pegawai", "C": "Dokumen Evaluasi Kinerja Pegawai"}


def verifikasi_url(ev: Evaluasi, base_url: str | None) -> str:
    base = (base_url or current_app.config.get("KINERJA_BASE_URL") or "http://localhost/").rstrip("/")
    return f"{base}/v/{ev.kode}"


def _periode_penilaian(ev: Evaluasi) -> str:
    mulai, selesai = ev.periode.tanggal_mulai, ev.periode.tanggal_selesai
    awal = tanggal(mulai, "d MMMM") if mulai.year == selesai.year else tanggal(mulai)
    return f"{awal} SD {tanggal(selesai)}".upper()


def _identitas(ev: Evaluasi) -> tuple[dict, dict, dict]:
    penilai = snapshot(ev.penilai) if ev.penilai is not None else snapshot_luar(ev.penilai_luar)
    atasan = snapshot(ev.atasan_penilai) if ev.atasan_penilai is not None else snapshot_luar(ev.atasan_penilai_luar)
    return (
        ev.snapshot_pegawai or snapshot(ev.pegawai),
        ev.snapshot_penilai or penilai,
        ev.snapshot_atasan_penilai or atasan,
    )


def hasil_kerja_rows(ev: Evaluasi) -> list[dict]:
    """Groups "A. UTAMA" / "B. TAMBAHAN", each with its RHK rows (IKI spanned)."""
    realisasi = {r.rhk_id: r for r in ev.realisasi}
    groups = []
    for kode, jenis in (("A", "Utama"), ("B", "Tambahan")):
        rows = []
        for rhk in [r for r in ev.skp.rhk if r.jenis == jenis]:
            real = realisasi.get(rhk.id)
            teks = (real.realisasi or "") if real else ""
            if real is not None and real.realisasi_angka is not None:
                satuan = next((i.satuan for i in rhk.iki if i.satuan), "") or ""
                angka = format_angka(real.realisasi_angka)
                teks = f"{teks} ({angka} {satuan})".strip() if teks else f"{angka} {satuan}".strip()
            rows.append({
                "nomor": len(rows) + 1,
                "intervensi": rhk.rhk_atasan.uraian if rhk.rhk_atasan else (rhk.intervensi_teks or ""),
                "uraian": rhk.uraian,
                "perspektif": rhk.perspektif or "",
                "penugasan_dari": rhk.penugasan_dari or "",
                "iki": list(rhk.iki) or [None],
                "rowspan": max(1, len(rhk.iki)),
                "realisasi": teks,
                "umpan_balik": (real.umpan_balik or "") if real else "",
            })
        groups.append({"judul": f"{kode}. {jenis.upper()}", "rows": rows})
    return groups


def perilaku_rows(ev: Evaluasi) -> list[dict]:
    ekspektasi = {p.nomor: p.ekspektasi for p in ev.skp.perilaku}
    umpan = {u.nomor: u.umpan_balik for u in ev.umpan_balik_perilaku}
    return [{"nomor": i, "nama": nama, "panduan": panduan, "ekspektasi": ekspektasi.get(i) or "",
             "umpan_balik": umpan.get(i) or ""} for i, (nama, panduan) in enumerate(BERAKHLAK, start=1)]


def _ttd(label: str, ident: dict, waktu, basah: bool, zona: str) -> dict:
    elektronik = None
    if waktu is not None and not basah:
        elektronik = f"Ditandatangani secara elektronik pada {tanggal_waktu(waktu, zona)}"
    return {"label": label, "nama": ident.get("nama"), "nip": ident.get("nip"), "elektronik": elektronik,
            "tanggal": to_local(waktu, zona).date() if waktu is not None and not basah else None}


def _ttd_penilai(ev: Evaluasi, ident: dict, basah: bool, zona: str) -> dict:
    """The penilai's signature; a paper signature recorded by the admin says so."""
    ttd = _ttd("Pejabat Penilai Kinerja", ident, ev.ttd_penilai_at, basah, zona)
    if ttd["elektronik"] and ev.ttd_penilai_manual:
        ttd["elektronik"] = (f"Ditandatangani manual (basah) pada {tanggal(ttd['tanggal'])}; pindaian tersimpan "
                             "pada instansi")
    return ttd


def konteks(ev: Evaluasi, jenis: str, base_url: str | None, basah: bool = False) -> dict:
    from kinerja.organisasi.services import get_instansi

    inst = get_instansi()
    pegawai, penilai, atasan = _identitas(ev)
    kurva = kurva_evaluasi(ev) if jenis == "B" else None
    return {
        "judul_dokumen": JUDUL[jenis],
        "ev": ev,
        "inst": inst,
        "logo": logo_data_uri(),
        "periode_label": ev.periode.nama.upper(),
        "periode_penilaian": _periode_penilaian(ev),
        "pegawai": pegawai, "penilai": penilai, "atasan_penilai": atasan,
        # Snapshot from finalisation; before that, what the unit has set so far.
        "capaian_organisasi": (ev.capaian_organisasi if ev.status in rules.SUDAH_FINAL
                               else capaian_efektif(ev.unit_id, ev.periode_id)[0]) or "",
        "kurva": kurva,
        "kurva_uri": kurva_data_uri(kurva) if kurva is not None else None,
        "pola": [(b, rules.pola_per_predikat(kurva.capaian_organisasi)[b.predikat]) for b in reversed(kurva.baris)]
        if kurva is not None else [],
        "tata_letak": tata_letak(ev.skp.jenis_form, ev.skp.pendekatan),
        "judul_pendekatan": judul_pendekatan(ev.skp.pendekatan),
        "judul_form": JUDUL_FORM.get(ev.skp.jenis_form, ""),
        "instansi_penilai": penilai.get("instansi") or " ".join(x for x in (inst.nama_dinas, inst.nama_pemda) if x),
        "hasil_kerja": hasil_kerja_rows(ev) if jenis == "B" else None,
        "perilaku": perilaku_rows(ev) if jenis == "B" else None,
        "qr": qr_svg_data_uri(verifikasi_url(ev, base_url)),
        "verifikasi_url": verifikasi_url(ev, base_url),
        "ttd_pegawai": _ttd("Pegawai yang Dinilai", pegawai, ev.ttd_pegawai_at, basah, inst.zona_waktu),
        "ttd_penilai": _ttd_penilai(ev, penilai, basah, inst.zona_waktu),
        "basah": basah,
        "draft": ev.status not in rules.SUDAH_FINAL,
        "ada_keberatan": ev.keberatan_alasan is not None,
        "kota": inst.kota_ttd,
    }


@contextmanager
def _render_context():
    """render_template needs a request context for our context processors (CLI, bench, demo)."""
    if has_request_context():
        yield
        return
    with current_app.test_request_context("/"):
        yield


def render(ev: Evaluasi, jenis: str, base_url: str | None, basah: bool = False) -> bytes:
    with _render_context():
        return render_pdf(TEMPLATE[jenis], **konteks(ev, jenis, base_url, basah))


def _folder() -> Path:
    folder = Path(current_app.config["UPLOAD_DIR"]) / "dokumen"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(name: str, content: bytes) -> None:
    path = _folder() / name
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def terbitkan(ev: Evaluasi, base_url: str | None, alasan: str) -> None:
    """Generate forms C and B once, store them, put their SHA-256 on the record (no commit)."""
    versi = (ev.dokumen_versi or 0) + 1
    ev.dokumen_versi = versi
    berkas = {}
    for jenis in ("C", "B"):
        content = render(ev, jenis, base_url)
        name = f"evaluasi-{ev.id}-v{versi}-{jenis}.pdf"
        _write(name, content)
        berkas[jenis] = (name, sha256_hex(content))
    ev.dokumen_c_berkas, ev.dokumen_c_sha256 = berkas["C"]
    ev.dokumen_b_berkas, ev.dokumen_b_sha256 = berkas["B"]
    ev.dokumen_at = utcnow()
    ev.riwayat_dokumen = list(ev.riwayat_dokumen or []) + [{
        "versi": versi, "alasan": alasan, "waktu": ev.dokumen_at.isoformat(),
        "dokumen_c_sha256": berkas["C"][1], "dokumen_b_sha256": berkas["B"][1],
    }]


def write_file(name: str, content: bytes) -> None:
    _write(name, content)


def stored_file(name: str) -> bytes | None:
    path = _folder() / os.path.basename(name)
    return path.read_bytes() if path.is_file() else None


def stored(ev: Evaluasi, jenis: str) -> bytes | None:
    name = ev.dokumen_c_berkas if jenis == "C" else ev.dokumen_b_berkas
    if not name:
        return None
    path = _folder() / os.path.basename(name)
    return path.read_bytes() if path.is_file() else None


def nama_berkas(ev: Evaluasi, jenis: str, basah: bool = False) -> str:
    dasar = "dokumen-evaluasi" if jenis == "C" else "evaluasi"
    return f"{dasar}-{ev.pegawai.nip}-{ev.periode.kode}{'-basah' if basah else ''}.pdf"
