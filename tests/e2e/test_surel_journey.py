"""Surel journeys against a server configured with SMTP (an aiosmtpd server started by the test):
"Lupa kata sandi?" from the login page to a new password, and "Pengaturan Notifikasi"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, _flask, _free_port, _new_page, _server_env, _wait_until_healthy
from tests.e2e.journey import expect_beranda, field, login
from tests.support.smtp import Kotak

NIP = "199203112019031007"
SANDI_LAMA = "kalimat-rahasia-awal-2026"
SANDI_BARU = "pohon-mangga-di-halaman-kantor"

_SIAPKAN = f"""
from kinerja import create_app
from kinerja.akun.services import hash_password
from kinerja.extensions import db
from kinerja.models import Akun, Instansi, Pegawai
app = create_app()
with app.app_context():
    db.session.add(Instansi(nama_pemda="Pemerintah Kabupaten Bukitintan", nama_dinas="Dinas Komunikasi dan Informatika",
                            alamat="Jl. Merdeka 1", kota_ttd="Bukitintan", zona_waktu="Asia/Jakarta"))
    p = Pegawai(nip="{NIP}", nama="Andi Pratama, S.Kom.", status="PNS", golongan="III/b", aktif=True,
                email="andi.pratama@diskominfo.bukitintankab.go.id")
    db.session.add(p)
    db.session.flush()
    db.session.add(Akun(pegawai_id=p.id, password_hash=hash_password("{SANDI_LAMA}"), aktif=True, harus_ganti_sandi=False))
    db.session.commit()
"""


@pytest.fixture(scope="module")
def server_surel(tmp_path_factory):
    """A waitress server whose KINERJA_MAIL_* point at an aiosmtpd server; yields (base URL, mailbox)."""
    from aiosmtpd.controller import Controller

    kotak = Kotak()
    smtp = Controller(kotak, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    instance = tmp_path_factory.mktemp("kinerja-e2e-surel")
    env = _server_env(instance) | {
        "KINERJA_MAIL_SERVER": "127.0.0.1", "KINERJA_MAIL_PORT": str(smtp.port), "KINERJA_MAIL_USE_TLS": "0",
        "KINERJA_MAIL_SENDER": "Kinerja <kinerja@bukitintankab.go.id>",
    }
    _flask(env, "db", "upgrade")
    subprocess.run([sys.executable, "-c", _SIAPKAN], cwd=ROOT, env=env, check=True, timeout=120)
    port = _free_port()
    env["KINERJA_BASE_URL"] = f"http://127.0.0.1:{port}/"
    log_path = instance / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "waitress-serve"), "--host", "127.0.0.1", "--port", str(port),
             "--threads", "4", "app:app"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    # The e-mail goes out in a background job: a consumer runs beside the server, as in `make run`.
    with open(instance / "jobs.log", "w") as log:
        konsumen = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "--workers", "1"],
                                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(f"{base_url}/healthz", proc, log_path)
        yield base_url, kotak
    finally:
        for p in (proc, konsumen):
            p.terminate()
            p.wait(timeout=10)
        smtp.stop()


@pytest.fixture
def tab_surel(chromium, server_surel, request):
    from tests.e2e.conftest import Tab

    context, page, visit = _new_page(chromium, server_surel[0], request, viewport={"width": 1280, "height": 900})
    yield Tab(page, visit), server_surel[1]
    context.close()


def test_lupa_kata_sandi_then_notification_settings(tab_surel):
    tab, kotak = tab_surel
    page = tab.page

    # --- "Lupa kata sandi?" → the link arrives by e-mail
    page.goto("/login")
    tab.visit.check("login-dengan-lupa-sandi")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    expect(page.get_by_role("heading", level=1, name="Lupa Kata Sandi")).to_be_visible()
    tab.visit.check("lupa-sandi")
    field(page, "NIP atau Nama Pengguna").fill(NIP)
    page.get_by_role("button", name="Kirim Tautan").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("tautan untuk mengganti kata sandi telah dikirim")).to_be_visible()
    tab.visit.check("lupa-sandi-terkirim")

    [msg] = kotak.tunggu(1, detik=30)  # delivered by the job consumer
    assert msg["To"] == "andi.pratama@diskominfo.bukitintankab.go.id"
    body = Kotak.isi(msg)
    assert "Yth. Andi Pratama" in body and body.count("http") == 1
    tautan = re.search(r"http://127\.0\.0\.1:\d+(/atur-ulang-sandi/\S+)", body).group(1)

    # --- the link sets a new password, once
    page.goto(tautan)
    expect(page.get_by_role("heading", level=1, name="Atur Ulang Kata Sandi")).to_be_visible()
    tab.visit.check("atur-ulang-sandi")
    field(page, "Kata Sandi Baru").fill(SANDI_BARU)
    field(page, "Ulangi Kata Sandi Baru").fill(SANDI_BARU)
    page.get_by_role("button", name="Simpan Kata Sandi").click()
    expect(page.get_by_text("Kata sandi baru tersimpan.")).to_be_visible()
    page.goto(tautan)
    expect(page.get_by_text("Tautan tidak berlaku")).to_be_visible()
    tab.visit.check("tautan-sudah-dipakai")

    login(tab, NIP, SANDI_BARU, check_form=False)
    expect_beranda(page)

    # --- Akun Saya › Pengaturan Notifikasi: announcements in the app only, SKP as a daily digest
    page.goto("/akun")
    page.get_by_role("link", name="Pengaturan Notifikasi").click()
    expect(page.get_by_role("heading", level=1, name="Pengaturan Notifikasi")).to_be_visible()
    expect(field(page, "Surel")).to_have_value("andi.pratama@diskominfo.bukitintankab.go.id")
    tab.visit.check("pengaturan-notifikasi")
    field(page, "Pengumuman diterbitkan dan undangan sosialisasi/bimtek").select_option(label="Hanya di aplikasi")
    field(page, "SKP diajukan, disetujui atau dikembalikan").select_option(label="Aplikasi + ringkasan harian (surel sekali sehari)")
    page.get_by_role("button", name="Simpan Pengaturan").click()
    expect(page.get_by_text("Pengaturan notifikasi tersimpan.")).to_be_visible()
    expect(field(page, "Pengumuman diterbitkan dan undangan sosialisasi/bimtek")).to_have_value("aplikasi")
    expect(field(page, "SKP diajukan, disetujui atau dikembalikan")).to_have_value("ringkasan")
    tab.visit.check("pengaturan-tersimpan")

    field(page, "Surel").fill("bukan surel")
    page.get_by_role("button", name="Simpan Surel").click()
    expect(page.locator("#surel-galat")).to_contain_text("Alamat surel tidak valid")
    tab.visit.check("surel-salah")
