"""Pengembangan rules: forms B.1.8/B.1.9, activities and JP."""

from datetime import date

import pytest

from kinerja.errors import DomainError
from kinerja.pengembangan import rules
from kinerja.unggahan import sniff


def test_nine_statements_in_three_groups():
    rows = rules.pernyataan_bernomor()
    assert [n for _, n, _ in rows] == list(range(1, 10))
    assert rows[0][2] == "Saya merasa diperhatikan dan dipahami"
    assert rows[5][2] == "Lebih banyak menggunakan metode bertanya dibandingkan menggurui"
    assert rows[8][2] == "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini"
    assert len({g for g, _, _ in rows}) == 3


@pytest.mark.parametrize("nilai", [[5] * 8, [5] * 10, [5] * 8 + [0], [5] * 8 + [6], [5] * 8 + [None], None])
def test_nilai_bimbingan_refuses_incomplete_or_out_of_scale(nilai):
    with pytest.raises(DomainError) as err:
        rules.check_nilai_bimbingan(nilai)
    assert err.value.field == "nilai"


def test_nilai_bimbingan_accepts_nine_ratings():
    assert rules.check_nilai_bimbingan([1, 2, 3, 4, 5, 5, 4, 3, 2]) == [1, 2, 3, 4, 5, 5, 4, 3, 2]


def test_kompetensi_drops_blank_rows_and_checks_complete_ones():
    rows = [("Analisis data", 3, "Cukup"), ("", None, ""), ("  ", "", " ")]
    assert rules.check_kompetensi(rows) == [{"kompetensi": "Analisis data", "nilai": 3, "alasan": "Cukup"}]


@pytest.mark.parametrize("row, pesan", [
    (("", 3, "alasan"), "nama kompetensi"),
    (("Analisis", 6, "alasan"), "1–5"),
    (("Analisis", -1, "alasan"), "1–5"),
    (("Analisis", 3, ""), "alasan"),
])
def test_kompetensi_refuses_incomplete_rows(row, pesan):
    with pytest.raises(DomainError, match=pesan):
        rules.check_kompetensi([row])


def _data(**kw):
    base = dict(kesenjangan="Keamanan aplikasi", jenis="Pelatihan", uraian="", jp=12, target_tanggal=date(2026, 9, 1))
    base.update(kw)
    return rules.KegiatanData(**base)


@pytest.mark.parametrize("kw, field", [
    ({"kesenjangan": " "}, "kesenjangan"),
    ({"jenis": "Liburan"}, "jenis"),
    ({"jp": 0}, "jp"),
    ({"jp": None}, "jp"),
    ({"jp": rules.JP_MAKS + 1}, "jp"),
    ({"target_tanggal": None}, "target_tanggal"),
    ({"target_tanggal": date(2026, 1, 1)}, "target_tanggal"),
])
def test_kegiatan_refused(kw, field):
    with pytest.raises(DomainError) as err:
        rules.check_kegiatan(_data(**kw), date(2026, 2, 1))
    assert err.value.field == field


@pytest.mark.parametrize("jenis", rules.JENIS_KEGIATAN)
def test_every_activity_kind_is_accepted(jenis):
    assert rules.check_kegiatan(_data(jenis=jenis), date(2026, 2, 1)).jenis == jenis


@pytest.mark.parametrize("total, persen, kurang, tercapai", [
    (0, 0, 20, False), (12, 60, 8, False), (20, 100, 0, True), (26, 100, 0, True), (None, 0, 20, False)])
def test_capaian_jp_against_twenty(total, persen, kurang, tercapai):
    c = rules.capaian_jp(total)
    assert (c.target, c.persen, c.kurang, c.tercapai) == (20, persen, kurang, tercapai)


@pytest.mark.parametrize("args, field", [
    (("Hadiah", "x", date(2026, 1, 1), "1"), "jenis"),
    (("Penghargaan", " ", date(2026, 1, 1), "1"), "uraian"),
    (("Sanksi", "Teguran", None, "1"), "tanggal"),
    (("Sanksi", "Teguran", date(2026, 1, 1), " "), "nomor_sk"),
])
def test_tindak_lanjut_refused(args, field):
    with pytest.raises(DomainError) as err:
        rules.check_tindak_lanjut(*args)
    assert err.value.field == field


def test_only_a_signed_evaluation_starts_a_plan():
    assert not rules.sudah_ditandatangani(None)
    assert rules.sudah_ditandatangani(date(2026, 1, 1))


def test_attachment_type_is_read_from_content():
    import io
    import zipfile

    def ooxml(marker):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<x/>")
            z.writestr(marker, "<x/>")
        return buf.getvalue()

    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(ooxml("ppt/presentation.xml")) == "pptx"
    assert sniff(ooxml("word/document.xml")) == "docx"
    assert sniff(b"<html><script>") is None
    assert sniff(b"PK\x03\x04garbage") is None
