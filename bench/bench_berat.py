"""Benchmark P8 "page weight" (docs/KUALITAS.md): first load ≤ 150 KB compressed, htmx partials ≤ 20 KB.

Standalone: ``.venv/bin/python bench/bench_berat.py`` (also run by ``make bench``; about 20 s).

A fresh SQLite database in a temporary folder (create_all + the normal demo), the production app in this
process, clients logged in through the test client as the roles of ``explain_daftar.roles`` (staf, kepala
seksi, kepala OPD).  The staf's today gets 8 one-minute entries, later 30.

First load: the page's HTML plus every same-origin subresource a browser fetches for it (``<link
rel=stylesheet|icon href>``, ``<script src>``, the htmx loader's ``data-local`` copy of htmx, ``<img src>``
and the ``url(...)`` references inside each stylesheet, resolved against the stylesheet's URL; ``data:``
URLs and other origins are left out), each fetched once through the test client.  Partials: the day
fragment, one htmx quick-entry save (on the 8- and the 30-entry day) and one Setujui in the verification
inbox.  Sizes are response bodies (HTTP headers not counted), compressed as the README's nginx sends them:
gzip level 5 for the gzip_types from 1024 bytes on, everything else (woff, png) as it is.  KB = 1024 bytes.
A measurement, not a test: it exits 0 whatever it finds.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_skala import isian_simpan  # noqa: E402  the quick-entry form of a one-minute entry

KB = 1024
BATAS_MUAT, BATAS_FRAGMEN = 150 * KB, 20 * KB
GZIP_TYPES = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml"}  # the README's gzip_types (nginx always adds text/html)
GZIP_MIN = 1024  # gzip_min_length
ASAL = "http://127.0.0.1/"  # KINERJA_BASE_URL: the page's origin
CSRF_RE = re.compile(r'"X-CSRFToken": "([^"]+)"')
ID_RE = re.compile(r'"aktivitasTersimpan": \{"id": (\d+)')
TAG_RE = re.compile(r"<(link|script|img)\b[^>]*>", re.I)
ATTR_RE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
NAV_RE = re.compile(r'<a class="nav-link[^"]*" href="([^"]+)">([^<]+)</a>')


def kawat(body: bytes, mimetype: str) -> int:
    """Bytes over the wire behind the README's nginx (gzip_comp_level 5, gzip_min_length 1024, gzip_types)."""
    if mimetype in GZIP_TYPES and len(body) >= GZIP_MIN:
        return len(gzip.compress(body, compresslevel=5))
    return len(body)


def kb(n: int) -> str:
    return f"{n / KB:7.1f} KB"


_SEMENTARA: list[Path] = []


def _setup():
    instance = Path(tempfile.mkdtemp(prefix="kinerja-bench-berat-"))
    _SEMENTARA.append(instance)
    os.environ.update(KINERJA_ENV="production", KINERJA_INSTANCE_PATH=str(instance),
                      KINERJA_DATABASE_URL=f"sqlite:///{instance / 'kinerja.db'}", KINERJA_SECURE_COOKIES="0",
                      KINERJA_SECRET_KEY=secrets.token_hex(32), KINERJA_BASE_URL=ASAL)
    from explain_daftar import roles
    from sqlalchemy import delete

    from kinerja import create_app
    from kinerja.demo import load_demo
    from kinerja.extensions import db
    from kinerja.models import Aktivitas
    from kinerja.waktu import today_local

    app = create_app("production")
    logging.getLogger("kinerja").setLevel(logging.WARNING)
    with app.app_context():
        db.create_all()
        load_demo()
        akun = roles(db)
        who = {name: a.get_id() for name, a in akun.items()}
        staf_id, today = akun["staf"].pegawai_id, today_local()
        db.session.execute(delete(Aktivitas).where(Aktivitas.pegawai_id == staf_id, Aktivitas.tanggal == today))
        db.session.commit()
    return app, who, staf_id, today.isoformat()


def masuk(app, user_id: str):
    """A test client signed in as account ``user_id`` (the session a password login leaves)."""
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"], sess["_fresh"] = user_id, True
        sess["login_at"] = sess["last_seen"] = int(time.time())
    return client


