"""Importing pegawai from CSV/XLSX: the CLI command, the service, and the admin pages."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from kinerja.errors import PermissionDenied
from kinerja.extensions import db
from kinerja.models import Akun, AuditEvent, Jabatan, Pegawai
from kinerja.organisasi.impor import apply_import, check_import
from tests.support.factories import PASSWORD

HEADER = ["NIP", "Nama Lengkap", "Pangkat / Gol. Ruang", "Nama Jabatan", "Unit Kerja", "NIP Atasan",
          "Status Kepegawaian", "E-mail"]
NEW = ["198001012005011001", "198102022006012002", "198203032007011003", "198304042008012004"]
NIP_PPPK = "199001012022212001"


def good_rows(org) -> list[list[str]]:
    return [
        [NEW[0], "Andi Kasi", "Penata, III/c", "Kepala Seksi Data", "Seksi Uji", org.kabid.nip, "PNS", "andi@dinas.go.id"],
        [NEW[1], "Budi Staf", "3a", "Pranata Komputer Ahli Pertama", "", NEW[0], "", ""],     # atasan: earlier row
        [NEW[2], "Cici Staf", "II/b", "Pengadministrasi Umum", "", NEW[3], "CPNS", ""],       # atasan: later row
        [NEW[3], "Dedi Kabid", "Pembina (IV/a)", "Kepala Bidang Data", "bidang lain ", org.kadis.nip, "PNS", ""],
        [NIP_PPPK, "Eka PPPK", "IX", "Analis Kebijakan Ahli Pertama", "Bidang Uji", org.kabid.nip, "PPPK", ""],
        [org.staf1.nip, "Staf Satu", "III/b", "", "Seksi Uji", org.kasi.nip, "PNS", ""],      # golongan changes
        [org.staf2.nip, "Staf Dua", "III/a", "", "Seksi Uji", org.kasi.nip, "PNS", ""],       # identical
    ]


def bad_rows(org) -> tuple[list[list[str]], dict[int, str]]:
    """Rows with one problem each, and {row number: expected message part}."""
    a, b = "197001012000011001", "197102022000011002"
    rows = [
        [NEW[0], "Baik Sekali", "III/a", "", "Seksi Uji", org.kasi.nip, "", ""],              # 2 ok
        ["12345", "NIP Pendek", "III/a", "", "", "", "", ""],                                 # 3
        [NEW[1], "Gol Aneh", "V/z", "", "", "", "", ""],                                      # 4
        [NEW[2], "Atasan Hilang", "III/a", "", "", "197501012000031099", "", ""],            # 5
        [NEW[0], "Ganda", "III/a", "", "", "", "", ""],                                       # 6
        [a, "Lingkar A", "III/a", "", "Seksi Uji", b, "", ""],                                # 7
        [b, "Lingkar B", "III/a", "", "Seksi Uji", a, "", ""],                                # 8
        [NEW[3], "Unit Antah", "III/a", "", "Bidang Antah", "", "", ""],                      # 9
        ["198505052010011005", "Surel Salah", "III/a", "", "", "", "", "bukan-email"],        # 10
        [org.kadis.nip, "Kepala Dinas Uji", "IV/c", "", "Dinas Uji", org.staf1.nip, "", ""],  # 11 cycle via DB
        ["198606062011012006", "Diri Sendiri", "III/a", "", "", "198606062011012006", "", ""],  # 12
    ]
    expected = {
        3: "NIP harus 18 digit angka.",
        4: "Pangkat/golongan 'V/z' tidak dikenal",
        5: "Atasan dengan NIP 197501012000031099 tidak ditemukan",
        6: "ganda: sudah ada di baris 2",
        7: "Rantai atasan melingkar",
        8: "Rantai atasan melingkar",
        9: "Unit kerja 'Bidang Antah' tidak ditemukan; buat dulu di Admin → Unit Kerja",
        10: "Alamat e-mail 'bukan-email' tidak valid.",
        11: "Rantai atasan melingkar",
        12: "atasan dirinya sendiri",
    }
    return rows, expected


def write_csv(path: Path, rows, header=HEADER, delimiter=";", encoding="utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def xlsx_bytes(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data Pegawai"
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def counts():
    db.session.expire_all()
    return (db.session.scalar(select(func.count(Pegawai.id))), db.session.scalar(select(func.count(Akun.id))),
            db.session.scalar(select(func.count(Jabatan.id))), db.session.scalar(select(func.count(AuditEvent.id))))


def events(aksi: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.aksi == aksi))


def pegawai(nip: str) -> Pegawai:
    db.session.expire_all()
    return db.session.execute(select(Pegawai).where(Pegawai.nip == nip)).scalar_one()


# ------------------------------------------------------------------ CLI

@pytest.mark.parametrize("dry_run", [True, False])
def test_cli_file_with_errors_reports_every_row_and_changes_nothing(runner, org, tmp_path, dry_run):
    rows, expected = bad_rows(org)
    path = write_csv(tmp_path / "salah.csv", rows)
    before = counts()
    result = runner.invoke(args=["import-pegawai", str(path)] + (["--dry-run"] if dry_run else []))
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    for baris, message in expected.items():
        assert any(line.startswith(f"Baris {baris}: ") and message in line for line in lines), (baris, result.output)
    assert not any(line.startswith("Baris 2: ") for line in lines)
    assert "10 dari 11 baris bermasalah" in result.output and "Tidak ada yang diimpor" in result.output
    assert counts() == before
    assert pegawai(org.kadis.nip).atasan_id is None


def test_cli_dry_run_on_good_file_plans_and_writes_nothing(runner, org, tmp_path):
    path = write_csv(tmp_path / "simpeg.csv", good_rows(org))
    before = counts()
    result = runner.invoke(args=["import-pegawai", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "pemisah titik koma" in result.output
    assert "Rencana: 5 pegawai baru, 1 diperbarui, 1 tidak berubah." in result.output
    assert "Pangkat/Golongan: III/a → III/b" in result.output
    assert "Uji coba: tidak ada yang disimpan." in result.output
    assert counts() == before


def test_cli_import_csv_then_reimport_changes_nothing(runner, org, tmp_path):
    path = write_csv(tmp_path / "simpeg.csv", good_rows(org))
    pegawai_before, akun_before, _, _ = counts()
    result = runner.invoke(args=["import-pegawai", str(path)])
    assert result.exit_code == 0, result.output
    assert "Impor selesai: 5 pegawai dibuat, 1 diperbarui, 1 tidak berubah." in result.output
    assert "Atur Ulang Kata Sandi" in result.output
    pegawai_after, akun_after, _, _ = counts()
    assert (pegawai_after - pegawai_before, akun_after - akun_before) == (5, 5)

    andi, budi, cici, dedi, eka = (pegawai(n) for n in (*NEW, NIP_PPPK))
    assert (andi.golongan, andi.unit_id, andi.atasan_id, andi.email) == ("III/c", org.seksi.id, org.kabid.id,
                                                                          "andi@dinas.go.id")
    assert (budi.atasan_id, budi.unit_id, budi.status, budi.golongan) == (andi.id, org.seksi.id, "PNS", "III/a")
    assert (cici.atasan_id, cici.unit_id, cici.status) == (dedi.id, org.bidang2.id, "CPNS")
    assert (eka.status, eka.golongan, eka.jenis_kelamin) == ("PPPK", "IX", None)
    assert andi.tanggal_lahir == date(1980, 1, 1) and andi.jenis_kelamin == "L"
    assert (andi.jabatan.nama, andi.jabatan.jenis) == ("Kepala Seksi Data", "Pengawas")
    assert (budi.jabatan.jenis, budi.jabatan.jenjang) == ("Fungsional", "Ahli Pertama")
    akun = db.session.execute(select(Akun).where(Akun.pegawai_id == budi.id)).scalar_one()
    assert akun.harus_ganti_sandi and akun.aktif
    assert pegawai(org.staf1.nip).golongan == "III/b"
    assert (events("pegawai.buat"), events("pegawai.ubah"), events("pegawai.impor"), events("jabatan.buat")) == (5, 1, 1, 5)
    summary = db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "pegawai.impor")).scalar_one()
    assert summary.aktor_label == "cli" and '"dibuat":5' in summary.sesudah

    before = counts()
    again = runner.invoke(args=["import-pegawai", str(path)])
    assert again.exit_code == 0, again.output
    assert "Impor selesai: 0 pegawai dibuat, 0 diperbarui, 7 tidak berubah." in again.output
    pegawai_n, akun_n, jabatan_n, audit_n = counts()
    assert (pegawai_n, akun_n, jabatan_n) == before[:3]
    assert (events("pegawai.buat"), events("pegawai.ubah")) == (5, 1)
    assert audit_n == before[3] + 1  # only the summary event of the second run


def test_cli_import_xlsx(runner, org, tmp_path):
    path = tmp_path / "simpeg.xlsx"
    path.write_bytes(xlsx_bytes(good_rows(org)))
    result = runner.invoke(args=["import-pegawai", str(path)])
    assert result.exit_code == 0, result.output
    assert "XLSX (lembar pertama: 'Data Pegawai')" in result.output
    assert "5 pegawai dibuat, 1 diperbarui, 1 tidak berubah" in result.output
    again = runner.invoke(args=["import-pegawai", str(path), "--dry-run"])
    assert "Rencana: 0 pegawai baru, 0 diperbarui, 7 tidak berubah." in again.output


def test_cli_xlsx_with_nip_stored_as_number_is_refused(runner, org, tmp_path):
    rows = good_rows(org)
    rows[1][0] = float(rows[1][0])   # what Excel does to a NIP column formatted as Number
    rows[3][5] = float(rows[3][5])
    path = tmp_path / "angka.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    before = counts()
    result = runner.invoke(args=["import-pegawai", str(path)])
    assert result.exit_code == 1
    assert "Baris 3: NIP tersimpan sebagai angka di Excel; ubah kolom NIP menjadi teks" in result.output
    assert "Baris 5: NIP Atasan tersimpan sebagai angka di Excel" in result.output
    assert counts() == before


@pytest.mark.parametrize("content, message", [
    (b"", "Berkas kosong"),
    (b"NIP;Nama\n", "hanya berisi baris judul"),
    (b"Kode;Keterangan\n1;2\n", "Kolom wajib tidak ditemukan: NIP, Nama"),
    (b"\x00\xff\x13garbage\x01" * 50, "bukan teks CSV"),
])
def test_cli_unusable_file(runner, org, tmp_path, content, message):
    path = tmp_path / "rusak.csv"
    path.write_bytes(content)
    result = runner.invoke(args=["import-pegawai", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert message in result.output


# ------------------------------------------------------------------ service

def test_service_refuses_non_admin(org):
    staf = db.session.execute(select(Akun).where(Akun.pegawai_id == org.staf1.id)).scalar_one()
    with pytest.raises(PermissionDenied):
        check_import(staf, b"NIP;Nama\n", "a.csv")
    with pytest.raises(PermissionDenied):
        apply_import(staf, b"NIP;Nama\n", "a.csv")


def test_a_row_lists_all_its_problems(org):
    content = b"NIP;Nama;Unit Kerja;E-mail\n123;;Bidang Antah;x@\n"
    [row] = check_import(org.admin, content, "a.csv").rows
    assert row.baris == 2 and len(row.errors) == 4, row.errors


def test_inactive_atasan_is_refused(org, factory):
    pensiun = factory.pegawai("Sudah Pensiun", unit=org.seksi, aktif=False)
    content = f"NIP;Nama;NIP Atasan\n{NEW[0]};Andi;{pensiun.nip}\n{pensiun.nip};Sudah Pensiun;\n".encode()
    report = check_import(org.admin, content, "a.csv")
    assert [baris for baris, _ in report.errors] == [2]
    assert f"Atasan dengan NIP {pensiun.nip} (Sudah Pensiun) sudah nonaktif" in report.errors[0][1]


def test_moving_a_pimpinan_releases_the_flag_and_keeps_other_fields(org):
    content = f"NIP,Nama,Unit Kerja\n{org.kasi.nip},Kepala Seksi Uji,Bidang Lain\n".encode()
    report = apply_import(org.admin, content, "mutasi.csv")
    assert report.applied and report.diperbarui == 1, report.lines()
    kasi = pegawai(org.kasi.nip)
    assert (kasi.unit_id, kasi.pimpinan, kasi.golongan, kasi.atasan_id) == (org.bidang2.id, False, "III/d", org.kabid.id)
    assert "pegawai.ubah" in {e.aksi for e in db.session.execute(select(AuditEvent)).scalars()}


def test_ten_thousand_rows_are_checked_without_trouble(org):
    start = date(1950, 1, 1)
    lines = ["NIP;Nama;Gol;Unit Kerja"]
    for i in range(10_000):
        born = start + timedelta(days=i)
        lines.append(f"{born:%Y%m%d}201001{1 + i % 2}{1 + i % 999:03d};Pegawai {i};III/a;Seksi Uji")
    report = check_import(org.admin, "\n".join(lines).encode(), "besar.csv")
    assert report.errors == [] and report.dibuat == 10_000


# ------------------------------------------------------------------ admin UI

IMPOR_BUTTON = ">Impor Sekarang</button>"


def upload(browser, content: bytes, name: str, **kwargs):
    return browser.post("/admin/impor", data={"berkas": (io.BytesIO(content), name)},
                        content_type="multipart/form-data", **kwargs)


def token_in(html: str) -> str | None:
    match = re.search(r'value="([0-9a-f]{32})"', html)
    return match.group(1) if match else None


def test_admin_upload_preview_then_import(browser, org, app):
    assert browser.login("admin", PASSWORD).status_code == 302
    page = browser.get("/admin/impor")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'for="berkas"' in html and "Berkas Pegawai (CSV/XLSX)" in html and "Periksa" in html
    assert "Impor Pegawai" in browser.get("/admin").get_data(as_text=True)

    content = xlsx_bytes(good_rows(org))
    before = counts()
    r = upload(browser, content, "simpeg.xlsx")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    assert "Semua 7 baris valid." in html and IMPOR_BUTTON in html
    assert "Rencana: 5 pegawai baru, 1 diperbarui, 1 tidak berubah." in html
    assert "III/a → III/b" in html and "Atur Ulang Kata Sandi" in html
    assert counts() == before
    token = token_in(html)
    stored = Path(app.config["UPLOAD_DIR"]) / "impor" / f"{token}.bin"
    assert stored.exists()

    r = browser.post("/admin/impor/jalankan", {"token": token})
    assert r.status_code == 302 and r.headers["Location"].endswith("/admin/impor")
    assert not stored.exists()
    assert counts()[0] == before[0] + 5
    done = browser.get("/admin/impor").get_data(as_text=True)
    assert "Impor selesai: 5 pegawai dibuat, 1 diperbarui, 1 tidak berubah." in done
    summary = db.session.execute(select(AuditEvent).where(AuditEvent.aksi == "pegawai.impor")).scalar_one()
    assert summary.aktor_id == org.admin.id

    # The token is spent.
    assert browser.post("/admin/impor/jalankan", {"token": token}).status_code == 404
    # The same file again: nothing to import, no button.
    again = upload(browser, content, "simpeg.xlsx").get_data(as_text=True)
    assert "Rencana: 0 pegawai baru, 0 diperbarui, 7 tidak berubah." in again and IMPOR_BUTTON not in again


def test_admin_preview_lists_every_bad_row(browser, org):
    browser.login("admin", PASSWORD)
    rows, expected = bad_rows(org)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    r = upload(browser, buf.getvalue().encode("cp1252"), "salah.csv")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "10 dari 11 baris bermasalah." in html and IMPOR_BUTTON not in html
    for baris, message in expected.items():
        assert f"<td>{baris}</td>" in html
        assert message.replace("'", "&#39;").replace("→", "→") in html, message


def test_admin_upload_as_htmx_returns_the_panel_fragment(browser, org):
    browser.login("admin", PASSWORD)
    r = upload(browser, xlsx_bytes(good_rows(org)), "simpeg.xlsx", htmx=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<html" not in html and IMPOR_BUTTON in html
    assert "HX-Request" in r.headers.get("Vary", "")
    full = browser.get("/admin/impor")
    assert "<html" in full.get_data(as_text=True) and "HX-Request" in full.headers.get("Vary", "")


@pytest.mark.parametrize("content, name, message", [
    (b"", "kosong.csv", "Berkas kosong."),
    (b"NIP;Nama\n", "judul.csv", "hanya berisi baris judul"),
    (b"Kode;Keterangan\n1;2\n", "kolom.csv", "Kolom wajib tidak ditemukan: NIP, Nama"),
    (bytes(range(256)) * 20, "acak.csv", "bukan teks CSV"),
    (b"PK\x03\x04" + bytes(range(256)) * 20, "rusak.xlsx", "rusak atau bukan berkas Excel"),
    (b"NIP;Nama\n1;2\n", "data.xls", "Hanya berkas .csv atau .xlsx"),
    (b"NIP;Nama\n1;2\n", "data.txt", "Hanya berkas .csv atau .xlsx"),
])
def test_admin_malformed_file_gives_422_with_message(browser, org, content, name, message):
    browser.login("admin", PASSWORD)
    r = upload(browser, content, name)
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)


def test_admin_file_over_5_mb_is_refused(browser, org):
    browser.login("admin", PASSWORD)
    # A hand-built body: the test client would spool a large upload to a file it never closes.
    boundary = "batas-uji"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="besar.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n").encode() + b"NIP;Nama\n" + b"x" * (5 * 1024 * 1024) + \
        f"\r\n--{boundary}--\r\n".encode()
    r = browser.post("/admin/impor", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 422 and "Ukuran berkas maksimal 5 MB." in r.get_data(as_text=True)


def test_admin_token_must_be_valid_and_own(browser, make_browser, org, factory):
    browser.login("admin", PASSWORD)
    html = upload(browser, xlsx_bytes(good_rows(org)), "simpeg.xlsx").get_data(as_text=True)
    token = token_in(html)
    factory.admin("admin2")
    other = make_browser()
    other.login("admin2", PASSWORD)
    before = counts()
    assert other.post("/admin/impor/jalankan", {"token": token}).status_code == 404
    assert browser.post("/admin/impor/jalankan", {"token": "../../etc/passwd"}).status_code == 400
    assert browser.post("/admin/impor/jalankan", {}).status_code == 400
    assert counts() == before


def test_non_admin_gets_403(browser, org):
    browser.login(org.staf1.nip, PASSWORD)
    assert browser.get("/admin/impor").status_code == 403
    assert upload(browser, b"NIP;Nama\n", "a.csv").status_code == 403
    assert browser.post("/admin/impor/jalankan", {"token": "0" * 32}).status_code == 403


def test_post_without_csrf_is_refused(browser, org):
    browser.login("admin", PASSWORD)
    r = upload(browser, b"NIP;Nama\n", "a.csv", csrf=False)
    assert r.status_code == 400
    assert "Sesi formulir kedaluwarsa, muat ulang halaman." in r.get_data(as_text=True)
    assert browser.post("/admin/impor/jalankan", {"token": "0" * 32}, csrf=False).status_code == 400
