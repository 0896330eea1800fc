"""What the printed SKP (form A and its lampiran) needs."""

from __future__ import annotations

from datetime import date

from kinerja.skp import rules
from kinerja.skp.queries import get_skp, isi_skp
from kinerja.skp.rules import DISETUJUI
from kinerja.waktu import to_local


def tata_letak(jenis_form: str, pendekatan: str) -> str:
    """The annex layout of the HASIL KERJA table: "jpt", "kualitatif" or "standar"."""
    if jenis_form == rules.JENIS_FORM_JPT:
        return "jpt"
    return "kualitatif" if pendekatan == "Kualitatif" else "standar"


def _instansi_dinas() -> str:
    from kinerja.organisasi.services import get_instansi

    inst = get_instansi()
    return " ".join(x for x in (inst.nama_dinas, inst.nama_pemda) if x)


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
        "tata_letak": tata_letak(skp.jenis_form, skp.pendekatan),
        "instansi_penilai": (isi["penilai"].get("instansi") or _instansi_dinas()),
        "periode_mulai": date(skp.tahun, 1, 1),
        "periode_selesai": date(skp.tahun, 12, 31),
        "tanggal_ttd": to_local(skp.disetujui_at).date() if disetujui and skp.disetujui_at else None,
        "draft": not disetujui,
    }


def cetak_pdf(actor, skp_id: int) -> tuple[bytes, object]:
    """Form A and its lampiran as PDF bytes (the "Cetak SKP" button and Cetak Massal): (pdf, skp)."""
    from kinerja.dokumen import arsip
    from kinerja.dokumen.pdf import logo_data_uri, render_pdf
    from kinerja.organisasi.services import find_instansi

    ctx = cetak_context(actor, skp_id)
    with arsip.render_context():
        pdf = render_pdf("dokumen/form_a_skp.html", instansi=find_instansi(), logo=logo_data_uri(),
                         judul_dokumen=f"SKP {ctx['skp'].tahun} \u2014 {ctx['skp'].pegawai.nama}",
                         lampiran_judul=rules.LAMPIRAN_JUDUL, **ctx)
    return pdf, ctx["skp"]
