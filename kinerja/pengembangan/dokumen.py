"""Forms B.1.8 (UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA) and B.1.9 (EVALUASI KOMPETENSI PEGAWAI and the
RENCANA PENGEMBANGAN KOMPETENSI): context, render, store once when signed (DOMAIN.md §8 E)."""

from __future__ import annotations

import io

from flask import current_app

from kinerja.dokumen import arsip
from kinerja.dokumen.identitas import snapshot
from kinerja.dokumen.pdf import data_uri, logo_data_uri, render_pdf, sha256_hex
from kinerja.models import Evaluasi, RencanaPengembangan, UmpanBalikBimbingan
from kinerja.pengembangan import rules
from kinerja.waktu import tanggal_waktu, to_local

TEMPLATE = {"b18": "dokumen/form_e_b18_umpan_balik_bimbingan.html",
            "b19": "dokumen/form_e_b19_rencana_pengembangan.html"}
JUDUL = {"b18": "UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA",
         "b19": "EVALUASI KOMPETENSI DAN RENCANA PENGEMBANGAN KOMPETENSI PEGAWAI"}
NAMA_JENIS = {"b18": "Umpan Balik Pelaksanaan Bimbingan Kinerja (B.1.8)",
              "b19": "Evaluasi Kompetensi dan Rencana Pengembangan Kompetensi (B.1.9)"}


def verifikasi_url(kode: str, base_url: str | None = None) -> str:
    base = (base_url or current_app.config.get("KINERJA_BASE_URL") or "http://localhost/").rstrip("/")
    return f"{base}/pengembangan/v/{kode}"


def qr_data_uri(url: str) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True)
    return data_uri(buffer.getvalue(), "image/svg+xml")


def _ttd(label: str, ident: dict, waktu, zona: str) -> dict:
    return {"label": label, "nama": ident.get("nama"), "nip": ident.get("nip"),
            "elektronik": f"Ditandatangani secara elektronik pada {tanggal_waktu(waktu, zona)}" if waktu else None,
            "tanggal": to_local(waktu, zona).date() if waktu else None}


def _base(jenis: str, ev: Evaluasi, doc, signed: bool, base_url) -> dict:
    """``doc``: the RencanaPengembangan or UmpanBalikBimbingan (its snapshots and verification code)."""
    from kinerja.organisasi.services import get_instansi

    inst = get_instansi()
    snap_pegawai, snap_penilai = doc.snapshot_pegawai, doc.snapshot_penilai
    url = verifikasi_url(doc.kode, base_url) if signed else None
    return {
        "judul_dokumen": JUDUL[jenis], "inst": inst, "logo": logo_data_uri(), "ev": ev,
        "periode_label": f"{ev.periode.nama} {ev.periode.tanggal_mulai.year}".upper(),
        "pegawai": snap_pegawai or snapshot(ev.pegawai), "penilai": snap_penilai or snapshot(ev.penilai),
        "kota": inst.kota_ttd, "zona": inst.zona_waktu, "draft": not signed,
        # Drafts carry no verification address (QUALITY.md: signed documents only).
        "qr": qr_data_uri(url) if url else None, "verifikasi_url": url,
    }


def konteks_b18(ub: UmpanBalikBimbingan, ev: Evaluasi, base_url=None) -> dict:
    ctx = _base("b18", ev, ub, ub.ttd_pegawai_at is not None, base_url)
    nilai = list(ub.nilai or [])
    kelompok = []
    for judul, nomor, teks in rules.pernyataan_bernomor():
        if not kelompok or kelompok[-1]["judul"] != judul:
            kelompok.append({"judul": judul, "baris": []})
        kelompok[-1]["baris"].append({"nomor": nomor, "teks": teks,
                                      "nilai": nilai[nomor - 1] if len(nilai) >= nomor else None})
    ctx.update(kelompok=kelompok, skala=rules.SKALA_BIMBINGAN,
               ttd_pegawai=_ttd("Pegawai yang Dinilai", ctx["pegawai"], ub.ttd_pegawai_at, ctx["zona"]))
    return ctx


def konteks_b19(rencana: RencanaPengembangan, ev: Evaluasi, base_url=None) -> dict:
    ctx = _base("b19", ev, rencana, rencana.disepakati, base_url)
    ctx.update(
        kompetensi=list(rencana.kompetensi or []), skala=rules.SKALA_KOMPETENSI, kegiatan=list(rencana.kegiatan),
        total_jp=sum(k.jp for k in rencana.kegiatan),
        ttd_pegawai=_ttd("Pegawai yang Dinilai", ctx["pegawai"], rencana.ttd_pegawai_at, ctx["zona"]),
        ttd_penilai=_ttd("Pejabat Penilai Kinerja", ctx["penilai"], rencana.ttd_penilai_at, ctx["zona"]),
    )
    return ctx


def render(jenis: str, ctx: dict) -> bytes:
    with arsip.render_context():
        return render_pdf(TEMPLATE[jenis], **ctx)


def terbitkan_b19(rencana: RencanaPengembangan, ev: Evaluasi, base_url=None) -> None:
    content = render("b19", konteks_b19(rencana, ev, base_url))
    name = f"rencana-pengembangan-{rencana.id}-{rencana.kode[:8]}.pdf"
    arsip.simpan(name, content)
    rencana.dokumen_berkas, rencana.dokumen_sha256 = name, sha256_hex(content)


def terbitkan_b18(ub: UmpanBalikBimbingan, ev: Evaluasi, base_url=None) -> None:
    content = render("b18", konteks_b18(ub, ev, base_url))
    name = f"umpan-balik-bimbingan-{ub.id}-{ub.kode[:8]}.pdf"
    arsip.simpan(name, content)
    ub.dokumen_berkas, ub.dokumen_sha256 = name, sha256_hex(content)


def stored(name: str | None) -> bytes | None:
    return arsip.baca(name)
