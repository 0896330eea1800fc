"""The audit trail reads like a ledger (issue #15): event names in Indonesian words, before → after
as a readable diff, a search that finds words anywhere in the event."""

from kinerja.audit import buku


def test_event_names_in_indonesian_words():
    assert buku.label_aksi("login.berhasil") == "Login berhasil"
    assert buku.label_aksi("aktivitas.setujui") == "Aktivitas disetujui"
    assert buku.label_aksi("skp.kembalikan") == "SKP dikembalikan"
    assert buku.label_aksi("pegawai.buat") == "Pegawai dibuat"
    assert buku.label_aksi("evaluasi.ttd_penilai_manual") == "Evaluasi: tanda tangan manual pejabat penilai dicatat"
    assert buku.label_aksi("aneh.sesuatu_baru") == "Aneh: sesuatu baru"  # unknown: still words


def test_before_after_is_a_readable_diff_of_what_changed():
    baris = buku.perubahan({"status": "Diajukan", "versi": 1, "x": "sama"},
                           {"status": "Disetujui", "versi": 2, "x": "sama", "catatan": "Lengkap"})
    assert [(b.kunci, b.sebelum, b.sesudah) for b in baris] == [
        ("catatan", "–", "Lengkap"), ("status", "Diajukan", "Disetujui"), ("versi", "1", "2")]
    assert [(b.kunci, b.sebelum, b.sesudah) for b in buku.perubahan(None, {"tahun": 2026, "ok": True})] == [
        ("ok", "–", "ya"), ("tahun", "–", "2026")]
    assert buku.perubahan({"daftar": [1, 2]}, {"daftar": [1, 2, 3]})[0].sesudah == "1, 2, 3"


def test_search_words_match_event_labels():
    assert "login.berhasil" in buku.aksi_cocok("berhasil")
    assert "aktivitas.setujui" in buku.aksi_cocok("disetujui")
    assert buku.aksi_cocok("") == []
