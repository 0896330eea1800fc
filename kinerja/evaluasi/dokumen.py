"""Forms B (EVALUASI KINERJA PEGAWAI) and C (DOKUMEN EVALUASI KINERJA PEGAWAI): context, render, store."""

from __future__ import annotations

import secrets

from kinerja.alamat import alamat_dasar
from kinerja.dokumen import arsip
from kinerja.dokumen.identitas import snapshot, snapshot_luar
from kinerja.dokumen.pdf import logo_data_uri, render_pdf, sha256_hex
from kinerja.evaluasi import rules
from kinerja.evaluasi import snapshot as isi_skp
from kinerja.evaluasi.grafik import kurva_data_uri, qr_svg_data_uri
from kinerja.evaluasi.permissions import TanpaHasil, can_see_result
from kinerja.evaluasi.queries import capaian_efektif, kurva_evaluasi
from kinerja.format import angka as format_angka
from kinerja.models import DokumenEvaluasi, Evaluasi
from kinerja.skp.rules import JUDUL_FORM, judul_pendekatan
from kinerja.skp.services.cetak import tata_letak
from kinerja.waktu import tanggal, tanggal_waktu, to_local, utcnow

TEMPLATE = {"B": "dokumen/form_b_evaluasi.html", "C": "dokumen/form_c_dokumen_evaluasi.html"}
JUDUL = {"B": "EVALUASI KINERJA PEGAWAI", "C": "DOKUMEN EVALUASI KINERJA PEGAWAI"}
NAMA_JENIS = {"B": "Evaluasi Kinerja Pegawai", "C": "Dokumen Evaluasi Kinerja Pegawai"}