class Aset:
    """Every subresource fetched once: path → (mimetype, raw bytes, wire bytes, body)."""

    def __init__(self, client):
        self.client, self.ukuran = client, {}

    def _path(self, base: str, ref: str) -> str | None:
        url = urlsplit(urljoin(base, unescape(ref).strip()))
        if url.scheme not in ("http", "https") or url.netloc != urlsplit(ASAL).netloc:
            return None  # data: URLs, the CDN
        return url.path  # without ?v=… (the same bytes)

    def _fetch(self, path: str) -> bytes:
        if path not in self.ukuran:
            r = self.client.get(path)
            body = r.get_data() if r.status_code == 200 else b""
            if r.status_code != 200:
                print(f"   PERINGATAN: aset {path} menjawab {r.status_code}; dihitung 0")
            self.ukuran[path] = (r.mimetype, len(body), kawat(body, r.mimetype), body)
        return self.ukuran[path][3]

    def untuk(self, page_url: str, html: str) -> set[str]:
        """The same-origin subresources of one page, stylesheets' url(...) included."""
        refs = []
        for tag in TAG_RE.finditer(html):
            attrs = {k.lower(): v for k, v in ATTR_RE.findall(tag.group(0))}
            name = tag.group(1).lower()
            if name == "link" and {"stylesheet", "icon"} & set(attrs.get("rel", "").lower().split()):
                refs.append(attrs.get("href"))
            elif name in ("script", "img"):
                refs += [attrs.get("src"), attrs.get("data-local")]  # data-local: the htmx loader's local htmx
        paths = {p for ref in refs if ref and (p := self._path(urljoin(ASAL, page_url), ref))}
        todo = list(paths)
        while todo:
            path = todo.pop()
            body = self._fetch(path)
            if self.ukuran[path][0] == "text/css":
                for _, ref in CSS_URL_RE.findall(body.decode("utf-8", "replace")):
                    p = self._path(urljoin(ASAL, path), ref)
                    if p and p not in paths:
                        paths.add(p)
                        todo.append(p)
        return paths


def muat_pertama(hasil: list, nama: str, client, url: str, aset: Aset) -> str | None:
    """One page's first load; its HTML, or None when the page is not there for this role."""
    r = client.get(url, follow_redirects=True)
    if r.status_code != 200:
        print(f"   {nama:<34} DILEWATI: {url} menjawab {r.status_code}")
        return None
    html = r.get_data()
    paths = aset.untuk(r.request.path, html.decode())
    html_w, aset_w = kawat(html, r.mimetype), sum(aset.ukuran[p][2] for p in paths)
    total = html_w + aset_w
    ok = total <= BATAS_MUAT
    hasil.append((f"muat pertama {nama}", ok, False))
    ke = f" (→ {r.request.path})" if r.request.path != urlsplit(url).path else ""
    print(f"   {nama:<34} HTML {kb(len(html))} → {kb(html_w)}  aset {len(paths):2d} berkas {kb(aset_w)}  "
          f"total {kb(total)}  {'TERPENUHI' if ok else 'TIDAK terpenuhi'}{ke}")
    return html.decode()


def fragmen(hasil: list, nama: str, r) -> None:
    assert r.status_code == 200, (nama, r.status_code)
    body = r.get_data()
    w = kawat(body, r.mimetype)
    ok = w <= BATAS_FRAGMEN
    hasil.append((f"fragmen {nama}", ok, len(body) > BATAS_FRAGMEN))
    mentah = "  ← mentah > 20 KB" if len(body) > BATAS_FRAGMEN else ""
    print(f"   {nama:<42} mentah {kb(len(body))}  terkompresi {kb(w)}  "
          f"{'TERPENUHI' if ok else 'TIDAK terpenuhi'}{mentah}")


def hari_staf(hasil: list, staf, today: str, aset: Aset) -> None:
    """The Aktivitas page, its day fragment and one quick save, on a day of 8 and then of 30 entries."""
    token = CSRF_RE.search(staf.get("/aktivitas").get_data(as_text=True)).group(1)
    htmx = {"HX-Request": "true", "X-CSRFToken": token}
    minutes = [420 + i * 60 for i in range(8)] + [900 + i * 2 for i in range(22)]  # 07:00…14:00, then 15:00…
    ada = 0
    for n in (8, 30):
        for i in range(ada, n):
            uraian = f"Menyusun bahan rapat koordinasi pengelolaan website pemda, bagian {i + 1}"
            r = staf.post("/aktivitas", data=isian_simpan(today, minutes[i], uraian), headers=htmx)
            assert r.status_code == 200, r.status_code
        ada = n
        muat_pertama(hasil, f"Aktivitas Harian ({n} entri), staf", staf, "/aktivitas", aset)
        fragmen(hasil, f"GET /aktivitas?tanggal (hari {n} entri)",
                staf.get(f"/aktivitas?tanggal={today}", headers={"HX-Request": "true"}))
        r = staf.post("/aktivitas", data=isian_simpan(today, 300, "Memeriksa surel dinas (simpan cepat)"), headers=htmx)
        fragmen(hasil, f"POST /aktivitas simpan (hari {n} entri)", r)
        r = staf.post(f"/aktivitas/{ID_RE.search(r.headers['HX-Trigger']).group(1)}/hapus", headers=htmx)
        assert r.status_code == 200, r.status_code  # the day stays at n entries
    r = staf.post("/aktivitas/ajukan", data={"tanggal": today}, headers=htmx)  # to the kepala seksi's inbox
    assert r.status_code == 200, r.status_code