def verifikasi_url(kode: str, base_url: str | None) -> str:
    base = (base_url or alamat_dasar()).rstrip("/")
    return f"{base}/v/{kode}"


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
    """Groups "A. UTAMA" / "B. TAMBAHAN", each with its RHK rows (IKI spanned), from the snapshot."""
    realisasi = {r.rhk_id: r for r in ev.realisasi}
    groups = []
    for kode, jenis in (("A", "Utama"), ("B", "Tambahan")):
        rows = []
        for rhk in [r for r in ev.rhk_snapshot if r.jenis == jenis]:
            real = realisasi.get(rhk.rhk_id)
            teks = (real.realisasi or "") if real else ""
            if real is not None and real.realisasi_angka is not None:
                satuan = next((i.satuan for i in rhk.iki if i.satuan), "") or ""
                angka = format_angka(real.realisasi_angka)
                teks = f"{teks} ({angka} {satuan})".strip() if teks else f"{angka} {satuan}".strip()
            rows.append({
                "nomor": len(rows) + 1,
                "intervensi": rhk.intervensi or "",
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
    umpan = {u.nomor: u.umpan_balik for u in ev.umpan_balik_perilaku}
    return [{"nomor": p["nomor"], "nama": p["nama"], "panduan": p["panduan"], "ekspektasi": p.get("ekspektasi") or "",
             "umpan_balik": umpan.get(p["nomor"]) or ""} for p in isi_skp.perilaku(ev)]


def _ttd(label: str, ident: dict, waktu, zona: str, keterangan: str | None = None) -> dict:
    """One signature column (``waktu`` None: not signed electronically; the wet-signature print passes None)."""
    elektronik = f"Ditandatangani secara elektronik pada {tanggal_waktu(waktu, zona)}" if waktu is not None else None
    return {"label": label, "nama": ident.get("nama"), "nip": ident.get("nip"), "elektronik": elektronik,
            "keterangan": None if elektronik else keterangan,
            "tanggal": to_local(waktu, zona).date() if waktu is not None else None}


def _ttd_penilai(ev: Evaluasi, ident: dict, basah: bool, zona: str) -> dict:
    """The penilai's signature; a paper signature recorded by the admin says so."""
    ttd = _ttd("Pejabat Penilai Kinerja", ident, None if basah else ev.ttd_penilai_at, zona)
    if ttd["elektronik"] and ev.ttd_penilai_manual:
        ttd["elektronik"] = (f"Ditandatangani manual (basah) pada {tanggal(ttd['tanggal'])}; pindaian tersimpan "
                             "pada instansi")
    return ttd


def _keterangan_pegawai(ev: Evaluasi, diterbitkan: bool, zona: str) -> str | None:
    """A refusal to sign, or (on an issued version) a signature still missing: the pegawai need not
    sign for the result to be handed over (PP 30/2019)."""
    if ev.ttd_pegawai_ditolak_at is not None:
        teks = f"Pegawai menolak menandatangani (dicatat pejabat penilai pada {tanggal(to_local(ev.ttd_pegawai_ditolak_at, zona))})"
        return f"{teks}: {ev.ttd_pegawai_ditolak_catatan}" if ev.ttd_pegawai_ditolak_catatan else teks
    return "Belum ditandatangani saat versi dokumen ini diterbitkan" if diterbitkan else None


def konteks(ev: Evaluasi, jenis: str, base_url: str | None, basah: bool = False, kode: str | None = None,  # noqa: PLR0913  variant, version and viewer are independent
            penonton=None) -> dict:
    """``kode``: the verification code of the version being issued; without it the print is a
    DRAFT (or the wet-signature variant) and carries no QR code and no verification address.
    ``penonton``: who prints it (their ``can_see_result`` decides whether the result is on it, and
    which results the kurva counts); None for the documents stored at signing."""
    from kinerja.organisasi.services import get_instansi

    inst = get_instansi()
    pegawai, penilai, atasan = _identitas(ev)
    kurva = kurva_evaluasi(ev, penonton) if jenis == "B" else None
    isi = ev.snapshot_skp or {}  # the SKP content the evaluation rates, as opened
    jenis_form, pendekatan = isi.get("jenis_form") or ev.skp.jenis_form, isi.get("pendekatan") or ev.skp.pendekatan
    hasil_kerja = hasil_kerja_rows(ev) if jenis == "B" else None
    perilaku = perilaku_rows(ev) if jenis == "B" else None
    if penonton is not None and not can_see_result(penonton, ev):
        ev = TanpaHasil(ev)
        for row in [r for g in hasil_kerja or [] for r in g["rows"]] + (perilaku or []):
            row["umpan_balik"] = ""
    return {
        "judul_dokumen": JUDUL[jenis],
        "ev": ev,
        "inst": inst,
        "logo": logo_data_uri(),
        "periode_label": ev.periode.nama.upper(),
        "periode_penilaian": _periode_penilaian(ev),
        "pegawai": pegawai, "penilai": penilai, "atasan_penilai": atasan,
        # Snapshot from finalisation; before that, what the unit has set so far.
        "capaian_organisasi": (ev.capaian_organisasi or (None if ev.status in rules.TERKUNCI
                                                         else capaian_efektif(ev.unit_id, ev.periode_id)[0])) or "",
        "kurva": kurva,
        "kurva_uri": kurva_data_uri(kurva) if kurva is not None else None,
        "pola": [(b, rules.pola_per_predikat(kurva.capaian_organisasi)[b.predikat]) for b in reversed(kurva.baris)]
        if kurva is not None else [],
        "tata_letak": tata_letak(jenis_form, pendekatan),
        "judul_pendekatan": judul_pendekatan(pendekatan),
        "judul_form": JUDUL_FORM.get(jenis_form, ""),
        "instansi_penilai": penilai.get("instansi") or " ".join(x for x in (inst.nama_dinas, inst.nama_pemda) if x),
        "hasil_kerja": hasil_kerja,
        "perilaku": perilaku,
        "qr": qr_svg_data_uri(verifikasi_url(kode, base_url)) if kode else None,
        "verifikasi_url": verifikasi_url(kode, base_url) if kode else None,
        "versi_dokumen": (ev.dokumen_versi or 0) if kode else None,
        "ttd_pegawai": _ttd("Pegawai yang Dinilai", pegawai, None if basah else ev.ttd_pegawai_at, inst.zona_waktu,
                            None if basah else _keterangan_pegawai(ev, kode is not None, inst.zona_waktu)),
        "ttd_penilai": _ttd_penilai(ev, penilai, basah, inst.zona_waktu),
        "basah": basah,
        "draft": kode is None and not basah,
        "ada_keberatan": ev.keberatan_alasan is not None,
        "kota": inst.kota_ttd,
    }


def render(ev: Evaluasi, jenis: str, base_url: str | None, basah: bool = False, kode: str | None = None,  # noqa: PLR0913  as konteks
           penonton=None) -> bytes:
    with arsip.render_context():
        return render_pdf(TEMPLATE[jenis], **konteks(ev, jenis, base_url, basah, kode, penonton))


def terbitkan(ev: Evaluasi, base_url: str | None, alasan: str) -> DokumenEvaluasi:
    """Issue a new version of forms C and B with its own verification code; store the files and their
    SHA-256 (no commit).  Earlier versions stay stored and verifiable, marked as superseded."""
    versi = (ev.dokumen_versi or 0) + 1
    kode = secrets.token_urlsafe(12)
    ev.dokumen_versi, ev.kode = versi, kode  # the evaluation's code is its current version's
    item = DokumenEvaluasi(versi=versi, kode=kode, alasan=alasan[:200], diterbitkan_at=utcnow())
    berkas = {}
    for jenis in ("C", "B"):
        content = render(ev, jenis, base_url, kode=kode)
        name = f"evaluasi-{ev.id}-v{versi}-{jenis}.pdf"
        arsip.simpan(name, content)
        berkas[jenis] = (name, sha256_hex(content))
    item.dokumen_c_berkas, item.dokumen_c_sha256 = berkas["C"]
    item.dokumen_b_berkas, item.dokumen_b_sha256 = berkas["B"]
    ev.dokumen.append(item)
    ev.dokumen_c_berkas, ev.dokumen_c_sha256 = berkas["C"]
    ev.dokumen_b_berkas, ev.dokumen_b_sha256 = berkas["B"]
    ev.dokumen_at = item.diterbitkan_at
    ev.riwayat_dokumen = list(ev.riwayat_dokumen or []) + [{
        "versi": versi, "alasan": alasan, "waktu": ev.dokumen_at.isoformat(), "kode": kode,
        "dokumen_c_sha256": berkas["C"][1], "dokumen_b_sha256": berkas["B"][1],
    }]
    return item


def stored_version(item: DokumenEvaluasi, jenis: str) -> bytes | None:
    return arsip.baca(item.dokumen_c_berkas if jenis == "C" else item.dokumen_b_berkas)


def stored(ev: Evaluasi, jenis: str) -> bytes | None:
    return arsip.baca(ev.dokumen_c_berkas if jenis == "C" else ev.dokumen_b_berkas)


def nama_berkas(ev: Evaluasi, jenis: str, basah: bool = False) -> str:
    dasar = "dokumen-evaluasi" if jenis == "C" else "evaluasi"
    return f"{dasar}-{ev.pegawai.nip}-{ev.periode.kode}{'-basah' if basah else ''}.pdf"