def main() -> int:
    try:
        return _ukur()
    finally:
        for folder in _SEMENTARA:  # the throwaway database (only the folder this run made)
            shutil.rmtree(folder, ignore_errors=True)


def _ukur() -> int:
    started = time.perf_counter()
    app, who, staf_id, today = _setup()
    print("Berat halaman (P8): data demo, SQLite, dalam proses; KB = 1024 bita; terkompresi = gzip level 5 "
          "seperti nginx di README (gzip_min_length 1024; woff/png apa adanya); isi respons tanpa header HTTP.")
    print(f"Sasaran: muat pertama ≤ {BATAS_MUAT // KB} KB terkompresi; fragmen htmx ≤ {BATAS_FRAGMEN // KB} KB "
          f"terkompresi.  Basis data siap dalam {time.perf_counter() - started:.0f} s.")
    staf, kasi, kadis = (masuk(app, who[r]) for r in ("staf", "kepala seksi", "kepala OPD"))
    aset, hasil = Aset(staf), []

    print("\n== muat pertama (HTML + aset) dan fragmen htmx hari ini")
    hari_staf(hasil, staf, today, aset)
    print("\n== muat pertama halaman utama (hari staf sudah diajukan)")
    for client, peran in ((staf, "staf"), (kasi, "kepala seksi")):
        muat_pertama(hasil, f"Beranda, {peran}", client, "/", aset)
    inbox = muat_pertama(hasil, "Verifikasi, kepala seksi", kasi, "/verifikasi/", aset)
    for judul, url in (("SKP", "/skp/"), ("Evaluasi", "/evaluasi/"), ("Dialog Kinerja", "/dialog"),
                       ("Laporan", "/laporan/")):
        for client, peran in ((staf, "staf"), (kasi, "kepala seksi")):
            muat_pertama(hasil, f"{judul}, {peran}", client, url, aset)
    nav = NAV_RE.findall(kadis.get("/").get_data(as_text=True))
    dasbor = [(href, label.strip()) for href, label in nav if "dasbor" in (href + label).lower()]
    if not dasbor:
        print("   (tidak ada dasbor di navigasi kepala OPD)")
    for href, label in dasbor:
        muat_pertama(hasil, f"{label} ({href}), kepala OPD", kadis, href, aset)

    print("\n   aset yang diambil (dihitung sekali per halaman yang memuatnya):")
    for path, (mime, raw, w, _) in sorted(aset.ukuran.items()):
        print(f"     {path:<48} {mime:<24} mentah {kb(raw)}  terkompresi {kb(w)}")

    print("\n== fragmen Setujui di kotak masuk verifikasi (kepala seksi)")
    if inbox is None:
        print("   DILEWATI: halaman Verifikasi tidak terbuka")
    else:
        setujui(hasil, kasi, inbox, *diajukan(app, staf_id, today))

    gagal = [nama for nama, ok, _ in hasil if not ok]
    besar = [nama for nama, _, lebih in hasil if lebih]
    print(f"\n== ringkasan: {len(hasil) - len(gagal)} dari {len(hasil)} pengukuran memenuhi sasaran P8")
    print("   semua terpenuhi" if not gagal else "   TIDAK terpenuhi: " + "; ".join(gagal))
    if besar:
        print("   catatan: isi MENTAH > 20 KB (sasaran dinilai pada ukuran terkompresi): " + "; ".join(besar))
    print(f"   selesai dalam {time.perf_counter() - started:.0f} s")
    return 0


def diajukan(app, staf_id: int, today: str) -> tuple[int, int]:
    """The id and version of the staf's first entry submitted today."""
    from sqlalchemy import select

    from kinerja.extensions import db
    from kinerja.models import Aktivitas

    with app.app_context():
        return tuple(db.session.execute(
            select(Aktivitas.id, Aktivitas.versi).where(Aktivitas.pegawai_id == staf_id, Aktivitas.status == "Diajukan",
                                                        Aktivitas.tanggal == date.fromisoformat(today))
            .order_by(Aktivitas.id)).first())


def setujui(hasil: list, kasi, inbox: str, aid: int, versi: int) -> None:
    """Approve one entry as the inbox row's Setujui button posts it (its name/value ``a<id>-versi`` and
    hx-vals ``tampilan=tabel``; CSRF in the header); the answer is that entry's <tbody>."""
    token = CSRF_RE.search(inbox).group(1)
    r = kasi.post(f"/verifikasi/aktivitas/{aid}/setujui", data={f"a{aid}-versi": str(versi), "tampilan": "tabel"},
                  headers={"HX-Request": "true", "X-CSRFToken": token})
    fragmen(hasil, "POST /verifikasi/aktivitas/<id>/setujui", r)


if __name__ == "__main__":
    sys.exit(main())
